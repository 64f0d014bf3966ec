"""Gepijplijnd ophalen en publiceren (`pijplijn.py`) tegen een echte nats-server: een PubAck slaagt alleen als de
stream het bericht heeft, een fout van de server komt bij de aanroeper, en ophalen geeft elk bericht één keer, in
volgorde, ook over meerdere batches."""

from __future__ import annotations

import asyncio

import pytest
from nats.js.errors import APIError, NoStreamResponseError

from hub.koppelingen.broker.pijplijn import Publicist, haal
from hub.koppelingen.broker.subjects import STREAM_WERK, consumer_werk, subject_werk

pytestmark = pytest.mark.broker


async def test_een_puback_per_bericht_en_een_fout_van_de_server_bij_de_aanroeper(hub):
    publicist = Publicist(hub)
    goed = [await publicist.publiceer(subject_werk("3"), f"bericht {i}".encode(), {"Nats-Msg-Id": f"p-{i}"})
            for i in range(50)]
    assert await asyncio.gather(*goed) == [None] * 50
    info = await hub.jetstream().stream_info(STREAM_WERK)
    assert info.state.messages == 50

    verkeerde_stream = await publicist.publiceer(subject_werk("3"), b"x", {"Nats-Expected-Stream": "HUB_OUT"})
    with pytest.raises(APIError):
        await verkeerde_stream
    geen_stream = await publicist.publiceer("hub.nergens", b"x", {})
    with pytest.raises(NoStreamResponseError):
        await geen_stream
    assert (await hub.jetstream().stream_info(STREAM_WERK)).state.messages == 50
    assert publicist._open == {}, "geen vergeten futures"


async def test_haal_geeft_elk_bericht_een_keer_in_volgorde_over_batches_heen(hub):
    publicist = Publicist(hub)
    await asyncio.gather(*[await publicist.publiceer(subject_werk("7"), str(i).encode(), {}) for i in range(230)])
    sub = await hub.jetstream().pull_subscribe_bind(consumer_werk("7"), STREAM_WERK)
    gezien: list[int] = []
    while len(gezien) < 230:
        batch = await haal(sub, 64, wacht=2)
        assert 0 < len(batch) <= 64
        gezien += [int(m.data) for m in batch]
        for msg in batch:
            await msg.ack()
    assert gezien == list(range(230))
    assert await haal(sub, 64, wacht=0.2) == []


async def test_haal_neemt_niet_meer_dan_gevraagd(hub):
    js = hub.jetstream()
    for i in range(20):
        await js.publish(subject_werk("1"), str(i).encode())
    sub = await js.pull_subscribe_bind(consumer_werk("1"), STREAM_WERK)
    eerste = await haal(sub, 5, wacht=2)
    assert [int(m.data) for m in eerste] == [0, 1, 2, 3, 4]
