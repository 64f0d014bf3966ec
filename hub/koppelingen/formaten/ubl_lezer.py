"""Lezen van UBL-elementen met foutmeldingen die het UBL-element noemen.

Een `UblLezer` verzamelt alle structurele fouten van één document (code SCHEMA) en onthoudt bij elk
veld van het model uit welk UBL-element het kwam, zodat ook een fout die het model later vindt het
UBL-element kan noemen.
"""

import re
from decimal import Decimal
from typing import Any, TypeVar

from lxml import etree
from pydantic import BaseModel, ValidationError

from hub.berichten.fouten import BerichtFout, fouten_uit_validatie
from hub.berichten.retour import Fout

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS = {"cbc": CBC, "cac": CAC}
UBL_INVOICE = "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice"
UBL_CREDITNOTE = "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote"
VALUTA = "EUR"

_DECIMAAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_MAX_FOUTEN = 100


def ingekort(tekst: str, lengte: int = 40) -> str:
    """Een waarde uit het document, veilig om in een melding te herhalen: één regel, leesbare tekens, kort."""
    tekst = "".join(teken if teken.isprintable() else "?" for teken in " ".join(tekst.split()))
    return tekst if len(tekst) <= lengte else tekst[: lengte - 1] + "…"


class UblLezer:
    def __init__(self) -> None:
        self.fouten: list[Fout] = []
        self.herkomst: dict[str, str] = {}
        self._verzwegen: set[str] = set()

    def fout(self, melding: str, veld: str | None = None) -> None:
        self.fouten.append(Fout(code="SCHEMA", veld=veld, melding=melding))

    def onthoud(self, veld: str, ubl_pad: str) -> None:
        self.herkomst[veld] = ubl_pad

    def verzwijg(self, veld: str) -> None:
        """Het veld ontbreekt door een fout die al gemeld is; het model hoeft het niet nog eens te melden."""
        self._verzwegen.add(veld)

    def gemelde_velden(self) -> set[str]:
        return {f.veld for f in self.fouten if f.veld} | self._verzwegen

    def alle_fouten(self) -> list[Fout]:
        if len(self.fouten) <= _MAX_FOUTEN:
            return list(self.fouten)
        rest = len(self.fouten) - _MAX_FOUTEN
        return [
            *self.fouten[:_MAX_FOUTEN],
            Fout(
                code="SCHEMA",
                melding=f"En nog {rest} fouten: herstel eerst de bovenstaande en stuur de factuur opnieuw.",
            ),
        ]

    def element(self, ouder: etree._Element | None, pad: str, ubl_pad: str) -> etree._Element | None:
        if ouder is None:
            return None
        gevonden = ouder.findall(pad, NS)
        if len(gevonden) > 1:
            self.fout(f"{ubl_pad} komt {len(gevonden)} keer voor: geef het één keer op.")
        return gevonden[0] if gevonden else None

    def _waarde(
        self, ouder: etree._Element | None, pad: str, ubl_pad: str, veld: str | None, ontbreekt: str | None
    ) -> tuple[etree._Element | None, str | None]:
        element = self.element(ouder, pad, ubl_pad)
        tekst = (element.text or "").strip() if element is not None else ""
        if veld is not None:
            self.onthoud(veld, ubl_pad)
        if not tekst:
            if ontbreekt:
                self.fout(f"{ubl_pad} ontbreekt: {ontbreekt}", veld)
            return element, None
        return element, tekst

    def tekst(
        self,
        ouder: etree._Element | None,
        pad: str,
        ubl_pad: str,
        *,
        veld: str | None = None,
        ontbreekt: str | None = None,
    ) -> str | None:
        """De tekst van het element; `ontbreekt` is de aanwijzing als het verplicht is maar leeg of afwezig."""
        return self._waarde(ouder, pad, ubl_pad, veld, ontbreekt)[1]

    def decimaal(
        self,
        ouder: etree._Element | None,
        pad: str,
        ubl_pad: str,
        *,
        veld: str | None = None,
        ontbreekt: str | None = None,
        bedrag: bool = False,
    ) -> Decimal | None:
        """Het getal precies zoals het er staat; een bedrag moet in euro zijn."""
        element, tekst = self._waarde(ouder, pad, ubl_pad, veld, ontbreekt)
        if element is None or tekst is None:
            return None
        valuta = element.get("currencyID")
        if bedrag and valuta is not None and valuta.strip() != VALUTA:
            self.fout(
                f"{ubl_pad} is in '{ingekort(valuta, 10)}': de hub verwerkt alleen bedragen in euro; "
                "zet currencyID op 'EUR'.",
                veld,
            )
            return None
        return self.getal(tekst, ubl_pad, veld)

    def getal(self, tekst: str, ubl_pad: str, veld: str | None) -> Decimal | None:
        if not _DECIMAAL.fullmatch(tekst):
            self.fout(
                f"{ubl_pad} is '{ingekort(tekst)}', geen getal: schrijf het met een punt als decimaalteken, "
                "zonder duizendtallen, bijv. 2250.00.",
                veld,
            )
            return None
        return Decimal(tekst)


def in_ubl_termen(lezer: UblLezer, fout: Fout, soort: str) -> Fout:
    """Een fout van het model, met het UBL-element waar de waarde vandaan kwam."""
    veld = fout.veld or ""
    ubl_pad = lezer.herkomst.get(veld) or next(
        (pad for naam, pad in lezer.herkomst.items() if veld.startswith(f"{naam}.")), None
    )
    if ubl_pad is not None and soort == "decimaal_vorm":
        melding = (
            f"{ubl_pad} heeft meer dan twee decimalen of meer dan twaalf cijfers voor de punt: "
            "rond het af op twee decimalen, bijv. 2250.00."
        )
    else:
        melding = fout.melding.replace(". Verwacht: ", ": geef ", 1)
        if ubl_pad is not None:
            melding = melding.replace(f"Veld '{veld}'", ubl_pad, 1)
    return Fout(code=fout.code, veld=fout.veld, melding=melding)


M = TypeVar("M", bound=BaseModel)


def valideer(lezer: UblLezer, model: type[M], data: dict[str, Any]) -> M:
    """Het model uit wat de lezer vond; fouten van het model in UBL-termen, zonder wat de lezer al meldde."""
    try:
        uitkomst = model.model_validate({sleutel: waarde for sleutel, waarde in data.items() if waarde is not None})
    except ValidationError as fout:
        gemeld = lezer.gemelde_velden()
        soorten = [detail["type"] for detail in fout.errors(include_url=False, include_input=False)]
        for soort, model_fout in zip(soorten, fouten_uit_validatie(fout, model), strict=True):
            if model_fout.veld not in gemeld:
                lezer.fouten.append(in_ubl_termen(lezer, model_fout, soort))
        raise BerichtFout(lezer.alle_fouten()) from None
    if lezer.fouten:
        raise BerichtFout(lezer.alle_fouten())
    return uitkomst
