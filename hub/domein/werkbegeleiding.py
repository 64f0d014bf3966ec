"""Jaren van interne werkbegeleiding (art. 12.5 Heemstede): de maximumbedragen gelden per jaar van werkbegeleiding."""

from __future__ import annotations

from datetime import date, timedelta

from hub.domein.kalender import plus_maanden


def jaargrenzen(eerste_start: date, jaar: int) -> tuple[date, date]:
    """Eerste en laatste dag van jaar `jaar`: jaar 1 loopt van de start van de eerste toegekende periode tot (niet t/m)
    dezelfde dag een jaar later, jaar 2 het jaar daarna, enzovoort."""
    return plus_maanden(eerste_start, 12 * (jaar - 1)), plus_maanden(eerste_start, 12 * jaar) - timedelta(days=1)


def jaar_van_periode(eerste_start: date, periode_start: date) -> int:
    """Het jaar van werkbegeleiding waarin een periode begint; daar telt de hele periode mee.

    Een periode die over de grens van twee jaren loopt, wordt niet gesplitst: de gemeente kent een periode als geheel
    toe en betaalt haar achteraf als geheel (art. 11 en 12.6); een verdeling naar dagen zou een aanname vragen over
    hoe de kosten over de periode vallen. Een periode die vóór de eerste start begint, hoort bij jaar 1.
    """
    jaar = 1
    while periode_start >= plus_maanden(eerste_start, 12 * jaar):
        jaar += 1
    return jaar
