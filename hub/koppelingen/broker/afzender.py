"""De kant van de afzender: een bestand publiceren met de eigen inloggegevens en op de retour wachten.

Zo gebruikt de back-office van een provider (of een tester) de hub: `hub stuur` en `hub ontvang`.

Elk bericht gaat met Nats-Msg-Id `berichtId/afzender/vingerafdruk`: de broker laat dan alleen hetzelfde bericht
van dezelfde afzender als dubbel vallen, niet een ander bericht onder dezelfde berichtId. Een retour telt alleen
als antwoord als zijn vingerafdruk (header `Hub-Vingerafdruk`) die van het verstuurde bericht is.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path
from typing import Any

import nats
from nats.aio.client import Client as NATS

from hub.berichten import BerichtFout
from hub.berichten.vingerafdruk import vingerafdruk, vingerafdruk_onleesbaar
from hub.koppelingen.broker.identiteiten import Identiteiten
from hub.koppelingen.broker.streams import verbind, verbind_afzender
from hub.koppelingen.broker.subjects import (
    JS_PREFIX_AFZENDER,
    STREAM_OUT,
    consumer_naam,
    inbox_prefix,
    sleutel_factuur,
    sleutel_traject,
    subject_in,
    subject_retour,
)
from hub.koppelingen.broker.tls import client_context_uit_pem
from hub.koppelingen.broker.toegang import Toegangsbestand
from hub.koppelingen.broker.werker import VINGERAFDRUK, bericht_id_uit
from hub.koppelingen.formaten import parse_bericht

WACHTTIJD = 30.0


def _sleutel_id_en_afdruk(data: bytes, afzender: str) -> tuple[str, str, str]:
    """Ordeningssleutel, berichtId en vingerafdruk; een onleesbaar bestand gaat toch, zodat de hub de fout kan melden."""
    try:
        bericht = parse_bericht(data, afzender=afzender)
    except BerichtFout:
        bericht_id = bericht_id_uit(data) or str(uuid.uuid4())
        return bericht_id, bericht_id, vingerafdruk_onleesbaar(data)
    traject_id = getattr(bericht, "traject_id", None)
    if traject_id is not None:
        sleutel = sleutel_traject(bericht.gemeente, traject_id)
    else:
        sleutel = sleutel_factuur(getattr(bericht, "factuurnummer", str(bericht.bericht_id)))
    return sleutel, str(bericht.bericht_id), vingerafdruk(bericht)


async def stuur(url: str, afzender: str, identiteiten: Identiteiten, bestanden: list[Path], wachttijd: float = WACHTTIJD) -> list[dict[str, Any]]:
    """Publiceert elk bestand en geeft per bestand de retour (in dezelfde volgorde)."""
    return await stuur_inhoud(url, afzender, identiteiten, [b.read_bytes() for b in bestanden], wachttijd)


async def stuur_inhoud(url: str, afzender: str, identiteiten: Identiteiten, inhoud: list[bytes], wachttijd: float = WACHTTIJD) -> list[dict[str, Any]]:
    return await _stuur_via(await verbind_afzender(url, afzender, identiteiten), afzender, inhoud, wachttijd)


async def verbind_met_toegang(toegang: Toegangsbestand, **opties: Any) -> NATS:
    """Als de aanbieder zelf, van buiten: met de nkey-seed en het CA-certificaat uit zijn toegangsbestand."""
    if toegang.ca:
        opties["tls"] = client_context_uit_pem(toegang.ca)
    return await verbind(toegang.servers, naam=toegang.afzender, inbox=inbox_prefix(toegang.afzender),
                         nkeys_seed_str=toegang.nkey_seed, **opties)


async def stuur_met_toegang(toegang: Toegangsbestand, bestanden: list[Path], wachttijd: float = WACHTTIJD) -> list[dict[str, Any]]:
    inhoud = [b.read_bytes() for b in bestanden]
    return await _stuur_via(await verbind_met_toegang(toegang), toegang.afzender, inhoud, wachttijd)


async def ontvang_met_toegang(toegang: Toegangsbestand, wachttijd: float = 1.0) -> list[dict[str, Any]]:
    return await _ontvang_via(await verbind_met_toegang(toegang), toegang.afzender, wachttijd)


async def _stuur_via(nc: NATS, afzender: str, inhoud: list[bytes], wachttijd: float) -> list[dict[str, Any]]:
    try:
        js = nc.jetstream()
        retouren: dict[tuple[str, str | None], dict[str, Any]] = {}
        binnen = asyncio.Event()

        async def bij_retour(msg: Any) -> None:
            retour = json.loads(msg.data)
            retouren[retour.get("berichtId"), (msg.headers or {}).get(VINGERAFDRUK)] = retour
            binnen.set()

        def antwoord(bericht_id: str, afdruk: str, dubbel: bool) -> dict[str, Any] | None:
            """Alleen een retour op deze inhoud; zonder vingerafdruk (een oudere hub) alleen als de broker het bericht
            als nieuw aannam, want bij een dubbel kan een retour zonder vingerafdruk bij een ander bericht horen."""
            return retouren.get((bericht_id, afdruk)) or (None if dubbel else retouren.get((bericht_id, None)))

        await nc.subscribe(subject_retour(afzender), cb=bij_retour)
        verstuurd: list[tuple[str, str, bool]] = []
        for data in inhoud:
            sleutel, bericht_id, afdruk = _sleutel_id_en_afdruk(data, afzender)
            broker_id = f"{bericht_id}/{afzender}/{afdruk}"
            ack = await js.publish(subject_in(afzender, sleutel), data, headers={"Nats-Msg-Id": broker_id})
            if ack.duplicate:
                # De broker kreeg dit bericht kort geleden al en bewaart het niet opnieuw; bied het onder een eigen
                # broker-id nog eens aan, zodat de hub het beantwoordt (een herhaling legt niets dubbel vast).
                await js.publish(subject_in(afzender, sleutel), data, headers={"Nats-Msg-Id": f"{broker_id}/{uuid.uuid4()}"})
            verstuurd.append((bericht_id, afdruk, bool(ack.duplicate)))
        einde = asyncio.get_running_loop().time() + wachttijd
        while any(antwoord(*v) is None for v in verstuurd):
            resterend = einde - asyncio.get_running_loop().time()
            if resterend <= 0:
                break
            binnen.clear()
            try:
                await asyncio.wait_for(binnen.wait(), resterend)
            except TimeoutError:
                break
        return [antwoord(*v) or _geen_antwoord(v[0], wachttijd) for v in verstuurd]
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
    """Alles wat voor deze afzender klaarstaat (retouren en doorgestuurde berichten), één keer.

    Uit de durable die de hub voor deze afzender op HUB_OUT heeft gemaakt; de afzender ziet de JetStream-API
    van de hub alleen onder zijn eigen prefix en kan alleen die consumer lezen en bevestigen.
    Houd ``wachttijd`` onder de twee minuten: zo lang houdt de server een antwoord over accounts heen open."""
    return await _ontvang_via(await verbind_afzender(url, afzender, identiteiten), afzender, wachttijd)


async def _ontvang_via(nc: NATS, afzender: str, wachttijd: float) -> list[dict[str, Any]]:
    try:
        js = nc.jetstream(prefix=JS_PREFIX_AFZENDER)
        sub = await js.pull_subscribe_bind(consumer_naam(afzender), STREAM_OUT)
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
