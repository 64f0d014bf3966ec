from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hub.domein.geld import bedrag, euro, maal, percentage_van


def test_afronden_op_centen_half_naar_boven():
    assert bedrag("0.005") == Decimal("0.01")
    assert bedrag("2.345") == Decimal("2.35")
    assert bedrag("-2.345") == Decimal("-2.35")


def test_float_wordt_geweigerd():
    with pytest.raises(TypeError):
        bedrag(0.1)


def test_noshow_percentages_van_het_onderzoek():
    assert percentage_van(Decimal("225.00"), 50) == Decimal("112.50")
    assert percentage_van(Decimal("225.00"), 75) == Decimal("168.75")


def test_jobcoachuren_maal_tarief():
    assert maal("12.5", Decimal("77.59")) == Decimal("969.88")


def test_euro_zoals_een_nederlandse_lezer_het_schrijft():
    assert euro(Decimal("2250")) == "€ 2.250,00"
    assert euro(Decimal("333000")) == "€ 333.000,00"
    assert euro(Decimal("77.59")) == "€ 77,59"
    assert euro(Decimal("-1234567.8")) == "-€ 1.234.567,80"


@given(st.decimals(min_value=-10**9, max_value=10**9, allow_nan=False, places=4))
def test_bedrag_heeft_altijd_twee_decimalen_en_wijkt_hooguit_een_halve_cent_af(waarde):
    afgerond = bedrag(waarde)
    assert afgerond.as_tuple().exponent == -2
    assert abs(afgerond - waarde) <= Decimal("0.005")
