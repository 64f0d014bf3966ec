"""De termijnregels van `hub.domein.termijnen` als vergelijking met een onthouden uiterste datum.

Het tellen van werkdagen is het duurste wat de projecties doen; de uiterste datum hangt alleen af van
de begindatum, en bij het herbouwen komen dezelfde begindatums steeds terug. Een test houdt elke regel
hier gelijk aan die in `hub.domein.termijnen`.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from hub.domein import termijnen as t
from hub.domein.kalender import plus_werkdagen

GROOTTE = 1 << 16


@lru_cache(maxsize=GROOTTE)
def _werkdagen_later(dag: date, aantal: int) -> date:
    return plus_werkdagen(dag, aantal)


def uiterlijk_plan(aanmelding: date) -> date:
    return _werkdagen_later(aanmelding, t.PLAN_WERKDAGEN)


def uiterlijk_besluit(plan: date) -> date:
    return _werkdagen_later(plan, t.KLANTMANAGER_WERKDAGEN)


def oproep_op_tijd(aanmelding: date, uitnodiging: date) -> bool:
    return t.oproep_op_tijd(aanmelding, uitnodiging)


def uitnodiging_op_tijd(uitnodiging: date, gesprek: date) -> bool:
    return gesprek >= _werkdagen_later(uitnodiging, t.UITNODIGING_WERKDAGEN)


def plan_op_tijd(aanmelding: date, plan: date) -> bool:
    return plan <= uiterlijk_plan(aanmelding)


def besluit_op_tijd(plan: date, besluit: date) -> bool:
    return besluit <= uiterlijk_besluit(plan)
