"""Betaalbestanden in een map: eerst een verborgen, getoetst bestand; de definitieve naam pas als de hub de
betaling heeft vastgelegd. Zo ligt er nooit een bestand voor de bank waarvan de hub niets weet."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from hub.domein.betaling import Opdrachtgever, Overboeking
from hub.koppelingen.betaling.sepa import SepaFout, schrijf_pain001

BATCH_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,34}")


@dataclass
class Klaargezet:
    pad: Path
    tijdelijk: str

    def definitief(self) -> Path:
        os.replace(self.tijdelijk, self.pad)
        return self.pad

    def verwerp(self) -> None:
        os.unlink(self.tijdelijk)


@dataclass(frozen=True)
class Betaalmap:
    map: Path

    def klaarzetten(self, batch_id: str, aangemaakt: datetime, uitvoeringsdatum: date, opdrachtgever: Opdrachtgever,
                    overboekingen: list[Overboeking]) -> Klaargezet:
        xml = schrijf_pain001(batch_id, aangemaakt, uitvoeringsdatum, opdrachtgever, overboekingen)
        self.map.mkdir(parents=True, exist_ok=True)
        doel = self.map / f"{batch_id}.xml"
        if doel.exists():
            raise SepaFout(f"{doel} bestaat al; wacht een seconde en probeer het opnieuw.")
        fd, tijdelijk = tempfile.mkstemp(dir=self.map, prefix=f".{batch_id}.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(xml)
        return Klaargezet(doel, tijdelijk)

    def vind(self, batch_id: str) -> Path | None:
        if not BATCH_ID.fullmatch(batch_id):
            return None
        bestand = self.map / f"{batch_id}.xml"
        return bestand if bestand.is_file() else None
