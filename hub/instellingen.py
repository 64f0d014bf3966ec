"""Instellingen, één keer gelezen uit de omgeving. Wisselen van opslag of broker is configuratie, geen code."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Mapping

_PROJECTMAP = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Instellingen:
    """`nats_sync`: hoe vaak de ingebouwde broker naar schijf schrijft. Standaard elke seconde: het eigenlijke
    bewijs van ontvangst is de retour, die pas komt als het feit in de eventstore staat; wie geen retour krijgt,
    stuurt opnieuw met dezelfde berichtId, en dat is onschadelijk. `always` schrijft elk bericht meteen weg.
    """

    data: Path = field(default_factory=lambda: Path("hub-data").resolve())
    contracten: Path = _PROJECTMAP / "contracts"
    eventstore: Literal["sqlite", "postgres"] = "sqlite"
    postgres_dbname: str = "hub"
    postgres_host: str = "127.0.0.1"
    postgres_port: str = "5432"
    postgres_user: str = "hub"
    postgres_password: str = ""
    postgres_schema: str = ""
    nats_url: str | None = None
    nats_user: str | None = None
    nats_password: str | None = None
    nats_poort: int = 4222
    nats_sync: str = "1s"
    sleutel: str | None = field(default=None, repr=False)

    @property
    def sqlite_bestand(self) -> Path:
        return self.data / "hub.sqlite"

    @classmethod
    def uit_omgeving(cls, omgeving: Mapping[str, str] | None = None) -> Instellingen:
        env = os.environ if omgeving is None else omgeving
        standaard = cls()
        eventstore = env.get("HUB_EVENTSTORE", "sqlite")
        if eventstore not in ("sqlite", "postgres"):
            raise ValueError(f"HUB_EVENTSTORE={eventstore!r} is onbekend; kies 'sqlite' of 'postgres'")
        return cls(
            data=Path(env["HUB_DATA"]).resolve() if env.get("HUB_DATA") else standaard.data,
            contracten=Path(env["HUB_CONTRACTEN"]).resolve() if env.get("HUB_CONTRACTEN") else standaard.contracten,
            eventstore=eventstore,  # type: ignore[arg-type]
            postgres_dbname=env.get("HUB_POSTGRES_DB", standaard.postgres_dbname),
            postgres_host=env.get("HUB_POSTGRES_HOST", standaard.postgres_host),
            postgres_port=env.get("HUB_POSTGRES_PORT", standaard.postgres_port),
            postgres_user=env.get("HUB_POSTGRES_USER", standaard.postgres_user),
            postgres_password=env.get("HUB_POSTGRES_PASSWORD", standaard.postgres_password),
            postgres_schema=env.get("HUB_POSTGRES_SCHEMA", standaard.postgres_schema),
            nats_url=env.get("HUB_NATS_URL") or None,
            nats_user=env.get("HUB_NATS_USER") or None,
            nats_password=env.get("HUB_NATS_PASSWORD") or None,
            nats_poort=int(env.get("HUB_NATS_POORT", standaard.nats_poort)),
            nats_sync=env.get("HUB_NATS_SYNC", standaard.nats_sync),
            sleutel=env.get("HUB_SLEUTEL") or None,
        )
