"""Een aanbieder mag alleen onder zijn eigen subjects publiceren en alleen zijn eigen retouren lezen.

Het account per afzender is de grens (zie ``test_accounts``); de rechten van zijn gebruiker zijn een tweede slot
en geven een duidelijke fout (``permissions violation``) bij een poging daarbuiten."""

import asyncio
import json

import nats
import pytest
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

from hub.koppelingen.broker.subjects import (
    JS_PREFIX_AFZENDER,
    STREAM_OUT,
    consumer_naam,
    sleutel_traject,
    stream_in,
    subject_in,
    subject_inbox,
    subject_retour,
)

from .conftest import AFZENDERS, Fouten, verbinding

pytestmark = pytest.mark.broker

SLEUTEL = sleutel_traject("amstelveen", "T-1")


async def _aantal(hub, stream: str) -> int:
    return (await hub.jetstream().stream_info(stream)).state.messages


@pytest.mark.parametrize("afzender", ["matchez", "a-rea", "am-match", "gemeente"])
async def test_afzender_publiceert_op_eigen_subject_en_krijgt_puback(server, hub, afzender):
    async with verbinding(server, afzender) as nc:
        ack = await nc.jetstream().publish(subject_in(afzender, SLEUTEL), b"{}", headers={"Nats-Msg-Id": "b-1"})
    assert (ack.stream, ack.seq, ack.duplicate) == (stream_in(afzender), 1, None)


async def test_publiceren_namens_een_andere_afzender_wordt_geweigerd(server, hub):
    fouten = Fouten()
    async with verbinding(server, "matchez", fouten) as nc:
        with pytest.raises(asyncio.TimeoutError):
            await nc.jetstream().publish(subject_in("a-rea", SLEUTEL), b"{}", timeout=0.5)
        with pytest.raises(asyncio.TimeoutError):
            await nc.jetstream().publish("hub.out.a-rea.retour", b"{}", timeout=0.5)
    assert len(fouten.permissie()) == 2
    assert await _aantal(hub, stream_in("a-rea")) == 0
    assert await _aantal(hub, STREAM_OUT) == 0


async def test_dubbel_berichtid_binnen_het_venster_wordt_eenmaal_opgeslagen(server, hub):
    async with verbinding(server, "a-rea") as nc:
        js = nc.jetstream()
        eerste = await js.publish(subject_in("a-rea", SLEUTEL), b"1", headers={"Nats-Msg-Id": "bericht-42"})
        tweede = await js.publish(subject_in("a-rea", SLEUTEL), b"1", headers={"Nats-Msg-Id": "bericht-42"})
    assert not eerste.duplicate
    assert tweede.duplicate is True and tweede.seq == eerste.seq
    assert await _aantal(hub, stream_in("a-rea")) == 1


async def test_afzender_leest_eigen_retouren_via_eigen_durable(server, hub):
    hjs = hub.jetstream()
    await hjs.publish(subject_retour("matchez"), b"voor matchez")
    await hjs.publish(subject_retour("a-rea"), b"voor a-rea")
    await hjs.publish(subject_inbox("matchez"), b"besluit voor matchez")
    async with verbinding(server, "matchez") as nc:
        sub = await nc.jetstream(prefix=JS_PREFIX_AFZENDER).pull_subscribe_bind(consumer_naam("matchez"), STREAM_OUT)
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
        ("matchez", "hub.out.matchez.>"),
        ("matchez", "hub.out.>"),
        ("matchez-2", "hub.out.matchez.>"),
    ],
)
@pytest.mark.parametrize("prefix", ["$JS.API", JS_PREFIX_AFZENDER])
async def test_afzender_maakt_en_wijzigt_geen_consumers(server, hub, naam, filter_, prefix):
    """De hub maakt de durable per afzender; een afzender kan er geen maken, ook niet voor zichzelf."""
    fouten = Fouten()
    async with verbinding(server, "matchez", fouten) as nc:
        config = ConsumerConfig(name=naam, durable_name=naam, filter_subject=filter_, ack_policy=AckPolicy.EXPLICIT,
                                deliver_policy=DeliverPolicy.NEW)
        with pytest.raises((asyncio.TimeoutError, nats.errors.Error)):
            await nc.jetstream(prefix=prefix).add_consumer(STREAM_OUT, config, timeout=0.5)
    assert fouten.permissie()
    consumers = [c async for c in _consumers(hub)]
    assert sorted(c.name for c in consumers) == sorted(AFZENDERS)
    assert {c.config.deliver_policy for c in consumers} == {DeliverPolicy.ALL}


async def _consumers(hub):
    for info in await hub.jetstream().consumers_info(STREAM_OUT):
        yield info


@pytest.mark.parametrize(
    "api",
    [
        f"$JS.API.CONSUMER.MSG.NEXT.{STREAM_OUT}.a-rea",
        f"$JS.API.CONSUMER.INFO.{STREAM_OUT}.a-rea",
        f"$JS.API.STREAM.MSG.GET.{STREAM_OUT}",
        f"$JS.API.DIRECT.GET.{STREAM_OUT}",
        f"$JS.API.STREAM.INFO.{STREAM_OUT}",
        f"$JS.API.CONSUMER.DELETE.{STREAM_OUT}.a-rea",
        f"$JS.API.STREAM.PURGE.{stream_in('a-rea')}",
        f"{JS_PREFIX_AFZENDER}.CONSUMER.MSG.NEXT.{STREAM_OUT}.a-rea",
        f"{JS_PREFIX_AFZENDER}.CONSUMER.INFO.{STREAM_OUT}.a-rea",
    ],
)
async def test_jetstream_api_van_anderen_is_afgesloten(server, hub, api):
    hjs = hub.jetstream()
    await hjs.publish(subject_retour("a-rea"), b"geheim")
    fouten = Fouten()
    async with verbinding(server, "matchez", fouten) as nc:
        with pytest.raises(asyncio.TimeoutError):
            await nc.request(api, json.dumps({"seq": 1, "batch": 1}).encode(), timeout=0.5)
    assert fouten.permissie()
    assert (await hjs.consumer_info(STREAM_OUT, "a-rea")).num_pending == 1
