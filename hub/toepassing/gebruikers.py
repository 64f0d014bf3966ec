"""Gebruikers van de webapplicatie: aanmaken met rollen en gemeenten, aanmelden met een wachtwoord (met blokkade na
herhaalde mislukte pogingen) of via de identiteitsprovider van de gemeente, het wachtwoord wijzigen, en wat de
beheerder doet: de gebruikers zien, rollen wijzigen, vergrendelen en ontgrendelen. Alleen de argon2-hash van een
wachtwoord wordt bewaard.

Een browser waarin iemand zich met het juiste wachtwoord aanmeldde, wordt een vertrouwd `Apparaat` van die gebruiker
(de webapplicatie bewaart het ondertekend in een cookie). Mislukte pogingen daaruit tellen per apparaat; alle andere
(onbekende browsers, de opdrachtregel) tellen samen voor de gebruiker. Wie alleen de gebruikersnaam kent, kan zo de
onbekende browsers blokkeren, maar niet de browser van de gebruiker zelf."""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import get_topic

from hub.aggregates.betaalbatch import Beslisser
from hub.aggregates.externe_identiteit import ExterneIdentiteit
from hub.aggregates.gebruiker import (
    AANBIEDER,
    APPARAAT_GELDIG,
    GEMEENTEROLLEN,
    MAX_MISLUKT,
    ROLLEN,
    Gebruiker,
    blokkade_tot,
    reeks,
)
from hub.contracten.catalogus import Catalogus
from hub.toepassing.eventstore import Hub
from hub.toepassing.fouten import Onuitvoerbaar

MIN_LENGTE = 12
ONBEKEND = "Gebruikersnaam of wachtwoord klopt niet. Controleer beide en probeer het opnieuw."
VERGRENDELD = "Uw account is vergrendeld door de beheerder; vraag de beheerder om het te ontgrendelen."
AANGEMAAKT = get_topic(Gebruiker.GebruikerAangemaakt)
ONBEKENDE_NAMEN = 10_000
"""Zoveel onbekende namen met mislukte pogingen onthoudt een proces (de oudste valt eraf): ruim meer dan iemand met
de hand probeert, en hoogstens een paar MB."""


class Wachtwoorden(Protocol):
    def hash(self, wachtwoord: str) -> str: ...

    def klopt(self, hash_: str, wachtwoord: str) -> bool: ...


class Argon2:
    """argon2id met de standaardinstellingen van argon2-cffi (RFC 9106, laag geheugengebruik)."""

    def __init__(self, hasher: PasswordHasher | None = None):
        self.hasher = hasher or PasswordHasher()
        self._nep = self.hasher.hash("geen gebruiker met deze naam")

    def hash(self, wachtwoord: str) -> str:
        return self.hasher.hash(wachtwoord)

    def klopt(self, hash_: str, wachtwoord: str) -> bool:
        try:
            return self.hasher.verify(hash_, wachtwoord)
        except (VerificationError, InvalidHashError):
            return False

    def doe_alsof(self, wachtwoord: str) -> None:
        """Even lang rekenen bij een onbekende naam, zodat de tijd niet verraadt of een naam bestaat."""
        self.klopt(self._nep, wachtwoord)


class Schijnblokkades:
    """Een onbekende naam wordt na mislukte pogingen net zo geblokkeerd als een bekende, zodat ook de blokkade niet
    verraadt of een naam bestaat. Alleen in het geheugen: in events zou elke verzonnen naam de eventstore laten groeien."""

    def __init__(self, grootte: int = ONBEKENDE_NAMEN):
        self.grootte = grootte
        self._tellers: OrderedDict[bytes, tuple[int, datetime | None, int]] = OrderedDict()
        self._slot = threading.Lock()

    @staticmethod
    def _sleutel(naam: str) -> bytes:
        """Een vaste lengte, hoe lang de verzonnen naam ook is."""
        return hashlib.sha256(naam.strip().casefold().encode()).digest()

    def geblokkeerd_tot(self, naam: str, nu: datetime) -> datetime | None:
        with self._slot:
            _, tot, _ = self._tellers.get(self._sleutel(naam), (0, None, 0))
        return tot if tot is not None and nu < tot else None

    def mislukt(self, naam: str, nu: datetime) -> datetime | None:
        """Telt een mislukte poging; het einde van de blokkade als die nu ingaat."""
        sleutel = self._sleutel(naam)
        with self._slot:
            mislukt, tot, blokkades = self._tellers.pop(sleutel, (0, None, 0))
            nieuw = None
            if mislukt + 1 < MAX_MISLUKT:
                self._tellers[sleutel] = (mislukt + 1, tot, blokkades)
            else:
                nieuw = blokkade_tot(nu, tot, blokkades)
                self._tellers[sleutel] = (0, nieuw, reeks(nu, tot, blokkades) + 1)
            while len(self._tellers) > self.grootte:
                self._tellers.popitem(last=False)
        return nieuw


@dataclass(frozen=True)
class Apparaat:
    """Een browser die `gebruikersnaam` vertrouwt sinds `uitgegeven`; `kenmerk` is willekeurig en per aanmelding nieuw.
    Wie het aanreikt, heeft de ondertekening al gecontroleerd; of het bij de gebruiker hoort en nog geldt, beslist
    `Gebruikers.meld_aan`."""

    gebruikersnaam: str
    kenmerk: str
    uitgegeven: datetime


@dataclass(frozen=True)
class Profiel:
    """Wie is aangemeld en wat hij mag; de ingang beslist daarmee welke pagina's en gegevens hij ziet."""

    gebruikersnaam: str
    naam: str
    rollen: tuple[str, ...]
    gemeenten: tuple[str, ...]
    aanbieder: str | None
    vergrendeld: bool = False
    geblokkeerd_tot: datetime | None = None

    def heeft_rol(self, *rollen: str) -> bool:
        return any(r in self.rollen for r in rollen)

    def mag_gemeente(self, gemeente: str) -> bool:
        return gemeente in self.gemeenten

    @property
    def als_beslisser(self) -> Beslisser:
        return Beslisser(self.naam, self.gebruikersnaam)


def _profiel(g: Gebruiker) -> Profiel:
    return Profiel(g.gebruikersnaam, g.naam, tuple(g.rollen), tuple(g.gemeenten), g.aanbieder, g.vergrendeld,
                   g.geblokkeerd_tot)


class Gebruikers:
    def __init__(self, eventstore: Hub, catalogus: Catalogus, klok: Callable[[], datetime],
                 wachtwoorden: Argon2 | None = None):
        self.eventstore = eventstore
        self.catalogus = catalogus
        self.klok = klok
        self.wachtwoorden = wachtwoorden or Argon2()
        self.onbekend = Schijnblokkades()

    def maak(self, gebruikersnaam: str, naam: str, wachtwoord: str | None, rollen: list[str], gemeenten: list[str],
             aanbieder: str | None = None, extern: tuple[str, str] | None = None) -> Profiel:
        """`wachtwoord` None: alleen aanmelden via de identiteitsprovider (`extern`: claim en waarde)."""
        if self.eventstore.zoek_gebruiker(gebruikersnaam) is not None:
            raise Onuitvoerbaar(f"Gebruiker {gebruikersnaam!r} bestaat al; kies een andere gebruikersnaam.")
        onbekend = sorted(set(gemeenten) - self.catalogus.partijen.gemeentecodes())
        if onbekend:
            raise Onuitvoerbaar(f"Gemeente {', '.join(onbekend)} is onbekend; kies uit "
                                f"{', '.join(sorted(self.catalogus.partijen.gemeentecodes()))}.")
        if aanbieder is not None and aanbieder not in self.catalogus.partijen.providercodes():
            raise Onuitvoerbaar(f"Aanbieder {aanbieder!r} is onbekend; kies uit "
                                f"{', '.join(sorted(self.catalogus.partijen.providercodes()))}.")
        if not set(rollen) <= set(ROLLEN):
            raise Onuitvoerbaar(f"Kies rollen uit {', '.join(ROLLEN)}.")
        if AANBIEDER in rollen and not any(r in GEMEENTEROLLEN for r in rollen):
            gemeenten = []
        if wachtwoord is None:
            if extern is None:
                raise Onuitvoerbaar("Geef een wachtwoord, of een koppeling met de identiteitsprovider van de gemeente.")
            wachtwoord = secrets.token_urlsafe(32)  # niemand kent het: aanmelden alleen via de identiteitsprovider
        else:
            _controleer_sterkte(wachtwoord, gebruikersnaam)
        nu = self.klok()
        gebruiker = Gebruiker.maak(gebruikersnaam, naam, rollen, gemeenten, aanbieder, self.wachtwoorden.hash(wachtwoord), nu)
        koppeling = []
        if extern is not None:
            claim, waarde = extern
            bestaand = self.eventstore.zoek_externe_identiteit(claim, waarde)
            if bestaand is not None:
                raise Onuitvoerbaar(f"{claim} {waarde!r} is al gekoppeld aan gebruiker {bestaand.gebruikersnaam}.")
            koppeling.append(ExterneIdentiteit.koppel(claim, waarde, gebruiker.gebruikersnaam, nu))
        self.eventstore.save(gebruiker, *koppeling)
        return _profiel(gebruiker)

    def lijst(self) -> list[Profiel]:
        """Alle gebruikers, op gebruikersnaam (uit de events `GebruikerAangemaakt`, gefilterd in de database)."""
        namen: set[str] = set()
        positie = 0
        while True:
            reeks = self.eventstore.recorder.select_notifications(start=positie + 1, limit=1000, topics=[AANGEMAAKT])
            for notificatie in reeks:
                namen.add(self.eventstore.mapper.to_domain_event(notificatie).gebruikersnaam)  # type: ignore[attr-defined]
                positie = notificatie.id
            if len(reeks) < 1000:
                break
        return [p for naam in sorted(namen) if (p := self.profiel(naam)) is not None]

    def profiel(self, gebruikersnaam: str) -> Profiel | None:
        gebruiker = self.eventstore.zoek_gebruiker(gebruikersnaam)
        return _profiel(gebruiker) if gebruiker is not None else None

    def meld_aan(self, gebruikersnaam: str, wachtwoord: str, apparaat: Apparaat | None = None) -> Profiel:
        """Het profiel bij een juist wachtwoord; anders `Onuitvoerbaar`. Een geblokkeerde gebruiker komt er ook met het
        juiste wachtwoord niet in, tot de blokkade voorbij is. Met een `apparaat` dat voor deze gebruiker nog geldt,
        telt alleen de blokkade van dat apparaat; met een ander (verlopen, van een andere gebruiker) of geen, die voor
        onbekende browsers."""
        for _ in range(3):
            try:
                return self._meld_aan(gebruikersnaam, wachtwoord, apparaat)
            except IntegrityError:
                continue  # tegelijk een andere poging voor dezelfde gebruiker: opnieuw met de nieuwe stand
        raise Onuitvoerbaar("Aanmelden lukt nu niet; probeer het zo opnieuw.")

    def meld_aan_met_rol(self, gebruikersnaam: str, wachtwoord: str, rol: str) -> Profiel:
        """Aanmelden zoals in de webapplicatie, voor één handeling die `rol` vraagt (de opdrachtregel)."""
        profiel = self.meld_aan(gebruikersnaam, wachtwoord)
        if not profiel.heeft_rol(rol):
            raise Onuitvoerbaar(f"{profiel.naam} ({profiel.gebruikersnaam}) heeft niet de rol {rol}; vraag de beheerder "
                                "als u die nodig hebt.")
        return profiel

    def nieuw_apparaat(self, profiel: Profiel) -> Apparaat:
        """Na een aanmelding met het juiste wachtwoord: deze browser wordt (opnieuw) een vertrouwd apparaat."""
        return Apparaat(profiel.gebruikersnaam, secrets.token_urlsafe(16), self.klok())

    def _vertrouwd(self, apparaat: Apparaat | None, gebruiker: Gebruiker, nu: datetime) -> str | None:
        """Het kenmerk van het apparaat als het voor deze gebruiker nog geldt; anders None (een onbekende browser)."""
        if apparaat is None or apparaat.gebruikersnaam != gebruiker.gebruikersnaam:
            return None
        if not apparaat.uitgegeven <= nu < apparaat.uitgegeven + APPARAAT_GELDIG:
            return None
        return apparaat.kenmerk

    def _meld_aan(self, gebruikersnaam: str, wachtwoord: str, apparaat: Apparaat | None) -> Profiel:
        gebruiker = self.eventstore.zoek_gebruiker(gebruikersnaam)
        nu = self.klok()
        if gebruiker is None:
            if tot := self.onbekend.geblokkeerd_tot(gebruikersnaam, nu):
                raise Onuitvoerbaar(_geblokkeerd(tot, nu))
            self.wachtwoorden.doe_alsof(wachtwoord)
            tot = self.onbekend.mislukt(gebruikersnaam, nu)
            raise Onuitvoerbaar(_geblokkeerd(tot, nu) if tot else ONBEKEND)
        kenmerk = self._vertrouwd(apparaat, gebruiker, nu)
        if kenmerk is not None:
            if tot := gebruiker.apparaat_geblokkeerd_tot(kenmerk, nu):
                raise Onuitvoerbaar(_apparaat_geblokkeerd(tot, nu))
        elif gebruiker.geblokkeerd(nu):
            raise Onuitvoerbaar(_geblokkeerd(gebruiker.geblokkeerd_tot, nu))
        if not self.wachtwoorden.klopt(gebruiker.wachtwoordhash, wachtwoord):
            if kenmerk is not None:
                gebruiker.aanmelding_mislukt_op_apparaat(kenmerk, nu)
                self.eventstore.save(gebruiker)
                tot = gebruiker.apparaat_geblokkeerd_tot(kenmerk, nu)
                raise Onuitvoerbaar(_apparaat_geblokkeerd(tot, nu) if tot else ONBEKEND)
            gebruiker.aanmelding_mislukt(nu)
            self.eventstore.save(gebruiker)
            raise Onuitvoerbaar(_geblokkeerd(gebruiker.geblokkeerd_tot, nu) if gebruiker.geblokkeerd(nu) else ONBEKEND)
        if gebruiker.vergrendeld:
            raise Onuitvoerbaar(VERGRENDELD)
        if kenmerk is not None:
            gebruiker.aangemeld_op_apparaat(kenmerk, nu)
        else:
            gebruiker.aangemeld(nu)
        self.eventstore.save(gebruiker)
        return _profiel(gebruiker)

    def meld_aan_extern(self, claim: str, waarde: str, bij: str) -> Profiel:
        """Na een geldig id_token van de identiteitsprovider `bij`: de gekoppelde gebruiker, of `Onuitvoerbaar`."""
        koppeling = self.eventstore.zoek_externe_identiteit(claim, waarde) if waarde.strip() else None
        gebruiker = self.eventstore.zoek_gebruiker(koppeling.gebruikersnaam) if koppeling is not None else None
        if gebruiker is None:
            raise Onuitvoerbaar(f"U bent aangemeld bij {bij} als {waarde or '(onbekend)'}, maar u bent geen gebruiker "
                                "van de hub. Vraag de beheerder om u toe te voegen met dit "
                                f"{'e-mailadres' if claim == 'email' else 'kenmerk'}.")
        if gebruiker.vergrendeld:
            raise Onuitvoerbaar(VERGRENDELD)
        nu = self.klok()
        if gebruiker.geblokkeerd(nu):
            # De blokkade beschermt het wachtwoord. Wie de gebruikersnaam kent, kan haar met foute wachtwoorden
            # veroorzaken; de identiteitsprovider heeft de persoon zelf al vastgesteld, dus die komt er wel in.
            # De blokkade blijft staan voor het wachtwoord.
            return _profiel(gebruiker)
        gebruiker.aangemeld(nu)
        with suppress(IntegrityError):  # tegelijk een andere aanmelding van dezelfde gebruiker: die legde het al vast
            self.eventstore.save(gebruiker)
        return _profiel(gebruiker)

    def vergrendel(self, gebruikersnaam: str, door: Profiel, reden: str) -> Profiel:
        if gebruikersnaam.strip().casefold() == door.gebruikersnaam:
            raise Onuitvoerbaar("U kunt uzelf niet vergrendelen; laat een andere beheerder dat doen.")
        gebruiker = self._gebruiker(gebruikersnaam)
        gebruiker.vergrendel(door.gebruikersnaam, reden, self.klok())
        self.eventstore.save(gebruiker)
        return _profiel(gebruiker)

    def ontgrendel(self, gebruikersnaam: str, door: Profiel) -> Profiel:
        gebruiker = self._gebruiker(gebruikersnaam)
        gebruiker.ontgrendel(door.gebruikersnaam, self.klok())
        self.eventstore.save(gebruiker)
        return _profiel(gebruiker)

    def wijzig_rollen(self, gebruikersnaam: str, rollen: list[str], gemeenten: list[str], door: Profiel) -> Profiel:
        gebruiker = self._gebruiker(gebruikersnaam)
        if gebruiker.gebruikersnaam == door.gebruikersnaam:
            raise Onuitvoerbaar("U kunt uw eigen rollen niet wijzigen (ook niet uzelf een rol geven om over facturen te "
                                "beslissen); laat een andere beheerder dat doen.")
        onbekend = sorted(set(gemeenten) - self.catalogus.partijen.gemeentecodes())
        if onbekend:
            raise Onuitvoerbaar(f"Gemeente {', '.join(onbekend)} is onbekend; kies uit "
                                f"{', '.join(sorted(self.catalogus.partijen.gemeentecodes()))}.")
        if AANBIEDER in rollen and not any(r in GEMEENTEROLLEN for r in rollen):
            gemeenten = []
        gebruiker.wijzig_rollen(rollen, gemeenten, door.gebruikersnaam, self.klok())
        self.eventstore.save(gebruiker)
        return _profiel(gebruiker)

    def _gebruiker(self, gebruikersnaam: str) -> Gebruiker:
        gebruiker = self.eventstore.zoek_gebruiker(gebruikersnaam)
        if gebruiker is None:
            raise Onuitvoerbaar(f"Gebruiker {gebruikersnaam!r} is onbekend; kies een gebruiker uit de lijst.")
        return gebruiker

    def wijzig_wachtwoord(self, gebruikersnaam: str, nieuw: str) -> None:
        gebruiker = self.eventstore.zoek_gebruiker(gebruikersnaam)
        if gebruiker is None:
            raise Onuitvoerbaar(f"Gebruiker {gebruikersnaam!r} is onbekend.")
        _controleer_sterkte(nieuw, gebruikersnaam)
        gebruiker.wijzig_wachtwoord(self.wachtwoorden.hash(nieuw), self.klok())
        self.eventstore.save(gebruiker)


def _controleer_sterkte(wachtwoord: str, gebruikersnaam: str) -> None:
    if len(wachtwoord) < MIN_LENGTE:
        raise Onuitvoerbaar(f"Een wachtwoord heeft ten minste {MIN_LENGTE} tekens; een zin van een paar woorden werkt goed.")
    if gebruikersnaam.strip().casefold() in wachtwoord.casefold():
        raise Onuitvoerbaar("Het wachtwoord bevat de gebruikersnaam; kies een ander wachtwoord.")


def _tijdstip(tot: datetime, nu: datetime) -> str:
    lokaal = tot.astimezone()
    return f"{lokaal:%H:%M}" if lokaal.date() == nu.astimezone().date() else f"{lokaal:%d-%m-%Y %H:%M}"


def _geblokkeerd(tot: datetime | None, nu: datetime) -> str:
    assert tot is not None
    return (f"Te veel mislukte pogingen: aanmelden kan weer na {_tijdstip(tot, nu)}. In een "
            "browser waarin u zich eerder aanmeldde, kan het nu al. Wachtwoord vergeten? Vraag de beheerder om een nieuw.")


def _apparaat_geblokkeerd(tot: datetime, nu: datetime) -> str:
    return (f"Te veel mislukte pogingen in deze browser: aanmelden kan hier weer na {_tijdstip(tot, nu)}. Wachtwoord "
            "vergeten? Vraag de beheerder om een nieuw.")
