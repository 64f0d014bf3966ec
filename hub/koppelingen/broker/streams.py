"""De streams van de hub en de verbindingen ermee.

Elke afzender publiceert in zijn eigen intake-stream ``IN_<afzender>`` (subjects ``hub.in.<afzender>.>``):
JetStream ontdubbelt Nats-Msg-Id per stream, dus in één gedeelde stream zou een bericht van een tweede afzender
met dezelfde id stil wegvallen. Ook een verzamelstream met ``sources`` helpt niet: die ontdubbelt de
overgenomen berichten opnieuw op hun Nats-Msg-Id (gezien met nats-server 2.15). De werker leest daarom elke
intake-stream zelf. Per afzender maakt de hub op HUB_OUT een durable (gefilterd op ``hub.out.<afzender>.>``)
die de afzender via zijn account kan lezen maar niet kan wijzigen.

Alle streams staan op schijf. De intake weigert nieuwe berichten als hij vol is (``DiscardPolicy.NEW``):
de afzender krijgt dan een fout en probeert later opnieuw, in plaats van dat een nog onverwerkt bericht
stil verdwijnt. HUB_OUT bewaart retouren zodat een aanbieder ze later kan ophalen. HUB_DLQ houdt alles
tot iemand het behandelt.
"""

from __future__ import annotations

from dataclasses import dataclass

import nats
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    DeliverPolicy,
    DiscardPolicy,
    RetentionPolicy,
    StorageType,
    StreamConfig,
    StreamInfo,
)
from nats.js.errors import BadRequestError, NotFoundError

from hub.instellingen import Instellingen

from .configuratie import MAX_PAYLOAD
from .identiteiten import Identiteiten
from .subjects import (
    HUB_GEBRUIKER,
    HUB_INBOX_PREFIX,
    STREAM_DLQ,
    STREAM_IN,
    STREAM_OUT,
    SUBJECT_DLQ,
    SUBJECTS_OUT,
    consumer_naam,
    filter_in_afzender,
    filter_out,
    inbox_prefix,
    stream_in,
)

DUPLICAAT_VENSTER = 120.0
DAG = 24 * 3600.0
GIB = 1024**3
INTAKE_BYTES = GIB
"""Per afzender: JetStream reserveert ``max_bytes`` op schijf voor elke stream, en een afzender die de hub
overspoelt, vult zo alleen zijn eigen intake (hij krijgt dan een fout, de anderen niet)."""


def _stream(naam: str, beschrijving: str, subjects: list[str], max_age: float | None, max_bytes: int,
            discard: DiscardPolicy, duplicaat_venster: float) -> StreamConfig:
    return StreamConfig(
        name=naam, description=beschrijving, subjects=subjects, max_age=max_age, max_bytes=max_bytes,
        discard=discard, storage=StorageType.FILE, retention=RetentionPolicy.LIMITS, max_msg_size=MAX_PAYLOAD,
        duplicate_window=duplicaat_venster, num_replicas=1, allow_rollup_hdrs=False,
    )


def stream_configs(afzenders: list[str], *, duplicaat_venster: float = DUPLICAAT_VENSTER) -> list[StreamConfig]:
    """De intake per afzender, HUB_OUT en HUB_DLQ."""
    intake = [
        _stream(stream_in(a), f"Berichten van {a} aan de hub", [filter_in_afzender(a)], 30 * DAG, INTAKE_BYTES,
                DiscardPolicy.NEW, duplicaat_venster)
        for a in dict.fromkeys(afzenders)
    ]
    return [
        *intake,
        _stream(STREAM_OUT, "Retouren en doorgestuurde berichten van de hub aan afzenders", [SUBJECTS_OUT], 90 * DAG,
                10 * GIB, DiscardPolicy.OLD, duplicaat_venster),
        _stream(STREAM_DLQ, "Berichten die niet te verwerken waren, met hun reden", [SUBJECT_DLQ], None, 2 * GIB,
                DiscardPolicy.NEW, duplicaat_venster),
    ]


def consumer_config(afzender: str) -> ConsumerConfig:
    return ConsumerConfig(
        durable_name=consumer_naam(afzender),
        filter_subject=filter_out(afzender),
        ack_policy=AckPolicy.EXPLICIT,
        deliver_policy=DeliverPolicy.ALL,
    )


async def _declareer(js: JetStreamContext, config: StreamConfig) -> StreamInfo:
    assert config.name is not None
    try:
        await js.stream_info(config.name)
    except NotFoundError:
        return await js.add_stream(config)
    try:
        return await js.update_stream(config)
    except BadRequestError as fout:
        raise RuntimeError(
            f"stream {config.name} bestaat al met een instelling die niet te wijzigen is ({fout.description}): "
            "pas de stream met de hand aan of verwijder hem na een back-up"
        ) from fout


async def declareer_streams(
    js: JetStreamContext, afzenders: list[str], *, duplicaat_venster: float = DUPLICAAT_VENSTER
) -> list[StreamInfo]:
    """Maakt de streams en de durables per afzender aan of brengt ze in lijn met deze code; vaker aanroepen is
    onschadelijk."""
    await _ruim_gedeelde_intake_op(js)
    resultaat = [await _declareer(js, c) for c in stream_configs(afzenders, duplicaat_venster=duplicaat_venster)]
    for afzender in dict.fromkeys(afzenders):
        await js.add_consumer(STREAM_OUT, consumer_config(afzender))
    return resultaat


async def _ruim_gedeelde_intake_op(js: JetStreamContext) -> None:
    """De gedeelde intake HUB_IN van vóór de intake per afzender overlapt met de nieuwe streams. Is alles erin
    verwerkt, dan verdwijnt hij; staat er nog iets open, dan start de hub niet (niets gaat verloren)."""
    try:
        info = await js.stream_info(STREAM_IN)
    except NotFoundError:
        return
    consumers = await js.consumers_info(STREAM_IN)
    open_ = max(((c.num_pending or 0) + (c.num_ack_pending or 0) for c in consumers), default=info.state.messages)
    if open_:
        raise RuntimeError(
            f"stream {STREAM_IN} van een vorige versie heeft nog {open_} onverwerkte berichten: start die versie "
            "tot ze verwerkt zijn (zonder nieuwe berichten aan te nemen) en start dan deze versie"
        )
    await js.delete_stream(STREAM_IN)


async def verbind(
    url: str,
    gebruiker: str | None,
    wachtwoord: str | None,
    *,
    naam: str | None = None,
    inbox: str | None = None,
    **opties,
) -> NATS:
    """Verbinding met gebruikersnaam en wachtwoord; ``inbox`` zet de inbox-prefix (verplicht voor afzenders)."""
    if inbox:
        opties["inbox_prefix"] = inbox
    try:
        return await nats.connect(servers=[url], user=gebruiker, password=wachtwoord, name=naam or gebruiker,
                                  max_reconnect_attempts=-1, **opties)
    except nats.errors.NoServersError as fout:
        raise ConnectionError(
            f"geen verbinding met NATS op {url}: controleer of de broker draait en het adres klopt"
        ) from fout


async def verbind_hub(url: str, identiteiten: Identiteiten, **opties) -> NATS:
    return await verbind(url, HUB_GEBRUIKER, identiteiten.hub_wachtwoord, inbox=HUB_INBOX_PREFIX, **opties)


async def verbind_afzender(url: str, afzender: str, identiteiten: Identiteiten, **opties) -> NATS:
    return await verbind(
        url, afzender, identiteiten.wachtwoord(afzender), inbox=inbox_prefix(afzender), **opties
    )


@dataclass(frozen=True)
class ExterneNats:
    """Een bestaande NATS (cluster) in plaats van de ingebouwde server."""

    url: str
    gebruiker: str | None
    wachtwoord: str | None

    @classmethod
    def uit(cls, instellingen: Instellingen) -> ExterneNats | None:
        """Alleen als `HUB_NATS_URL` is ingesteld; anders start de hub zijn eigen broker."""
        url = (instellingen.nats_url or "").strip()
        if not url:
            return None
        wachtwoord = instellingen.nats_password.get_secret_value() if instellingen.nats_password else None
        return cls(url, instellingen.nats_user, wachtwoord)

    async def verbind(self, **opties) -> NATS:
        return await verbind(self.url, self.gebruiker, self.wachtwoord, inbox=HUB_INBOX_PREFIX, **opties)

    def __repr__(self) -> str:
        return f"ExterneNats(url={self.url!r}, gebruiker={self.gebruiker!r})"
