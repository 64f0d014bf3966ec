"""Matchez: bemiddeling, plaatsingsbonus, nazorg, dubbel factureren en omzetting."""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from decimal import Decimal

from tests.factuur.wereld import regel

START, EIND = date(2024, 1, 8), date(2024, 4, 7)


def bnw3(n: int = 1, traject: str = "AV-1", prijs: str = "2250.00", **extra) -> dict:
    return regel(n, traject, "MZ-BNW3", START, EIND, prijs, **extra)


def bonus(n: int = 1, traject: str = "AV-1") -> dict:
    return regel(n, traject, "MZ-BNW3-BONUS", START, EIND, "500.00")


def nazorg(n: int, maand: int, traject: str = "AV-1") -> dict:
    laatste = monthrange(2024, maand)[1]
    return regel(n, traject, "MZ-NAZORG", date(2024, maand, 1), date(2024, maand, laatste), "350.00")


def gestart(wereld, traject: str = "AV-1") -> None:
    wereld.meld_aan(traject)
    wereld.doe(traject, "registreer_intake", START)


def test_bemiddeling_volgens_afspraak_is_schoon(wereld):
    gestart(wereld)
    wereld.factuur("MZ-1", bnw3())
    oordeel = wereld.oordeel("MZ-1")
    assert oordeel.regel(1).bevindingen == []
    assert oordeel.regel(1).verwacht == Decimal("2250.00")
    assert oordeel.status == "open"
    assert oordeel.als_json()["regels"][0]["bevindingen"] == []


def test_prijs_boven_de_afspraak_noemt_beide_bedragen(wereld):
    gestart(wereld)
    wereld.factuur("MZ-1", bnw3(prijs="2300.00"))
    r = wereld.oordeel("MZ-1").regel(1)
    assert [b.melding for b in r.bevindingen] == [
        "Gefactureerd € 2.300,00, prijsafspraak Matchez MZ-BNW3 per 01-01-2019 is € 2.250,00."
    ]
    assert (r.gefactureerd, r.verwacht) == (Decimal("2300.00"), Decimal("2250.00"))


def test_traject_zonder_aanmelding_heeft_geen_prestatie(wereld):
    wereld.factuur("MZ-1", bnw3(traject="ONBEKEND"))
    r = wereld.oordeel("MZ-1").regel(1)
    assert [b.code for b in r.bevindingen] == ["GEEN_PRESTATIE"]
    assert r.verwacht == Decimal("0.00")


def test_traject_zonder_intake_is_niet_gestart_tot_de_intake_binnenkomt(wereld):
    wereld.meld_aan("AV-1")
    wereld.factuur("MZ-1", bnw3())
    assert wereld.codes("MZ-1") == ["GEEN_PRESTATIE"]
    wereld.doe("AV-1", "registreer_intake", START)
    assert wereld.codes("MZ-1") == []


def test_plaatsingsbonus_op_de_dag_drie_maanden_na_de_intake_is_verdiend(wereld):
    gestart(wereld)
    wereld.plaats("AV-1", date(2024, 4, 8))
    wereld.factuur("MZ-1", bonus())
    assert wereld.codes("MZ-1") == []
    assert wereld.oordeel("MZ-1").regel(1).verwacht == Decimal("500.00")


def test_plaatsingsbonus_vervalt_na_drie_maanden(wereld):
    gestart(wereld)
    wereld.plaats("AV-1", date(2024, 4, 9))
    wereld.factuur("MZ-1", bonus())
    r = wereld.oordeel("MZ-1").regel(1)
    assert [b.code for b in r.bevindingen] == ["BONUS_NIET_VERDIEND"]
    assert "09-04-2024" in r.bevindingen[0].melding and "uiterlijk 08-04-2024" in r.bevindingen[0].melding
    assert r.verwacht == Decimal("0.00")


def test_plaatsingsbonus_telt_vanaf_de_aanmelding_als_er_geen_intake_is(wereld):
    wereld.meld_aan("AV-1", datum=date(2024, 1, 2))
    wereld.plaats("AV-1", date(2024, 4, 3))
    wereld.factuur("MZ-1", bonus())
    [b] = wereld.oordeel("MZ-1").regel(1).bevindingen
    assert b.code == "BONUS_NIET_VERDIEND" and "uiterlijk 02-04-2024" in b.melding and "de aanmelding" in b.melding


def test_bonus_gefactureerd_voor_de_plaatsing_wordt_schoon_als_de_plaatsing_binnenkomt(wereld):
    gestart(wereld)
    wereld.factuur("MZ-1", bonus())
    assert wereld.codes("MZ-1") == ["BONUS_NIET_VERDIEND"]
    wereld.plaats("AV-1", date(2024, 3, 1))
    assert wereld.codes("MZ-1") == []


def test_nazorgmaand_gefactureerd_voor_de_levering_wordt_schoon_als_de_maand_is_gemeld(wereld):
    gestart(wereld)
    wereld.plaats("AV-1", date(2024, 4, 1))
    wereld.factuur("MZ-1", nazorg(1, 5), factuurdatum=date(2024, 6, 3))
    r = wereld.oordeel("MZ-1").regel(1)
    assert [b.code for b in r.bevindingen] == ["GEEN_PRESTATIE"] and r.verwacht == Decimal("0.00")
    wereld.doe("AV-1", "lever_nazorgmaand", "2024-05")
    r = wereld.oordeel("MZ-1").regel(1)
    assert r.bevindingen == [] and r.verwacht == Decimal("350.00")


def test_een_besloten_regel_houdt_het_oordeel_van_het_moment_van_besluiten(wereld):
    gestart(wereld)
    wereld.plaats("AV-1", date(2024, 4, 1))
    wereld.factuur("MZ-1", nazorg(1, 5), factuurdatum=date(2024, 6, 3))
    wereld.oordeel("MZ-1")
    wereld.besluit("MZ-1", 1, "afgewezen", "0")
    wereld.doe("AV-1", "lever_nazorgmaand", "2024-05")
    r = wereld.oordeel("MZ-1").regel(1)
    assert [b.code for b in r.bevindingen] == ["GEEN_PRESTATIE"]
    assert r.besluit["besluit"] == "afgewezen"


def _nazorg_geleverd(wereld, indienst: date, maanden: tuple[int, ...]) -> None:
    gestart(wereld)
    wereld.plaats("AV-1", indienst)
    for maand in maanden:
        wereld.doe("AV-1", "lever_nazorgmaand", f"2024-{maand:02d}")


def _factureer_nazorg(wereld, maanden: tuple[int, ...]) -> None:
    for maand in maanden:
        wereld.factuur(f"MZ-{maand}", nazorg(1, maand), factuurdatum=date(2024, maand + 1, 2))


def test_in_dienst_halverwege_de_maand_raakt_vier_maanden_waarvan_drie_vergoed(wereld):
    # In dienst 15-03-2024: nazorg van 15-03 t/m 14-06; maart, april, mei en juni raken dat venster.
    _nazorg_geleverd(wereld, date(2024, 3, 15), (3, 4, 5, 6, 7))
    _factureer_nazorg(wereld, (3, 4, 5, 6, 7))
    assert [wereld.codes(f"MZ-{maand}") for maand in (3, 4, 5)] == [[], [], []]
    juni = wereld.oordeel("MZ-6").regel(1)
    assert [b.code for b in juni.bevindingen] == ["NAZORG_MAXIMUM"] and juni.verwacht == Decimal("0.00")
    assert "2024-03, 2024-04, 2024-05" in juni.bevindingen[0].melding
    juli = wereld.oordeel("MZ-7").regel(1)
    assert [b.code for b in juli.bevindingen] == ["BUITEN_PERIODE"] and juli.verwacht == Decimal("0.00")
    assert "in dienst op 15-03-2024" in juli.bevindingen[0].melding
    assert "15-03-2024 t/m 14-06-2024 (maanden 2024-03 t/m 2024-06, ten hoogste 3 vergoed)" in juli.bevindingen[0].melding


def test_in_dienst_op_de_eerste_raakt_drie_maanden_en_de_vijfde_maand_valt_erbuiten(wereld):
    # In dienst 01-04-2024: nazorg van 01-04 t/m 30-06; april, mei, juni. Juli en augustus vallen erbuiten.
    _nazorg_geleverd(wereld, date(2024, 4, 1), (4, 5, 6, 7, 8))
    _factureer_nazorg(wereld, (4, 5, 6, 7, 8))
    assert [wereld.codes(f"MZ-{maand}") for maand in (4, 5, 6)] == [[], [], []]
    for maand in (7, 8):
        r = wereld.oordeel(f"MZ-{maand}").regel(1)
        assert [b.code for b in r.bevindingen] == ["BUITEN_PERIODE"] and r.verwacht == Decimal("0.00")


def test_een_maand_buiten_het_venster_neemt_geen_plaats_van_de_drie_in(wereld):
    _nazorg_geleverd(wereld, date(2024, 4, 1), (4, 5, 6, 7))
    _factureer_nazorg(wereld, (7, 4, 5, 6))
    assert wereld.codes("MZ-7") == ["BUITEN_PERIODE"]
    assert [wereld.codes(f"MZ-{maand}") for maand in (4, 5, 6)] == [[], [], []]


def test_vierde_nazorgmaand_wordt_schoon_als_een_eerdere_wordt_afgewezen(wereld):
    _nazorg_geleverd(wereld, date(2024, 3, 15), (3, 4, 5, 6))
    _factureer_nazorg(wereld, (3, 4, 5, 6))
    assert wereld.codes("MZ-6") == ["NAZORG_MAXIMUM"]
    wereld.besluit("MZ-3", 1, "afgewezen", "0")
    r = wereld.oordeel("MZ-6").regel(1)
    assert r.bevindingen == [] and r.verwacht == Decimal("350.00")


def test_nazorg_gefactureerd_voor_de_plaatsing_valt_buiten_het_venster_als_de_plaatsing_binnenkomt(wereld):
    gestart(wereld)
    wereld.factuur("MZ-1", nazorg(1, 3), factuurdatum=date(2024, 4, 2))
    assert wereld.codes("MZ-1") == ["GEEN_PRESTATIE"]
    wereld.plaats("AV-1", date(2024, 4, 1))
    assert wereld.codes("MZ-1") == ["GEEN_PRESTATIE", "BUITEN_PERIODE"]


def test_zelfde_traject_en_periode_op_een_tweede_factuur_is_dubbel(wereld):
    gestart(wereld)
    wereld.factuur("MZ-1", bnw3())
    wereld.factuur("MZ-2", bnw3())
    assert wereld.codes("MZ-1") == []
    r = wereld.oordeel("MZ-2").regel(1)
    assert [b.code for b in r.bevindingen] == ["DUBBEL_GEFACTUREERD"]
    assert "factuur MZ-1 regel 1" in r.bevindingen[0].melding and r.verwacht == Decimal("0.00")


def test_opnieuw_factureren_na_afwijzing_is_niet_dubbel(wereld):
    gestart(wereld)
    wereld.factuur("MZ-1", bnw3(prijs="2300.00"))
    wereld.oordeel("MZ-1")
    wereld.besluit("MZ-1", 1, "afgewezen", "0")
    wereld.factuur("MZ-2", bnw3())
    assert wereld.codes("MZ-2") == []


def _omgezet(wereld) -> None:
    wereld.meld_aan("AV-1", product="MZ-TB")
    wereld.doe("AV-1", "registreer_intake", START)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-TB", START, date(2024, 3, 31), "750.00"))
    wereld.oordeel("MZ-1")
    wereld.besluit("MZ-1", 1, "goedgekeurd", "750.00")
    wereld.doe("AV-1", "zet_om", "AV-2", date(2024, 4, 1))
    wereld.meld_aan("AV-2", product="MZ-BNW6", datum=date(2024, 4, 1), omzetting_van="AV-1")
    wereld.doe("AV-2", "registreer_intake", date(2024, 4, 2))


def test_omzetting_trekt_het_betaalde_af_van_het_nieuwe_product(wereld):
    _omgezet(wereld)
    wereld.factuur("MZ-2", regel(1, "AV-2", "MZ-BNW6", date(2024, 4, 2), date(2024, 10, 1), "3250.00"),
                   factuurdatum=date(2024, 10, 7))
    r = wereld.oordeel("MZ-2").regel(1)
    assert [b.code for b in r.bevindingen] == ["OMZETTING_VERREKEND"]
    assert r.verwacht == Decimal("2500.00")
    assert "€ 3.250,00 − € 750,00 = € 2.500,00" in r.bevindingen[0].melding


def test_omzetting_met_verrekening_op_de_factuur_is_schoon(wereld):
    _omgezet(wereld)
    wereld.factuur("MZ-2", regel(1, "AV-2", "MZ-BNW6", date(2024, 4, 2), date(2024, 10, 1), "2500.00"),
                   factuurdatum=date(2024, 10, 7))
    r = wereld.oordeel("MZ-2").regel(1)
    assert r.bevindingen == [] and r.verwacht == Decimal("2500.00")


def test_periode_voor_de_aanmelding_ligt_buiten_het_traject(wereld):
    gestart(wereld)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", date(2023, 12, 1), EIND, "2250.00"))
    assert wereld.codes("MZ-1") == ["BUITEN_PERIODE"]


def test_factuur_later_dan_twee_weken_na_de_prestatie_is_te_laat(wereld):
    gestart(wereld)
    wereld.factuur("MZ-1", bnw3(), factuurdatum=date(2024, 4, 21))
    wereld.factuur("MZ-2", bnw3(traject="AV-2"), factuurdatum=date(2024, 4, 22))
    assert "TE_LAAT" not in wereld.codes("MZ-1")
    [melding] = [b.melding for b in wereld.oordeel("MZ-2").regel(1).bevindingen if b.code == "TE_LAAT"]
    assert "22-04-2024" in melding and "07-04-2024" in melding
