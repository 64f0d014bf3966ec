"""Per factuur de vingerafdruk van de laatst verstuurde factuurstatus, als JSON-bestand in de datamap."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


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
