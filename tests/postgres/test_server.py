from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hub.instellingen import Instellingen
from tests.conftest import PROJECT
from tests.postgres_server import PostgresServer


def test_elke_test_krijgt_een_eigen_lege_database(postgres_server: PostgresServer, postgres_instellingen: Instellingen):
    import psycopg

    andere = postgres_server.nieuwe_database()
    assert andere != postgres_instellingen.postgres_db
    dsn = postgres_server.dsn(postgres_instellingen.postgres_db, gebruiker=postgres_instellingen.postgres_user)
    with psycopg.connect(dsn) as verbinding:
        tabellen = verbinding.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
    assert tabellen == (0,)
    assert postgres_instellingen.eventstore == "postgres"


ZONDER_POSTGRES = "import tests.postgres_server as s\ns.bindir = lambda: None\n"


@pytest.mark.parametrize(("vereist", "uitslag"), [("", "1 skipped"), ("1", "1 error")])
def test_zonder_postgres_slaan_de_tests_over_tenzij_postgres_vereist_is(tmp_path: Path, vereist: str, uitslag: str):
    (tmp_path / "geen_postgres.py").write_text(ZONDER_POSTGRES)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(PROJECT)]), "HUB_TEST_POSTGRES_VEREIST": vereist}
    uitkomst = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "geen_postgres", "-p", "no:cacheprovider",
                               f"{__file__}::test_elke_test_krijgt_een_eigen_lege_database"],
                              cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)
    assert uitslag in uitkomst.stdout, uitkomst.stdout[-2000:]
    assert "geen PostgreSQL gevonden" in uitkomst.stdout
    if vereist:
        assert "HUB_TEST_POSTGRES_VEREIST=1" in uitkomst.stdout
