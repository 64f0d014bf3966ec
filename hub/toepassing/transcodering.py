"""Hoe waarden uit events in de eventstore komen: datums als ISO-tekst, waarden (frozen dataclasses) als hun velden.

Dit hoort bij de applicatie, niet bij de opslag: SQLite en PostgreSQL bewaren dezelfde gecodeerde events.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from eventsourcing.persistence import Transcoding

from hub.aggregates.betaalbatch import Batchpost, Beslisser, Voorstel
from hub.aggregates.doorbelasting import Doorbelasteregel, Doorbelasting, Doorbelastingsdocument
from hub.aggregates.factuur import Clientgegevens, Factuurregel, GebruiktePrijsafspraak, Grondslag
from hub.aggregates.jobcoachperiode import Urenregel
from hub.domein.bevinding import Controlebevinding


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class WaardeAlsVelden(Transcoding):
    """Een waarde uit een event (een frozen dataclass) als haar velden; geneste waarden vertaalt de transcoder zelf."""

    type: Any
    name: str

    def encode(self, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in fields(obj)}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)


class FactuurregelAlsVelden(WaardeAlsVelden):
    type = Factuurregel
    name = "factuurregel"


class ClientgegevensAlsVelden(WaardeAlsVelden):
    type = Clientgegevens
    name = "clientgegevens"


class GrondslagAlsVelden(WaardeAlsVelden):
    type = Grondslag
    name = "grondslag"


class PrijsafspraakAlsVelden(WaardeAlsVelden):
    type = GebruiktePrijsafspraak
    name = "gebruikte_prijsafspraak"


class UrenregelAlsVelden(WaardeAlsVelden):
    type = Urenregel
    name = "urenregel"


class BevindingAlsVelden(WaardeAlsVelden):
    type = Controlebevinding
    name = "controlebevinding"


class BeslisserAlsVelden(WaardeAlsVelden):
    type = Beslisser
    name = "beslisser"


class BatchpostAlsVelden(WaardeAlsVelden):
    type = Batchpost
    name = "batchpost"


class VoorstelAlsVelden(WaardeAlsVelden):
    type = Voorstel
    name = "betaalvoorstel"


class DoorbelasteregelAlsVelden(WaardeAlsVelden):
    type = Doorbelasteregel
    name = "doorbelasteregel"


class DoorbelastingsdocumentAlsVelden(WaardeAlsVelden):
    type = Doorbelastingsdocument
    name = "doorbelastingsdocument"


class DoorbelastingAlsVelden(WaardeAlsVelden):
    type = Doorbelasting
    name = "doorbelasting"


TRANSCODERINGEN: tuple[Transcoding, ...] = (
    DateAsISO(), FactuurregelAlsVelden(), ClientgegevensAlsVelden(), GrondslagAlsVelden(), PrijsafspraakAlsVelden(),
    BevindingAlsVelden(), UrenregelAlsVelden(), BeslisserAlsVelden(), BatchpostAlsVelden(), VoorstelAlsVelden(),
    DoorbelasteregelAlsVelden(), DoorbelastingsdocumentAlsVelden(), DoorbelastingAlsVelden(),
)
