"""Basismeting van JetStream tegen de ingebouwde nats-server (op verzoek, niet in de tests).

Meet, als aanbieder met eigen account op zijn intake-stream: publiceren met wachten op elke PubAck, publiceren
gepijplijnd (``publish_async``), en als hub: pull ``fetch(500)`` + ``ack`` per bericht.
``python bench/jetstream_basis.py [n]`` meet met ``sync_interval`` ``always`` (de standaard van de hub)
en ter vergelijking ``1s``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
import uuid
from pathlib import Path

from nats.js.api import AckPolicy, ConsumerConfig

from hub.koppelingen.broker.nats_server import EmbeddedNats
from hub.koppelingen.broker.streams import declareer_streams, verbind_afzender, verbind_hub
from hub.koppelingen.broker.subjects import sleutel_traject, stream_in, subject_in

AFZENDER = "matchez"
BATCH = 500
PAYLOAD = b'{"type": "voortgang", "kwartaal": "2024-Q1", "trede": 3, "toelichting": "' + b"x" * 400 + b'"}'


def _subjects(n: int) -> list[str]:
    return [subject_in(AFZENDER, sleutel_traject("amstelveen", f"T-{i % 997}")) for i in range(n)]


async def _publiceer_met_ack(js, subjects: list[str]) -> float:
    begin = time.perf_counter()
    for subject in subjects:
        await js.publish(subject, PAYLOAD, headers={"Nats-Msg-Id": str(uuid.uuid4())})
    return len(subjects) / (time.perf_counter() - begin)


async def _publiceer_gepijplijnd(js, subjects: list[str]) -> float:
    begin = time.perf_counter()
    futures = [await js.publish_async(s, PAYLOAD, headers={"Nats-Msg-Id": str(uuid.uuid4())}) for s in subjects]
    acks = await asyncio.gather(*futures)
    duur = time.perf_counter() - begin
    if any(a.duplicate for a in acks):
        raise RuntimeError("onverwacht duplicaat tijdens de meting")
    return len(subjects) / duur


async def _consumeer(nc, totaal: int) -> float:
    sub = await nc.jetstream().pull_subscribe(
        "hub.in.>", durable="bench", stream=stream_in(AFZENDER), config=ConsumerConfig(ack_policy=AckPolicy.EXPLICIT)
    )
    gezien = 0
    begin = time.perf_counter()
    while gezien < totaal:
        for bericht in await sub.fetch(BATCH, timeout=5):
            await bericht.ack()
            gezien += 1
    await nc.flush()
    return gezien / (time.perf_counter() - begin)


async def meet_jetstream_async(n: int, *, sync_interval: str = "always") -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as map_:
        async with EmbeddedNats(Path(map_), [AFZENDER], port=None, sync_interval=sync_interval) as server:
            hub = await verbind_hub(server.url, server.identiteiten)
            aanbieder = await verbind_afzender(server.url, AFZENDER, server.identiteiten)
            try:
                await declareer_streams(hub.jetstream(), [AFZENDER])
                js = aanbieder.jetstream()
                return {
                    "publish_ack_msg_s": await _publiceer_met_ack(js, _subjects(n)),
                    "publish_pipelined_msg_s": await _publiceer_gepijplijnd(js, _subjects(n)),
                    "fetch500_ack_msg_s": await _consumeer(hub, 2 * n),
                }
            finally:
                await aanbieder.close()
                await hub.close()


def meet_jetstream(n: int, *, sync_interval: str = "always") -> dict[str, float]:
    """Berichten per seconde per meting; roep aan buiten een draaiende event loop."""
    return asyncio.run(meet_jetstream_async(n, sync_interval=sync_interval))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    for sync_interval in ("always", "1s"):
        uitslag = meet_jetstream(n, sync_interval=sync_interval)
        regels = ", ".join(f"{naam} {waarde:,.0f}" for naam, waarde in uitslag.items())
        print(f"JetStream n={n} sync_interval={sync_interval}: {regels}")


if __name__ == "__main__":
    main()
