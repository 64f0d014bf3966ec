"""Een werker warmt de verwerker op voordat hij berichten leest, zodat het eerste bericht niet wacht op het laden
van de feestdagen."""

from __future__ import annotations

from datetime import UTC, datetime

from hub.domein.kalender import _feestdagen
from hub.toepassing.verwerking import Verwerker


def test_opwarmen_laadt_de_feestdagen_van_dit_jaar(hub, catalogus):
    _feestdagen.cache_clear()
    Verwerker(hub, catalogus, klok=lambda: datetime(2031, 5, 1, tzinfo=UTC)).warm_op()
    assert _feestdagen.cache_info().currsize == 1
    assert _feestdagen(2031) == _feestdagen.__wrapped__(2031)
