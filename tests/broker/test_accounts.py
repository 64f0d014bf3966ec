"""Aanvallen van een aanbieder met zijn eigen inloggegevens op een andere aanbieder, door een echte nats-server.

Met alle afzenders als gebruikers in één account slaagden (a) en (d): een antwoordsubject in de ruimte van een
ander liet de server daar de PubAck afleveren (en HUB_OUT bewaarde die als retour), en een tweede afzender met
dezelfde Nats-Msg-Id viel in de gedeelde intake HUB_IN stil weg. Met een account per afzender kan dat niet meer.
"""

import asyncio
import json

import nats
import pytest

from hub.koppelingen.broker.subjects import (
    JS_PREFIX_AFZENDER,
    STREAM_OUT,
    consumer_naam,
    filter_out,
    sleutel_traject,
    stream_in,
    subject_in,
    subject_inbox,
    subject_retour,
)
from hub.koppelingen.broker.tls import client_context

from .conftest import AFZENDERS, verbinding

pytestmark = pytest.mark.broker

SLEUTEL = sleutel_traject("amstelveen", "T-1")
AANVALLER, SLACHTOFFER = "a-rea", "matchez"


async def _aantal(hub, stream: str, subject: str | None = None) -> int:
    info = await hub.jetstream().stream_info(stream, subjects_filter=subject)
    if subject is None:
        return info.state.messages
    return sum((info.state.subjects or {}).values())


class Meeluisteraar:
    def __init__(self) -> None:
        self.ontvangen: list[tuple[str, bytes]] = []

    async def bewaar(self, msg) -> None:
        self.ontvangen.append((msg.subject, msg.data))


async def test_a_antwoordsubject_in_de_ruimte_van_een_ander_bereikt_hem_niet(server, hub):
    """(a) Publicatie en JetStream-API-aanvragen met een reply in hub.out.<slachtoffer>: niets bij het slachtoffer."""
    slachtoffer = Meeluisteraar()
    async with verbinding(server, SLACHTOFFER) as nc_b, verbinding(server, AANVALLER) as nc_a:
        await nc_b.subscribe(filter_out(SLACHTOFFER), cb=slachtoffer.bewaar)
        await nc_b.flush()
        vals = subject_retour(SLACHTOFFER)
        await nc_a.publish(subject_in(AANVALLER, SLEUTEL), b'{"status": "geaccepteerd"}', reply=vals,
                           headers={"Nats-Msg-Id": "truc-1"})
        for api in (f"$JS.API.STREAM.INFO.{STREAM_OUT}", "$JS.API.INFO",
                    f"{JS_PREFIX_AFZENDER}.CONSUMER.INFO.{STREAM_OUT}.{consumer_naam(AANVALLER)}",
                    f"{JS_PREFIX_AFZENDER}.CONSUMER.MSG.NEXT.{STREAM_OUT}.{consumer_naam(AANVALLER)}"):
            await nc_a.publish(api, b'{"batch": 1, "no_wait": true}', reply=vals)
        await nc_a.flush()
        await asyncio.sleep(0.3)
        assert await _aantal(hub, stream_in(AANVALLER)) == 1  # het bericht zelf kwam wel binnen
    assert slachtoffer.ontvangen == []
    assert await _aantal(hub, STREAM_OUT) == 0


async def test_b_aanvaller_leest_retouren_en_inbox_van_een_ander_niet(server, hub):
    """(b) Abonneren op andermans subjects of inboxen en trekken uit andermans durable levert niets op."""
    hjs = hub.jetstream()
    aanvaller = Meeluisteraar()
    async with verbinding(server, AANVALLER) as nc_a, verbinding(server, SLACHTOFFER) as nc_b:
        for subject in (filter_out(SLACHTOFFER), "hub.out.>", ">", "_INBOX.>", f"_INBOX.{SLACHTOFFER}.>"):
            await nc_a.subscribe(subject, cb=aanvaller.bewaar)
        await nc_a.flush()
        await hjs.publish(subject_retour(SLACHTOFFER), b"geheime retour")
        await hjs.publish(subject_inbox(SLACHTOFFER), b"geheim besluit")
        # Het slachtoffer doet een aanvraag: het antwoord mag alleen bij hem komen.
        await nc_b.jetstream().publish(subject_in(SLACHTOFFER, SLEUTEL), b"{}", headers={"Nats-Msg-Id": "b-1"})
        ajs = nc_a.jetstream(prefix=JS_PREFIX_AFZENDER)
        for js in (ajs, nc_a.jetstream()):
            with pytest.raises((nats.errors.Error, asyncio.TimeoutError)):
                sub = await js.pull_subscribe_bind(consumer_naam(SLACHTOFFER), STREAM_OUT)
                await sub.fetch(1, timeout=0.5)
        with pytest.raises((nats.errors.Error, asyncio.TimeoutError)):
            await nc_a.request(f"$JS.API.STREAM.MSG.GET.{STREAM_OUT}", b'{"seq": 1}', timeout=0.5)
        await asyncio.sleep(0.3)
    assert aanvaller.ontvangen == []
    info = await hjs.consumer_info(STREAM_OUT, consumer_naam(SLACHTOFFER))
    assert (info.num_pending, info.num_ack_pending) == (2, 0)


async def test_b_afzender_haalt_zijn_eigen_retouren_duurzaam_op(server, hub):
    hjs = hub.jetstream()
    await hjs.publish(subject_retour(SLACHTOFFER), b"voor matchez")
    await hjs.publish(subject_retour(AANVALLER), b"voor a-rea")
    await hjs.publish(subject_inbox(SLACHTOFFER), b"besluit voor matchez")
    async with verbinding(server, SLACHTOFFER) as nc:
        sub = await nc.jetstream(prefix=JS_PREFIX_AFZENDER).pull_subscribe_bind(consumer_naam(SLACHTOFFER), STREAM_OUT)
        berichten = await sub.fetch(10, timeout=1)
        for bericht in berichten:
            await bericht.ack_sync()
    assert [b.data for b in berichten] == [b"voor matchez", b"besluit voor matchez"]
    info = await hjs.consumer_info(STREAM_OUT, consumer_naam(SLACHTOFFER))
    assert (info.num_ack_pending, info.num_pending) == (0, 0)


async def test_c_aanvaller_publiceert_niet_in_de_intake_van_een_ander(server, hub):
    """(c) Ook niet via de JetStream-API of het algemene intake-subject."""
    async with verbinding(server, AANVALLER) as nc_a:
        js = nc_a.jetstream()
        for subject in (subject_in(SLACHTOFFER, SLEUTEL), "hub.in.x", f"$JS.API.STREAM.PURGE.{stream_in(SLACHTOFFER)}"):
            with pytest.raises((nats.errors.Error, asyncio.TimeoutError)):
                await js.publish(subject, b"{}", timeout=0.5)
    for afzender in AFZENDERS:
        assert await _aantal(hub, stream_in(afzender)) == 0


async def test_d_dezelfde_nats_msg_id_van_twee_afzenders_komt_allebei_binnen(server, hub):
    """(d) Ontdubbelen gebeurt per afzender; binnen één afzender blijft het werken."""
    acks = {}
    for afzender in (AANVALLER, SLACHTOFFER):
        async with verbinding(server, afzender) as nc:
            js = nc.jetstream()
            acks[afzender] = await js.publish(subject_in(afzender, SLEUTEL), afzender.encode(),
                                              headers={"Nats-Msg-Id": "zelfde-id"})
            nog_eens = await js.publish(subject_in(afzender, SLEUTEL), afzender.encode(),
                                        headers={"Nats-Msg-Id": "zelfde-id"})
            assert nog_eens.duplicate is True
    assert {a: (ack.stream, ack.seq, ack.duplicate) for a, ack in acks.items()} == {
        AANVALLER: (stream_in(AANVALLER), 1, None),
        SLACHTOFFER: (stream_in(SLACHTOFFER), 1, None),
    }
    for afzender in (AANVALLER, SLACHTOFFER):
        sub = await hub.jetstream().pull_subscribe(f"hub.in.{afzender}.>", durable="test", stream=stream_in(afzender))
        assert [m.data for m in await sub.fetch(10, timeout=1)] == [afzender.encode()]


async def test_onbekend_account_of_verkeerd_wachtwoord_komt_er_niet_in(server, hub):
    with pytest.raises(nats.errors.Error):
        await nats.connect(server.url, user=SLACHTOFFER, password="fout", allow_reconnect=False,
                           max_reconnect_attempts=0, connect_timeout=1, tls=client_context(server.certificaten.ca))


async def test_configuratie_heeft_een_account_per_afzender(server):
    config = json.loads(server.config_pad.read_text())
    assert "authorization" not in config
    assert set(config["accounts"]) == {"HUB", "matchez", "a-rea", "am-match", "gemeente"}
    assert "jetstream" in config["accounts"]["HUB"]
    assert not any("jetstream" in config["accounts"][a] for a in ("matchez", "gemeente"))
