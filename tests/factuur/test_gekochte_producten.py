"""Een regel factureert alleen een product dat de gemeente voor het traject kocht, met wat er volgens het contract bij hoort."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.factuur.wereld import regel

START, EIND = date(2024, 1, 8), date(2024, 4, 7)


def gestart(wereld, product: str, traject: str = "AV-1") -> None:
    wereld.meld_aan(traject, product=product)
    wereld.doe(traject, "registreer_intake", START)


def bnw6(n: int = 1, traject: str = "AV-1") -> dict:
    return regel(n, traject, "MZ-BNW6", START, date(2024, 7, 7), "3250.00")


def mutatie(wereld, product: str, besluit: str = "goedgekeurd", traject: str = "AV-1") -> None:
    wereld.doe(traject, "vraag_mutatie_aan", "Meer tijd nodig", "Werk in de zorg", product, Decimal("3250.00"), "Zes maanden", True)
    wereld.doe(traject, "beoordeel_mutatie", date(2024, 2, 1), besluit, "Besproken met de klantmanager")


def test_bemiddeling_6_maanden_op_een_traject_voor_3_maanden_is_niet_gekocht(wereld):
    gestart(wereld, "MZ-BNW3")
    wereld.factuur("MZ-1", bnw6(), factuurdatum=date(2024, 7, 10))
    r = wereld.oordeel("MZ-1").regel(1)
    assert [b.code for b in r.bevindingen] == ["PRODUCT_NIET_TOEGEWEZEN"]
    assert r.verwacht == Decimal("0.00") and r.gefactureerd == Decimal("3250.00")
    melding = r.bevindingen[0].melding
    assert "MZ-BNW6 is niet gekocht voor traject AV-1: aangemeld voor MZ-BNW3" in melding
    assert "MZ-BNW3, MZ-BNW3-BONUS, MZ-NAZORG" in melding and "Wijs de regel af" in melding


def test_een_goedgekeurde_mutatie_die_later_binnenkomt_maakt_de_regel_schoon(wereld):
    gestart(wereld, "MZ-BNW3")
    wereld.factuur("MZ-1", bnw6(), factuurdatum=date(2024, 7, 10))
    assert wereld.codes("MZ-1") == ["PRODUCT_NIET_TOEGEWEZEN"]
    mutatie(wereld, "MZ-BNW6")
    r = wereld.oordeel("MZ-1").regel(1)
    assert r.bevindingen == [] and r.verwacht == Decimal("3250.00")


def test_een_afgewezen_mutatie_koopt_niets(wereld):
    gestart(wereld, "MZ-BNW3")
    mutatie(wereld, "MZ-BNW6", besluit="afgewezen")
    wereld.factuur("MZ-1", bnw6(), factuurdatum=date(2024, 7, 10))
    assert wereld.codes("MZ-1") == ["PRODUCT_NIET_TOEGEWEZEN"]


def test_na_twee_mutaties_blijven_alle_gekochte_producten_factureerbaar(wereld):
    gestart(wereld, "MZ-WBU")
    mutatie(wereld, "MZ-BNW6")
    mutatie(wereld, "MZ-BNW3")
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-WBU", START, date(2024, 1, 21), "375.00"), bnw6(2),
                   regel(3, "AV-1", "MZ-BNW3", START, EIND, "2250.00"), factuurdatum=date(2024, 7, 10))
    assert all("PRODUCT_NIET_TOEGEWEZEN" not in wereld.codes("MZ-1", n) for n in (1, 2, 3))


def test_bonus_en_nazorg_horen_bij_de_bemiddeling(wereld):
    gestart(wereld, "MZ-BNW3")
    wereld.plaats("AV-1", date(2024, 3, 1))
    wereld.doe("AV-1", "lever_nazorgmaand", "2024-03")
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3-BONUS", START, EIND, "500.00"),
                   regel(2, "AV-1", "MZ-NAZORG", date(2024, 3, 1), date(2024, 3, 31), "350.00"))
    assert [wereld.codes("MZ-1", n) for n in (1, 2)] == [[], []]


def test_nazorg_en_bonus_horen_niet_bij_werk_boven_uitkering(wereld):
    gestart(wereld, "MZ-WBU")
    wereld.plaats("AV-1", date(2024, 1, 22))
    wereld.doe("AV-1", "lever_nazorgmaand", "2024-02")
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-NAZORG", date(2024, 2, 1), date(2024, 2, 29), "350.00"),
                   regel(2, "AV-1", "MZ-BNW3-BONUS", START, EIND, "500.00"), factuurdatum=date(2024, 3, 4))
    assert [wereld.codes("MZ-1", n) for n in (1, 2)] == [["PRODUCT_NIET_TOEGEWEZEN"], ["PRODUCT_NIET_TOEGEWEZEN"]]


def test_taal_en_bewustwording_wordt_gevolgd_door_bemiddeling_en_nazorg(wereld):
    gestart(wereld, "MZ-TB")
    wereld.plaats("AV-1", date(2024, 7, 1))
    wereld.doe("AV-1", "lever_nazorgmaand", "2024-07")
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", date(2024, 7, 8), date(2024, 7, 31), "2250.00"),
                   regel(2, "AV-1", "MZ-NAZORG", date(2024, 7, 1), date(2024, 7, 31), "350.00"),
                   regel(3, "AV-1", "MZ-BNW6", date(2024, 7, 8), date(2024, 7, 31), "3250.00"), factuurdatum=date(2024, 8, 2))
    assert [wereld.codes("MZ-1", n) for n in (1, 2, 3)] == [[], [], ["PRODUCT_NIET_TOEGEWEZEN"]]


def test_het_nieuwe_product_van_een_omzetting_hoort_op_het_nieuwe_traject(wereld):
    gestart(wereld, "MZ-TB")
    wereld.doe("AV-1", "zet_om", "AV-2", date(2024, 4, 1))
    wereld.meld_aan("AV-2", product="MZ-BNW6", datum=date(2024, 4, 1), omzetting_van="AV-1")
    wereld.doe("AV-2", "registreer_intake", date(2024, 4, 2))
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW6", date(2024, 4, 2), date(2024, 10, 1), "3250.00"),
                   regel(2, "AV-2", "MZ-BNW6", date(2024, 4, 2), date(2024, 10, 1), "3250.00"), factuurdatum=date(2024, 10, 7))
    [oud] = wereld.oordeel("MZ-1").regel(1).bevindingen
    assert oud.code == "PRODUCT_NIET_TOEGEWEZEN" and "omgezet naar AV-2" in oud.melding
    assert wereld.codes("MZ-1", 2) == []


def test_balans_wsnp_hoort_bij_het_traject_schuldregeling_een_adviesgesprek_niet(wereld):
    wereld.meld_aan("AV-8", product="BAL-TRAJECT", provider="balans")
    wereld.doe("AV-8", "registreer_intake", date(2024, 1, 10))
    wereld.factuur("BA-1", regel(1, "AV-8", "BAL-WSNP-VERKLARING", date(2024, 3, 1), date(2024, 3, 1), "303.00", btw="0"),
                   regel(2, "AV-8", "BAL-ADVIES", date(2024, 3, 1), date(2024, 3, 1), "288.00", btw="0"),
                   afzender="balans", factuurdatum=date(2024, 3, 4))
    assert [wereld.codes("BA-1", n, afzender="balans") for n in (1, 2)] == [[], ["PRODUCT_NIET_TOEGEWEZEN"]]
