"""De feiten waartegen een factuurregel wordt gecontroleerd, als gewone gegevens.

Een regel is een `Factuurregel` zoals het event `FactuurOntvangen` die draagt; verplichte velden mogen
ontbreken, dat meldt de controle als bevinding. `Gefactureerd` is een regel met zijn plaats in de volgorde
van ontvangst en het besluit erover: de geschiedenis waartegen dubbel factureren, omzettingen en plafonds
worden getoetst.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from hub.aggregates.factuur import Factuurregel, GebruiktePrijsafspraak


def leeg(waarde: Any) -> bool:
    return waarde is None or (isinstance(waarde, str) and not waarde.strip())


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
    overgeheveld: Decimal = Decimal(0)
    """Uren uit het tweede jaar die naar deze periode (in het eerste jaar) zijn overgeheveld (art. 11.2)."""

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
    regel: Factuurregel
    verwacht: Decimal = Decimal("0.00")
    bevindingen: list = field(default_factory=list)
    btw_verwacht: Decimal | None = None
    prijsafspraak: GebruiktePrijsafspraak | None = None
    besluit: dict[str, Any] | None = None
    betaald_in: str | None = None
    betaald_op: datetime | None = None
    gecrediteerd: str | None = None
    """De creditnota die de regel annuleerde."""
    verrekend_in: str | None = None
    getoetst: int = field(default=-1, compare=False)

    @property
    def afgewezen(self) -> bool:
        return self.besluit is not None and self.besluit["besluit"] == "afgewezen"

    @property
    def vervallen(self) -> bool:
        """Telt niet mee voor andere regels: afgewezen of door een creditnota geannuleerd."""
        return self.afgewezen or self.gecrediteerd is not None

    @property
    def goedgekeurd_bedrag(self) -> Decimal | None:
        if self.besluit is None or self.vervallen:
            return None
        return Decimal(self.besluit["bedrag"])

    @property
    def gefactureerd(self) -> Decimal:
        return self.regel.bedrag if self.regel.bedrag is not None else Decimal("0.00")

    def voor(self, ander: Gefactureerd) -> bool:
        return self.volgorde < ander.volgorde

