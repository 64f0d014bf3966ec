"""De betaalbatches van één gemeente: voorgesteld, door een tweede persoon vrijgegeven of ingetrokken.

Vier ogen: wie over een regel in de batch besliste, geeft de batch niet vrij. Eén aggregate per gemeente houdt de
open voorstellen bij, zodat een regel nooit in twee voorstellen tegelijk staat; pas bij het vrijgeven worden de
regels op hun factuur aan de batch gebonden (`Factuur.InBetaalbatchOpgenomen`) en wordt het betaalbestand definitief.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from hub.aggregates import stabiel_id
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout


def betaalbatches_uuid(gemeente: str) -> UUID:
    return stabiel_id("betaalbatches", gemeente)


@dataclass(frozen=True)
class Beslisser:
    """Wie over een regel besliste: de naam op het besluit en, als hij was aangemeld, zijn gebruikersnaam."""

    naam: str
    gebruiker: str | None = None


@dataclass(frozen=True)
class Batchpost:
    """De regels van één factuur en het bedrag incl. BTW. Een post met `verrekening` is een aftrek: betaalde regels
    die daarna gecrediteerd zijn, in mindering op wat de aanbieder in deze batch krijgt."""

    afzender: str
    factuurnummer: str
    regelnummers: list[int]
    bedrag: Decimal
    beslissers: list[Beslisser]
    verrekening: bool = False

    @property
    def saldo(self) -> Decimal:
        return -self.bedrag if self.verrekening else self.bedrag


@dataclass(frozen=True)
class Voorstel:
    batch_id: str
    gemeente: str
    uitvoeringsdatum: date
    posten: list[Batchpost]
    voorgesteld_door: Beslisser
    voorgesteld_op: datetime

    @property
    def totaal(self) -> Decimal:
        """Wat de gemeente in deze batch overmaakt: de betalingen min de verrekeningen."""
        return sum((p.saldo for p in self.posten), Decimal(0))

    @property
    def beslissers(self) -> list[Beslisser]:
        return list(dict.fromkeys(b for p in self.posten for b in p.beslissers))


def zelfde_persoon(a: Beslisser, b: Beslisser) -> bool:
    """Dezelfde gebruikersnaam, of (als een van beiden er geen heeft, zoals op de opdrachtregel) dezelfde naam."""
    if a.gebruiker and b.gebruiker:
        return a.gebruiker == b.gebruiker
    return a.naam.strip().casefold() == b.naam.strip().casefold()


class Betaalbatches(Aggregate):
    @staticmethod
    def create_id(gemeente: str, **_: Any) -> UUID:
        return betaalbatches_uuid(gemeente)

    class Geopend(Aggregate.Created):
        gemeente: str

    class BatchVoorgesteld(Aggregate.Event):
        voorstel: Voorstel

    class BatchVrijgegeven(Aggregate.Event):
        batch_id: str
        door: Beslisser
        op: datetime
        uitvoeringsdatum: date

    class BatchIngetrokken(Aggregate.Event):
        batch_id: str
        door: Beslisser
        reden: str
        op: datetime

    @event(Geopend)
    def __init__(self, gemeente: str) -> None:
        self.gemeente = gemeente
        self.open: dict[str, Voorstel] = {}
        self.vrijgegeven: dict[str, dict[str, Any]] = {}
        self.ingetrokken: dict[str, dict[str, Any]] = {}

    def gereserveerd(self) -> set[tuple[str, str, int]]:
        """(aanbieder, factuurnummer, regel) van elke regel in een open voorstel."""
        return {(p.afzender, p.factuurnummer, n) for v in self.open.values() for p in v.posten for n in p.regelnummers}

    def voorstel(self, batch_id: str) -> Voorstel:
        if batch_id in self.open:
            return self.open[batch_id]
        if batch_id in self.vrijgegeven:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "batch", f"Betaalbatch {batch_id} is al vrijgegeven.")
        if batch_id in self.ingetrokken:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "batch", f"Betaalbatch {batch_id} is ingetrokken; maak een nieuw voorstel.")
        raise DomeinFout(f.ONGELDIGE_WAARDE, "batch", f"Betaalbatch {batch_id} is onbekend bij {self.gemeente}.")

    def stel_voor(self, voorstel: Voorstel) -> None:
        bekend = self.open.keys() | self.vrijgegeven.keys() | self.ingetrokken.keys()
        if voorstel.batch_id in bekend:
            raise DomeinFout(f.DUBBELE_MELDING, "batch", f"Betaalbatch {voorstel.batch_id} bestaat al; probeer het zo opnieuw.")
        if not voorstel.posten:
            raise DomeinFout(f.VERPLICHT_VELD, "posten", "Een betaalbatch betaalt ten minste één factuurregel.")
        dubbel = self.gereserveerd() & {(p.afzender, p.factuurnummer, n) for p in voorstel.posten for n in p.regelnummers}
        if dubbel:
            a, nummer, n = min(dubbel)
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "posten",
                             f"Regel {n} van factuur {nummer} ({a}) staat al in een betaalbatch die op vrijgave wacht.")
        self._voorgesteld(voorstel)

    @event(BatchVoorgesteld)
    def _voorgesteld(self, voorstel: Voorstel) -> None:
        self.open[voorstel.batch_id] = voorstel

    def geef_vrij(self, batch_id: str, door: Beslisser, beslissers: list[Beslisser], op: datetime,
                  uitvoeringsdatum: date) -> None:
        """`beslissers`: wie nu over de regels van de batch besloten heeft (de toepassing leest het van de facturen)."""
        voorstel = self.voorstel(batch_id)
        zelf = [b for b in [*voorstel.beslissers, *beslissers] if zelfde_persoon(b, door)]
        if zelf:
            raise DomeinFout(
                f.VIER_OGEN, "door",
                f"U ({door.naam}) besliste zelf over regels in betaalbatch {batch_id}; vier ogen: laat een collega die "
                "niet over deze regels besliste de batch vrijgeven.")
        self._vrijgegeven(batch_id, door, op, uitvoeringsdatum)

    @event(BatchVrijgegeven)
    def _vrijgegeven(self, batch_id: str, door: Beslisser, op: datetime, uitvoeringsdatum: date) -> None:
        self.open.pop(batch_id)
        self.vrijgegeven[batch_id] = {"door": door, "op": op, "uitvoeringsdatum": uitvoeringsdatum}

    def trek_in(self, batch_id: str, door: Beslisser, reden: str, op: datetime) -> None:
        self.voorstel(batch_id)
        if not reden.strip():
            raise DomeinFout(f.VERPLICHT_VELD, "reden", "Geef een reden om de betaalbatch in te trekken.")
        self._ingetrokken(batch_id, door, reden, op)

    @event(BatchIngetrokken)
    def _ingetrokken(self, batch_id: str, door: Beslisser, reden: str, op: datetime) -> None:
        self.open.pop(batch_id)
        self.ingetrokken[batch_id] = {"door": door, "reden": reden, "op": op}
