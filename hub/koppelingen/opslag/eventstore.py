"""De persistentie van de eventstore, expliciet gekozen.

eventsourcing valt zonder PERSISTENCE_MODULE stil terug op geheugen; de hub geeft daarom altijd zelf
de module en de locatie door, en nooit via de procesomgeving waar een vergeten variabele niets zegt.
"""

from __future__ import annotations

from hub.instellingen import Instellingen

VERSLEUTELING = {
    "CIPHER_TOPIC": "eventsourcing.cryptography:AESCipher",
    "COMPRESSOR_TOPIC": "eventsourcing.compressor:ZlibCompressor",
}

POSTGRES = "hub.koppelingen.opslag.postgres:PostgresOpslag"
"""eventsourcing.postgres met een proefverbinding vooraf en tabellen die één proces tegelijk aanmaakt."""


def persistentie(instellingen: Instellingen) -> dict[str, str]:
    """Met `HUB_SLEUTEL` worden de events (met BSN, naam, adres) versleuteld en gecomprimeerd opgeslagen."""
    env = _opslag(instellingen)
    if instellingen.sleutel:
        env.update(VERSLEUTELING, CIPHER_KEY=instellingen.sleutel.get_secret_value())
    return env


def nieuwe_sleutel() -> str:
    from eventsourcing.cryptography import AESCipher

    return AESCipher.create_key(32)


def _opslag(instellingen: Instellingen) -> dict[str, str]:
    if instellingen.eventstore == "postgres":
        env = {
            "PERSISTENCE_MODULE": POSTGRES,
            "POSTGRES_DBNAME": instellingen.postgres_db,
            "POSTGRES_HOST": instellingen.postgres_host,
            "POSTGRES_PORT": str(instellingen.postgres_port),
            "POSTGRES_USER": instellingen.postgres_user,
            "POSTGRES_PASSWORD": instellingen.postgres_password.get_secret_value(),
            "POSTGRES_CONNECT_TIMEOUT": "10",  # wachten op een vrije verbinding uit de pool (standaard 30 s)
            "CREATE_TABLE": "y",
        }
        if instellingen.postgres_schema:
            env["POSTGRES_SCHEMA"] = instellingen.postgres_schema
        return env
    instellingen.data.mkdir(parents=True, exist_ok=True)
    return {
        "PERSISTENCE_MODULE": "hub.koppelingen.opslag.sqlite:SQLiteOpslag",
        "SQLITE_DBNAME": str(instellingen.sqlite_bestand),
        "SQLITE_LOCK_TIMEOUT": "30",
        "CREATE_TABLE": "y",
    }


__all__ = ["nieuwe_sleutel", "persistentie"]
