"""Per factuur de vingerafdruk van de laatst verstuurde factuurstatus: in de database van de eventstore
(`Verzondentabel`, wat de hub gebruikt) of als JSON-bestand."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hub.koppelingen.opslag.tabellen import Dialect, cursor
from hub.toepassing.eventstore import Hub


@dataclass(frozen=True)
class Verzondenbestand:
    bestand: Path

    def lees(self) -> dict[str, str]:
        try:
            return dict(json.loads(self.bestand.read_text(encoding="utf-8")))
        except (FileNotFoundError, ValueError):
            return {}

    def bewaar(self, verzonden: dict[str, str]) -> None:
        """Atomair: eerst een tijdelijk bestand, dan hernoemen."""
        self.bestand.parent.mkdir(parents=True, exist_ok=True)
        fd, tijdelijk = tempfile.mkstemp(dir=self.bestand.parent, prefix=".factuurstatus.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(verzonden, fh)
        os.replace(tijdelijk, self.bestand)


VERZONDEN = "hub_factuurstatus_verzonden"


class Verzondentabel:
    """Hetzelfde register in de database van de eventstore, gedeeld door alle werkers: een werker op een nieuwe
    machine (een lege datamap) verstuurt dan niet alle factuurstatussen opnieuw. Alleen wat veranderde sinds het
    laatste `bewaar` wordt geschreven. Een `oud_bestand` van vroeger wordt eenmalig overgenomen."""

    def __init__(self, hub: Hub, oud_bestand: Path | None = None):
        self.hub = hub
        self.oud_bestand = oud_bestand
        self._bewaard: dict[str, str] = {}

    def lees(self) -> dict[str, str]:
        with cursor(self.hub, VERZONDEN, _kolommen) as (c, taal):
            c.execute(f"SELECT factuur, vingerafdruk FROM {taal.tabel(VERZONDEN)}")
            self._bewaard = {rij["factuur"]: rij["vingerafdruk"] for rij in c.fetchall()}
        if not self._bewaard and self.oud_bestand is not None:
            return Verzondenbestand(self.oud_bestand).lees()
        return dict(self._bewaard)

    def bewaar(self, verzonden: dict[str, str]) -> None:
        nieuw = {k: v for k, v in verzonden.items() if self._bewaard.get(k) != v}
        if not nieuw:
            return
        with cursor(self.hub, VERZONDEN, _kolommen) as (c, taal):
            t = taal.teken
            for factuur, afdruk in nieuw.items():
                c.execute(f"INSERT INTO {taal.tabel(VERZONDEN)} (factuur, vingerafdruk) VALUES ({t}, {t}) "
                          "ON CONFLICT (factuur) DO UPDATE SET vingerafdruk = excluded.vingerafdruk", [factuur, afdruk])
        self._bewaard.update(nieuw)


def _kolommen(taal: Dialect) -> str:
    return "factuur TEXT PRIMARY KEY, vingerafdruk TEXT NOT NULL"
