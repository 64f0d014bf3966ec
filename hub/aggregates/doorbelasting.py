"""De doorbelastingen van één contract met een verdeelsleutel: de penvoerder betaalt de aanbieder en belast de andere
gemeenten per kwartaal hun aandeel door.

Een doorbelasting legt vast welke goedgekeurde en betaalde factuurregels ze dekt (het bewijs), het geheel en de delen
per gemeente (verdeeld met de grootste rest, samen precies het geheel) en per andere gemeente de factuur die de
penvoerder haar stuurt. Eén aggregate per contract, zodat een regel nooit in twee doorbelastingen staat. Vóór het
versturen kan een doorbelasting worden ingetrokken; de regels komen dan vrij voor een nieuwe.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from hub.aggregates import stabiel_id
from hub.aggregates.betaalbatch import Beslisser
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout
from hub.domein.verdeling import verdeel

B = TypeVar("B", bound=Hashable | None)
Regelsleutel = tuple[str, str, int, bool]
"""(aanbieder, factuurnummer, regelnummer, correctie)"""


def doorbelastingen_uuid(contract: str) -> UUID:
    return stabiel_id("doorbelastingen", contract)


@dataclass(frozen=True)
class Doorbelasteregel:
    """Eén goedgekeurde, betaalde factuurregel van de aanbieder aan de penvoerder; `bedrag` is het goedgekeurde bedrag
    excl. BTW. Een `correctie` is een doorbelaste regel die daarna gecrediteerd en verrekend is: hetzelfde bedrag
    negatief, in de batch (`betaald_in`) waarin de penvoerder het terugkreeg. `factuurdatum` bepaalt het jaar van het
    plafond waartegen de regel telt (leeg bij een doorbelasting van vóór dat gegeven: dan buiten budget)."""

    afzender: str
    factuurnummer: str
    regelnummer: int
    product: str
    bedrag: Decimal
    betaald_in: str
    betaald_op: date
    correctie: bool = False
    factuurdatum: date | None = None

    @property
    def sleutel(self) -> Regelsleutel:
        return (self.afzender, self.factuurnummer, self.regelnummer, self.correctie)

    @property
    def oorspronkelijk(self) -> Regelsleutel:
        return (self.afzender, self.factuurnummer, self.regelnummer, False)


@dataclass(frozen=True)
class Doorbelastingsdocument:
    """De factuur van de penvoerder aan één gemeente, zoals ze is opgesteld en getoetst."""

    gemeente: str
    factuurnummer: str
    bedrag: Decimal
    inhoud: str
    vingerafdruk: str
    """sha256 van de inhoud"""


@dataclass(frozen=True)
class Doorbelasting:
    doorbelasting_id: str
    contract: str
    kwartaal: str
    penvoerder: str
    aandelen: dict[str, Decimal]
    regels: list[Doorbelasteregel]
    factuurdatum: date
    vastgesteld_door: Beslisser
    vastgesteld_op: datetime
    documenten: list[Doorbelastingsdocument] = field(default_factory=list)

    @property
    def totaal(self) -> Decimal:
        return sum((r.bedrag for r in self.regels), Decimal("0.00"))

    @property
    def delen(self) -> dict[str, Decimal]:
        """Per gemeente haar deel van het geheel, in centen met de grootste rest: samen precies het geheel."""
        return verdeel(self.totaal, self.aandelen)

    def delen_per_budget(self, budget_van: Callable[[Doorbelasteregel], B]) -> dict[B, dict[str, Decimal]]:
        return delen_per_budget(self.regels, self.aandelen, budget_van)

    @property
    def sleutels(self) -> set[Regelsleutel]:
        return {r.sleutel for r in self.regels}

    def factuurnummer(self, gemeente: str) -> str:
        return f"{self.doorbelasting_id}-{gemeente}"


def delen_per_budget(regels: list[Doorbelasteregel], aandelen: dict[str, Decimal],
                     budget_van: Callable[[Doorbelasteregel], B]) -> dict[B, dict[str, Decimal]]:
    """Per budget (None: buiten budget) het deel van elke gemeente in de regels die ertegen tellen, per budget verdeeld
    met de grootste rest. Opgeteld over de budgetten kan een deel een cent afwijken van het deel op de factuur."""
    per: dict[B, Decimal] = {}
    for r in regels:
        budget = budget_van(r)
        per[budget] = per.get(budget, Decimal("0.00")) + r.bedrag
    return {budget: verdeel(bedrag, aandelen) for budget, bedrag in per.items()}


class Doorbelastingen(Aggregate):
    @staticmethod
    def create_id(contract: str, **_: Any) -> UUID:
        return doorbelastingen_uuid(contract)

    class Geopend(Aggregate.Created):
        contract: str

    class DoorbelastingVastgesteld(Aggregate.Event):
        doorbelasting: Doorbelasting

    class DoorbelastingVerzonden(Aggregate.Event):
        doorbelasting_id: str
        door: Beslisser
        op: datetime

    class DoorbelastingIngetrokken(Aggregate.Event):
        doorbelasting_id: str
        door: Beslisser
        reden: str
        op: datetime

    @event(Geopend)
    def __init__(self, contract: str) -> None:
        self.contract = contract
        self.alle: dict[str, Doorbelasting] = {}
        self.verzonden: dict[str, dict[str, Any]] = {}
        self.ingetrokken: dict[str, dict[str, Any]] = {}

    def geldend(self) -> list[Doorbelasting]:
        """Vastgesteld (verzonden of niet) en niet ingetrokken."""
        return [d for i, d in self.alle.items() if i not in self.ingetrokken]

    def doorbelast(self) -> set[Regelsleutel]:
        return {s for d in self.geldend() for s in d.sleutels}

    def doorbelaste_regel(self, sleutel: Regelsleutel) -> Doorbelasteregel | None:
        return next((r for d in self.geldend() for r in d.regels if r.sleutel == sleutel), None)

    def status(self, doorbelasting_id: str) -> str:
        if doorbelasting_id in self.ingetrokken:
            return "ingetrokken"
        return "verzonden" if doorbelasting_id in self.verzonden else "vastgesteld"

    def doorbelasting(self, doorbelasting_id: str) -> Doorbelasting:
        if doorbelasting_id not in self.alle:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "doorbelasting",
                             f"Doorbelasting {doorbelasting_id} is onbekend bij contract {self.contract}.")
        return self.alle[doorbelasting_id]

    def stel_vast(self, doorbelasting: Doorbelasting) -> None:
        if doorbelasting.contract != self.contract:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "contract", f"Deze doorbelasting hoort bij contract {self.contract}.")
        if doorbelasting.doorbelasting_id in self.alle:
            raise DomeinFout(f.DUBBELE_MELDING, "doorbelasting",
                             f"Doorbelasting {doorbelasting.doorbelasting_id} bestaat al; probeer het opnieuw.")
        if not doorbelasting.regels or doorbelasting.totaal == 0:
            raise DomeinFout(f.VERPLICHT_VELD, "regels",
                             "Een doorbelasting dekt ten minste één goedgekeurde en betaalde factuurregel en komt niet "
                             "op € 0,00 uit.")
        if len(doorbelasting.sleutels) != len(doorbelasting.regels):
            raise DomeinFout(f.ONGELDIGE_WAARDE, "regels", "Een factuurregel staat meer dan eens in de doorbelasting.")
        zonder_origineel = sorted(r.oorspronkelijk for r in doorbelasting.regels
                                  if r.correctie and r.oorspronkelijk not in self.doorbelast())
        if zonder_origineel:
            a, nummer, n, _ = zonder_origineel[0]
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "regels",
                             f"Regel {n} van factuur {nummer} ({a}) is niet doorbelast; er valt niets te corrigeren.")
        al = sorted(doorbelasting.sleutels & self.doorbelast())
        if al:
            a, nummer, n, _ = al[0]
            eerder = next(d.doorbelasting_id for d in self.geldend() if al[0] in d.sleutels)
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "regels",
                             f"Regel {n} van factuur {nummer} ({a}) is al doorbelast in {eerder}; een regel wordt "
                             "maar één keer doorbelast. Trek die doorbelasting in als ze niet klopt.")
        if doorbelasting.penvoerder not in doorbelasting.aandelen:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "penvoerder",
                             f"Penvoerder {doorbelasting.penvoerder} heeft geen aandeel in de verdeelsleutel.")
        delen = doorbelasting.delen
        for document in doorbelasting.documenten:
            if document.gemeente == doorbelasting.penvoerder or document.gemeente not in delen:
                raise DomeinFout(f.ONGELDIGE_WAARDE, "documenten",
                                 f"{document.gemeente} draagt in deze verdeelsleutel geen aandeel dat de penvoerder "
                                 "doorbelast; zij krijgt geen factuur.")
            if document.bedrag != delen[document.gemeente]:
                raise DomeinFout(f.ONGELDIGE_WAARDE, "documenten",
                                 f"De factuur aan {document.gemeente} noemt {document.bedrag}, haar deel is "
                                 f"{delen[document.gemeente]}.")
        self._vastgesteld(doorbelasting)

    @event(DoorbelastingVastgesteld)
    def _vastgesteld(self, doorbelasting: Doorbelasting) -> None:
        self.alle[doorbelasting.doorbelasting_id] = doorbelasting

    def _nog_open(self, doorbelasting_id: str, wat: str) -> None:
        self.doorbelasting(doorbelasting_id)
        if doorbelasting_id in self.ingetrokken:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "doorbelasting",
                             f"Doorbelasting {doorbelasting_id} is ingetrokken; {wat} kan niet meer.")
        if doorbelasting_id in self.verzonden:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "doorbelasting",
                             f"Doorbelasting {doorbelasting_id} is al verzonden; {wat} kan niet meer. Een correctie "
                             "gaat dan met een creditnota aan de gemeente, buiten de hub.")

    def markeer_verzonden(self, doorbelasting_id: str, door: Beslisser, op: datetime) -> None:
        self._nog_open(doorbelasting_id, "als verzonden markeren")
        self._verzonden(doorbelasting_id, door, op)

    @event(DoorbelastingVerzonden)
    def _verzonden(self, doorbelasting_id: str, door: Beslisser, op: datetime) -> None:
        self.verzonden[doorbelasting_id] = {"door": door, "op": op}

    def trek_in(self, doorbelasting_id: str, door: Beslisser, reden: str, op: datetime) -> None:
        self._nog_open(doorbelasting_id, "intrekken")
        eigen = self.alle[doorbelasting_id].sleutels
        gecorrigeerd = [d.doorbelasting_id for d in self.geldend() if d.doorbelasting_id != doorbelasting_id
                        and any(r.correctie and r.oorspronkelijk in eigen for r in d.regels)]
        if gecorrigeerd:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "doorbelasting",
                             f"Doorbelasting {gecorrigeerd[0]} corrigeert regels van {doorbelasting_id}; trek die eerst in.")
        if not reden.strip():
            raise DomeinFout(f.VERPLICHT_VELD, "reden", "Geef een reden om de doorbelasting in te trekken.")
        self._ingetrokken(doorbelasting_id, door, reden, op)

    @event(DoorbelastingIngetrokken)
    def _ingetrokken(self, doorbelasting_id: str, door: Beslisser, reden: str, op: datetime) -> None:
        self.ingetrokken[doorbelasting_id] = {"door": door, "reden": reden, "op": op}
