"""Foutmeldingen aan de afzender: welk veld, wat er mis is en wat hij moet doen."""

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from hub.berichten.bericht import BERICHTTYPEN
from hub.berichten.retour import Fout
from hub.berichten.velden import Veld, zoek_veld

MAX_FOUTEN = 100
"""Zoveel fouten noemt een retour hoogstens; daarna één slotregel met het aantal dat nog volgt."""
MAX_PAD = 120
"""Een veldpad uit het bericht wordt in meldingen ingekort tot zoveel tekens."""


class BerichtFout(Exception):
    """Een bericht is niet te lezen of voldoet niet aan de standaard; `fouten` zegt waarom (hoogstens
    `MAX_FOUTEN`, plus een slotregel), zodat de retour klein blijft, hoe kapot het bericht ook is."""

    def __init__(self, fouten: Iterable[Fout], *, meer: int = 0) -> None:
        """`meer`: zoveel fouten zijn er nog die niet in `fouten` staan."""
        self.fouten: list[Fout] = _begrensd(fouten, meer)
        super().__init__("; ".join(f.melding for f in self.fouten[:3]))

    @classmethod
    def schema(cls, melding: str, veld: str | None = None) -> "BerichtFout":
        return cls([Fout(code="SCHEMA", veld=veld, melding=melding)])


def _begrensd(fouten: Iterable[Fout], meer: int = 0) -> list[Fout]:
    eerste: list[Fout] = []
    rest = meer
    for fout in fouten:
        if len(eerste) < MAX_FOUTEN:
            eerste.append(fout)
        else:
            rest += 1
    if rest:
        eerste.append(
            Fout(
                code="SCHEMA",
                melding=f"En nog {rest} fouten: herstel eerst de fouten hierboven en stuur het bericht opnieuw.",
            )
        )
    return eerste


def pad_tekst(pad: Iterable[str | int]) -> str:
    """Het veldpad als 'regels[0].bedrag'; een naam uit het bericht zelf alleen met leesbare tekens en ingekort."""
    tekst = ""
    for stap in pad:
        if isinstance(stap, int):
            tekst += f"[{stap}]"
        else:
            stap = "".join(teken if teken.isprintable() else "?" for teken in stap[: MAX_PAD + 1])
            tekst += f".{stap}" if tekst else stap
        if len(tekst) > MAX_PAD:
            return tekst[: MAX_PAD - 1] + "…"
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


def fouten_uit_validatie(fout: ValidationError, model: type[BaseModel] | None = None, limiet: int | None = None) -> list[Fout]:
    """Vertaal pydantic-validatiefouten naar `Fout`en met het camelCase-pad van het veld.

    Zonder `model` komt de fout van de unie `Bericht`: het eerste deel van het pad is dan het type.
    `limiet`: alleen de eerste zoveel vertalen.
    """
    uitkomst = []
    for detail in fout.errors(include_url=False, include_input=False)[:limiet]:
        loc = list(detail["loc"])
        doel = model
        if model is None and loc and isinstance(loc[0], str) and loc[0] in BERICHTTYPEN:
            doel = BERICHTTYPEN[loc[0]]
            loc.pop(0)
        uitkomst.append(_fout_uit(detail["type"], detail.get("ctx") or {}, loc, doel))
    return uitkomst


def berichtfout_uit_validatie(fout: ValidationError, model: type[BaseModel] | None = None) -> BerichtFout:
    """Als `fouten_uit_validatie`, maar vertaalt alleen wat in de retour komt; de rest wordt geteld."""
    return BerichtFout(fouten_uit_validatie(fout, model, MAX_FOUTEN), meer=max(fout.error_count() - MAX_FOUTEN, 0))
