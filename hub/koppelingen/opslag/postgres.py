"""PostgreSQL als eventstore: eerst een snelle proefverbinding met een Nederlandse melding, dan tabellen die één
proces tegelijk aanmaakt.

eventsourcing laat elk proces bij het openen `CREATE TABLE IF NOT EXISTS` en `CREATE OR REPLACE FUNCTION` draaien;
twee processen die tegelijk openen, kunnen dan botsen (`tuple concurrently updated`). Een advisory lock op de
database zet dat aanmaken achter elkaar. Zonder proefverbinding wacht de verbindingspool bij een fout wachtwoord
30 s en eindigt ze in een traceback.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.persistence import PersistenceError, StoredEvent
from eventsourcing.postgres import (
    PostgresAggregateRecorder,
    PostgresApplicationRecorder,
    PostgresDatastore,
    PostgresFactory,
    PostgresProcessRecorder,
    PostgresTrackingRecorder,
)
from eventsourcing.utils import Environment, EnvType
from psycopg import sql
from psycopg.rows import tuple_row

from hub.instellingen import VOORVOEGSEL, Instellingen
from hub.toepassing.eventstore import OpslagOnbereikbaar

AANMAAKSLOT = 0x6875625F7461626C
"""De sleutel van de advisory lock rond het aanmaken van tabellen, typen en functies (een vast getal, 'hub_tabl')."""
VERBINDINGSTIJD = 5
"""Seconden voor één verbindingspoging; daarna volgt de melding in plaats van een lange stilte."""


def _instelling(naam: str) -> str:
    return f"{VOORVOEGSEL}POSTGRES_{naam}"


def melding(fout: psycopg.Error, parameters: Mapping[str, Any]) -> str:
    """Wat er mis is, in gewone woorden, en welke instelling de gebruiker moet nakijken."""
    tekst = str(fout)
    laag = tekst.lower()
    waar = f"{parameters.get('host')}:{parameters.get('port')}"
    gebruiker, database = parameters.get("user"), parameters.get("dbname")
    if "password authentication failed" in laag or "no password supplied" in laag or (
            "role" in laag and "does not exist" in laag):
        return (f"PostgreSQL op {waar} weigert gebruiker '{gebruiker}': het wachtwoord klopt niet of de gebruiker "
                f"bestaat niet. Controleer {_instelling('USER')} en {_instelling('PASSWORD')}.")
    if "database" in laag and "does not exist" in laag:
        return (f"De database '{database}' bestaat niet op PostgreSQL {waar}. Maak haar aan (bijvoorbeeld "
                f"`createdb -O {gebruiker} {database}`) of controleer {_instelling('DB')}.")
    if "permission denied" in laag or "not permitted" in laag or "pg_hba.conf" in laag:
        return (f"PostgreSQL op {waar} laat gebruiker '{gebruiker}' niet toe tot database '{database}'. Geef de "
                f"gebruiker rechten, of controleer {_instelling('USER')} en {_instelling('DB')}.")
    if any(teken in laag for teken in ("connection refused", "resolve host", "timeout", "timed out",
                                       "could not translate", "no route", "unreachable", "closed the connection")):
        return (f"PostgreSQL op {waar} is niet bereikbaar. Draait de server, en kloppen {_instelling('HOST')} "
                f"en {_instelling('PORT')}?")
    return (f"Verbinden met PostgreSQL op {waar} (database '{database}', gebruiker '{gebruiker}') mislukte: "
            f"{tekst.strip()}. Controleer de instellingen {_instelling('…')}.")


def verbindingsgegevens(datastore: PostgresDatastore) -> dict[str, Any]:
    """Host, poort, database, gebruiker en wachtwoord van de pool, voor een losse verbinding."""
    parameters = datastore.pool.kwargs
    assert isinstance(parameters, dict)
    return {k: v for k, v in parameters.items() if k != "row_factory"}


def proefverbinding(parameters: Mapping[str, Any]) -> None:
    """Eén verbinding met een korte time-out; een fout wordt `OpslagOnbereikbaar` met een Nederlandse melding."""
    try:
        psycopg.connect(**{**parameters, "connect_timeout": VERBINDINGSTIJD}).close()
    except psycopg.Error as fout:
        raise OpslagOnbereikbaar(melding(fout, parameters)) from None


@contextlib.contextmanager
def een_tegelijk(datastore: PostgresDatastore) -> Iterator[None]:
    """Houdt de advisory lock op een eigen verbinding, los van de pool die het aanmaken zelf gebruikt."""
    gegevens = verbindingsgegevens(datastore)
    with psycopg.connect(**gegevens, autocommit=True) as verbinding:
        verbinding.execute("SELECT pg_advisory_lock(%s)", (AANMAAKSLOT,))
        try:
            bestaat = verbinding.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (datastore.schema,)).fetchone()
            if bestaat is None:
                verbinding.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(datastore.schema)))
            yield
        except (psycopg.Error, PersistenceError) as fout:
            if "permission denied" in str(fout).lower() or "must be owner" in str(fout).lower():
                raise OpslagOnbereikbaar(_geen_rechten(gegevens, datastore.schema)) from None
            raise
        finally:
            verbinding.execute("SELECT pg_advisory_unlock(%s)", (AANMAAKSLOT,))


def _geen_rechten(gegevens: Mapping[str, Any], schema: str) -> str:
    gebruiker, database = gegevens.get("user"), gegevens.get("dbname")
    return (f"Gebruiker '{gebruiker}' mag in database '{database}' (schema {schema}) geen tabellen aanmaken. Maak haar "
            f"eigenaar van de database (`ALTER DATABASE {database} OWNER TO {gebruiker}`) of geef haar rechten op het "
            f"schema, of controleer {_instelling('USER')}, {_instelling('DB')} en {_instelling('SCHEMA')}.")


class _EenTegelijk:
    datastore: PostgresDatastore

    def create_table(self) -> None:
        with een_tegelijk(self.datastore):
            super().create_table()  # type: ignore[misc]


class AggregateRecorder(_EenTegelijk, PostgresAggregateRecorder):
    pass


class ApplicationRecorder(_EenTegelijk, PostgresApplicationRecorder):
    def select_events_vele(self, originator_ids: Iterable[UUID]) -> dict[UUID, list[StoredEvent]]:
        """De events van veel aggregates in één rondgang: een werker laadt zo wat een hele batch nodig heeft,
        in plaats van één vraag per aggregate (en per berichtId voor de Ontvangst). Wie niet bestaat, ontbreekt."""
        ids = list(dict.fromkeys(originator_ids))
        gevonden: dict[UUID, list[StoredEvent]] = {}
        if not ids:
            return gevonden
        statement = sql.SQL(
            "SELECT originator_id, originator_version, topic, state FROM {schema}.{table} "
            "WHERE originator_id = ANY(%s) ORDER BY originator_id, originator_version"
        ).format(schema=sql.Identifier(self.datastore.schema), table=sql.Identifier(self.events_table_name))
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(statement, [ids], prepare=True)
            for rij in curs.fetchall():
                gevonden.setdefault(rij["originator_id"], []).append(StoredEvent(
                    originator_id=rij["originator_id"], originator_version=rij["originator_version"],
                    topic=rij["topic"], state=bytes(rij["state"])))
        return gevonden

    def lees_notificatierijen(self, start: int, aantal: int) -> list[tuple[int, str, int, str, bytes]]:
        """Als `select_notifications`, maar rijen in plaats van een `Notification` met een `UUID` per event: een
        leesmodel slaat de meeste events over zonder ze te decoderen (zie `notificatielog.py`)."""
        statement = sql.SQL(
            "SELECT notification_id, originator_id::text, originator_version, topic, state FROM {schema}.{table} "
            "WHERE notification_id >= %s ORDER BY notification_id LIMIT %s"
        ).format(schema=sql.Identifier(self.datastore.schema), table=sql.Identifier(self.events_table_name))
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as curs:
            curs.execute(statement, [start, aantal], prepare=True)
            return curs.fetchall()


class TrackingRecorder(_EenTegelijk, PostgresTrackingRecorder):
    pass


class ProcessRecorder(_EenTegelijk, PostgresProcessRecorder):
    pass


class PostgresOpslag(PostgresFactory):
    """De eventsourcing-fabriek voor PostgreSQL met proefverbinding en aanmaken één proces tegelijk
    (`PERSISTENCE_MODULE=hub.koppelingen.opslag.postgres:PostgresOpslag`)."""

    aggregate_recorder_class = AggregateRecorder
    application_recorder_class = ApplicationRecorder
    tracking_recorder_class = TrackingRecorder
    process_recorder_class = ProcessRecorder

    def __init__(self, env: Environment | EnvType | None):
        super().__init__(env)
        assert isinstance(self.datastore.pool.kwargs, dict)
        self.datastore.pool.kwargs["connect_timeout"] = VERBINDINGSTIJD
        proefverbinding(verbindingsgegevens(self.datastore))


def gegevens_uit(instellingen: Instellingen) -> dict[str, Any]:
    return {"host": instellingen.postgres_host, "port": instellingen.postgres_port, "dbname": instellingen.postgres_db,
            "user": instellingen.postgres_user, "password": instellingen.postgres_password.get_secret_value(),
            "connect_timeout": VERBINDINGSTIJD}


def leeg_schema(instellingen: Instellingen) -> None:
    """Gooit het schema uit de instellingen met alles erin weg en maakt het leeg opnieuw (voor de demo; nooit `public`)."""
    schema = instellingen.postgres_schema
    if schema in ("", "public"):
        raise ValueError("het schema public wordt nooit geleegd")
    gegevens = gegevens_uit(instellingen)
    proefverbinding(gegevens)
    with psycopg.connect(**gegevens, autocommit=True) as verbinding:
        verbinding.execute("SELECT pg_advisory_lock(%s)", (AANMAAKSLOT,))
        try:
            naam = sql.Identifier(schema)
            verbinding.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(naam))
            verbinding.execute(sql.SQL("CREATE SCHEMA {}").format(naam))
        finally:
            verbinding.execute("SELECT pg_advisory_unlock(%s)", (AANMAAKSLOT,))


__all__ = ["PostgresOpslag", "leeg_schema", "melding", "proefverbinding"]
