"""Het oordeel over een factuur zoals de managementassistent, de rapportage en de aanbieder het lezen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from hub.aggregates.factuur import GebruiktePrijsafspraak
from hub.controle.bevindingen import Controlebevinding
from hub.domein.geld import bedrag, percentage_van

OPEN = "open"
DEELS_BESLOTEN = "deels besloten"
BESLOTEN = "besloten"
BETAALD = "betaald"
GECREDITEERD = "gecrediteerd"

INGETROKKEN = "ingetrokken"
UIT_BETAALVOORSTEL = "uitBetaalvoorstel"
TE_VERREKENEN = "teVerrekenen"
VERREKEND = "verrekend"

UITKOMST_IN_BERICHT = {"goedgekeurd": "goedgekeurd", "afgewezen": "afgewezen", "verwachtGoedgekeurd": "verwachtBedragGoedgekeurd"}


def _tekst(waarde: Decimal) -> str:
    return f"{bedrag(waarde):.2f}"


def betaalbedrag(besluit: dict[str, Any], btw_gefactureerd: Decimal | None, btw_verwacht: Decimal | None) -> Decimal:
    """Wat wordt overgemaakt, incl. BTW: goedgekeurd → het gefactureerde met het gefactureerde BTW-tarief;
    verwacht goedgekeurd → het verwachte bedrag met het BTW-tarief uit het contract; afgewezen → niets."""
    if besluit["besluit"] == "afgewezen":
        return Decimal("0.00")
    excl = Decimal(besluit["bedrag"])
    if besluit["besluit"] == "verwachtGoedgekeurd":
        tarief = btw_verwacht if btw_verwacht is not None else btw_gefactureerd
    else:
        tarief = btw_gefactureerd if btw_gefactureerd is not None else btw_verwacht
    return bedrag(excl + percentage_van(excl, tarief or Decimal(0)))


@dataclass(frozen=True)
class Regeloordeel:
    regelnummer: int
    traject_id: str | None
    product: str | None
    periode_start: date | None
    periode_eind: date | None
    gefactureerd: Decimal
    verwacht: Decimal
    bevindingen: list[Controlebevinding]
    besluit: dict[str, Any] | None
    betaald_in: str | None
    btw_percentage: Decimal | None = None
    btw_verwacht: Decimal | None = None
    betaald_op: datetime | None = None
    prijsafspraak: GebruiktePrijsafspraak | None = None
    """De prijsafspraak waarmee gerekend is; bij een besliste regel die van het moment van besluiten."""
    gecrediteerd: str | None = None
    """De creditnota die de regel annuleerde."""
    verrekend_in: str | None = None

    @property
    def schoon(self) -> bool:
        return not self.bevindingen

    @property
    def besloten(self) -> bool:
        return self.besluit is not None

    @property
    def te_betalen(self) -> Decimal:
        """Het bedrag incl. BTW dat nog in een betaalbatch moet; nul als het al betaald, niet goedgekeurd of
        gecrediteerd is."""
        if self.besluit is None or self.betaald_in is not None or self.gecrediteerd is not None:
            return Decimal("0.00")
        return betaalbedrag(self.besluit, self.btw_percentage, self.btw_verwacht)

    @property
    def te_verrekenen(self) -> Decimal:
        """Betaald en daarna gecrediteerd: in mindering te brengen op de volgende betaling aan deze aanbieder."""
        if self.gecrediteerd is None or self.verrekend_in is not None or self.betaald_bedrag is None:
            return Decimal("0.00")
        return self.betaald_bedrag

    @property
    def gevolg_creditnota(self) -> str | None:
        """Wat de creditnota met de regel deed: ingetrokken, uit het betaalvoorstel, te verrekenen of verrekend."""
        if self.gecrediteerd is None:
            return None
        if self.verrekend_in is not None:
            return VERREKEND
        if self.betaald_in is not None:
            return TE_VERREKENEN
        if self.besluit is not None and self.besluit["besluit"] != "afgewezen":
            return UIT_BETAALVOORSTEL
        return INGETROKKEN

    @property
    def betaald_bedrag(self) -> Decimal | None:
        if self.besluit is None or self.betaald_in is None:
            return None
        return betaalbedrag(self.besluit, self.btw_percentage, self.btw_verwacht)

    def _besluit_json(self) -> dict[str, Any] | None:
        if self.besluit is None:
            return None
        b = self.besluit
        op = b.get("op")
        return {
            "besluit": b["besluit"],
            "bedrag": _tekst(Decimal(b["bedrag"])),
            "door": b["door"],
            "reden": b["reden"],
            "op": op.isoformat() if isinstance(op, (date, datetime)) else op,
        }

    def als_json(self) -> dict[str, Any]:
        return {
            "regelnummer": self.regelnummer,
            "trajectId": self.traject_id,
            "product": self.product,
            "gefactureerd": _tekst(self.gefactureerd),
            "verwacht": _tekst(self.verwacht),
            "bevindingen": [b.als_dict() for b in self.bevindingen],
            "prijsafspraak": _afspraak_json(self.prijsafspraak),
            "besluit": self._besluit_json(),
            "creditering": _creditering_json(self),
        }


def _creditering_json(regel: Regeloordeel) -> dict[str, Any] | None:
    if regel.gecrediteerd is None:
        return None
    return {"creditnota": regel.gecrediteerd, "gevolg": regel.gevolg_creditnota, "verrekendIn": regel.verrekend_in}


def _afspraak_json(afspraak: GebruiktePrijsafspraak | None) -> dict[str, Any] | None:
    if afspraak is None:
        return None
    return {
        "contract": afspraak.contract,
        "contractversie": afspraak.contractversie,
        "product": afspraak.product,
        "prijs": _tekst(afspraak.prijs),
        "geldigVan": afspraak.geldig_van.isoformat(),
        "geldigTot": afspraak.geldig_tot.isoformat() if afspraak.geldig_tot else None,
        "btwPercentage": str(afspraak.btw_percentage),
    }


@dataclass(frozen=True)
class Factuuroordeel:
    factuurnummer: str
    afzender: str
    gemeente: str
    factuurdatum: date
    status: str
    totaal_gefactureerd: Decimal
    totaal_verwacht: Decimal
    regels: list[Regeloordeel] = field(default_factory=list)
    ontvangen: datetime | None = None

    @property
    def aantal_bevindingen(self) -> int:
        return sum(len(r.bevindingen) for r in self.regels)

    @cached_property
    def bevindingcodes(self) -> frozenset[str]:
        """De codes van de bevindingen op alle regels; een oordeel verandert niet, dus één keer geteld."""
        return frozenset(b.code for r in self.regels for b in r.bevindingen)

    @property
    def open_regels(self) -> list[Regeloordeel]:
        """Regels waarover nog besloten moet worden; een gecrediteerde regel niet meer."""
        return [r for r in self.regels if r.besluit is None and r.gecrediteerd is None]

    def regel(self, regelnummer: int) -> Regeloordeel | None:
        return next((r for r in self.regels if r.regelnummer == regelnummer), None)

    def als_json(self) -> dict[str, Any]:
        return {
            "factuurnummer": self.factuurnummer,
            "afzender": self.afzender,
            "status": self.status,
            "totaalGefactureerd": _tekst(self.totaal_gefactureerd),
            "totaalVerwacht": _tekst(self.totaal_verwacht),
            "regels": [r.als_json() for r in self.regels],
        }


def status_van(regels: list[Regeloordeel]) -> str:
    """Een gecrediteerde regel vraagt geen besluit meer; zijn alle regels gecrediteerd, dan is de factuur dat ook."""
    lopend = [r for r in regels if r.gecrediteerd is None]
    if regels and not lopend:
        return GECREDITEERD
    besloten = [r for r in lopend if r.besluit is not None]
    if not besloten:
        return OPEN
    if len(besloten) < len(lopend):
        return DEELS_BESLOTEN
    betaalbaar = [r for r in lopend
                  if r.besluit is not None and r.besluit["besluit"] != "afgewezen" and Decimal(r.besluit["bedrag"]) > 0]
    if betaalbaar and all(r.betaald_in is not None for r in betaalbaar):
        return BETAALD
    return BESLOTEN


def factuurstatus(oordeel: Factuuroordeel) -> dict[str, Any]:
    """Het bericht `factuurstatus` aan de aanbieder: per regel verwacht, gefactureerd, bevindingen, besluit en betaling."""
    regels = []
    for r in oordeel.regels:
        besluit = None
        if r.besluit is not None:
            op = r.besluit.get("op")
            besluit = {
                "uitkomst": UITKOMST_IN_BERICHT.get(r.besluit["besluit"], r.besluit["besluit"]),
                "bedrag": _tekst(Decimal(r.besluit["bedrag"])),
                "datum": (op.date() if isinstance(op, datetime) else op).isoformat() if op else None,
                "reden": r.besluit.get("reden") or None,
            }
        betaald = None
        if r.betaald_in is not None and r.betaald_bedrag is not None:
            betaald = {
                "datum": r.betaald_op.date().isoformat() if r.betaald_op else None,
                "bedrag": _tekst(r.betaald_bedrag),
                "betaalbatch": r.betaald_in,
            }
        regels.append(
            {
                "regelnummer": r.regelnummer,
                "verwacht": _tekst(r.verwacht),
                "gefactureerd": _tekst(r.gefactureerd),
                "bevindingen": [b.als_dict() for b in r.bevindingen],
                "besluit": besluit,
                "betaald": betaald,
                "creditering": _creditering_json(r),
            }
        )
    return {"factuurnummer": oordeel.factuurnummer, "regels": regels}
