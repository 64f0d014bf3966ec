"""Foutmeldingen aan de afzender: welk veld, wat er mis is en wat hij moet doen."""

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from hub.berichten.bericht import BERICHTTYPEN
from hub.berichten.retour import Fout
from hub.berichten.velden import Veld, zoek_veld


class BerichtFout(Exception):
    """Een bericht is niet te lezen of voldoet niet aan de standaard; `fouten` zegt waarom."""

    def __init__(self, fouten: Iterable[Fout]) -> None:
        self.fouten: list[Fout] = list(fouten)
        super().__init__("; ".join(f.melding for f in self.fouten))

    @classmethod
    def schema(cls, melding: str, veld: str | None = None) -> "BerichtFout":
        return cls([Fout(code="SCHEMA", veld=veld, melding=melding)])


def pad_tekst(pad: Iterable[str | int]) -> str:
    tekst = ""
    for stap in pad:
        tekst += f"[{stap}]" if isinstance(stap, int) else (f".{stap}" if tekst else stap)
    return tekst


def _omschrijving(veld: Veld) -> str:
    if not veld.beschrijving:
        return ""
    tekst = veld.beschrijving.rstrip(".")
    return f" ({tekst[0].lower()}{tekst[1:]})"


def melding_ontbreekt(pad: str, veld: Veld | None) -> str:
    if veld is None:
        return f"Veld '{pad}' ontbreekt: vul het aan volgens de berichtenstandaard."
    return f"Veld '{pad}' ontbreekt{_omschrijving(veld)}. Verwacht: {veld.hint}."


def melding_onbekend(pad: str) -> str:
    return f"Veld '{pad}' hoort niet in dit bericht: laat het weg of controleer de spelling."


def melding_ongeldig(pad: str, veld: Veld | None, waarom: str | None = None) -> str:
    reden = f" ({waarom})" if waarom else ""
    if veld is None:
        return f"Veld '{pad}' heeft een ongeldige waarde{reden}: controleer het tegen de berichtenstandaard."
    return f"Veld '{pad}' heeft een ongeldige waarde{reden}. Verwacht: {veld.hint}."


_REDENEN = {
    "string_too_long": "te lang",
    "string_too_short": "leeg",
    "string_pattern_mismatch": "verkeerde vorm",
    "string_type": "geen tekst",
    "int_type": "geen geheel getal",
    "bool_type": "geen true of false",
    "greater_than_equal": "te klein",
    "less_than_equal": "te groot",
    "literal_error": "niet toegestaan",
    "too_short": "te weinig elementen",
    "too_long": "te veel elementen",
    "list_type": "geen lijst",
    "model_type": "geen object",
    "model_attributes_type": "geen object",
    "timezone_aware": "tijdzone ontbreekt",
    "decimaal_als_tekst": "een JSON-getal met breuk is onnauwkeurig",
    "decimaal_vorm": "geen getal met hoogstens twee decimalen",
    "datum_vorm": "geen datum als JJJJ-MM-DD",
    "tijdstip_vorm": "geen tijdstip met tijdzone",
    "uuid_vorm": "geen UUID met streepjes",
}


_TYPE_HINT = "geef een van de berichttypen uit de berichtenstandaard op, bijv. 'oproep' of 'factuur'"


def _fout_uit(soort: str, context: dict[str, Any], loc: list[str | int], model: type[BaseModel] | None) -> Fout:
    if "veld" in context:
        loc = [*loc, context["veld"]]
    pad = pad_tekst(loc)
    veld = zoek_veld(model, loc) if model is not None else None
    if soort == "union_tag_not_found":
        return Fout(code="SCHEMA", veld="type", melding=f"Veld 'type' ontbreekt: {_TYPE_HINT}.")
    if soort == "union_tag_invalid":
        return Fout(code="SCHEMA", veld="type", melding=f"Veld 'type' is onbekend: {_TYPE_HINT}.")
    if not loc:
        melding = "Het bericht is geen object: stuur één JSON-object per bericht."
    elif soort == "missing" or soort.endswith("_verplicht"):
        melding = melding_ontbreekt(pad, veld)
    elif soort == "extra_forbidden":
        melding = melding_onbekend(pad)
    else:
        melding = melding_ongeldig(pad, veld, _REDENEN.get(soort))
    return Fout(code="SCHEMA", veld=pad or None, melding=melding)


def fouten_uit_validatie(fout: ValidationError, model: type[BaseModel] | None = None) -> list[Fout]:
    """Vertaal pydantic-validatiefouten naar `Fout`en met het camelCase-pad van het veld.

    Zonder `model` komt de fout van de unie `Bericht`: het eerste deel van het pad is dan het type.
    """
    uitkomst = []
    for detail in fout.errors(include_url=False, include_input=False):
        loc = list(detail["loc"])
        doel = model
        if model is None and loc and isinstance(loc[0], str) and loc[0] in BERICHTTYPEN:
            doel = BERICHTTYPEN[loc[0]]
            loc.pop(0)
        uitkomst.append(_fout_uit(detail["type"], detail.get("ctx") or {}, loc, doel))
    return uitkomst
