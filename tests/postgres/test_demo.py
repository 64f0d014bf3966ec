"""`hub demo` op PostgreSQL: een eigen schema dat bij elke start leeg begint, zodat de echte gegevens onaangeroerd
blijven en de demo opnieuw kan draaien."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
import pytest

from hub.bootstrap import bootstrap, open_hub
from tests.postgres.test_eventstore import _traject

pytestmark = pytest.mark.broker


def _demo(server, instellingen, **anders: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **server.omgeving(instellingen.postgres_db), "HUB_DATA": str(instellingen.data), "COLUMNS": "200",
           **anders}
    return subprocess.run([sys.executable, "-m", "hub", "demo"], env=env, capture_output=True, text=True, timeout=600)


def test_de_demo_draait_twee_keer_in_haar_eigen_schema_en_laat_de_echte_gegevens_staan(postgres_server,
                                                                                     postgres_instellingen):
    open_hub(postgres_instellingen).save(_traject("ECHT-1"))

    for _ in range(2):
        uitkomst = _demo(postgres_server, postgres_instellingen)
        assert uitkomst.returncode == 0, uitkomst.stderr[-3000:]
        afgewezen = [r for r in uitkomst.stdout.splitlines() if "berichten:" in r or r.startswith(("✗", "    "))]
        assert "49 berichten: 44 geaccepteerd, 5 afgewezen." in uitkomst.stdout, "\n".join(afgewezen)
        assert f"database {postgres_instellingen.postgres_db}, schema demo" in uitkomst.stdout

    with psycopg.connect(postgres_server.dsn(postgres_instellingen.postgres_db)) as verbinding:
        echt = verbinding.execute("SELECT count(*) FROM public.hub_events").fetchone()
        demo = verbinding.execute("SELECT count(DISTINCT originator_id) FROM demo.hub_events "
                                  "WHERE topic LIKE '%Traject.Aangemeld'").fetchone()
    assert echt == (3,), "de demo schreef niets in de echte gegevens"
    assert open_hub(postgres_instellingen).traject("amstelveen", "ECHT-1").version == 3
    demo_hub = bootstrap(postgres_instellingen.met(postgres_schema="demo")).eventstore
    assert demo_hub.zoek_traject("amstelveen", "ECHT-1") is None
    assert demo is not None and demo[0] > 0


def test_de_demo_weigert_als_de_hub_zelf_het_demoschema_gebruikt(postgres_server, postgres_instellingen):
    uitkomst = _demo(postgres_server, postgres_instellingen, HUB_POSTGRES_SCHEMA="demo")
    assert uitkomst.returncode == 2 and "HUB_POSTGRES_SCHEMA='demo'" in uitkomst.stderr
    assert "Traceback" not in uitkomst.stderr
