"""De streams van de hub en de verbindingen ermee.

Elke afzender publiceert in zijn eigen intake-stream ``IN_<afzender>`` (subjects ``hub.in.<afzender>.>``):
JetStream ontdubbelt Nats-Msg-Id per stream, dus in één gedeelde stream zou een bericht van een tweede afzender
met dezelfde id stil wegvallen. Ook een verzamelstream met ``sources`` helpt niet: die ontdubbelt de
overgenomen berichten opnieuw op hun Nats-Msg-Id (gezien met nats-server 2.15). De werker leest daarom elke
intake-stream zelf. Per afzender maakt de hub op HUB_OUT een durable (gefilterd op ``hub.out.<afzender>.>``)
die de afzender via zijn account kan lezen maar niet kan wijzigen.

De werker leest elke intake met één durable (``hub-werker``, hoogstens ``BATCH`` berichten onbevestigd, dus één
batch tegelijk over alle werkers) en zet de berichten op de partitie van hun traject in ``HUB_WERK`` (een
werkwachtrij: wat bevestigd is, verdwijnt). Per partitie is er één durable (``werk-<p>``); welke werker hem
leest, staat als lease in de KV-bucket ``HUB_PARTITIES`` (zie ``partities``).

Alle streams staan op schijf; op een cluster met ``replicas`` kopieën (3 bij drie servers). De intake weigert nieuwe berichten als hij vol is (``DiscardPolicy.NEW``):
de afzender krijgt dan een fout en probeert later opnieuw, in plaats van dat een nog onverwerkt bericht
stil verdwijnt. HUB_OUT bewaart retouren zodat een aanbieder ze later kan ophalen. HUB_DLQ houdt alles
tot iemand het behandelt.
"""

from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass
from pathlib import Path

import nats
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    DeliverPolicy,
    DiscardPolicy,
    KeyValueConfig,
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
    KV_PARTITIES,
    KV_VERDEELD,
    PARTITIES,
    STREAM_DLQ,
    STREAM_IN,
    STREAM_OUT,
    STREAM_WERK,
    SUBJECT_DLQ,
    SUBJECTS_OUT,
    consumer_naam,
    consumer_werk,
    filter_in_afzender,
    filter_out,
    inbox_prefix,
    stream_in,
    subject_werk,
)
from .tls import client_context

log = logging.getLogger("hub.broker")

DUPLICAAT_VENSTER = 120.0
DAG = 24 * 3600.0
GIB = 1024**3
INTAKE_BYTES = GIB
"""Per afzender: JetStream reserveert ``max_bytes`` op schijf voor elke stream, en een afzender die de hub
overspoelt, vult zo alleen zijn eigen intake (hij krijgt dan een fout, de anderen niet)."""
DURABLE_INTAKE = "hub-werker"
"""De durable op elke intake-stream; dezelfde naam als vóór de partities, zodat zijn positie blijft."""
BATCH = 256
ACK_WAIT = 5.0
"""Seconden tot de broker een onbevestigd bericht opnieuw aanbiedt. De werker meldt `in_progress` zolang hij
met een batch bezig is; korter houden bepaalt hoe snel het werk van een gestorven werker terugkomt."""
LEASE = 6.0
"""Seconden dat een partitie van een werker blijft zonder dat hij zijn lease vernieuwt (elke derde daarvan)."""


def _stream(naam: str, beschrijving: str, subjects: list[str], max_age: float | None, max_bytes: int,
            discard: DiscardPolicy, duplicaat_venster: float, replicas: int = 1,
            retentie: RetentionPolicy = RetentionPolicy.LIMITS) -> StreamConfig:
    return StreamConfig(
        name=naam, description=beschrijving, subjects=subjects, max_age=max_age, max_bytes=max_bytes,
        discard=discard, storage=StorageType.FILE, retention=retentie, max_msg_size=MAX_PAYLOAD,
        duplicate_window=duplicaat_venster, num_replicas=replicas, allow_rollup_hdrs=False,
    )


def stream_configs(
    afzenders: list[str], *, duplicaat_venster: float = DUPLICAAT_VENSTER, replicas: int = 1
) -> list[StreamConfig]:
    """De intake per afzender, de partities (HUB_WERK), HUB_OUT en HUB_DLQ."""
    intake = [
        _stream(stream_in(a), f"Berichten van {a} aan de hub", [filter_in_afzender(a)], 30 * DAG, INTAKE_BYTES,
                DiscardPolicy.NEW, duplicaat_venster, replicas)
        for a in dict.fromkeys(afzenders)
    ]
    return [
        *intake,
        _stream(STREAM_WERK, "Gelezen berichten per partitie (traject of factuur), in volgorde te verwerken",
                [subject_werk(p) for p in PARTITIES], 30 * DAG, 10 * GIB, DiscardPolicy.NEW, duplicaat_venster,
                replicas, RetentionPolicy.WORK_QUEUE),
        _stream(STREAM_OUT, "Retouren en doorgestuurde berichten van de hub aan afzenders", [SUBJECTS_OUT], 90 * DAG,
                10 * GIB, DiscardPolicy.OLD, duplicaat_venster, replicas),
        _stream(STREAM_DLQ, "Berichten die niet te verwerken waren, met hun reden", [SUBJECT_DLQ], None, 2 * GIB,
                DiscardPolicy.NEW, duplicaat_venster, replicas),
    ]


def intake_consumer_config(afzender: str, replicas: int = 1) -> ConsumerConfig:
    """Hoogstens één batch onbevestigd: een tweede werker krijgt pas berichten als de eerste de zijne in de
    partities heeft gezet, dus de volgorde van een afzender blijft."""
    return ConsumerConfig(
        durable_name=DURABLE_INTAKE, filter_subject=filter_in_afzender(afzender), ack_policy=AckPolicy.EXPLICIT,
        deliver_policy=DeliverPolicy.ALL, ack_wait=ACK_WAIT, max_deliver=-1, max_ack_pending=BATCH,
        num_replicas=replicas,
    )


def werk_consumer_config(partitie_: str, replicas: int = 1) -> ConsumerConfig:
    """Hoogstens één batch onbevestigd per partitie: ook als twee werkers even dezelfde lease menen te hebben,
    krijgt de tweede niets zolang de eerste zijn batch niet heeft afgerond."""
    return ConsumerConfig(
        durable_name=consumer_werk(partitie_), filter_subject=subject_werk(partitie_), ack_policy=AckPolicy.EXPLICIT,
        deliver_policy=DeliverPolicy.ALL, ack_wait=ACK_WAIT, max_deliver=-1, max_ack_pending=BATCH,
        num_replicas=replicas,
    )


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
    js: JetStreamContext, afzenders: list[str], *, duplicaat_venster: float = DUPLICAAT_VENSTER, replicas: int = 1
) -> list[StreamInfo]:
    """Maakt de streams, de durables per afzender en per partitie en de bucket met leases aan of brengt ze in
    lijn met deze code; vaker aanroepen is onschadelijk."""
    await _ruim_gedeelde_intake_op(js)
    configs = stream_configs(afzenders, duplicaat_venster=duplicaat_venster, replicas=replicas)
    resultaat = [await _declareer(js, c) for c in configs]
    for afzender in dict.fromkeys(afzenders):
        await js.add_consumer(STREAM_OUT, consumer_config(afzender))
        await js.add_consumer(stream_in(afzender), intake_consumer_config(afzender, replicas))
    for p in PARTITIES:
        await js.add_consumer(STREAM_WERK, werk_consumer_config(p, replicas))
    await declareer_partitiebucket(js, replicas)
    await declareer_verdeelbucket(js, replicas)
    return resultaat


async def declareer_partitiebucket(js: JetStreamContext, replicas: int = 1, lease: float = LEASE) -> None:
    try:
        await js.key_value(KV_PARTITIES)
    except (NotFoundError, BadRequestError):
        await js.create_key_value(KeyValueConfig(bucket=KV_PARTITIES, ttl=lease, history=1, replicas=replicas,
                                                 description="Leases: welke werker welke partitie verwerkt"))


async def declareer_verdeelbucket(js: JetStreamContext, replicas: int = 1) -> None:
    """Het verdeelpunt per afzender: na een crash tussen doorzetten en bevestigen weet de werker zo wat al in
    HUB_WERK staat (zie ``werker``)."""
    try:
        await js.key_value(KV_VERDEELD)
    except (NotFoundError, BadRequestError):
        await js.create_key_value(KeyValueConfig(bucket=KV_VERDEELD, history=1, replicas=replicas,
                                                 description="Tot welk volgnummer elke intake verdeeld is"))


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


class BrokerFout(ConnectionError):
    """De broker is niet te bereiken of weigert de verbinding; de tekst zegt wat te doen."""


def _tls_voor(url: str, ca: Path | None, opties: dict) -> None:
    if "tls" not in opties and ca is not None and url.startswith("tls://"):
        opties["tls"] = client_context(ca)


async def _stille_fout(fout: Exception) -> None:
    log.debug("NATS: %s", fout)


def vertaal_verbindingsfout(url: str, fout: BaseException) -> BrokerFout:
    """Eén Nederlandse melding voor wat bij het verbinden mis kan gaan."""
    tekst = str(fout)
    if isinstance(fout, ssl.SSLCertVerificationError):
        melding = (f"Het TLS-certificaat van de broker op {url} is niet te controleren ({fout.verify_message}): "
                   "gebruik het CA-certificaat van deze hub (een nieuw toegangsbestand via 'hub aanbieder toegang', "
                   "of HUB_NATS_TLS_CA) en een adres dat in het certificaat staat.")
    elif isinstance(fout, ssl.SSLError):
        melding = (f"TLS met de broker op {url} lukt niet ({fout.reason or fout}): spreekt de server wel TLS? "
                   "Gebruik tls:// voor een hub met TLS en nats:// voor een server zonder.")
    elif "authorization violation" in tekst.lower() or "authentication" in tekst.lower():
        melding = (f"De broker op {url} weigert deze inloggegevens: ze zijn onjuist, ingetrokken of vernieuwd. "
                   "Vraag de beheerder van de hub om een nieuw toegangsbestand (of controleer HUB_NATS_USER en "
                   "HUB_NATS_PASSWORD).")
    elif "tls" in tekst.lower() and "required" in tekst.lower():
        melding = f"De broker op {url} vraagt TLS: gebruik een adres met tls:// en het CA-certificaat van de hub."
    else:
        melding = (f"Geen verbinding met de broker op {url}: controleer of de hub draait, of het adres (host en "
                   "poort) klopt en of een firewall de poort openlaat.")
    return BrokerFout(melding)


async def verbind(
    url: str | list[str],
    gebruiker: str | None = None,
    wachtwoord: str | None = None,
    *,
    naam: str | None = None,
    inbox: str | None = None,
    ca: Path | None = None,
    **opties,
) -> NATS:
    """Verbinding met gebruikersnaam en wachtwoord (of ``nkeys_seed_str=``); ``inbox`` zet de inbox-prefix
    (verplicht voor afzenders), ``ca`` het CA-certificaat voor ``tls://``.

    De eerste verbinding probeert het één keer per server en meldt anders in het Nederlands wat er mis is; een
    verbinding die eenmaal staat, blijft daarna voor altijd opnieuw verbinden als de broker wegvalt (tenzij
    ``allow_reconnect=False``)."""
    adressen = servers(url) if isinstance(url, str) else list(url)
    if inbox:
        opties["inbox_prefix"] = inbox
    _tls_voor(adressen[0], ca, opties)
    opnieuw = opties.pop("allow_reconnect", True)
    opties.setdefault("error_cb", _stille_fout)
    opties.setdefault("reconnect_time_wait", 0.5)
    try:
        nc = await nats.connect(servers=adressen, user=gebruiker, password=wachtwoord, name=naam or gebruiker,
                                allow_reconnect=False, max_reconnect_attempts=1, **opties)
    except (OSError, nats.errors.Error, TimeoutError) as fout:
        raise vertaal_verbindingsfout(", ".join(adressen), fout) from fout
    nc.options["allow_reconnect"] = opnieuw
    nc.options["max_reconnect_attempts"] = -1
    return nc


async def verbind_hub(url: str, identiteiten: Identiteiten, **opties) -> NATS:
    return await verbind(url, HUB_GEBRUIKER, identiteiten.hub_wachtwoord, inbox=HUB_INBOX_PREFIX,
                         ca=identiteiten.ca, **opties)


async def verbind_afzender(url: str, afzender: str, identiteiten: Identiteiten, **opties) -> NATS:
    return await verbind(
        url, afzender, identiteiten.wachtwoord(afzender), inbox=inbox_prefix(afzender), ca=identiteiten.ca, **opties
    )


def servers(url: str) -> list[str]:
    """`HUB_NATS_URL` mag meerdere servers noemen, met komma's gescheiden (de servers van een cluster)."""
    return [deel.strip() for deel in url.split(",") if deel.strip()]


def replicas_voor(url: str, ingesteld: int | None = None) -> int:
    """Zonder instelling: één kopie per genoemde server, hoogstens drie (JetStream staat 1, 3 of 5 toe)."""
    if ingesteld:
        return ingesteld
    return 3 if len(servers(url)) >= 3 else 1


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
