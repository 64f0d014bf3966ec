"""De persistentie van de eventstore, expliciet gekozen.

eventsourcing valt zonder PERSISTENCE_MODULE stil terug op geheugen; de hub geeft daarom altijd zelf
de module en de locatie door, en nooit via de procesomgeving waar een vergeten variabele niets zegt.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any

from eventsourcing.persistence import Transcoding

from hub.aggregates.factuur import Clientgegevens, Factuurregel
from hub.instellingen import Instellingen


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


WAARDEN: tuple[Transcoding, ...] = (FactuurregelAlsVelden(), ClientgegevensAlsVelden())


VERSLEUTELING = {
    "CIPHER_TOPIC": "eventsourcing.cryptography:AESCipher",
    "COMPRESSOR_TOPIC": "eventsourcing.compressor:ZlibCompressor",
}


def persistentie(instellingen: Instellingen) -> dict[str, str]:
    """Met `HUB_SLEUTEL` worden de events (met BSN, naam, adres) versleuteld en gecomprimeerd opgeslagen."""
    env = _opslag(instellingen)
    if instellingen.sleutel:
        env.update(VERSLEUTELING, CIPHER_KEY=instellingen.sleutel)
    return env


def nieuwe_sleutel() -> str:
    from eventsourcing.cryptography import AESCipher

    return AESCipher.create_key(32)


def _opslag(instellingen: Instellingen) -> dict[str, str]:
    if instellingen.eventstore == "postgres":
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": instellingen.postgres_dbname,
            "POSTGRES_HOST": instellingen.postgres_host,
            "POSTGRES_PORT": instellingen.postgres_port,
            "POSTGRES_USER": instellingen.postgres_user,
            "POSTGRES_PASSWORD": instellingen.postgres_password,
            "CREATE_TABLE": "y",
        }
        if instellingen.postgres_schema:
            env["POSTGRES_SCHEMA"] = instellingen.postgres_schema
        return env
    instellingen.data.mkdir(parents=True, exist_ok=True)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(instellingen.sqlite_bestand),
        "SQLITE_LOCK_TIMEOUT": "30",
        "CREATE_TABLE": "y",
    }


__all__ = ["WAARDEN", "DateAsISO", "datetime", "nieuwe_sleutel", "persistentie"]
