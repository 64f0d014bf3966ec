"""De hub-werker: FastStream op NATS JetStream. Leest `hub.in.>` in batches, verwerkt, antwoordt.

Volgorde per bericht: lezen en valideren → verwerken en opslaan (één transactie per batch) → retour
en doorzendingen publiceren (JetStream, ontdubbeld op Nats-Msg-Id) → pas dan bevestigen (ack).
Een bericht dat onverwacht faalt, wordt na een korte pauze opnieuw aangeboden; na
`MAX_LEVERINGEN` keer landt het met de reden op `hub.dlq` en wordt het bevestigd.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import traceback
import uuid
from dataclasses import dataclass
from typing import Annotated, Any

from faststream import AckPolicy, Context
from faststream.nats import JStream, NatsBroker, PullSub
from faststream.nats.message import NatsBatchMessage
from nats.aio.msg import Msg
from nats.js.api import ConsumerConfig

from hub.berichten import BerichtFout
from hub.berichten.vingerafdruk import vingerafdruk_onleesbaar
from hub.koppelingen.broker.subjects import (
    STREAM_DLQ,
    STREAM_IN,
    SUBJECT_DLQ,
    SUBJECTS_IN,
    subject_inbox,
    subject_retour,
)
from hub.koppelingen.formaten import parse_bericht, vorm_van
from hub.toepassing.verwerking import Uitkomst, Verwerker

log = logging.getLogger("hub.werker")

MAX_LEVERINGEN = 5
ACK_WAIT = 5.0
"""Seconden tot de broker een onbevestigd bericht opnieuw aanbiedt. Een batch is in een fractie daarvan
verwerkt; korter houden beperkt hoe lang een levering die de werker nooit bereikte (gezien onder zware
CPU-belasting) blijft liggen. Opnieuw aanbieden is onschadelijk: de hub ontdubbelt op berichtId."""
HERKANS_PAUZE = 1.0
BATCH = 256
DURABLE = "hub-werker"
MAX_OPEN_BATCHES = 4
VINGERAFDRUK = "Hub-Vingerafdruk"
"""Header van een retour: de vingerafdruk van het bericht waarop hij antwoordt (zie `hub.berichten.vingerafdruk`)."""
_BERICHT_ID = re.compile(rb"<(?:\w+:)?berichtId>\s*([0-9a-fA-F-]{36})\s*</")


def bericht_id_uit(data: bytes) -> str | None:
    """De berichtId van een onleesbaar bericht, als die er nog uit te halen is, voor de retour."""
    try:
        waarde = json.loads(data).get("berichtId")
    except (ValueError, AttributeError, UnicodeDecodeError, RecursionError):
        gevonden = _BERICHT_ID.search(data[:100_000])
        waarde = gevonden.group(1).decode() if gevonden else None
    return _uuid_of_niets(waarde)


def _uuid_of_niets(waarde: object) -> str | None:
    try:
        return str(uuid.UUID(str(waarde))) if waarde else None
    except ValueError:
        return None


def _broker_id(msg: Msg) -> str | None:
    """Zonder leesbare berichtId: de Nats-Msg-Id waaronder de afzender publiceerde, zodat hij zijn retour herkent.
    De afzender-client publiceert onder `berichtId/afzender/vingerafdruk`."""
    waarde = (msg.headers or {}).get("Nats-Msg-Id")
    return _uuid_of_niets(waarde.split("/")[0]) if waarde else None


def _retour_id(afzender: str, bericht_id: str, inhoud: bytes, vingerafdruk: str | None) -> str:
    """Eén Nats-Msg-Id per afzender, bericht en antwoord: HUB_OUT ontdubbelt over alle afzenders, en een nieuw
    antwoord onder een bekende berichtId (een nieuwe poging, BERICHT_ID_HERGEBRUIKT) mag niet wegvallen."""
    antwoord = hashlib.sha256(inhoud + (vingerafdruk or "").encode()).hexdigest()[:32]
    return f"retour-{afzender}-{bericht_id}-{antwoord}"


def afzender_uit(subject: str) -> str:
    """De broker laat een afzender alleen op `hub.in.<afzender>.…` publiceren: het subject is de identiteit."""
    return subject.split(".")[2]


@dataclass
class Levering:
    bericht: Msg
    afzender: str
    uitkomst: Uitkomst | None = None


class Werker:
    def __init__(
        self,
        broker: NatsBroker,
        verwerker: Verwerker,
        *,
        durable: str = DURABLE,
        filter_subject: str = SUBJECTS_IN,
        ack_wait: float = ACK_WAIT,
    ):
        self.broker = broker
        self.verwerker = verwerker
        self.verwerkt = 0
        self._jetstream = None
        self._afronden: set[asyncio.Task] = set()
        broker.subscriber(
            filter_subject,
            stream=JStream(STREAM_IN, declare=False),
            durable=durable,
            config=ConsumerConfig(ack_wait=ack_wait, max_deliver=-1),
            pull_sub=PullSub(batch_size=BATCH, timeout=0.05, batch=True),
            ack_policy=AckPolicy.MANUAL,
        )(self._ontvang)

    async def _ontvang(self, body: Any, message: Annotated[NatsBatchMessage, Context("message")]) -> None:
        leveringen = [Levering(m, afzender_uit(m.subject)) for m in message.raw_message]
        te_verwerken = []
        for levering in leveringen:
            try:
                bericht = parse_bericht(levering.bericht.data, afzender=levering.afzender)
            except BerichtFout as fout:
                bericht_id = bericht_id_uit(levering.bericht.data) or _broker_id(levering.bericht)
                levering.uitkomst = self.verwerker.weiger_onleesbaar(
                    bericht_id, fout.fouten, vingerafdruk_onleesbaar(levering.bericht.data)
                )
                continue
            te_verwerken.append((levering, bericht, vorm_van(levering.bericht.data)))
        await self._verwerk(te_verwerken)
        klaar = [levering for levering in leveringen if levering.uitkomst is not None]
        while len(self._afronden) >= MAX_OPEN_BATCHES:
            await asyncio.wait(self._afronden, return_when=asyncio.FIRST_COMPLETED)
        taak = asyncio.create_task(self._rond_af(klaar))
        self._afronden.add(taak)
        taak.add_done_callback(self._afronden.discard)

    async def _rond_af(self, klaar: list[Levering]) -> None:
        """Retouren publiceren, op hun PubAcks wachten en dan pas bevestigen; loopt door terwijl de volgende batch
        al wordt verwerkt. Gaat dit mis, dan blijft het bericht onbevestigd en komt het terug: onschadelijk."""
        try:
            pubacks = await asyncio.gather(*(f for levering in klaar for f in self._beantwoord(levering)))
            await asyncio.gather(*pubacks)
            await asyncio.gather(*(levering.bericht.ack() for levering in klaar))
        except Exception:
            log.exception("retouren van %d berichten niet bevestigd; de broker biedt ze opnieuw aan", len(klaar))
            return
        self.verwerkt += len(klaar)

    async def sluit(self) -> None:
        """Wacht tot verwerkte batches zijn beantwoord en bevestigd."""
        if self._afronden:
            await asyncio.wait(self._afronden, timeout=10)

    async def _verwerk(self, te_verwerken: list[tuple[Levering, Any, str]]) -> None:
        if not te_verwerken:
            return
        reeks = [(bericht, levering.afzender, vorm) for levering, bericht, vorm in te_verwerken]
        try:
            uitkomsten = await asyncio.to_thread(self.verwerker.verwerk_reeks, reeks)
        except Exception:
            if len(te_verwerken) == 1:
                await self._mislukt(te_verwerken[0][0])
                return
            log.warning("batch van %d berichten mislukt; verwerk ze een voor een", len(te_verwerken))
            for paar in te_verwerken:
                await self._verwerk([paar])
            return
        for (levering, _, _), uitkomst in zip(te_verwerken, uitkomsten, strict=False):
            levering.uitkomst = uitkomst

    def _beantwoord(self, levering: Levering) -> list[Any]:
        """Retour en doorzendingen, gepijplijnd gepubliceerd; de aanroeper wacht op alle PubAcks samen."""
        uitkomst = levering.uitkomst
        assert uitkomst is not None
        bericht_id = uitkomst.retour["berichtId"]
        inhoud = json.dumps(uitkomst.retour).encode()
        headers = {"Nats-Msg-Id": _retour_id(levering.afzender, bericht_id, inhoud, uitkomst.vingerafdruk),
                   "Content-Type": "application/json"}
        if uitkomst.vingerafdruk:
            headers[VINGERAFDRUK] = uitkomst.vingerafdruk
        js = self._js()
        publicaties = [js.publish_async(subject_retour(levering.afzender), inhoud, headers=headers)]
        publicaties += [
            js.publish_async(
                subject_inbox(doorzending.ontvanger),
                json.dumps(doorzending.bericht).encode(),
                headers={"Nats-Msg-Id": f"door-{bericht_id}-{doorzending.ontvanger}", "Content-Type": "application/json"},
            )
            for doorzending in uitkomst.doorzendingen
        ]
        return publicaties

    def _js(self):
        if self._jetstream is None:
            self._jetstream = self.broker._connection.jetstream()
        return self._jetstream

    async def _mislukt(self, levering: Levering) -> None:
        log.exception("bericht op %s kon niet worden verwerkt", levering.bericht.subject)
        geleverd = levering.bericht.metadata.num_delivered if levering.bericht.metadata else 1
        if geleverd < MAX_LEVERINGEN:
            await levering.bericht.nak(delay=HERKANS_PAUZE)
            return
        reden = traceback.format_exc(limit=3)[-1500:]
        await self.broker.publish(
            levering.bericht.data,
            SUBJECT_DLQ,
            headers={
                "Hub-Reden": reden.replace("\n", " | "),
                "Hub-Subject": levering.bericht.subject,
                "Hub-Afzender": levering.afzender,
                "Hub-Pogingen": str(geleverd),
                "Nats-Msg-Id": f"dlq-{levering.bericht.metadata.sequence.stream}",
            },
            stream=STREAM_DLQ,
        )
        await levering.bericht.ack()
        log.error("bericht op %s na %d pogingen naar %s verplaatst", levering.bericht.subject, geleverd, SUBJECT_DLQ)


__all__ = ["VINGERAFDRUK", "Werker", "bericht_id_uit"]
