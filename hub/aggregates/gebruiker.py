"""Een medewerker van de gemeente of een aanbieder die zich aanmeldt bij de webapplicatie.

Het wachtwoord zelf wordt nooit vastgelegd, alleen de hash. Na `MAX_MISLUKT` mislukte pogingen op rij is de
gebruiker `BLOKKADE` lang geblokkeerd; daarna telt hij opnieuw vanaf nul.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from hub.aggregates import stabiel_id
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout

MANAGEMENTASSISTENT = "managementassistent"
INKOPER = "inkoper"
KLANTMANAGER = "klantmanager"
BEHEERDER = "beheerder"
AANBIEDER = "aanbieder"
ROLLEN = (MANAGEMENTASSISTENT, INKOPER, KLANTMANAGER, BEHEERDER, AANBIEDER)
GEMEENTEROLLEN = (MANAGEMENTASSISTENT, INKOPER, KLANTMANAGER)

MAX_MISLUKT = 5
BLOKKADE = timedelta(minutes=15)


def gebruiker_uuid(gebruikersnaam: str) -> UUID:
    return stabiel_id("gebruiker", gebruikersnaam.strip().casefold())


def _controleer_rollen(rollen: list[str], gemeenten: list[str], aanbieder: str | None) -> None:
    onbekend = [r for r in rollen if r not in ROLLEN]
    if not rollen or onbekend:
        raise DomeinFout(f.ONGELDIGE_WAARDE, "rollen", f"Kies een of meer rollen uit {', '.join(ROLLEN)}.")
    if AANBIEDER in rollen and (not aanbieder or len(rollen) > 1):
        raise DomeinFout(f.ONGELDIGE_WAARDE, "aanbieder",
                         "Een gebruiker van een aanbieder heeft alleen de rol aanbieder en noemt de code van de aanbieder.")
    if AANBIEDER not in rollen and aanbieder:
        raise DomeinFout(f.ONGELDIGE_WAARDE, "aanbieder", "Alleen een gebruiker met de rol aanbieder hoort bij een aanbieder.")
    if any(r in GEMEENTEROLLEN for r in rollen) and not gemeenten:
        raise DomeinFout(f.VERPLICHT_VELD, "gemeenten", "Noem de gemeente(n) waarvoor deze gebruiker werkt.")


class Gebruiker(Aggregate):
    """Het id volgt uit de gebruikersnaam (hoofdletters tellen niet): een naam is één persoon, voor altijd."""

    @staticmethod
    def create_id(gebruikersnaam: str, **_: Any) -> UUID:
        return gebruiker_uuid(gebruikersnaam)

    @classmethod
    def maak(cls, gebruikersnaam: str, naam: str, rollen: list[str], gemeenten: list[str], aanbieder: str | None,
             wachtwoordhash: str, op: datetime) -> Gebruiker:
        gebruikersnaam = gebruikersnaam.strip().casefold()
        if not gebruikersnaam or not gebruikersnaam.replace(".", "").replace("-", "").replace("_", "").isalnum():
            raise DomeinFout(f.ONGELDIGE_WAARDE, "gebruikersnaam",
                             "Een gebruikersnaam bestaat uit letters, cijfers, punt, streepje of liggend streepje.")
        if not naam.strip():
            raise DomeinFout(f.VERPLICHT_VELD, "naam", "Geef de naam van de gebruiker zoals hij bij een besluit moet staan.")
        _controleer_rollen(rollen, gemeenten, aanbieder)
        return cls(gebruikersnaam=gebruikersnaam, naam=naam.strip(), rollen=sorted(set(rollen)),
                   gemeenten=sorted(set(gemeenten)), aanbieder=aanbieder, wachtwoordhash=wachtwoordhash, op=op)

    class GebruikerAangemaakt(Aggregate.Created):
        gebruikersnaam: str
        naam: str
        rollen: list[str]
        gemeenten: list[str]
        aanbieder: str | None
        wachtwoordhash: str
        op: datetime

    class WachtwoordGewijzigd(Aggregate.Event):
        wachtwoordhash: str
        op: datetime

    class AanmeldingGelukt(Aggregate.Event):
        op: datetime

    class AanmeldingMislukt(Aggregate.Event):
        """`geblokkeerd_tot` is gezet bij de mislukte poging die de blokkade start."""

        op: datetime
        geblokkeerd_tot: datetime | None

    class Vergrendeld(Aggregate.Event):
        """Door de beheerder: aanmelden kan niet meer, ook niet via de identiteitsprovider, tot hij ontgrendelt."""

        door: str
        reden: str
        op: datetime

    class Ontgrendeld(Aggregate.Event):
        door: str
        op: datetime

    class RollenGewijzigd(Aggregate.Event):
        rollen: list[str]
        gemeenten: list[str]
        door: str
        op: datetime

    @event(GebruikerAangemaakt)
    def __init__(self, gebruikersnaam: str, naam: str, rollen: list[str], gemeenten: list[str], aanbieder: str | None,
                 wachtwoordhash: str, op: datetime) -> None:
        self.gebruikersnaam = gebruikersnaam
        self.naam = naam
        self.rollen = rollen
        self.gemeenten = gemeenten
        self.aanbieder = aanbieder
        self.wachtwoordhash = wachtwoordhash
        self.mislukt = 0
        self.geblokkeerd_tot: datetime | None = None
        self.vergrendeld = False

    def vergrendel(self, door: str, reden: str, op: datetime) -> None:
        if not reden.strip():
            raise DomeinFout(f.VERPLICHT_VELD, "reden", "Geef een reden voor het vergrendelen.")
        if not self.vergrendeld:
            self._vergrendel(door, reden.strip(), op)

    @event(Vergrendeld)
    def _vergrendel(self, door: str, reden: str, op: datetime) -> None:
        self.vergrendeld = True

    def ontgrendel(self, door: str, op: datetime) -> None:
        """Ook een blokkade na mislukte pogingen vervalt."""
        if self.vergrendeld or self.geblokkeerd(op) or self.mislukt:
            self._ontgrendel(door, op)

    @event(Ontgrendeld)
    def _ontgrendel(self, door: str, op: datetime) -> None:
        self.vergrendeld = False
        self.mislukt = 0
        self.geblokkeerd_tot = None

    def wijzig_rollen(self, rollen: list[str], gemeenten: list[str], door: str, op: datetime) -> None:
        _controleer_rollen(rollen, gemeenten, self.aanbieder)
        self._rollen(sorted(set(rollen)), sorted(set(gemeenten)), door, op)

    @event(RollenGewijzigd)
    def _rollen(self, rollen: list[str], gemeenten: list[str], door: str, op: datetime) -> None:
        self.rollen = rollen
        self.gemeenten = gemeenten

    def geblokkeerd(self, op: datetime) -> bool:
        return self.geblokkeerd_tot is not None and op < self.geblokkeerd_tot

    def wijzig_wachtwoord(self, wachtwoordhash: str, op: datetime) -> None:
        self._wachtwoord(wachtwoordhash, op)

    @event(WachtwoordGewijzigd)
    def _wachtwoord(self, wachtwoordhash: str, op: datetime) -> None:
        self.wachtwoordhash = wachtwoordhash

    def aangemeld(self, op: datetime) -> None:
        if self.vergrendeld:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "gebruikersnaam", "Deze gebruiker is vergrendeld door de beheerder.")
        if self.geblokkeerd(op):
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "gebruikersnaam", "Deze gebruiker is tijdelijk geblokkeerd.")
        self._gelukt(op)

    @event(AanmeldingGelukt)
    def _gelukt(self, op: datetime) -> None:
        self.mislukt = 0
        self.geblokkeerd_tot = None

    def aanmelding_mislukt(self, op: datetime) -> None:
        """Een poging tijdens een blokkade telt niet mee: de blokkade loopt niet door van het blijven proberen."""
        if self.geblokkeerd(op):
            return
        blokkeer = op + BLOKKADE if self.mislukt + 1 >= MAX_MISLUKT else None
        self._mislukt(op, blokkeer)

    @event(AanmeldingMislukt)
    def _mislukt(self, op: datetime, geblokkeerd_tot: datetime | None) -> None:
        if geblokkeerd_tot is None:
            self.mislukt += 1
        else:
            self.mislukt = 0
            self.geblokkeerd_tot = geblokkeerd_tot
