"""Bewaart projecties naast de eventstore en brengt ze bij door de notificatielog te volgen.

De SQLite-recorder van eventsourcing kan niet worden geabonneerd; de hub leest daarom zelf de
notificaties vanaf de bewaarde positie (`select_notifications`) in blokken.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, Iterable
from uuid import UUID

from hub.projections.basis import Projectie
from hub.projections.gemeentemodel import Gemeentemodel, van_deze_gemeenten
from hub.toepassing import Hub

BLOK = 2000


class Leesmodellen:
    def __init__(self, map_: Path):
        self.map = map_

    def per_gemeente(self) -> Leesmodellen:
        """Waar de leesmodellen per gemeente (`Gemeentemodel`) staan."""
        return Leesmodellen(self.map / "gemeenten")

    def _bestand(self, projectie: Projectie) -> Path:
        return self.map / f"{projectie.naam}.pickle"

    def laad(self, projectie: Projectie) -> None:
        bestand = self._bestand(projectie)
        if not bestand.exists():
            return
        try:
            with bestand.open("rb") as fh:
                versie, positie, toestand = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            return
        if versie == projectie.versie:
            projectie.herstel(toestand, positie)

    def bewaar(self, projectie: Projectie) -> None:
        """Atomair: eerst een tijdelijk bestand, dan hernoemen; positie en toestand horen bij elkaar."""
        self.map.mkdir(parents=True, exist_ok=True)
        fd, tijdelijk = tempfile.mkstemp(dir=self.map, prefix=f".{projectie.naam}.")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((projectie.versie, projectie.positie, projectie.toestand()), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tijdelijk, self._bestand(projectie))

    def verwijder(self, projectie: Projectie) -> None:
        self._bestand(projectie).unlink(missing_ok=True)


def werk_bij(hub: Hub, projecties: Iterable[Projectie], leesmodellen: Leesmodellen | None = None, bewaar_na: int = 1, *,
             relevant: Callable[[str, UUID], bool] | None = None) -> int:
    """Verwerkt alle nieuwe events in elke projectie en bewaart ze; geeft het aantal gelezen events.

    `bewaar_na`: bewaar pas als er minstens zoveel events zijn gelezen. Wegschrijven kost meer dan een kleine
    achterstand opnieuw verwerken; de bewaarde positie blijft dan gewoon de oude.
    `relevant(topic, originator_id)`: events waarvoor dit onwaar is, worden niet gedecodeerd; geen van de
    projecties mag er iets mee doen."""
    projecties = list(projecties)
    if leesmodellen is not None:
        for projectie in projecties:
            leesmodellen.laad(projectie)
    start = min((p.positie for p in projecties), default=0)
    recorder = hub.recorder
    decodeer = hub.mapper.to_domain_event
    gelezen = 0
    while True:
        notificaties = recorder.select_notifications(start=start + 1, limit=BLOK)
        if not notificaties:
            break
        laatste = notificaties[-1].id
        achter = [p for p in projecties if p.positie < notificaties[0].id]
        bij = [p for p in projecties if p not in achter and p.positie < laatste]
        tabellen = [p.afhandelaars_per_soort for p in achter]
        for notificatie in notificaties:
            if relevant is not None and not relevant(notificatie.topic, notificatie.originator_id):
                continue
            event = decodeer(notificatie)
            soort = type(event)
            for tabel in tabellen:
                afhandelaar = tabel.get(soort)
                if afhandelaar is not None:
                    afhandelaar(event)
            for projectie in bij:
                if notificatie.id > projectie.positie:
                    projectie.verwerk(event, notificatie.id)
        for projectie in (*achter, *bij):
            projectie.positie = laatste
        gelezen += len(notificaties)
        start = laatste
    if leesmodellen is not None and gelezen and gelezen >= bewaar_na:
        for projectie in projecties:
            leesmodellen.bewaar(projectie)
    return gelezen


def werk_gemeenten_bij(hub: Hub, modellen: list[Gemeentemodel], leesmodellen: Leesmodellen | None = None, bewaar_na: int = 1) -> int:
    """`werk_bij` voor leesmodellen per gemeente: events van andere gemeenten en events die geen deel verwerkt
    (zoals de ontvangstbevestigingen van berichten) worden overgeslagen zonder ze te decoderen."""
    return werk_bij(hub, modellen, leesmodellen, bewaar_na, relevant=van_deze_gemeenten(modellen))
