"""Versleutelde opslag van de broker (HUB_SLEUTEL): geen BSN in de bestanden, alles terug met dezelfde sleutel, en
met een andere sleutel start de broker niet in plaats van de opgeslagen streams te laten wissen."""

import hashlib
import os
from pathlib import Path

import pytest

from hub.koppelingen.broker.nats_server import EmbeddedNats, OpslagFout, jetstream_sleutel
from hub.koppelingen.broker.streams import declareer_streams
from hub.koppelingen.broker.subjects import sleutel_traject, stream_in, subject_in

from .conftest import AFZENDERS, verbinding

pytestmark = pytest.mark.broker

BSN = b"999990019"
BERICHT = b'{"type": "aanmelding", "client": {"bsn": "999990019", "naam": "Jansen"}}'
SLEUTEL = jetstream_sleutel("sleutel-van-de-eventstore")


def _bestanden_met(map_: Path, inhoud: bytes) -> list[Path]:
    return [p for p in map_.rglob("*") if p.is_file() and inhoud in p.read_bytes()]


async def _publiceer(server: EmbeddedNats, aantal: int) -> None:
    async with verbinding(server) as nc:
        await declareer_streams(nc.jetstream(), AFZENDERS)
    async with verbinding(server, "gemeente") as nc:
        for i in range(aantal):
            await nc.jetstream().publish(subject_in("gemeente", sleutel_traject("amstelveen", f"T-{i}")), BERICHT,
                                         headers={"Nats-Msg-Id": f"m-{i}"})


async def _inhoud(server: EmbeddedNats) -> list[bytes]:
    async with verbinding(server) as nc:
        sub = await nc.jetstream().pull_subscribe("hub.in.gemeente.>", durable="lezer", stream=stream_in("gemeente"))
        return [m.data for m in await sub.fetch(100, timeout=2)]


async def test_zonder_sleutel_staat_het_bsn_leesbaar_in_de_opslag(tmp_path):
    """De controle hieronder ziet het BSN wél als de opslag niet versleuteld is."""
    async with EmbeddedNats(tmp_path, AFZENDERS, port=None, sync_interval="always") as server:
        await _publiceer(server, 1)
    assert _bestanden_met(tmp_path / "nats" / "jetstream", BSN)


async def test_met_sleutel_geen_bsn_in_de_opslag_en_na_herstart_alles_terug(tmp_path):
    async with EmbeddedNats(tmp_path, AFZENDERS, port=None, sync_interval="always", sleutel=SLEUTEL) as server:
        await _publiceer(server, 3)
    jetstream = tmp_path / "nats" / "jetstream"
    assert list(jetstream.rglob("*.blk"))
    assert _bestanden_met(jetstream, BSN) == []
    assert _bestanden_met(jetstream, b"Jansen") == []
    assert SLEUTEL not in (tmp_path / "nats" / "nats.conf").read_text()
    async with EmbeddedNats(tmp_path, AFZENDERS, port=None, sync_interval="always", sleutel=SLEUTEL) as server:
        assert await _inhoud(server) == [BERICHT] * 3


def _vingerafdruk(map_: Path) -> dict[str, str]:
    return {str(p.relative_to(map_)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(map_.rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("andere", [jetstream_sleutel("een-andere-sleutel"), None], ids=["andere-sleutel", "geen-sleutel"])
async def test_verkeerde_sleutel_start_niet_en_laat_de_opslag_ongemoeid(tmp_path, andere):
    async with EmbeddedNats(tmp_path, AFZENDERS, port=None, sync_interval="always", sleutel=SLEUTEL) as server:
        await _publiceer(server, 2)
    jetstream = tmp_path / "nats" / "jetstream"
    voor = _vingerafdruk(jetstream)
    verkeerd = EmbeddedNats(tmp_path, AFZENDERS, port=None, sync_interval="always", sleutel=andere)
    with pytest.raises(OpslagFout, match="HUB_SLEUTEL") as fout:
        await verkeerd.start()
    assert "niets gewijzigd" in str(fout.value) and stream_in("gemeente") in str(fout.value)
    assert not verkeerd.draait
    assert _vingerafdruk(jetstream) == voor
    async with EmbeddedNats(tmp_path, AFZENDERS, port=None, sync_interval="always", sleutel=SLEUTEL) as server:
        assert await _inhoud(server) == [BERICHT] * 2


def test_de_sleutel_van_de_broker_is_afgeleid_en_niet_die_van_de_eventstore():
    assert jetstream_sleutel("a") == jetstream_sleutel("a") != jetstream_sleutel("b")
    assert jetstream_sleutel("a") != "a" and len(jetstream_sleutel("a")) == 64


async def test_de_sleutel_gaat_alleen_via_de_omgeving_van_het_serverproces(tmp_path):
    async with EmbeddedNats(tmp_path, AFZENDERS, port=None, sleutel=SLEUTEL) as server:
        omgeving = Path(f"/proc/{server.pid}/environ").read_bytes().split(b"\0")
        assert f"NATS_JS_SLEUTEL={SLEUTEL}".encode() in omgeving
        assert "NATS_JS_SLEUTEL" not in os.environ
        assert SLEUTEL not in server.config_pad.read_text()


async def test_later_aangezette_sleutel_versleutelt_de_bestaande_opslag(tmp_path):
    """Zonder sleutel begonnen, daarna HUB_SLEUTEL gezet: de broker versleutelt wat er al stond en verliest niets."""
    async with EmbeddedNats(tmp_path, AFZENDERS, port=None, sync_interval="always") as server:
        await _publiceer(server, 2)
    async with EmbeddedNats(tmp_path, AFZENDERS, port=None, sync_interval="always", sleutel=SLEUTEL) as server:
        assert await _inhoud(server) == [BERICHT] * 2
    assert _bestanden_met(tmp_path / "nats" / "jetstream", BSN) == []
