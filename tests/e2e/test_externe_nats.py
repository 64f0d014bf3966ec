"""Met HUB_NATS_URL gebruikt de hub een bestaande NATS-server en start hij er zelf geen."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys

from hub.bootstrap import bootstrap
from hub.koppelingen.broker.afzender import ontvang, stuur_inhoud
from hub.koppelingen.broker.draaiende_hub import afzenders
from hub.koppelingen.broker.nats_server import EmbeddedNats, vind_nats_server
from tests.e2e.conftest import als_bytes, voorbeeld


async def test_hub_gebruikt_een_bestaande_nats(instellingen, catalogus, tmp_path):
    async with EmbeddedNats(tmp_path / "extern", afzenders(catalogus), port=None) as extern:
        extern_instellingen = instellingen.met(nats_url=extern.url, nats_user="hub", nats_password=extern.identiteiten.hub_wachtwoord,
                                               nats_tls_ca=extern.certificaten.ca)
        async with bootstrap(extern_instellingen).draaiende_hub() as hub:
            assert hub.server is None and hub.url == extern.url
            [retour] = await stuur_inhoud(extern.url, "gemeente", extern.identiteiten, [als_bytes(voorbeeld("aanmelding"))])
            assert retour["status"] == "geaccepteerd"
        assert not (instellingen.data / "nats" / "nats-server.pid").exists()


async def test_eigen_nats_met_het_accounts_blok_van_hub_broker_configuratie(instellingen, catalogus, tmp_path):
    """De beheerder van een eigen NATS neemt het blok van `hub broker configuratie` over; de hub en de afzenders
    werken dan zoals met de ingebouwde server, met een account per afzender."""
    extern_map = tmp_path / "extern"
    extern_map.mkdir()
    env = {**os.environ, "HUB_DATA": str(instellingen.data), "HUB_NATS_USER": "hub-prod", "HUB_NATS_PASSWORD": "geheim"}
    blok = tmp_path / "accounts.json"
    uitkomst = subprocess.run([sys.executable, "-m", "hub", "broker", "configuratie", "--uit", str(blok)], env=env,
                              capture_output=True, text=True, timeout=60)
    assert uitkomst.returncode == 0, uitkomst.stderr
    assert blok.stat().st_mode & 0o777 == 0o600
    config = {**json.loads(blok.read_text()), "host": "127.0.0.1", "port": -1, "ports_file_dir": str(extern_map),
              "jetstream": {"store_dir": str(extern_map)}}
    assert set(config["accounts"]) == {"HUB", *afzenders(catalogus)}
    (extern_map / "nats.conf").write_text(json.dumps(config))
    proces = subprocess.Popen([str(vind_nats_server()), "-c", str(extern_map / "nats.conf")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = await _adres(extern_map, proces.pid)
        extern_instellingen = instellingen.met(nats_url=url, nats_user="hub-prod", nats_password="geheim")
        async with bootstrap(extern_instellingen).draaiende_hub() as hub:
            [retour] = await stuur_inhoud(url, "gemeente", hub.identiteiten, [als_bytes(voorbeeld("aanmelding"))])
            assert retour["status"] == "geaccepteerd"
            inbox = await ontvang(url, "matchez", hub.identiteiten)
            assert [b.get("type") for b in inbox] == ["aanmelding"]
    finally:
        proces.terminate()
        proces.wait()


async def _adres(map_, pid: int) -> str:
    for _ in range(500):
        bestanden = list(map_.glob(f"*_{pid}.ports"))
        if bestanden and bestanden[0].read_text().strip():
            return json.loads(bestanden[0].read_text())["nats"][0]
        await asyncio.sleep(0.02)
    raise TimeoutError("nats-server start niet")
