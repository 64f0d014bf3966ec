"""SQLite als eventstore (de ingebouwde vorm), met het laden van veel aggregates in één vraag zoals op PostgreSQL.

Een werker laadt vóór een batch alles wat de berichten noemen (`Hub.haal_vele`). Eén vraag per aggregate kostte
op SQLite ~10 % van de tijd van een werker, ook voor de Ontvangsten die meestal nog niet bestaan.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteFactory

PER_VRAAG = 500
"""Ids per vraag: ruim onder de grens van SQLite voor het aantal parameters."""


class ApplicationRecorder(SQLiteApplicationRecorder):
    def select_events_vele(self, originator_ids: Iterable[UUID]) -> dict[UUID, list[StoredEvent]]:
        """De events van veel aggregates, per aggregate op volgorde; wie niet bestaat, ontbreekt."""
        ids = [id_.hex for id_ in dict.fromkeys(originator_ids)]
        gevonden: dict[UUID, list[StoredEvent]] = {}
        with self.datastore.transaction(commit=False) as cursor:
            for begin in range(0, len(ids), PER_VRAAG):
                deel = ids[begin:begin + PER_VRAAG]
                cursor.execute(
                    f"SELECT * FROM {self.events_table_name} WHERE originator_id IN ({','.join('?' * len(deel))}) "
                    "ORDER BY originator_id, originator_version",
                    deel,
                )
                for rij in cursor.fetchall():
                    originator_id = UUID(rij["originator_id"])
                    gevonden.setdefault(originator_id, []).append(StoredEvent(
                        originator_id=originator_id, originator_version=rij["originator_version"],
                        topic=rij["topic"], state=rij["state"]))
        return gevonden


class SQLiteOpslag(SQLiteFactory):
    """De eventsourcing-fabriek voor SQLite (`PERSISTENCE_MODULE=hub.koppelingen.opslag.sqlite:SQLiteOpslag`)."""

    application_recorder_class = ApplicationRecorder
