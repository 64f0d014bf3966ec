"""De kant van de afzender: een bestand publiceren met de eigen inloggegevens en op de retour wachten.

Zo gebruikt de back-office van een provider (of een tester) de hub: `hub stuur` en `hub ontvang`.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path
from typing import Any

import nats
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

from hub.berichten import BerichtFout
from hub.koppelingen.broker.identiteiten import Identiteiten
from hub.koppelingen.broker.streams import verbind_afzender
from hub.koppelingen.broker.subjects import (
    STREAM_OUT,
    consumer_naam,
    filter_out,
    sleutel_factuur,
    sleutel_traject,
    subject_in,
    subject_retour,
)
from hub.koppelingen.broker.werker import bericht_id_uit
from hub.koppelingen.formaten import parse_bericht

WACHTTIJD = 30.0


def _sleutel_en_id(data: bytes, afzender: str) -> tuple[str, str]:
    """Ordeningssleutel en berichtId; een onleesbaar bestand gaat toch, zodat de hub de fout kan melden."""
    try:
        bericht = parse_bericht(data, afzender=afzender)
    except BerichtFout:
        bericht_id = bericht_id_uit(data) or str(uuid.uuid4())
        return bericht_id, bericht_id
    traject_id = getattr(bericht, "traject_id", None)
    if traject_id is not None:
        return sleutel_traject(bericht.gemeente, traject_id), str(bericht.bericht_id)
    return sleutel_factuur(getattr(bericht, "factuurnummer", str(bericht.bericht_id))), str(bericht.bericht_id)


async def stuur(url: str, afzender: str, identiteiten: Identiteiten, bestanden: list[Path], wachttijd: float = WACHTTIJD) -> list[dict[str, Any]]:
    """Publiceert elk bestand en geeft per bestand de retour (in dezelfde volgorde)."""
    return await stuur_inhoud(url, afzender, identiteiten, [b.read_bytes() for b in bestanden], wachttijd)


async def stuur_inhoud(url: str, afzender: str, identiteiten: Identiteiten, inhoud: list[bytes], wachttijd: float = WACHTTIJD) -> list[dict[str, Any]]:
    nc = await verbind_afzender(url, afzender, identiteiten)
    try:
        js = nc.jetstream()
        retouren: dict[str, dict[str, Any]] = {}
        binnen = asyncio.Event()

        async def bij_retour(msg: Any) -> None:
            retour = json.loads(msg.data)
            retouren[retour.get("berichtId")] = retour
            binnen.set()

        await nc.subscribe(subject_retour(afzender), cb=bij_retour)
        ids = []
        for data in inhoud:
            sleutel, bericht_id = _sleutel_en_id(data, afzender)
            ids.append(bericht_id)
            ack = await js.publish(subject_in(afzender, sleutel), data, headers={"Nats-Msg-Id": bericht_id})
            if ack.duplicate:
                # De broker kent deze berichtId al en bewaart hem niet opnieuw; de hub antwoordt dan met de
                # eerste retour, dus bied hem onder een eigen broker-id nog eens aan.
                await js.publish(subject_in(afzender, sleutel), data, headers={"Nats-Msg-Id": f"{bericht_id}/{uuid.uuid4()}"})
        einde = asyncio.get_running_loop().time() + wachttijd
        while any(i not in retouren for i in ids):
            resterend = einde - asyncio.get_running_loop().time()
            if resterend <= 0:
                break
            binnen.clear()
            try:
                await asyncio.wait_for(binnen.wait(), resterend)
            except TimeoutError:
                break
        return [retouren.get(i) or _geen_antwoord(i, wachttijd) for i in ids]
    finally:
        await nc.close()


def _geen_antwoord(bericht_id: str, wachttijd: float) -> dict[str, Any]:
    return {
        "berichtId": bericht_id,
        "status": "onbekend",
        "fouten": [{"code": "GEEN_RETOUR", "veld": None,
                    "melding": f"Geen retour binnen {wachttijd:.0f} s; het bericht staat in de wachtrij. "
                               "Haal de retour later op met 'hub ontvang'."}],
        "signalen": [],
    }


async def ontvang(url: str, afzender: str, identiteiten: Identiteiten, wachttijd: float = 1.0) -> list[dict[str, Any]]:
    """Alles wat voor deze afzender klaarstaat (retouren en doorgestuurde berichten), één keer."""
    nc = await verbind_afzender(url, afzender, identiteiten)
    try:
        js = nc.jetstream()
        config = ConsumerConfig(
            durable_name=consumer_naam(afzender),
            filter_subject=filter_out(afzender),
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
        )
        sub = await js.pull_subscribe(filter_out(afzender), durable=consumer_naam(afzender), stream=STREAM_OUT, config=config)
        ontvangen: list[dict[str, Any]] = []
        while True:
            try:
                berichten = await sub.fetch(batch=256, timeout=wachttijd)
            except (TimeoutError, nats.errors.TimeoutError):
                break
            for msg in berichten:
                ontvangen.append(json.loads(msg.data))
                await msg.ack()
        return ontvangen
    finally:
        await nc.close()
