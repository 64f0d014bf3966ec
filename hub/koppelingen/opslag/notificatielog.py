"""De notificatielog van de eventstore in blokken lezen, voor de projecties.

Voor SQLite en PostgreSQL leest de hub de rijen zelf: `select_notifications` maakt van elke rij eerst een
`Notification` met een `UUID`, en dat kost bij een herbouw de helft van het lezen, ook voor events die een projectie
daarna overslaat zonder ze te decoderen (en een werker leest zo bij elke ronde van de factuurstatussen alle nieuwe
events). Andere eventstores lopen via `select_notifications`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder

Rij = Sequence[Any]
"""positie, originator_id (UUID, of tekst uit SQLite), originator_version, topic, state"""


def lezer(recorder: Any) -> Callable[[int, int], Sequence[Rij]]:
    """`lees(start, aantal)`: de rijen vanaf positie `start` (inclusief), oplopend."""
    if isinstance(recorder, SQLiteApplicationRecorder):
        sql = (f"SELECT rowid, originator_id, originator_version, topic, state FROM {recorder.events_table_name} "
               "WHERE rowid>=? ORDER BY rowid LIMIT ?")

        def lees_sqlite(start: int, aantal: int) -> Sequence[Rij]:
            with recorder.datastore.transaction(commit=False) as c:
                c.execute(sql, [start, aantal])
                return c.fetchall()

        return lees_sqlite
    rijen = getattr(recorder, "lees_notificatierijen", None)
    if rijen is not None:
        return rijen

    def lees(start: int, aantal: int) -> Sequence[Rij]:
        return [(n.id, n.originator_id, n.originator_version, n.topic, n.state)
                for n in recorder.select_notifications(start=start, limit=aantal)]

    return lees


def decoder(mapper: Mapper) -> Callable[[Rij], Any]:
    naar_event = mapper.to_domain_event

    def decodeer(rij: Rij) -> Any:
        originator = rij[1] if isinstance(rij[1], UUID) else UUID(rij[1])
        return naar_event(StoredEvent(originator_id=originator, originator_version=rij[2], topic=rij[3], state=rij[4]))

    return decodeer

