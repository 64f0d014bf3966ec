"""Jaren van interne werkbegeleiding: jaar 1 van de eerste start tot (niet t/m) dezelfde dag een jaar later."""

from __future__ import annotations

from datetime import date

from hub.domein.werkbegeleiding import jaar_van_periode, jaargrenzen

EERSTE = date(2023, 7, 1)


def test_jaargrenzen():
    assert jaargrenzen(EERSTE, 1) == (date(2023, 7, 1), date(2024, 6, 30))
    assert jaargrenzen(EERSTE, 2) == (date(2024, 7, 1), date(2025, 6, 30))
    assert jaargrenzen(date(2024, 2, 29), 1) == (date(2024, 2, 29), date(2025, 2, 27))


def test_een_periode_hoort_bij_het_jaar_waarin_ze_begint():
    assert [jaar_van_periode(EERSTE, d) for d in (date(2023, 7, 1), date(2024, 6, 30), date(2024, 7, 1), date(2025, 7, 1))] == [1, 1, 2, 3]
    assert jaar_van_periode(EERSTE, date(2023, 1, 1)) == 1
