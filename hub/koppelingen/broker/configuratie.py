"""Configuratie van de nats-server: een eigen account per afzender, de streams in het account van de hub.

Rechten op subjects binnen één account scheiden afzenders niet: een JetStream-publicatie of API-aanvraag
met een antwoordsubject in de ruimte van een ander (``hub.out.<ander>.…``) laat de server daar afleveren.
Daarom heeft elke afzender een eigen account (naam = afzendercode); wat hij publiceert of aanvraagt, blijft
daarin, behalve wat hij uitdrukkelijk importeert:

- ``hub.in.<afzender>.>`` als *service*: het bericht landt in zijn intake-stream ``IN_<afzender>`` in het
  hub-account en de PubAck komt via de service terug bij hem. Een antwoordsubject dat hij meegeeft, wordt
  door de server vervangen en wijst dus nooit in het hub-account of naar een ander;
- ``hub.out.<afzender>.>`` als *stream*: zijn retouren, inbox en factuurstatussen, live te abonneren;
- zijn eigen durable op HUB_OUT (``CONSUMER.MSG.NEXT``, ``CONSUMER.INFO`` onder ``$JS.hub.API`` en
  ``$JS.ACK.HUB_OUT.<afzender>.>``), zodat ``hub ontvang`` duurzaam kan ophalen.

De exports van de hub hebben ``account_token_position``: het token op die plaats moet de naam van het
importerende account zijn (de server start niet met een import van andermans subject). Afzenders hebben geen
JetStream van zichzelf. Als extra slot hebben hun gebruikers ook alleen rechten op precies die subjects.

Met een eigen NATS (``HUB_NATS_URL``) is deze configuratie aan de beheerder: ``hub broker configuratie``
schrijft het ``accounts``-blok voor de afzenders van de catalogus, met de wachtwoorden uit de datamap van de hub.
"""

from __future__ import annotations

import json
from pathlib import Path

from .identiteiten import Identiteiten, schrijf_geheim
from .subjects import (
    HUB_ACCOUNT,
    HUB_GEBRUIKER,
    JS_PREFIX_AFZENDER,
    STREAM_OUT,
    consumer_naam,
    filter_in_afzender,
    filter_out,
    inbox_prefix,
)

MAX_PAYLOAD = 1024 * 1024

_CONSUMER_API = f"$JS.API.CONSUMER.%s.{STREAM_OUT}"
_ACK = f"$JS.ACK.{STREAM_OUT}"


def hub_exports() -> list[dict]:
    return [
        {"service": "hub.in.*.>", "account_token_position": 3},
        {"stream": "hub.out.*.>", "account_token_position": 3},
        {"service": f"{_CONSUMER_API % 'MSG.NEXT'}.*", "account_token_position": 7, "response_type": "stream"},
        {"service": f"{_CONSUMER_API % 'INFO'}.*", "account_token_position": 6},
        {"service": f"{_ACK}.*.>", "account_token_position": 4},
    ]


def _api_afzender(api: str, afzender: str) -> tuple[str, str]:
    """Subject in het hub-account en het subject waaronder de afzender het ziet."""
    subject = f"{_CONSUMER_API % api}.{consumer_naam(afzender)}"
    return subject, subject.replace("$JS.API", JS_PREFIX_AFZENDER, 1)


def afzender_imports(afzender: str) -> list[dict]:
    imports: list[dict] = [
        {"service": {"account": HUB_ACCOUNT, "subject": filter_in_afzender(afzender)}},
        {"stream": {"account": HUB_ACCOUNT, "subject": filter_out(afzender)}},
    ]
    for api in ("MSG.NEXT", "INFO"):
        subject, zichtbaar = _api_afzender(api, afzender)
        imports.append({"service": {"account": HUB_ACCOUNT, "subject": subject}, "to": zichtbaar})
    imports.append({"service": {"account": HUB_ACCOUNT, "subject": f"{_ACK}.{consumer_naam(afzender)}.>"}})
    return imports


def afzender_rechten(afzender: str) -> dict:
    return {
        "publish": {
            "allow": [
                filter_in_afzender(afzender),
                _api_afzender("MSG.NEXT", afzender)[1],
                _api_afzender("INFO", afzender)[1],
                f"{_ACK}.{consumer_naam(afzender)}.>",
            ]
        },
        "subscribe": {"allow": [filter_out(afzender), f"{inbox_prefix(afzender)}.>"]},
    }


def hub_rechten() -> dict:
    return {"publish": {"allow": [">"]}, "subscribe": {"allow": [">"]}}


def afzender_gebruikers(identiteiten: Identiteiten, afzender: str, nkey: str | None = None) -> list[dict]:
    """De gebruiker met wachtwoord (waarmee de hub zelf als afzender kan optreden) en, als de aanbieder toegang
    kreeg, zijn nkey: de server kent alleen de publieke sleutel, het geheim heeft alleen de aanbieder."""
    rechten = afzender_rechten(afzender)
    gebruikers = [{"user": afzender, "password": identiteiten.wachtwoord(afzender), "permissions": rechten}]
    if nkey:
        gebruikers.append({"nkey": nkey, "permissions": rechten})
    return gebruikers


def accounts(
    identiteiten: Identiteiten, afzenders: list[str], *, hub_gebruiker: str | None = None,
    hub_wachtwoord: str | None = None, nkeys: dict[str, str] | None = None,
) -> dict:
    """Het ``accounts``-blok: één per afzender plus dat van de hub (met JetStream). Met een eigen NATS geeft de
    beheerder de gebruiker van de hub zelf op (``HUB_NATS_USER``/``HUB_NATS_PASSWORD``). ``nkeys``: de publieke
    sleutel per afzender die toegang kreeg (``hub aanbieder toegang``)."""
    hub = {"user": hub_gebruiker or HUB_GEBRUIKER, "password": hub_wachtwoord or identiteiten.hub_wachtwoord,
           "permissions": hub_rechten()}
    blok: dict = {
        HUB_ACCOUNT: {
            "jetstream": "enabled",
            "users": [hub],
            "exports": hub_exports(),
        }
    }
    for a in afzenders:
        blok[a] = {
            "users": afzender_gebruikers(identiteiten, a, (nkeys or {}).get(a)),
            "imports": afzender_imports(a),
        }
    return blok


def maak_config(
    nats_dir: Path,
    identiteiten: Identiteiten,
    afzenders: list[str],
    *,
    poort: int | None,
    sync_interval: str,
    host: str = "127.0.0.1",
    tls: dict | None = None,
    versleuteld: bool = False,
    nkeys: dict[str, str] | None = None,
) -> dict:
    """Het portsbestand (``nats-server_<pid>.ports``) komt er ook bij een vaste poort: pas als ons eigen
    proces het schrijft is de server klaar, en niet een andere die toevallig al op die poort luistert.

    Een nieuwe afzender (een nieuw account) vraagt een herstart: na één ``reload`` blijft de service-import
    van een nieuw account in nats-server 2.15 dood. De ingebouwde server schrijft de configuratie bij elke start.

    ``versleuteld``: JetStream versleutelt zijn opslag (chachapoly) met de sleutel uit de omgevingsvariabele
    ``NATS_JS_SLEUTEL`` van het serverproces; de sleutel zelf staat niet in het bestand. ``tls``: het tls-blok."""
    jetstream: dict = {"store_dir": str(nats_dir), "sync_interval": sync_interval}
    if versleuteld:
        jetstream |= {"cipher": "chachapoly", "key": SLEUTEL_VERWIJZING}
    config = {
        "server_name": "hub",
        "host": host,
        "port": -1 if poort is None else poort,
        "pid_file": str(nats_dir / "nats-server.pid"),
        "max_payload": MAX_PAYLOAD,
        "jetstream": jetstream,
        "accounts": accounts(identiteiten, list(dict.fromkeys(afzenders)), nkeys=nkeys),
        "ports_file_dir": str(nats_dir),
    }
    if tls:
        config["tls"] = tls
    return config


SLEUTEL_VARIABELE = "NATS_JS_SLEUTEL"
SLEUTEL_VERWIJZING = f"${SLEUTEL_VARIABELE}"


def schrijf_config(pad: Path, config: dict) -> None:
    """nats-server leest JSON als configuratie; modus 0600 omdat de wachtwoorden erin staan. Een verwijzing naar
    een omgevingsvariabele staat in nats-server zonder aanhalingstekens."""
    tekst = json.dumps(config, indent=2).replace(f'"{SLEUTEL_VERWIJZING}"', SLEUTEL_VERWIJZING)
    schrijf_geheim(pad, tekst)


def lees_config(pad: Path) -> dict:
    tekst = pad.read_text(encoding="utf-8").replace(f": {SLEUTEL_VERWIJZING}", f': "{SLEUTEL_VERWIJZING}"')
    return json.loads(tekst)
