"""`hub broker configuratie --cluster`: drie servers met routes naar elkaar, elk een eigen opslag, dezelfde accounts."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from hub.koppelingen.broker.cluster import knooppunten_uit
from hub.koppelingen.broker.streams import replicas_voor, servers
from tests.conftest import PROJECT


def test_drie_servers_met_routes_eigen_opslag_en_dezelfde_accounts(tmp_path):
    env = {**os.environ, "HUB_DATA": str(tmp_path / "data"), "HUB_CONTRACTEN": str(PROJECT / "contracts"),
           "HUB_NATS_USER": "hub", "HUB_NATS_PASSWORD": "geheim-van-de-hub", "HUB_NATS_CLUSTER_PASSWORD": "routegeheim"}
    uit = tmp_path / "nats"
    klaar = subprocess.run([sys.executable, "-m", "hub.cli", "broker", "configuratie", "--cluster", "nats-1,nats-2,nats-3",
                            "--uit", str(uit)], env=env, capture_output=True, text=True, cwd=PROJECT)
    assert klaar.returncode == 0, klaar.stderr
    assert "HUB_NATS_URL=nats://nats-1:4222,nats://nats-2:4222,nats://nats-3:4222" in klaar.stdout
    configs = {pad.stem: json.loads(pad.read_text()) for pad in uit.glob("*.conf")}
    assert sorted(configs) == ["nats-1", "nats-2", "nats-3"]
    for naam, config in configs.items():
        assert stat.S_IMODE((uit / f"{naam}.conf").stat().st_mode) == 0o600  # er staan wachtwoorden in
        assert config["server_name"] == naam
        andere = sorted({"nats-1", "nats-2", "nats-3"} - {naam})
        assert config["cluster"]["routes"] == [f"nats-route://route:routegeheim@{a}:6222" for a in andere]
        assert config["cluster"]["authorization"] == {"user": "route", "password": "routegeheim"}
        assert config["jetstream"]["store_dir"] == f"/data/{naam}"
    accounts = [c["accounts"] for c in configs.values()]
    assert accounts[0] == accounts[1] == accounts[2]
    assert accounts[0]["HUB"]["users"][0]["password"] == "geheim-van-de-hub"
    assert {"matchez", "gemeente"} <= set(accounts[0])


def test_een_cluster_heeft_drie_of_vijf_servers_met_eigen_namen():
    with pytest.raises(ValueError, match="3 of 5"):
        knooppunten_uit("nats-1,nats-2")
    with pytest.raises(ValueError, match="eigen naam"):
        knooppunten_uit("a@h:1:2:3,a@h:4:5:6,b@h:7:8:9")
    [k, *_] = knooppunten_uit("n0@127.0.0.1:4001:6001:8001,n1@127.0.0.1:4002:6002:8002,n2@127.0.0.1:4003:6003:8003")
    assert (k.naam, k.host, k.poort, k.clusterpoort, k.monitorpoort) == ("n0", "127.0.0.1", 4001, 6001, 8001)


def test_meerdere_servers_in_de_url_en_drie_kopieen():
    url = "nats://a:4222, nats://b:4222,nats://c:4222"
    assert servers(url) == ["nats://a:4222", "nats://b:4222", "nats://c:4222"]
    assert replicas_voor(url) == 3
    assert replicas_voor("nats://a:4222") == 1
    assert replicas_voor("nats://a:4222", 3) == 3
