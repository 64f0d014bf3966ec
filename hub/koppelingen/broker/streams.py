"""De drie streams van de hub en de verbindingen ermee.

Alle streams staan op schijf. HUB_IN weigert nieuwe berichten als hij vol is (``DiscardPolicy.NEW``):
de afzender krijgt dan een fout en probeert later opnieuw, in plaats van dat een nog onverwerkt bericht
stil verdwijnt. HUB_OUT bewaart retouren zodat een aanbieder ze later kan ophalen. HUB_DLQ houdt alles
tot iemand het behandelt.
"""

from __future__ import annotations

from dataclasses import dataclass

import nats
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig, StreamInfo
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
    SUBJECTS_IN,
    SUBJECTS_OUT,
    inbox_prefix,
)

DUPLICAAT_VENSTER = 120.0
DAG = 24 * 3600.0
GIB = 1024**3


def stream_configs(*, duplicaat_venster: float = DUPLICAAT_VENSTER) -> list[StreamConfig]:
    def stream(naam: str, beschrijving: str, subject: str, max_age: float | None, max_bytes: int,
               discard: DiscardPolicy) -> StreamConfig:
        return StreamConfig(
            name=naam, description=beschrijving, subjects=[subject], max_age=max_age, max_bytes=max_bytes,
            discard=discard, storage=StorageType.FILE, retention=RetentionPolicy.LIMITS, max_msg_size=MAX_PAYLOAD,
            duplicate_window=duplicaat_venster, num_replicas=1, allow_rollup_hdrs=False,
        )

    return [
        stream(STREAM_IN, "Berichten van aanbieders en gemeente aan de hub", SUBJECTS_IN, 30 * DAG, 10 * GIB,
               DiscardPolicy.NEW),
        stream(STREAM_OUT, "Retouren en doorgestuurde berichten van de hub aan afzenders", SUBJECTS_OUT, 90 * DAG,
               10 * GIB, DiscardPolicy.OLD),
        stream(STREAM_DLQ, "Berichten die niet te verwerken waren, met hun reden", SUBJECT_DLQ, None, 2 * GIB,
               DiscardPolicy.NEW),
    ]


async def declareer_streams(js: JetStreamContext, *, duplicaat_venster: float = DUPLICAAT_VENSTER) -> list[StreamInfo]:
    """Maakt de streams aan of brengt ze in lijn met deze code; vaker aanroepen is onschadelijk."""
    resultaat = []
    for config in stream_configs(duplicaat_venster=duplicaat_venster):
        assert config.name is not None
        try:
            await js.stream_info(config.name)
        except NotFoundError:
            resultaat.append(await js.add_stream(config))
            continue
        try:
            resultaat.append(await js.update_stream(config))
        except BadRequestError as fout:
            raise RuntimeError(
                f"stream {config.name} bestaat al met een instelling die niet te wijzigen is ({fout.description}): "
                "pas de stream met de hand aan of verwijder hem na een back-up"
            ) from fout
    return resultaat


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
