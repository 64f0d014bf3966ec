from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from hub.domein.kalender import (
    is_werkdag,
    kwartaal_grenzen,
    kwartaal_van,
    plus_dagen,
    plus_maanden,
    plus_werkdagen,
    vorige_kwartalen,
    werkdagen_tussen,
)


def test_koningsdag_en_pinksteren_zijn_geen_werkdag():
    assert is_werkdag(date(2025, 4, 28))
    assert not is_werkdag(date(2025, 4, 21))  # tweede paasdag
    assert not is_werkdag(date(2024, 5, 20))  # tweede pinksterdag
    assert not is_werkdag(date(2026, 4, 27))  # Koningsdag op een maandag
    assert not is_werkdag(date(2024, 12, 25))


def test_weekend_telt_niet():
    assert not is_werkdag(date(2024, 1, 6))
    assert is_werkdag(date(2024, 1, 8))


def test_twintig_werkdagen_met_een_feestdag_ertussen():
    # aanmelding vr 10-05-2024; Pinksteren ma 20-05 telt niet: 20 werkdagen later is vr 07-06 + 1 = ma 10-06
    assert plus_werkdagen(date(2024, 5, 10), 20) == date(2024, 6, 10)
    assert werkdagen_tussen(date(2024, 5, 10), date(2024, 6, 10)) == 20


def test_vijf_werkdagen_rond_koningsdag_2026():
    # uitnodiging do 23-04-2026, Koningsdag ma 27-04: vr 24, di 28, wo 29, do 30, vr 01-05 → gesprek 01-05 is net genoeg
    assert werkdagen_tussen(date(2026, 4, 23), date(2026, 5, 1)) == 5


def test_maand_erbij_aan_het_eind_van_de_maand():
    assert plus_maanden(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert plus_maanden(date(2024, 1, 8), 3) == date(2024, 4, 8)


def test_kwartalen():
    assert kwartaal_van(date(2024, 3, 31)) == "2024-Q1"
    assert kwartaal_van(date(2024, 4, 1)) == "2024-Q2"
    assert kwartaal_grenzen("2024-Q2") == (date(2024, 4, 1), date(2024, 6, 30))
    assert vorige_kwartalen("2024-Q2", 4) == ["2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1"]


@given(st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=0, max_value=60))
def test_plus_werkdagen_en_werkdagen_tussen_zijn_elkaars_inverse(start, n):
    eind = plus_werkdagen(start, n)
    assert werkdagen_tussen(start, eind) == n
    assert n == 0 or is_werkdag(eind)


@given(st.dates(), st.integers(-5000, 5000))
def test_rekenen_met_datums_loopt_nooit_over(dag, n):
    """Ook een datum aan de rand van de kalender (9999-12-31) geeft een datum terug, nooit een uitzondering."""
    assert date.min <= plus_dagen(dag, n) <= date.max
    assert date.min <= plus_maanden(dag, n // 100) <= date.max
    assert date.min <= plus_werkdagen(dag, n // 100) <= date.max


def test_termijnen_vanaf_de_laatste_dag_van_de_kalender():
    assert plus_dagen(date(9999, 12, 31), 14) == date.max
    assert plus_maanden(date(9999, 11, 30), 3) == date.max
    assert plus_werkdagen(date(9999, 12, 30), 20) == date.max
    assert kwartaal_grenzen("9999-Q4") == (date(9999, 10, 1), date(9999, 12, 31))


@given(st.dates(date(2000, 1, 1), date(2300, 1, 1)), st.integers(0, 3000))
def test_lange_reeks_werkdagen_telt_als_dag_voor_dag(van, dagen):
    tot = plus_dagen(van, dagen)
    dag_voor_dag = sum(1 for n in range(1, (tot - van).days + 1) if is_werkdag(van + timedelta(days=n)))
    assert werkdagen_tussen(van, tot) == dag_voor_dag


def test_werkdagen_tot_het_eind_van_de_kalender_zijn_snel_te_tellen():
    """2024 tot 9999: weken in één keer, feestdagen tot en met 2200."""
    assert werkdagen_tussen(date(2024, 1, 1), date(9999, 12, 31)) > 2_000_000
