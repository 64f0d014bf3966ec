"""De leesmodellen in een tabel van de database van de eventstore: PostgreSQL of het SQLite-bestand, met dezelfde code.

Elk proces dat op dezelfde eventstore werkt (een werker, de webapplicatie, een opdracht, op deze of een andere
machine) leest en schrijft dezelfde rij per leesmodel: de positie in de notificatielog en de toestand horen bij
elkaar en staan samen in één rij. Een herstart gaat verder vanaf de bewaarde positie. Een proces dat achterloopt,
overschrijft nooit een verder bijgewerkte rij (behalve bij een nieuwe versie van het leesmodel); herbouwen begint
met een lege tabel.
"""

from __future__ import annotations

import contextlib
import logging
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hub.koppelingen.opslag.leesmodellen import VERSLEUTELD, ontsleutel, versleutel
from hub.koppelingen.opslag.tabellen import Dialect, cursor
from hub.projections.basis import Projectie
from hub.toepassing.eventstore import Hub

TABEL = "hub_leesmodellen"
GEMEENTEN = "gemeenten/"

log = logging.getLogger("hub.leesmodellen")

def _kolommen(taal: Dialect) -> str:
    return f"naam TEXT PRIMARY KEY, versie INTEGER NOT NULL, positie BIGINT NOT NULL, toestand {taal.bytes_type} NOT NULL"


class Leesmodeltabel:
    """Zelfde gebruik als `Leesmodellen` (bestanden): `laad`, `bewaar`, `verwijder`, `per_gemeente`. Met een sleutel
    (`HUB_SLEUTEL`) is de toestand versleuteld zoals de events. `oude_map`: waar leesmodellen vroeger als bestanden
    stonden; `wis` ruimt die mee op (ze kunnen cliëntgegevens bevatten)."""

    def __init__(self, hub: Hub | None, sleutel: str | None = None, voorvoegsel: str = "", oude_map: Path | None = None):
        self.hub = hub
        self.sleutel = sleutel
        self.voorvoegsel = voorvoegsel
        self.oude_map = oude_map

    def __getstate__(self) -> dict[str, Any]:
        """Naar een hulpproces gaat alles behalve de verbinding; `voor(hub)` geeft daar de eigen verbinding."""
        return {**vars(self), "hub": None}

    def voor(self, hub: Hub) -> Leesmodeltabel:
        return Leesmodeltabel(hub, self.sleutel, self.voorvoegsel, self.oude_map)

    def per_gemeente(self) -> Leesmodeltabel:
        return Leesmodeltabel(self.hub, self.sleutel, self.voorvoegsel + GEMEENTEN, self.oude_map)

    def naam(self, projectie: Projectie) -> str:
        return self.voorvoegsel + projectie.naam

    @contextlib.contextmanager
    def _cursor(self) -> Iterator[tuple[Any, Dialect]]:
        if self.hub is None:
            raise RuntimeError("leesmodeltabel zonder eventstore; gebruik voor(hub)")
        with cursor(self.hub, TABEL, _kolommen) as (c, taal):
            yield c, taal

    def laad(self, projectie: Projectie) -> None:
        with self._cursor() as (c, taal):
            c.execute(f"SELECT versie, positie, toestand FROM {taal.tabel(TABEL)} WHERE naam = {taal.teken}", [self.naam(projectie)])
            rij = c.fetchone()
        if rij is None or rij["versie"] != projectie.versie:
            return
        try:
            inhoud = bytes(rij["toestand"])
            if self.sleutel:
                inhoud = ontsleutel(self.sleutel, inhoud)
            elif inhoud.startswith(VERSLEUTELD):
                raise ValueError("versleuteld, maar HUB_SLEUTEL is niet gezet")
            toestand = pickle.loads(inhoud)
        except Exception as fout:
            log.warning("leesmodel %s wordt opnieuw opgebouwd: %s", self.naam(projectie), fout)
            return
        projectie.herstel(toestand, int(rij["positie"]))

    def bewaar(self, projectie: Projectie) -> None:
        """Schrijft alleen als de rij daarmee niet terug in de tijd gaat; een ander proces kan al verder zijn."""
        inhoud = pickle.dumps(projectie.toestand(), protocol=pickle.HIGHEST_PROTOCOL)
        if self.sleutel:
            inhoud = versleutel(self.sleutel, inhoud)
        with self._cursor() as (c, taal):
            t = taal.teken
            c.execute(f"INSERT INTO {taal.tabel(TABEL)} (naam, versie, positie, toestand) VALUES ({t}, {t}, {t}, {t}) "
                      "ON CONFLICT (naam) DO UPDATE SET versie = excluded.versie, positie = excluded.positie, "
                      f"toestand = excluded.toestand WHERE {TABEL}.positie <= excluded.positie "
                      f"OR {TABEL}.versie <> excluded.versie",
                      [self.naam(projectie), projectie.versie, projectie.positie, inhoud])

    def verwijder(self, projectie: Projectie) -> None:
        with self._cursor() as (c, taal):
            c.execute(f"DELETE FROM {taal.tabel(TABEL)} WHERE naam = {taal.teken}", [self.naam(projectie)])

    def groottes(self) -> dict[str, int]:
        """Per bewaard leesmodel (naam zonder voorvoegsel) de grootte van de toestand in bytes."""
        with self._cursor() as (c, taal):
            c.execute(f"SELECT naam, length(toestand) AS grootte FROM {taal.tabel(TABEL)} WHERE substr(naam, 1, {taal.teken}) = {taal.teken}",
                      [len(self.voorvoegsel), self.voorvoegsel])
            return {rij["naam"][len(self.voorvoegsel):]: int(rij["grootte"]) for rij in c.fetchall()}

    def plek(self, projectie: Projectie) -> str | None:
        grootte = self.groottes().get(projectie.naam)
        return None if grootte is None else f"database ({grootte:,} bytes)".replace(",", ".")

    def wis(self) -> None:
        """Alle leesmodellen onder dit voorvoegsel weg (en de bestanden van vroeger), voor een herbouw."""
        with self._cursor() as (c, taal):
            c.execute(f"DELETE FROM {taal.tabel(TABEL)} WHERE substr(naam, 1, {taal.teken}) = {taal.teken}",
                      [len(self.voorvoegsel), self.voorvoegsel])
        if self.oude_map is not None and self.oude_map.is_dir():
            for oud in [*self.oude_map.glob("*.pickle"), *self.oude_map.glob("gemeenten/*.pickle")]:
                oud.unlink()


__all__ = ["Leesmodeltabel"]
