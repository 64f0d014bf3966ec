"""Toegang die een aanbieder meeneemt: het bestand werkt tegen een draaiende broker zonder herstart, alleen voor
zijn eigen account, en niet meer na vernieuwen of intrekken."""

import asyncio
import dataclasses
import json

import pytest

from hub.koppelingen.broker.afzender import ontvang_met_toegang, verbind_met_toegang
from hub.koppelingen.broker.streams import BrokerFout
from hub.koppelingen.broker.subjects import (
    STREAM_OUT,
    filter_out,
    sleutel_traject,
    stream_in,
    subject_in,
    subject_retour,
)
from hub.koppelingen.broker.toegang import ToegangFout, Toegangsbeheer, Toegangsbestand

from .conftest import AFZENDERS

pytestmark = pytest.mark.broker

SLEUTEL = sleutel_traject("amstelveen", "T-1")
A, B = "a-rea", "matchez"


@pytest.fixture
def beheer(server):
    return Toegangsbeheer(server.data_dir, server.identiteiten, AFZENDERS, [server.url], server.certificaten.ca)


async def _aantal(hub, stream: str) -> int:
    return (await hub.jetstream().stream_info(stream)).state.messages


async def test_bestand_werkt_meteen_tegen_de_draaiende_broker(server, hub, beheer, tmp_path):
    uitgifte = beheer.uitgeven(A)
    assert uitgifte.toegepast
    pad = tmp_path / "a-rea.json"
    uitgifte.bestand.schrijf(pad)
    assert pad.stat().st_mode & 0o777 == 0o600
    opgeslagen = (server.nats_dir / "toegang.json").read_text()
    assert uitgifte.bestand.nkey_seed not in opgeslagen and uitgifte.bestand.nkey_seed not in server.config_pad.read_text()
    toegang = Toegangsbestand.lees(pad)
    nc = await verbind_met_toegang(toegang, allow_reconnect=False)
    try:
        ack = await nc.jetstream().publish(subject_in(A, SLEUTEL), b"{}", headers={"Nats-Msg-Id": "van-kantoor-1"})
        assert ack.stream == stream_in(A)
    finally:
        await nc.close()
    await hub.jetstream().publish(subject_retour(A), b'{"berichtId": "x", "status": "geaccepteerd"}')
    assert await ontvang_met_toegang(toegang, wachttijd=0.5) == [{"berichtId": "x", "status": "geaccepteerd"}]


async def test_intrekken_weigert_het_bestand_en_sluit_open_verbindingen(server, hub, beheer):
    toegang = beheer.uitgeven(A).bestand
    open_ = await verbind_met_toegang(toegang, allow_reconnect=False)
    assert beheer.intrekken(A)
    for _ in range(100):
        if open_.is_closed:
            break
        await asyncio.sleep(0.05)
    assert open_.is_closed
    with pytest.raises(BrokerFout, match="weigert deze inloggegevens"):
        await verbind_met_toegang(toegang, allow_reconnect=False)
    with pytest.raises(ToegangFout, match="niets in te trekken"):
        beheer.intrekken(A)


async def test_vernieuwen_maakt_het_oude_bestand_ongeldig(server, hub, beheer):
    oud = beheer.uitgeven(A).bestand
    with pytest.raises(ToegangFout, match="--vernieuw"):
        beheer.uitgeven(A)
    nieuw = beheer.uitgeven(A, vernieuw=True).bestand
    assert nieuw.nkey_seed != oud.nkey_seed
    with pytest.raises(BrokerFout, match="weigert"):
        await verbind_met_toegang(oud, allow_reconnect=False)
    nc = await verbind_met_toegang(nieuw, allow_reconnect=False)
    await nc.close()


async def test_bestand_van_a_komt_niet_bij_b_ook_niet_met_een_andere_naam_erin(server, hub, beheer):
    """De naam in het bestand kiest alleen de subjects: de sleutel hoort bij account A, dus niets bij B."""
    beheer.uitgeven(B)
    vervalst = dataclasses.replace(beheer.uitgeven(A).bestand, afzender=B)
    gezien: list[bytes] = []
    fouten: list[str] = []

    async def bij_fout(fout: Exception) -> None:
        fouten.append(str(fout))

    async def bewaar(msg) -> None:
        gezien.append(msg.data)

    nc = await verbind_met_toegang(vervalst, allow_reconnect=False, error_cb=bij_fout)
    try:
        await nc.subscribe(filter_out(B), cb=bewaar)
        await nc.subscribe(">", cb=bewaar)
        await nc.publish(subject_in(B, SLEUTEL), b"{}", headers={"Nats-Msg-Id": "vals-1"})
        # de antwoordsubject-truc: een publicatie in de eigen intake met een reply bij B
        await nc.publish(subject_in(A, SLEUTEL), b"{}", reply=subject_retour(B), headers={"Nats-Msg-Id": "truc-1"})
        await nc.publish(f"$JS.API.STREAM.INFO.{STREAM_OUT}", b"", reply=subject_retour(B))
        await nc.flush()
        await hub.jetstream().publish(subject_retour(B), b"geheime retour van B")
        await asyncio.sleep(0.3)
    finally:
        await nc.close()
    assert await _aantal(hub, stream_in(B)) == 0
    assert await _aantal(hub, stream_in(A)) == 1
    assert await _aantal(hub, STREAM_OUT) == 1  # alleen de echte retour van de hub, geen PubAck van A
    assert b"geheime retour van B" not in gezien
    assert any("permissions violation" in f.lower() for f in fouten)
    assert await ontvang_met_toegang(vervalst, wachttijd=0.5) == []  # B's durable is niet te bereiken vanuit A


async def test_nieuwe_broker_start_met_de_uitgegeven_toegang(tmp_path):
    from hub.koppelingen.broker.nats_server import EmbeddedNats

    eerste = EmbeddedNats(tmp_path, AFZENDERS, port=None)
    beheer = Toegangsbeheer(tmp_path, eerste.identiteiten, AFZENDERS, ["tls://127.0.0.1:1"], eerste.certificaten.ca)
    uitgifte = beheer.uitgeven(A)
    assert not uitgifte.toegepast
    async with EmbeddedNats(tmp_path, AFZENDERS, port=None) as server:
        nc = await verbind_met_toegang(dataclasses.replace(uitgifte.bestand, servers=[server.url]), allow_reconnect=False)
        await nc.close()
        gebruikers = json.loads(server.config_pad.read_text())["accounts"][A]["users"]
        assert [g.get("nkey") for g in gebruikers if "nkey" in g] == [json.loads(
            (server.nats_dir / "toegang.json").read_text())[A]["nkey"]]


def test_toegangsbestand_onleesbaar_of_onbekend_zegt_wat_te_doen(tmp_path):
    with pytest.raises(ToegangFout, match="niet gevonden"):
        Toegangsbestand.lees(tmp_path / "weg.json")
    (tmp_path / "x.json").write_text('{"iets": 1}')
    with pytest.raises(ToegangFout, match="geen toegangsbestand"):
        Toegangsbestand.lees(tmp_path / "x.json")


def test_onbekende_afzender_krijgt_geen_toegang(tmp_path):
    from hub.koppelingen.broker.identiteiten import Identiteiten

    beheer = Toegangsbeheer(tmp_path, Identiteiten.laad_of_maak(tmp_path, AFZENDERS), AFZENDERS, ["tls://x:1"], None)
    with pytest.raises(ToegangFout, match="onbekende afzender"):
        beheer.uitgeven("niemand")


def test_broker_configuratie_voor_een_eigen_nats_bevat_de_uitgegeven_nkey(tmp_path, monkeypatch):
    from hub.cli import main

    monkeypatch.setenv("HUB_DATA", str(tmp_path))
    for naam in ("HUB_NATS_URL", "HUB_NATS_USER", "HUB_NATS_PASSWORD"):
        monkeypatch.delenv(naam, raising=False)
    assert main(["aanbieder", "toegang", "matchez", "--uit", str(tmp_path / "matchez.json")]) == 0
    assert main(["broker", "configuratie", "--uit", str(tmp_path / "accounts.json")]) == 0
    publiek = json.loads((tmp_path / "nats" / "toegang.json").read_text())["matchez"]["nkey"]
    gebruikers = json.loads((tmp_path / "accounts.json").read_text())["accounts"]["matchez"]["users"]
    assert {"nkey": publiek} in [{"nkey": g["nkey"]} for g in gebruikers if "nkey" in g]
    assert json.loads((tmp_path / "matchez.json").read_text())["nkey_seed"] not in (tmp_path / "accounts.json").read_text()


async def test_afzender_die_de_draaiende_broker_nog_niet_kent_krijgt_toegang_bij_de_volgende_start(tmp_path):
    from hub.koppelingen.broker.nats_server import EmbeddedNats

    async with EmbeddedNats(tmp_path, ["matchez"], port=None) as server:
        later = EmbeddedNats(tmp_path, ["matchez", A], port=None)
        beheer = Toegangsbeheer(tmp_path, later.identiteiten, ["matchez", A], [server.url], server.certificaten.ca)
        assert not beheer.uitgeven(A).toegepast
        assert A not in json.loads(server.config_pad.read_text())["accounts"]
