"""Welke fouten van de eventstore betekenen dat de opslag weg is (wachten), en welke niet (een gewone herkansing)."""

from __future__ import annotations

from eventsourcing.persistence import IntegrityError, InterfaceError, OperationalError, ProgrammingError

from hub.toepassing.eventstore import opslag_weg


def test_verbroken_of_onbereikbaar_is_weg_een_conflict_of_een_fout_in_het_bericht_niet():
    assert opslag_weg(OperationalError("connection refused")) and opslag_weg(InterfaceError("connection closed"))
    assert not opslag_weg(IntegrityError("duplicate key: gelijktijdige opslag"))
    assert not opslag_weg(ProgrammingError("syntax")) and not opslag_weg(ValueError("ongeldig"))
