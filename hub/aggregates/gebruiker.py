"""Een medewerker van de gemeente of een aanbieder die zich aanmeldt bij de webapplicatie.

Het wachtwoord zelf wordt nooit vastgelegd, alleen de hash. Na `MAX_MISLUKT` mislukte pogingen op rij is aanmelden
met een wachtwoord `BLOKKADE` lang geblokkeerd; daarna telt het opnieuw vanaf nul, en elke blokkade die direct volgt op
de vorige duurt twee keer zo lang (tot `MAX_BLOKKADE`).

Er zijn twee soorten tellers. Die van de gebruiker zelf telt de pogingen uit onbekende browsers en de opdrachtregel:
wie de gebruikersnaam kent of raadt, kan die blokkeren. Een vertrouwd apparaat (een browser waarin de gebruiker zich
eerder met het juiste wachtwoord aanmeldde) heeft een eigen teller en blokkade; zo houdt een aanvaller die de naam
blokkeert de gebruiker zelf niet buiten.
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
"""Mislukte pogingen op rij voordat een blokkade ingaat: genoeg voor een paar tikfouten, te weinig om te raden."""
BLOKKADE = timedelta(minutes=15)
"""De eerste blokkade."""
MAX_BLOKKADE = timedelta(hours=24)
"""Een blokkade die binnen deze tijd na de vorige begint, duurt twee keer zo lang als die, tot hoogstens dit. Wie blijft
raden, heeft na een dag nog `MAX_MISLUKT` pogingen per dag, en schrijft zo hoogstens `MAX_MISLUKT` events per dag per
gebruiker of apparaat; pogingen tijdens een blokkade worden niet vastgelegd."""
APPARAAT_GELDIG = timedelta(days=60)
"""Zo lang na de laatste aanmelding met het juiste wachtwoord blijft een browser een vertrouwd apparaat: lang genoeg
voor een vakantie, kort genoeg dat een vergeten of gestolen apparaatcookie vervalt."""


def blokkade_tot(op: datetime, vorige_tot: datetime | None, blokkades: int) -> datetime:
    """Het einde van een nieuwe blokkade die op `op` begint: `BLOKKADE`, verdubbeld voor elke blokkade ervoor die er
    direct aan voorafging (`blokkades`, de laatste eindigde op `vorige_tot`), tot `MAX_BLOKKADE`."""
    duur = BLOKKADE
    for _ in range(reeks(op, vorige_tot, blokkades)):
        duur = min(duur * 2, MAX_BLOKKADE)
        if duur == MAX_BLOKKADE:
            break
    return op + duur


def reeks(op: datetime, vorige_tot: datetime | None, blokkades: int) -> int:
    """Hoeveel blokkades direct voorafgaan aan een die op `op` begint."""
    return blokkades if vorige_tot is not None and op - vorige_tot <= MAX_BLOKKADE else 0


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
    """Het id volgt uit de gebruikersnaam (hoofdletters tellen niet): een naam is één persoon, voor altijd.

    Versie 2 telt de blokkades op rij (`blokkades`) en houdt per vertrouwd apparaat een teller bij (`apparaten`:
    kenmerk → `mislukt`, `geblokkeerd_tot`, `blokkades`, `laatst`)."""

    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["blokkades"] = 1 if state.get("geblokkeerd_tot") else 0
        state["apparaten"] = {}

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

    class AangemeldOpApparaat(Aggregate.Event):
        """Met het juiste wachtwoord in een vertrouwde browser: de teller van dat apparaat vervalt; die voor onbekende
        browsers blijft staan (anders gaf elke aanmelding van de gebruiker een aanvaller nieuwe pogingen)."""

        apparaat: str
        op: datetime

    class AanmeldingMisluktOpApparaat(Aggregate.Event):
        """Een fout wachtwoord in een vertrouwde browser; `geblokkeerd_tot` bij de poging die dat apparaat blokkeert."""

        apparaat: str
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
        self.blokkades = 0
        self.apparaten: dict[str, dict[str, Any]] = {}
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
        """Ook een blokkade na mislukte pogingen vervalt, die van onbekende browsers en die van elk apparaat."""
        if self.vergrendeld or self.geblokkeerd(op) or self.mislukt or self.apparaten:
            self._ontgrendel(door, op)

    @event(Ontgrendeld)
    def _ontgrendel(self, door: str, op: datetime) -> None:
        self.vergrendeld = False
        self.mislukt = 0
        self.geblokkeerd_tot = None
        self.blokkades = 0
        self.apparaten = {}

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
        self.blokkades = 0

    def aanmelding_mislukt(self, op: datetime) -> None:
        """Een poging tijdens een blokkade telt niet mee: de blokkade loopt niet door van het blijven proberen, en er
        komt geen event bij."""
        if self.geblokkeerd(op):
            return
        blokkeer = (blokkade_tot(op, self.geblokkeerd_tot, self.blokkades) if self.mislukt + 1 >= MAX_MISLUKT
                    else None)
        self._mislukt(op, blokkeer)

    @event(AanmeldingMislukt)
    def _mislukt(self, op: datetime, geblokkeerd_tot: datetime | None) -> None:
        if geblokkeerd_tot is None:
            self.mislukt += 1
        else:
            self.blokkades = reeks(op, self.geblokkeerd_tot, self.blokkades) + 1
            self.mislukt = 0
            self.geblokkeerd_tot = geblokkeerd_tot

    def apparaat_geblokkeerd_tot(self, apparaat: str, op: datetime) -> datetime | None:
        """Tot wanneer dit vertrouwde apparaat geblokkeerd is, of None."""
        tot: datetime | None = self.apparaten.get(apparaat, {}).get("geblokkeerd_tot")
        return tot if tot is not None and op < tot else None

    def aangemeld_op_apparaat(self, apparaat: str, op: datetime) -> None:
        if self.vergrendeld:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "gebruikersnaam", "Deze gebruiker is vergrendeld door de beheerder.")
        if self.apparaat_geblokkeerd_tot(apparaat, op):
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "gebruikersnaam", "Dit apparaat is tijdelijk geblokkeerd.")
        self._gelukt_op_apparaat(apparaat, op)

    @event(AangemeldOpApparaat)
    def _gelukt_op_apparaat(self, apparaat: str, op: datetime) -> None:
        self.apparaten.pop(apparaat, None)

    def aanmelding_mislukt_op_apparaat(self, apparaat: str, op: datetime) -> None:
        """Als `aanmelding_mislukt`, met de teller van dit apparaat."""
        if self.apparaat_geblokkeerd_tot(apparaat, op):
            return
        teller = self.apparaten.get(apparaat, {})
        blokkeer = (blokkade_tot(op, teller.get("geblokkeerd_tot"), teller.get("blokkades", 0))
                    if teller.get("mislukt", 0) + 1 >= MAX_MISLUKT else None)
        self._mislukt_op_apparaat(apparaat, op, blokkeer)

    @event(AanmeldingMisluktOpApparaat)
    def _mislukt_op_apparaat(self, apparaat: str, op: datetime, geblokkeerd_tot: datetime | None) -> None:
        # Tellers van apparaten waarvan elke cookie intussen verlopen is, doen niet meer mee.
        for kenmerk in [k for k, t in self.apparaten.items() if op - t["laatst"] > APPARAAT_GELDIG]:
            del self.apparaten[kenmerk]
        teller = self.apparaten.setdefault(apparaat, {"mislukt": 0, "geblokkeerd_tot": None, "blokkades": 0})
        teller["laatst"] = op
        if geblokkeerd_tot is None:
            teller["mislukt"] += 1
        else:
            teller["blokkades"] = reeks(op, teller["geblokkeerd_tot"], teller["blokkades"]) + 1
            teller["mislukt"] = 0
            teller["geblokkeerd_tot"] = geblokkeerd_tot
