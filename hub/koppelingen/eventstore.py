"""De persistentie van de eventstore, expliciet gekozen.

eventsourcing valt zonder PERSISTENCE_MODULE stil terug op geheugen; de hub geeft daarom altijd zelf
de module en de locatie door, en nooit via de procesomgeving waar een vergeten variabele niets zegt.
"""

from __future__ import annotations

from datetime import date, datetime

from eventsourcing.persistence import Transcoding

from hub.instellingen import Instellingen


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


def persistentie(instellingen: Instellingen) -> dict[str, str]:
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


__all__ = ["DateAsISO", "datetime", "persistentie"]
