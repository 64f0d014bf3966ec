"""De feiten waartegen een factuurregel wordt gecontroleerd, als gewone gegevens.

`Regel` is een factuurregel zoals het event `FactuurOntvangen` die draagt (camelCase-sleutels); verplichte
velden mogen ontbreken, dat meldt de controle als bevinding. `Gefactureerd` is een regel met zijn plaats in
de volgorde van ontvangst en het besluit erover: de geschiedenis waartegen dubbel factureren,
omzettingen en plafonds worden getoetst.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable

GESTART_NA_EINDE = ("afgerond", "uitstroomWerk", "zonderResultaat")


def leeg(waarde: Any) -> bool:
    return waarde is None or (isinstance(waarde, str) and not waarde.strip())


def _decimaal(waarde: Any) -> Decimal | None:
    if leeg(waarde):
        return None
    try:
        return Decimal(str(waarde))
    except ArithmeticError:
        return None


def _datum(waarde: Any) -> date | None:
    if isinstance(waarde, datetime):
        return waarde.date()
    if isinstance(waarde, date):
        return waarde
    if isinstance(waarde, str) and waarde.strip():
        try:
            return date.fromisoformat(waarde.strip())
        except ValueError:
            return None
    return None


def _tekst(waarde: Any) -> str | None:
    return None if leeg(waarde) else str(waarde).strip()


@dataclass(frozen=True)
class Kop:
    afzender: str
    gemeente: str
    factuurnummer: str
    factuurdatum: date
    verzonden: datetime | None
    totaal_excl_btw: Decimal | None
    btw_bedrag: Decimal | None
    totaal_incl_btw: Decimal | None
    ontvangen: datetime | None = None


def _zelf(waarde: Any) -> Any:
    return waarde


@dataclass(frozen=True)
class Regel:
    regelnummer: int
    traject_id: str | None
    product: str | None
    periode_start: date | None
    periode_eind: date | None
    aantal: Decimal | None
    prijs: Decimal | None
    bedrag: Decimal | None
    btw_percentage: Decimal | None
    client: dict[str, Any]
    datum_aanmelding: date | None
    klantmanager: str | None
    noshow_volgnummer: int | None = None
    percentage: Decimal | None = None
    periode_id: str | None = None

    @classmethod
    def uit_bericht(cls, regel: dict[str, Any], deel: Callable[[Any], Any] = _zelf) -> Regel:
        """`deel` mag gelijke waarden één object laten delen (leesmodellen); het trajectId blijft eigen."""
        client = regel.get("client") or {}
        volgnummer = regel.get("noShowVolgnummer")
        return cls(
            regelnummer=int(regel["regelnummer"]),
            traject_id=_tekst(regel.get("trajectId")),
            product=deel(_tekst(regel.get("product"))),
            periode_start=deel(_datum(regel.get("periodeStart"))),
            periode_eind=deel(_datum(regel.get("periodeEind"))),
            aantal=deel(_decimaal(regel.get("aantal"))),
            prijs=deel(_decimaal(regel.get("prijs"))),
            bedrag=deel(_decimaal(regel.get("bedrag"))),
            btw_percentage=deel(_decimaal(regel.get("btwPercentage"))),
            client=dict(client) if isinstance(client, dict) else {},
            datum_aanmelding=deel(_datum(regel.get("datumAanmelding"))),
            klantmanager=deel(_tekst(regel.get("klantmanager"))),
            noshow_volgnummer=None if leeg(volgnummer) else int(volgnummer),
            percentage=deel(_decimaal(regel.get("percentage"))),
            periode_id=deel(_tekst(regel.get("periodeId"))),
        )

    @property
    def leverdatum(self) -> date | None:
        """De dag waarop de prestatie af was: het einde van de periode, anders het begin."""
        return self.periode_eind or self.periode_start

    @property
    def maand(self) -> str | None:
        dag = self.periode_start or self.periode_eind
        return f"{dag:%Y-%m}" if dag else None

    @property
    def client_sleutel(self) -> str:
        return _tekst(self.client.get("bsn")) or f"traject:{self.traject_id}"


@dataclass
class Trajectfeiten:
    gemeente: str
    traject_id: str
    provider: str
    product: str
    datum_aanmelding: date
    omzetting_van: str | None = None
    datum_intake: date | None = None
    noshows: dict[int, date] = field(default_factory=dict)
    datum_indienst: date | None = None
    nazorgmaanden: list[str] = field(default_factory=list)
    einde: date | None = None
    reden_einde: str | None = None
    omgezet_naar: str | None = None
    omgezet_op: date | None = None
    oorspronkelijk_product: str | None = None

    @property
    def startdatum(self) -> date:
        return self.datum_intake or self.datum_aanmelding

    @property
    def gestart(self) -> bool:
        return self.datum_intake is not None or self.datum_indienst is not None or self.reden_einde in GESTART_NA_EINDE


@dataclass
class Periodefeiten:
    gemeente: str
    periode_id: str
    traject_id: str
    provider: str
    soort: str
    start: date
    eind: date
    uren_toegekend: Decimal | None = None
    uren: list[tuple[date, Decimal]] = field(default_factory=list)

    @property
    def toegekend(self) -> bool:
        return self.uren_toegekend is not None

    def verantwoord_tussen(self, van: date, tot: date) -> Decimal:
        return sum((u for d, u in self.uren if van <= d <= tot), Decimal(0))


@dataclass
class Gefactureerd:
    """Een ontvangen factuurregel in de geschiedenis; `volgorde` is (ontvangstnummer, regelnummer); `getoetst` is het
    moment (een teller van de factuurcontrole) waarop het oordeel voor het laatst is berekend."""

    afzender: str
    gemeente: str
    factuurnummer: str
    volgorde: tuple[int, int]
    regel: Regel
    verwacht: Decimal = Decimal("0.00")
    bevindingen: list = field(default_factory=list)
    btw_verwacht: Decimal | None = None
    besluit: dict[str, Any] | None = None
    betaald_in: str | None = None
    betaald_op: datetime | None = None
    getoetst: int = field(default=-1, compare=False)

    @property
    def afgewezen(self) -> bool:
        return self.besluit is not None and self.besluit["besluit"] == "afgewezen"

    @property
    def goedgekeurd_bedrag(self) -> Decimal | None:
        if self.besluit is None or self.afgewezen:
            return None
        return Decimal(self.besluit["bedrag"])

    @property
    def gefactureerd(self) -> Decimal:
        return self.regel.bedrag if self.regel.bedrag is not None else Decimal("0.00")

    def voor(self, ander: Gefactureerd) -> bool:
        return self.volgorde < ander.volgorde

