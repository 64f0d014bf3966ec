"""De snelle termijnregels van de projecties geven hetzelfde antwoord als de regels in het domein."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from hub.domein import termijnen as t
from hub.projections import termijnregels as r

dagen = st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 12, 31))
afstand = st.integers(min_value=-3, max_value=45)


@given(dagen, afstand)
def test_gelijk_aan_de_domeinregels(begin, n):
    later = begin + timedelta(days=n)
    assert r.oproep_op_tijd(begin, later) == t.oproep_op_tijd(begin, later)
    assert r.plan_op_tijd(begin, later) == t.plan_op_tijd(begin, later)
    assert r.besluit_op_tijd(begin, later) == t.besluit_op_tijd(begin, later)
    if n >= 0:
        assert r.uitnodiging_op_tijd(begin, later) == t.uitnodiging_op_tijd(begin, later)


def test_koningsdag_schuift_de_uitnodigingstermijn():
    """Uitnodiging do 23-04-2020: werkdagen erna 24-04, 28-04 (27-04 Koningsdag), 29-04, 30-04, 01-05 → gesprek op
    01-05 is op tijd, op 30-04 te vroeg."""
    assert r.uitnodiging_op_tijd(date(2020, 4, 23), date(2020, 5, 1))
    assert not r.uitnodiging_op_tijd(date(2020, 4, 23), date(2020, 4, 30))
