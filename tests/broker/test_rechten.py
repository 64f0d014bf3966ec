"""Een aanbieder mag alleen onder zijn eigen subjects publiceren en alleen zijn eigen retouren lezen."""

import asyncio
import json

import pytest
from nats.js.api import AckPolicy, ConsumerConfig

from hub.koppelingen.broker.subjects import (
    STREAM_IN,
    STREAM_OUT,
    consumer_naam,
    filter_out,
    sleutel_traject,
    subject_in,
    subject_inbox,
    subject_retour,
)

from .conftest import Fouten, verbinding

pytestmark = pytest.mark.broker

SLEUTEL = sleutel_traject("amstelveen", "T-1")


async def _aantal(hub, stream: str) -> int:
    return (await hub.jetstream().stream_info(stream)).state.messages


@pytest.mark.parametrize("afzender", ["matchez", "a-rea", "am-match", "gemeente"])
async def test_afzender_publiceert_op_eigen_subject_en_krijgt_puback(server, hub, afzender):
    async with verbinding(server, afzender) as nc:
        ack = await nc.jetstream().publish(subject_in(afzender, SLEUTEL), b"{}", headers={"Nats-Msg-Id": "b-1"})
    assert (ack.stream, ack.seq, ack.duplicate) == (STREAM_IN, 1, None)


async def test_publiceren_namens_een_andere_afzender_wordt_geweigerd(server, hub):
    fouten = Fouten()
    async with verbinding(server, "matchez", fouten) as nc:
        with pytest.raises(asyncio.TimeoutError):
            await nc.jetstream().publish(subject_in("a-rea", SLEUTEL), b"{}", timeout=0.5)
        with pytest.raises(asyncio.TimeoutError):
            await nc.jetstream().publish("hub.out.a-rea.retour", b"{}", timeout=0.5)
    assert len(fouten.permissie()) == 2
    assert await _aantal(hub, STREAM_IN) == 0
    assert await _aantal(hub, STREAM_OUT) == 0


async def test_dubbel_berichtid_binnen_het_venster_wordt_eenmaal_opgeslagen(server, hub):
    async with verbinding(server, "a-rea") as nc:
        js = nc.jetstream()
        eerste = await js.publish(subject_in("a-rea", SLEUTEL), b"1", headers={"Nats-Msg-Id": "bericht-42"})
        tweede = await js.publish(subject_in("a-rea", SLEUTEL), b"1", headers={"Nats-Msg-Id": "bericht-42"})
    assert not eerste.duplicate
    assert tweede.duplicate is True and tweede.seq == eerste.seq
    assert await _aantal(hub, STREAM_IN) == 1


async def test_afzender_leest_eigen_retouren_via_eigen_durable(server, hub):
    hjs = hub.jetstream()
    await hjs.publish(subject_retour("matchez"), b"voor matchez")
    await hjs.publish(subject_retour("a-rea"), b"voor a-rea")
    await hjs.publish(subject_inbox("matchez"), b"besluit voor matchez")
    async with verbinding(server, "matchez") as nc:
        sub = await nc.jetstream().pull_subscribe(filter_out("matchez"), durable=consumer_naam("matchez"), stream=STREAM_OUT)
        berichten = await sub.fetch(10, timeout=2)
        for bericht in berichten:
            await bericht.ack_sync()
    assert [b.data for b in berichten] == [b"voor matchez", b"besluit voor matchez"]
    info = await hjs.consumer_info(STREAM_OUT, "matchez")
    assert (info.num_ack_pending, info.num_pending) == (0, 0)


async def test_afzender_kan_retouren_van_een_ander_niet_abonneren(server, hub):
    fouten, ontvangen = Fouten(), []

    async def bewaar(bericht):
        ontvangen.append(bericht)

    async with verbinding(server, "matchez", fouten) as nc:
        for subject in ("hub.out.a-rea.>", "hub.out.>", ">", "_INBOX.>", "_INBOX.a-rea.>"):
            await nc.subscribe(subject, cb=bewaar)
        await nc.flush()
        await hub.jetstream().publish(subject_retour("a-rea"), b"geheim")
        await asyncio.sleep(0.3)
    assert ontvangen == []
    assert len(fouten.permissie()) == 5


@pytest.mark.parametrize(
    "naam, filter_",
    [
        ("a-rea", "hub.out.a-rea.>"),
        ("matchez", "hub.out.a-rea.>"),
        ("matchez", "hub.out.>"),
        ("matchez", "hub.out.*.retour"),
        ("matchez", ">"),
        ("matchez", ""),
        ("matchez-2", "hub.out.matchez.>"),
    ],
)
async def test_afzender_kan_geen_consumer_op_retouren_van_een_ander_maken(server, hub, naam, filter_):
    fouten = Fouten()
    async with verbinding(server, "matchez", fouten) as nc:
        config = ConsumerConfig(name=naam, durable_name=naam, filter_subject=filter_ or None, ack_policy=AckPolicy.EXPLICIT)
        with pytest.raises(asyncio.TimeoutError):
            await nc.jetstream().add_consumer(STREAM_OUT, config, timeout=0.5)
    assert fouten.permissie()
    assert [c.name async for c in _consumers(hub)] == []


async def _consumers(hub):
    for info in await hub.jetstream().consumers_info(STREAM_OUT):
        yield info


async def test_filter_in_aanvraag_moet_gelijk_zijn_aan_filter_in_subject(server, hub):
    subject = f"$JS.API.CONSUMER.CREATE.{STREAM_OUT}.matchez.{filter_out('matchez')}"
    pogingen = [
        {"name": "matchez", "durable_name": "matchez", "filter_subject": "hub.out.a-rea.>"},
        {"name": "matchez", "durable_name": "matchez", "filter_subjects": ["hub.out.a-rea.>"]},
        {"name": "matchez", "durable_name": "matchez", "filter_subject": "hub.out.matchez.>",
         "filter_subjects": ["hub.out.a-rea.>"]},
    ]
    async with verbinding(server, "matchez") as nc:
        for config in pogingen:
            aanvraag = {"stream_name": STREAM_OUT, "config": {**config, "ack_policy": "explicit"}}
            antwoord = json.loads((await nc.request(subject, json.dumps(aanvraag).encode(), timeout=2)).data)
            assert "error" in antwoord, config
    assert [c.name async for c in _consumers(hub)] == []


@pytest.mark.parametrize(
    "api",
    [
        f"$JS.API.CONSUMER.MSG.NEXT.{STREAM_OUT}.a-rea",
        f"$JS.API.CONSUMER.INFO.{STREAM_OUT}.a-rea",
        f"$JS.API.STREAM.MSG.GET.{STREAM_OUT}",
        f"$JS.API.DIRECT.GET.{STREAM_OUT}",
        f"$JS.API.STREAM.INFO.{STREAM_OUT}",
        f"$JS.API.CONSUMER.DELETE.{STREAM_OUT}.a-rea",
        f"$JS.API.STREAM.PURGE.{STREAM_IN}",
    ],
)
async def test_jetstream_api_van_anderen_is_afgesloten(server, hub, api):
    hjs = hub.jetstream()
    await hjs.publish(subject_retour("a-rea"), b"geheim")
    await hjs.add_consumer(STREAM_OUT, durable_name="a-rea", filter_subject=filter_out("a-rea"))
    fouten = Fouten()
    async with verbinding(server, "matchez", fouten) as nc:
        with pytest.raises(asyncio.TimeoutError):
            await nc.request(api, json.dumps({"seq": 1, "batch": 1}).encode(), timeout=0.5)
    assert fouten.permissie()
    assert (await hjs.consumer_info(STREAM_OUT, "a-rea")).num_pending == 1
