"""Configuratie van de ingebouwde nats-server, met de rechten per afzender.

Een afzender mag precies dit, en niets meer:

- publiceren op ``hub.in.<afzender>.>`` (de PubAck van HUB_IN komt terug op zijn eigen inbox);
- zijn eigen durable ``<afzender>`` op HUB_OUT aanmaken, alleen gefilterd binnen ``hub.out.<afzender>.>``:
  ``$JS.API.CONSUMER.CREATE.HUB_OUT.<afzender>.hub.out.<afzender>.>`` (de server controleert dat het
  filter in het subject gelijk is aan het filter in de aanvraag, dus een breder filter valt buiten het recht);
- die consumer opvragen (``CONSUMER.INFO``), er berichten uit halen (``CONSUMER.MSG.NEXT``) en ze
  bevestigen (``$JS.ACK.HUB_OUT.<afzender>.>``);
- abonneren op ``hub.out.<afzender>.>`` en op zijn eigen inbox-prefix ``_INBOX.<afzender>.>``.

Bewust niet: ``STREAM.INFO``/``STREAM.NAMES`` (wie de stream kent, hoeft niet te zoeken),
``STREAM.MSG.GET`` en ``DIRECT.GET`` (die lezen elk bericht, ook van anderen), consumers van anderen,
``CONSUMER.DELETE`` en ``_INBOX.>`` (daarmee zou een aanbieder antwoorden aan anderen meelezen,
ook de berichten die een ander met fetch ophaalt).
"""

from __future__ import annotations

import json
from pathlib import Path

from .identiteiten import Identiteiten, schrijf_geheim
from .subjects import (
    HUB_GEBRUIKER,
    STREAM_OUT,
    consumer_naam,
    filter_in_afzender,
    filter_out,
    inbox_prefix,
)

MAX_PAYLOAD = 1024 * 1024


def afzender_rechten(afzender: str) -> dict:
    consumer = consumer_naam(afzender)
    api = f"$JS.API.CONSUMER.%s.{STREAM_OUT}.{consumer}"
    return {
        "publish": {
            "allow": [
                filter_in_afzender(afzender),
                api % "INFO",
                f"{api % 'CREATE'}.{filter_out(afzender)}",
                api % "MSG.NEXT",
                f"$JS.ACK.{STREAM_OUT}.{consumer}.>",
            ]
        },
        "subscribe": {"allow": [filter_out(afzender), f"{inbox_prefix(afzender)}.>"]},
    }


def hub_rechten() -> dict:
    return {"publish": {"allow": [">"]}, "subscribe": {"allow": [">"]}}


def maak_config(
    nats_dir: Path,
    identiteiten: Identiteiten,
    afzenders: list[str],
    *,
    poort: int | None,
    sync_interval: str,
) -> dict:
    """Het portsbestand (``nats-server_<pid>.ports``) komt er ook bij een vaste poort: pas als ons eigen
    proces het schrijft is de server klaar, en niet een andere die toevallig al op die poort luistert."""
    gebruikers = [{"user": HUB_GEBRUIKER, "password": identiteiten.hub_wachtwoord, "permissions": hub_rechten()}]
    gebruikers += [
        {"user": a, "password": identiteiten.wachtwoord(a), "permissions": afzender_rechten(a)} for a in afzenders
    ]
    return {
        "server_name": "hub",
        "host": "127.0.0.1",
        "port": -1 if poort is None else poort,
        "pid_file": str(nats_dir / "nats-server.pid"),
        "max_payload": MAX_PAYLOAD,
        "jetstream": {"store_dir": str(nats_dir), "sync_interval": sync_interval},
        "authorization": {"users": gebruikers},
        "ports_file_dir": str(nats_dir),
    }


def schrijf_config(pad: Path, config: dict) -> None:
    """nats-server leest JSON als configuratie; modus 0600 omdat de wachtwoorden erin staan."""
    schrijf_geheim(pad, json.dumps(config, indent=2))
