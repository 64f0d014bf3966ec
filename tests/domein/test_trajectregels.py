"""De gedeelde trajectregels, met de cijfers uit DOMEIN.md."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hub.domein.trajectregels import (
    binnen_bonusvenster,
    nazorgmaanden,
    nazorgvenster,
    noshow_bedrag,
    product_na_mutatiebesluit,
    startdatum,
    uiterlijke_bonusplaatsing,
)

ONDERZOEK = Decimal("225.00")  # A-rea, medisch belastbaarheidsonderzoek


def test_de_start_is_de_intake_anders_de_aanmelding():
    assert startdatum(date(2024, 1, 2), date(2024, 1, 15)) == date(2024, 1, 15)
    assert startdatum(date(2024, 1, 2), None) == date(2024, 1, 2)


def test_noshow_staffel_van_het_medisch_onderzoek():
    assert noshow_bedrag(Decimal(1), ONDERZOEK, Decimal(50)) == Decimal("112.50")  # 1e no-show: 50 %
    assert noshow_bedrag(Decimal(1), ONDERZOEK, Decimal(75)) == Decimal("168.75")  # 2e no-show: 75 %


def test_bonusvenster_tot_en_met_dezelfde_dag_drie_maanden_later():
    start = date(2024, 1, 15)
    assert uiterlijke_bonusplaatsing(start) == date(2024, 4, 15)
    assert binnen_bonusvenster(start, date(2024, 4, 15))
    assert not binnen_bonusvenster(start, date(2024, 4, 16))
    assert uiterlijke_bonusplaatsing(date(2023, 11, 30)) == date(2024, 2, 29)  # bestaat de dag niet: de laatste van de maand


def test_na_een_goedgekeurde_mutatie_loopt_het_traject_op_het_nieuwe_product():
    assert product_na_mutatiebesluit("MZ-BNW3", "MZ-BNW6", "goedgekeurd") == "MZ-BNW6"
    assert product_na_mutatiebesluit("MZ-BNW3", "MZ-BNW6", "afgewezen") == "MZ-BNW3"
    assert product_na_mutatiebesluit("MZ-BNW3", None, "goedgekeurd") == "MZ-BNW3"


def test_nazorgvenster_loopt_tot_niet_tot_en_met_dezelfde_dag_drie_maanden_later():
    assert nazorgvenster(date(2024, 3, 15), 3) == (date(2024, 3, 15), date(2024, 6, 14))
    assert nazorgmaanden(date(2024, 3, 15), 3) == ["2024-03", "2024-04", "2024-05", "2024-06"]
    assert nazorgmaanden(date(2024, 4, 1), 3) == ["2024-04", "2024-05", "2024-06"]
    assert nazorgmaanden(date(2024, 11, 30), 3) == ["2024-11", "2024-12", "2025-01", "2025-02"]
