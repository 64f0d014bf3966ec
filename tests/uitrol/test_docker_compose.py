"""docker-compose.yml: er is hier geen container-engine, dus de test controleert de opbouw waarop de opstelling
steunt: alle diensten, gezondheidscontroles en herstartbeleid, geen wachtwoord in het bestand, elke werker en elke
NATS-server een eigen volume, en de NATS-configuratie uit `hub broker configuratie --cluster`."""

from __future__ import annotations

import re

import yaml

from hub.koppelingen.broker.cluster import knooppunten_uit
from tests.conftest import PROJECT

COMPOSE = yaml.safe_load((PROJECT / "docker-compose.yml").read_text(encoding="utf-8"))
DIENSTEN = COMPOSE["services"]
LANGLOPEND = [naam for naam, dienst in DIENSTEN.items() if dienst.get("restart") != "no"]
GEHEIM = re.compile(r"PASSWORD|SLEUTEL|SECRET|WACHTWOORD")


def _werkers() -> list[str]:
    return [naam for naam, dienst in DIENSTEN.items() if dienst.get("command") == ["serve"]]


def _data_volume(dienst: dict) -> str:
    [volume] = [v.split(":")[0] for v in dienst["volumes"] if v.split(":")[1] == "/data"]
    return volume


def test_alle_onderdelen_van_de_geschaalde_vorm():
    assert {"postgres", "nats-1", "nats-2", "nats-3", "nats-configuratie", "hub-web"} <= set(DIENSTEN)
    assert len(_werkers()) >= 2
    assert DIENSTEN["hub-web"]["command"][0] == "web"


def test_elke_langlopende_dienst_heeft_een_gezondheidscontrole_en_herstart():
    for naam in LANGLOPEND:
        assert DIENSTEN[naam].get("healthcheck", {}).get("test"), naam
        assert DIENSTEN[naam]["restart"] in ("always", "unless-stopped"), naam


def test_geen_wachtwoord_in_het_bestand_alleen_verplichte_variabelen():
    for naam, dienst in DIENSTEN.items():
        omgeving = dienst.get("environment", {})
        for sleutel, waarde in omgeving.items():
            if GEHEIM.search(sleutel):
                assert re.fullmatch(r"\$\{[A-Z_]+:\?[^}]+\}", str(waarde)), f"{naam}: {sleutel} staat niet uit de omgeving"
        assert "--pass" not in dienst.get("command", []), naam


def test_elke_werker_en_elke_nats_server_een_eigen_volume():
    werkers = [_data_volume(DIENSTEN[naam]) for naam in _werkers()]
    servers = [_data_volume(DIENSTEN[f"nats-{i}"]) for i in (1, 2, 3)]
    assert len(set(werkers)) == len(werkers) and len(set(servers)) == 3
    assert set(werkers).isdisjoint(servers)
    assert set(werkers + servers) <= set(COMPOSE["volumes"])


def test_werkers_wachten_op_een_gezonde_database_en_broker_en_kennen_alle_servers():
    for naam in _werkers():
        dienst = DIENSTEN[naam]
        assert all(dienst["depends_on"][d]["condition"] == "service_healthy" for d in ("postgres", "nats-1", "nats-2", "nats-3"))
        omgeving = dienst["environment"]
        assert omgeving["HUB_EVENTSTORE"] == "postgres"
        assert omgeving["HUB_NATS_URL"].split(",") == [f"nats://nats-{i}:4222" for i in (1, 2, 3)]


def test_nats_servers_lezen_de_configuratie_die_de_hub_schrijft():
    opdracht = DIENSTEN["nats-configuratie"]["command"]
    assert opdracht[:2] == ["broker", "configuratie"]
    knooppunten = knooppunten_uit(opdracht[opdracht.index("--cluster") + 1])
    uit = opdracht[opdracht.index("--uit") + 1]
    config_volume = next(v for v in DIENSTEN["nats-configuratie"]["volumes"] if v.endswith(f":{uit}")).split(":")[0]
    for k in knooppunten:
        server = DIENSTEN[k.naam]
        assert server["command"] == ["-c", f"/config/{k.naam}.conf"]
        assert f"{config_volume}:/config:ro" in server["volumes"]
        assert server["depends_on"]["nats-configuratie"]["condition"] == "service_completed_successfully"
