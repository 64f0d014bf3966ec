from __future__ import annotations

from hub.instellingen import Instellingen
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
