"""Eigen tabellen van de hub naast de events, in de database van de eventstore: PostgreSQL of het SQLite-bestand,
met dezelfde SQL. Zo delen alle processen op dezelfde eventstore wat erin staat, ook op andere machines."""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from eventsourcing.sqlite import SQLiteApplicationRecorder

from hub.toepassing.eventstore import Hub


@dataclass(frozen=True)
class Dialect:
    """Wat tussen SQLite en PostgreSQL verschilt: het schema voor de tabelnaam, het teken voor parameters, het type
    voor bytes en hoe het aanmaken van een tabel tussen processen wordt gesloten."""

    schema: str
    teken: str
    bytes_type: str
    aanmaken: Callable[[], contextlib.AbstractContextManager[Any]]

    def tabel(self, naam: str) -> str:
        return f'"{self.schema}".{naam}' if self.schema else naam


def dialect(hub: Hub) -> Dialect:
    recorder: Any = hub.recorder
    if isinstance(recorder, SQLiteApplicationRecorder):
        return Dialect("", "?", "BLOB", contextlib.nullcontext)
    from hub.koppelingen.opslag.postgres import een_tegelijk

    datastore = recorder.datastore
    return Dialect(datastore.schema, "%s", "BYTEA", lambda: een_tegelijk(datastore))


_AANGEMAAKT: weakref.WeakKeyDictionary[Any, dict[str, Dialect]] = weakref.WeakKeyDictionary()
"""Per verbinding met de database (datastore) de tabellen die er zeker zijn: één keer per proces aanmaken."""


@contextlib.contextmanager
def cursor(hub: Hub, naam: str, kolommen: Callable[[Dialect], str]) -> Iterator[tuple[Any, Dialect]]:
    """Een transactie (vastgelegd bij het verlaten) op tabel `naam`, die eerst wordt aangemaakt als ze ontbreekt.
    Rijen zijn op kolomnaam te lezen (`rij["naam"]`) in beide databases."""
    datastore: Any = hub.recorder.datastore  # type: ignore[attr-defined]
    bekend = _AANGEMAAKT.setdefault(datastore, {})
    taal = bekend.get(naam)
    if taal is None:
        taal = dialect(hub)
        with taal.aanmaken(), datastore.transaction(commit=True) as c:
            c.execute(f"CREATE TABLE IF NOT EXISTS {taal.tabel(naam)} ({kolommen(taal)})")
        bekend[naam] = taal
    with datastore.transaction(commit=True) as c:
        yield c, taal


__all__ = ["Dialect", "cursor"]
