"""Bewaart projecties en brengt ze bij door de notificatielog te volgen.

Waar ze staan, bepaalt een `Leesmodelopslag`: in de hub de tabel in de database van de eventstore
(`leesmodeltabel.py`), hier ook als bestanden in een map (`Leesmodellen`, voor losse analyses en tests).

De SQLite-recorder van eventsourcing kan niet worden geabonneerd; de hub leest daarom zelf de
notificaties vanaf de bewaarde positie in blokken (`hub.koppelingen.opslag.notificatielog`).
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol
from uuid import UUID

from eventsourcing.cryptography import AESCipher
from eventsourcing.utils import Environment

from hub.instellingen import Instellingen
from hub.koppelingen.opslag.notificatielog import decoder, lezer
from hub.projections.basis import Projectie
from hub.projections.gemeentemodel import Gemeentemodel, Verdeler, van_deze_gemeenten
from hub.toepassing.eventstore import Hub
from hub.toepassing.poorten import Voortgang

BLOK = 2000
BEWAAR_NA = 10_000
"""Na zoveel nieuwe events wordt een leesmodel weggeschreven (door een rapport, de webapplicatie of een draaiende hub)."""
VERSLEUTELD = b"hub-aesgcm-2\n"

log = logging.getLogger("hub.leesmodellen")


def _cipher(sleutel: str) -> AESCipher:
    """Dezelfde versleuteling (AES-GCM) en sleutel als de events in de eventstore."""
    return AESCipher(Environment(env={AESCipher.CIPHER_KEY: sleutel}))


def versleutel(sleutel: str, inhoud: bytes) -> bytes:
    return VERSLEUTELD + _cipher(sleutel).encrypt(inhoud)


def ontsleutel(sleutel: str, inhoud: bytes) -> bytes:
    if not inhoud.startswith(VERSLEUTELD):
        raise ValueError("niet versleuteld, terwijl HUB_SLEUTEL is gezet")
    return _cipher(sleutel).decrypt(inhoud[len(VERSLEUTELD):])


class Leesmodelopslag(Protocol):
    """Waar leesmodellen met hun positie bewaard worden; onleesbaar of van een andere versie telt als afwezig."""

    def per_gemeente(self) -> Leesmodelopslag: ...

    def laad(self, projectie: Projectie) -> None: ...

    def bewaar(self, projectie: Projectie) -> None: ...

    def verwijder(self, projectie: Projectie) -> None: ...

    def groottes(self) -> dict[str, int]: ...

    def plek(self, projectie: Projectie) -> str | None: ...

    def wis(self) -> None: ...

    def voor(self, hub: Hub) -> Leesmodelopslag:
        """Dezelfde opslag voor een andere verbinding met de eventstore (zoals in een hulpproces)."""
        ...


class Leesmodellen:
    """Met een sleutel (`HUB_SLEUTEL`) worden de bestanden versleuteld (AES-GCM) zoals de events: de
    factuurcontrole bewaart de cliëntgegevens van factuurregels, waaronder het BSN. Een bestand dat niet te
    lezen is (andere sleutel, oud formaat, beschadigd) telt als afwezig: het leesmodel wordt opnieuw opgebouwd."""

    def __init__(self, map_: Path, sleutel: str | None = None):
        self.map = map_
        self.sleutel = sleutel

    @classmethod
    def van(cls, instellingen: Instellingen) -> Leesmodellen:
        return cls(instellingen.data / "leesmodellen", instellingen.sleutel_tekst)

    def per_gemeente(self) -> Leesmodellen:
        """Waar de leesmodellen per gemeente (`Gemeentemodel`) staan."""
        return Leesmodellen(self.map / "gemeenten", self.sleutel)

    def bestand(self, projectie: Projectie) -> Path:
        return self.map / f"{projectie.naam}.pickle"

    def laad(self, projectie: Projectie) -> None:
        bestand = self.bestand(projectie)
        if not bestand.exists():
            return
        try:
            inhoud = bestand.read_bytes()
            if self.sleutel:
                inhoud = ontsleutel(self.sleutel, inhoud)
            elif inhoud.startswith(VERSLEUTELD):
                raise ValueError("versleuteld, maar HUB_SLEUTEL is niet gezet")
            versie, positie, toestand = pickle.loads(inhoud)
        except Exception as fout:
            log.warning("leesmodel %s wordt opnieuw opgebouwd: %s", bestand.name, fout)
            return
        if versie == projectie.versie:
            projectie.herstel(toestand, positie)

    def bewaar(self, projectie: Projectie) -> None:
        """Atomair: eerst een tijdelijk bestand, dan hernoemen; positie en toestand horen bij elkaar."""
        self.map.mkdir(parents=True, exist_ok=True)
        inhoud = pickle.dumps((projectie.versie, projectie.positie, projectie.toestand()), protocol=pickle.HIGHEST_PROTOCOL)
        if self.sleutel:
            inhoud = versleutel(self.sleutel, inhoud)
        fd, tijdelijk = tempfile.mkstemp(dir=self.map, prefix=f".{projectie.naam}.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(inhoud)
        os.replace(tijdelijk, self.bestand(projectie))

    def verwijder(self, projectie: Projectie) -> None:
        self.bestand(projectie).unlink(missing_ok=True)

    def groottes(self) -> dict[str, int]:
        return {b.stem: b.stat().st_size for b in self.map.glob("*.pickle")}

    def plek(self, projectie: Projectie) -> str | None:
        bestand = self.bestand(projectie)
        return str(bestand) if bestand.exists() else None

    def wis(self) -> None:
        for oud in [*self.map.glob("*.pickle"), *self.map.glob("gemeenten/*.pickle")]:
            oud.unlink()

    def voor(self, hub: Hub) -> Leesmodellen:
        return self


def werk_bij(hub: Hub, projecties: Iterable[Projectie], leesmodellen: Leesmodelopslag | None = None, bewaar_na: int = 1, *,
             relevant: Callable[[str, UUID | str], bool] | None = None, voortgang: Voortgang | None = None) -> int:
    """Verwerkt alle nieuwe events in elke projectie en bewaart ze; geeft het aantal gelezen events.

    `bewaar_na`: bewaar pas als er minstens zoveel events zijn gelezen. Wegschrijven kost meer dan een kleine
    achterstand opnieuw verwerken; de bewaarde positie blijft dan gewoon de oude.
    `relevant(topic, originator_id)`: events waarvoor dit onwaar is, worden niet gedecodeerd; geen van de
    projecties mag er iets mee doen.
    `voortgang(positie, laatste)`: na elk blok, als er meer dan één blok te lezen is."""
    projecties = list(projecties)
    if leesmodellen is not None:
        for projectie in projecties:
            leesmodellen.laad(projectie)
    start = min((p.positie for p in projecties), default=0)
    lees = lezer(hub.recorder)
    decodeer = decoder(hub.mapper)
    gelezen = 0
    tot = (hub.recorder.max_notification_id() or 0) if voortgang is not None else 0
    if tot - start <= BLOK:
        voortgang = None
    while True:
        rijen = lees(start + 1, BLOK)
        if not rijen:
            break
        laatste = rijen[-1][0]
        achter = [p for p in projecties if p.positie < rijen[0][0]]
        bij = [p for p in projecties if p not in achter and p.positie < laatste]
        tabellen = [p.afhandelaars_per_soort for p in achter]
        for rij in rijen:
            if relevant is not None and not relevant(rij[3], rij[1]):
                continue
            event = decodeer(rij)
            soort = type(event)
            for tabel in tabellen:
                afhandelaar = tabel.get(soort)
                if afhandelaar is not None:
                    afhandelaar(event)
            for projectie in bij:
                if rij[0] > projectie.positie:
                    projectie.verwerk(event, rij[0])
        for projectie in (*achter, *bij):
            projectie.positie = laatste
        gelezen += len(rijen)
        start = laatste
        if voortgang is not None:
            voortgang(laatste, max(tot, laatste))
    if leesmodellen is not None and gelezen and gelezen >= bewaar_na:
        for projectie in projecties:
            leesmodellen.bewaar(projectie)
    return gelezen


def werk_gemeenten_bij(hub: Hub, modellen: list[Gemeentemodel], leesmodellen: Leesmodelopslag | None = None, bewaar_na: int = 1,
                       voortgang: Voortgang | None = None) -> int:
    """`werk_bij` voor leesmodellen per gemeente: events van andere gemeenten en events die geen deel verwerkt
    (zoals de ontvangstbevestigingen van berichten) worden overgeslagen zonder ze te decoderen. Staan de modellen
    op dezelfde positie (na herbouwen, of als ze samen bijgehouden worden), dan verdeelt één `Verdeler` de events."""
    if not modellen:
        return 0
    if leesmodellen is not None:
        for model in modellen:
            leesmodellen.laad(model)
    if len({m.positie for m in modellen}) == 1:
        verdeler = Verdeler(modellen)
        gelezen = werk_bij(hub, [verdeler], relevant=verdeler.relevant, voortgang=voortgang)
    else:
        gelezen = werk_bij(hub, modellen, relevant=van_deze_gemeenten(modellen), voortgang=voortgang)
    if leesmodellen is not None and gelezen and gelezen >= bewaar_na:
        for model in modellen:
            leesmodellen.bewaar(model)
    return gelezen
