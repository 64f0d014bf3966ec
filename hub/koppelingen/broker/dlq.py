"""De dead-letter-wachtrij lezen zonder iets te verwijderen: de beheerder ziet elk bericht en zijn reden."""

from __future__ import annotations

from typing import Any

import nats

from hub.koppelingen.broker.identiteiten import Identiteiten
from hub.koppelingen.broker.streams import verbind_hub
from hub.koppelingen.broker.subjects import STREAM_DLQ


async def lees_dlq(url: str, identiteiten: Identiteiten) -> list[dict[str, Any]]:
    nc = await verbind_hub(url, identiteiten)
    try:
        js = nc.jetstream()
        info = await js.stream_info(STREAM_DLQ)
        berichten = []
        for volgnummer in range(info.state.first_seq, info.state.last_seq + 1) if info.state.messages else ():
            try:
                msg = await js.get_msg(STREAM_DLQ, volgnummer)
            except nats.js.errors.NotFoundError:
                continue
            kop = msg.headers or {}
            berichten.append({
                "volgnummer": volgnummer,
                "tijd": tijd.isoformat() if (tijd := getattr(msg, "time", None)) else None,
                "afzender": kop.get("Hub-Afzender"),
                "subject": kop.get("Hub-Subject"),
                "pogingen": kop.get("Hub-Pogingen"),
                "reden": kop.get("Hub-Reden"),
                "inhoud": (msg.data or b"")[:2000].decode("utf-8", "replace"),
            })
        return berichten
    finally:
        await nc.close()
