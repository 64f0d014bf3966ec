"""De hub-werker: FastStream op NATS JetStream. Leest de intake van elke afzender in batches, verwerkt, antwoordt.

Elke afzender heeft een eigen intake-stream (`IN_<afzender>`); de werker heeft op elk een durable en verwerkt
de batches één voor één (de eventstore verdraagt geen gelijktijdige opslag van hetzelfde aggregaat).

Volgorde per bericht: lezen en valideren → verwerken en opslaan (één transactie per batch) → retour
en doorzendingen publiceren (JetStream, ontdubbeld op Nats-Msg-Id) → pas dan bevestigen (ack).
Een bericht dat onverwacht faalt (bij het lezen of het verwerken), wordt na een korte pauze opnieuw
aangeboden; na `MAX_LEVERINGEN` keer landt het met de reden op `hub.dlq`, krijgt de afzender een retour
`NIET_VERWERKT` en wordt het bevestigd. Zo krijgt elk bericht een antwoord en houdt geen enkel bericht de
andere van zijn batch op.
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
from hub.berichten.retour import Fout
from hub.berichten.vingerafdruk import vingerafdruk, vingerafdruk_onleesbaar
from hub.domein.fouten import NIET_VERWERKT, NIET_VERWERKT_MELDING
from hub.koppelingen.broker.subjects import (
    STREAM_DLQ,
    SUBJECT_DLQ,
    filter_in_afzender,
    stream_in,
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
    """Een afzender bereikt alleen `hub.in.<afzender>.…` (zijn account importeert niets anders): het subject is
    de identiteit, nooit wat er in het bericht staat."""
    return subject.split(".")[2]


@dataclass
class Levering:
    bericht: Msg
    afzender: str
    uitkomst: Uitkomst | None = None
    gelezen: Any = None


async def _niet_decoderen(message: Any) -> None:
    """FastStream leest een body zonder content-type als JSON. Vijandige JSON (zeer diep genest, een getal van
    duizenden cijfers) laat dat mislukken vóór de werker de batch ziet: de hele batch kwam dan eindeloos terug.
    De werker leest de ruwe bytes zelf."""
    return None


class Werker:
    def __init__(
        self,
        broker: NatsBroker,
        verwerker: Verwerker,
        afzenders: list[str],
        *,
        durable: str = DURABLE,
        ack_wait: float = ACK_WAIT,
    ):
        self.broker = broker
        self.verwerker = verwerker
        self.verwerkt = 0
        self._jetstream = None
        self._afronden: set[asyncio.Task] = set()
        self._een_tegelijk = asyncio.Lock()
        for afzender in dict.fromkeys(afzenders):
            broker.subscriber(
                filter_in_afzender(afzender),
                stream=JStream(stream_in(afzender), declare=False),
                durable=durable,
                config=ConsumerConfig(ack_wait=ack_wait, max_deliver=-1),
                pull_sub=PullSub(batch_size=BATCH, timeout=0.05, batch=True),
                ack_policy=AckPolicy.MANUAL,
                decoder=_niet_decoderen,
            )(self._ontvang)

    async def _ontvang(self, body: Any, message: Annotated[NatsBatchMessage, Context("message")]) -> None:
        async with self._een_tegelijk:
            await self._ontvang_batch(message)

    async def _ontvang_batch(self, message: NatsBatchMessage) -> None:
        leveringen = [Levering(m, afzender_uit(m.subject)) for m in message.raw_message]
        te_verwerken = []
        for levering in leveringen:
            try:
                bericht = self._lees(levering)
            except Exception:
                await self._mislukt(levering)
                continue
            if bericht is not None:
                te_verwerken.append((levering, bericht, vorm_van(levering.bericht.data)))
        await self._verwerk(te_verwerken)
        klaar = [levering for levering in leveringen if levering.uitkomst is not None]
        while len(self._afronden) >= MAX_OPEN_BATCHES:
            await asyncio.wait(self._afronden, return_when=asyncio.FIRST_COMPLETED)
        taak = asyncio.create_task(self._rond_af(klaar))
        self._afronden.add(taak)
        taak.add_done_callback(self._afronden.discard)

    def _lees(self, levering: Levering) -> Any:
        """Het gelezen bericht, of None als het onleesbaar is (dan staat de afwijzing al in `levering.uitkomst`)."""
        data = levering.bericht.data
        try:
            bericht = parse_bericht(data, afzender=levering.afzender)
        except BerichtFout as fout:
            bericht_id = bericht_id_uit(data) or _broker_id(levering.bericht)
            levering.uitkomst = self.verwerker.weiger_onleesbaar(bericht_id, fout.fouten, vingerafdruk_onleesbaar(data))
            return None
        levering.gelezen = bericht
        return bericht

    async def _rond_af(self, klaar: list[Levering]) -> None:
        """Retouren publiceren, op hun PubAcks wachten en dan pas bevestigen; loopt door terwijl de volgende batch
        al wordt verwerkt. Gaat dit mis, dan blijft het bericht onbevestigd en komt het terug: onschadelijk."""
        uitslagen = await asyncio.gather(*(self._rond_een_af(levering) for levering in klaar), return_exceptions=True)
        mislukt = [uitslag for uitslag in uitslagen if isinstance(uitslag, BaseException)]
        if mislukt:
            log.error("retouren van %d berichten niet bevestigd; de broker biedt ze opnieuw aan",
                      len(mislukt), exc_info=mislukt[0])
        self.verwerkt += len(klaar) - len(mislukt)

    async def _rond_een_af(self, levering: Levering) -> None:
        """Per bericht, zodat één retour die niet weg kan de andere van de batch niet ophoudt."""
        pubacks = await asyncio.gather(*self._beantwoord(levering))
        await asyncio.gather(*pubacks)
        await levering.bericht.ack()

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
        """Aan te roepen in een `except`-blok. Nog pogingen over: later opnieuw. Anders naar de DLQ en een retour
        NIET_VERWERKT (die `_rond_af` verstuurt en daarna bevestigt)."""
        log.exception("bericht op %s kon niet worden verwerkt", levering.bericht.subject)
        reden = traceback.format_exc(limit=3)[-1500:]
        try:
            await self._herkans_of_dlq(levering, reden)
        except Exception:
            log.exception("bericht op %s niet naar %s; de broker biedt het opnieuw aan", levering.bericht.subject, SUBJECT_DLQ)

    async def _herkans_of_dlq(self, levering: Levering, reden: str) -> None:
        geleverd = levering.bericht.metadata.num_delivered if levering.bericht.metadata else 1
        if geleverd < MAX_LEVERINGEN:
            await levering.bericht.nak(delay=HERKANS_PAUZE)
            return
        await self.broker.publish(
            levering.bericht.data,
            SUBJECT_DLQ,
            headers={
                "Hub-Reden": reden.replace("\n", " | "),
                "Hub-Subject": levering.bericht.subject,
                "Hub-Afzender": levering.afzender,
                "Hub-Pogingen": str(geleverd),
                # Volgnummers tellen per intake-stream: zonder de streamnaam viel de tweede afzender weg als dubbel.
                "Nats-Msg-Id": f"dlq-{levering.bericht.metadata.stream}-{levering.bericht.metadata.sequence.stream}",
            },
            stream=STREAM_DLQ,
        )
        levering.uitkomst = self._niet_verwerkt(levering)
        log.error("bericht op %s na %d pogingen naar %s verplaatst", levering.bericht.subject, geleverd, SUBJECT_DLQ)

    def _niet_verwerkt(self, levering: Levering) -> Uitkomst:
        data = levering.bericht.data
        bericht_id = str(levering.gelezen.bericht_id) if levering.gelezen is not None else None
        try:
            afdruk = vingerafdruk(levering.gelezen) if levering.gelezen is not None else vingerafdruk_onleesbaar(data)
        except Exception:
            afdruk = vingerafdruk_onleesbaar(data)
        fout = Fout(code=NIET_VERWERKT, melding=NIET_VERWERKT_MELDING)
        return self.verwerker.weiger_onleesbaar(bericht_id or bericht_id_uit(data) or _broker_id(levering.bericht), [fout], afdruk)


__all__ = ["VINGERAFDRUK", "Werker", "bericht_id_uit"]
