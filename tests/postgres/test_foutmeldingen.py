"""Een PostgreSQL die niet te bereiken is of de hub niet toelaat: één Nederlandse melding die de instelling noemt, geen
traceback, en geen lange stilte (een korte time-out per verbindingspoging)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from hub.bootstrap import bootstrap, open_hub
from hub.instellingen import Instellingen
from hub.toepassing.eventstore import OpslagOnbereikbaar
from tests.postgres_server import PostgresServer, vrije_poort


@pytest.fixture
def zwijgende_server() -> Iterator[int]:
    """Een poort die verbindingen aanneemt en nooit antwoordt, zoals een host achter een firewall die niets terugzegt."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(16)
        yield int(s.getsockname()[1])


def _fout(instellingen: Instellingen) -> str:
    with pytest.raises(OpslagOnbereikbaar) as fout:
        open_hub(instellingen)
    return str(fout.value)


def test_een_fout_wachtwoord_noemt_gebruiker_en_wachtwoord(postgres_instellingen):
    melding = _fout(postgres_instellingen.met(postgres_password="fout-wachtwoord"))
    assert "weigert gebruiker 'hub'" in melding and "HUB_POSTGRES_PASSWORD" in melding and "HUB_POSTGRES_USER" in melding
    assert "fout-wachtwoord" not in melding


def test_een_onbekende_gebruiker_noemt_dezelfde_instellingen(postgres_instellingen):
    melding = _fout(postgres_instellingen.met(postgres_user="onbekend"))
    assert "weigert gebruiker 'onbekend'" in melding and "HUB_POSTGRES_USER" in melding


def test_een_ontbrekende_database_zegt_hoe_ze_te_maken(postgres_instellingen):
    melding = _fout(postgres_instellingen.met(postgres_db="bestaat_niet"))
    assert "De database 'bestaat_niet' bestaat niet" in melding and "createdb -O hub bestaat_niet" in melding
    assert "HUB_POSTGRES_DB" in melding


@pytest.mark.parametrize("host", ["127.0.0.1", "bestaat-niet.invalid"])
def test_een_onbereikbare_server_noemt_host_en_poort(postgres_instellingen, host):
    melding = _fout(postgres_instellingen.met(postgres_host=host, postgres_port=vrije_poort()))
    assert "niet bereikbaar" in melding and "HUB_POSTGRES_HOST" in melding and "HUB_POSTGRES_PORT" in melding


def test_een_server_die_niet_antwoordt_geeft_na_de_korte_time_out_dezelfde_melding(postgres_instellingen, zwijgende_server):
    melding = _fout(postgres_instellingen.met(postgres_port=zwijgende_server))
    assert f"127.0.0.1:{zwijgende_server} is niet bereikbaar" in melding


def _hub(server: PostgresServer, instellingen: Instellingen, *argumenten: str, **anders: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **server.omgeving(instellingen.postgres_db), "HUB_DATA": str(instellingen.data), **anders}
    return subprocess.run([sys.executable, "-m", "hub", *argumenten], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("anders", "instelling"), [
    ({"HUB_POSTGRES_PASSWORD": "fout"}, "HUB_POSTGRES_PASSWORD"),
    ({"HUB_POSTGRES_DB": "bestaat_niet"}, "HUB_POSTGRES_DB"),
    ({"HUB_POSTGRES_PORT": "1"}, "HUB_POSTGRES_PORT"),
])
def test_de_opdrachtregel_geeft_een_melding_zonder_traceback(postgres_server, postgres_instellingen, anders, instelling):
    uitkomst = _hub(postgres_server, postgres_instellingen, "factuur", "lijst", **anders)
    assert uitkomst.returncode == 2
    assert instelling in uitkomst.stderr and "Traceback" not in uitkomst.stderr
    assert len(uitkomst.stderr.strip().splitlines()) == 1, uitkomst.stderr


@pytest.mark.parametrize("opdracht", ["serve", "web"])
def test_hub_serve_en_web_stoppen_met_een_melding_bij_een_fout_wachtwoord(postgres_server, postgres_instellingen, opdracht):
    uitkomst = _hub(postgres_server, postgres_instellingen, opdracht, "--poort", str(vrije_poort()),
                    HUB_POSTGRES_PASSWORD="fout")
    assert uitkomst.returncode != 0 and uitkomst.stdout == ""
    assert "HUB_POSTGRES_PASSWORD" in uitkomst.stderr and "Traceback" not in uitkomst.stderr


def test_met_de_juiste_instellingen_werkt_dezelfde_opdracht(postgres_server, postgres_instellingen):
    uitkomst = _hub(postgres_server, postgres_instellingen, "factuur", "lijst")
    assert uitkomst.returncode == 0, uitkomst.stderr


def test_zonder_rechten_om_tabellen_te_maken_noemt_de_melding_gebruiker_en_database(postgres_server, postgres_instellingen):
    """Sinds PostgreSQL 15 mag alleen de eigenaar van de database tabellen in `public` maken."""
    postgres_server.sql('CREATE DATABASE "van_een_ander"')
    melding = _fout(postgres_instellingen.met(postgres_db="van_een_ander"))
    assert "Gebruiker 'hub' mag in database 'van_een_ander' (schema public) geen tabellen aanmaken" in melding
    assert "ALTER DATABASE van_een_ander OWNER TO hub" in melding


def test_een_eigen_schema_wordt_aangemaakt_als_het_ontbreekt(postgres_server, postgres_instellingen):
    instellingen = postgres_instellingen.met(postgres_schema="hubdata")
    bootstrap(instellingen).leesmodelbeheer.bijwerken()
    rijen = postgres_server.sql("SELECT schemaname, tablename FROM pg_tables WHERE tablename LIKE 'hub_%'",
                                db=instellingen.postgres_db)
    assert sorted(rijen) == [("hubdata", "hub_events"), ("hubdata", "hub_leesmodellen"), ("hubdata", "hub_snapshots")]
