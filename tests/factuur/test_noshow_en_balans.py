"""A-rea: no-showstaffel; Balans: adviesgesprekken en het aantalplafond; AM Match: nog geen prijs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hub.aggregates.factuur import Clientgegevens
from tests.factuur.wereld import CLIENT, regel

DAG = date(2024, 2, 5)


def noshow(n: int, volgnummer: int, percentage: str, **extra) -> dict:
    return regel(n, "AV-7", "AREA-MED", DAG, DAG, "225.00", noshow_volgnummer=volgnummer, percentage=percentage, **extra)


def aangemeld_met_noshows(wereld, aantal: int) -> None:
    wereld.meld_aan("AV-7", product="AREA-MED", provider="a-rea")
    for i in range(aantal):
        wereld.doe("AV-7", "registreer_noshow", date(2024, 1, 15 + i), "onderzoek")


def test_eerste_noshow_volgens_staffel_is_schoon(wereld):
    aangemeld_met_noshows(wereld, 1)
    wereld.factuur("AR-1", noshow(1, 1, "50"), afzender="a-rea", factuurdatum=date(2024, 2, 6))
    r = wereld.oordeel("AR-1", "a-rea").regel(1)
    assert r.bevindingen == [] and r.verwacht == Decimal("112.50")


def test_tweede_noshow_tegen_vijftig_procent_wijkt_af_van_de_staffel(wereld):
    aangemeld_met_noshows(wereld, 2)
    wereld.factuur("AR-1", noshow(1, 2, "50"), afzender="a-rea", factuurdatum=date(2024, 2, 6))
    r = wereld.oordeel("AR-1", "a-rea").regel(1)
    assert [b.code for b in r.bevindingen] == ["NOSHOW_STAFFEL"]
    assert r.verwacht == Decimal("168.75")
    assert "75 % van € 225,00 = € 168,75" in r.bevindingen[0].melding


def test_noshow_zonder_gemelde_noshow_heeft_geen_prestatie(wereld):
    aangemeld_met_noshows(wereld, 1)
    wereld.factuur("AR-1", noshow(1, 2, "75"), afzender="a-rea", factuurdatum=date(2024, 2, 6))
    assert wereld.codes("AR-1", afzender="a-rea") == ["GEEN_PRESTATIE"]
    wereld.doe("AV-7", "registreer_noshow", date(2024, 1, 30), "onderzoek")
    assert wereld.codes("AR-1", afzender="a-rea") == []


def test_zelfde_noshow_twee_keer_is_dubbel(wereld):
    aangemeld_met_noshows(wereld, 1)
    wereld.factuur("AR-1", noshow(1, 1, "50"), noshow(2, 1, "50"), afzender="a-rea", factuurdatum=date(2024, 2, 6))
    assert wereld.codes("AR-1", 2, afzender="a-rea") == ["DUBBEL_GEFACTUREERD"]


def test_adviesgesprek_is_een_prijs_die_ten_hoogste_drie_gesprekken_dekt(wereld):
    wereld.meld_aan("AV-8", product="BAL-ADVIES", provider="balans")
    wereld.doe("AV-8", "registreer_intake", date(2024, 1, 10))
    wereld.factuur("BA-1", regel(1, "AV-8", "BAL-ADVIES", date(2024, 1, 10), date(2024, 2, 20), "288.00", aantal="3", btw="0"),
                   afzender="balans", factuurdatum=date(2024, 2, 25))
    r = wereld.oordeel("BA-1", "balans").regel(1)
    assert [b.code for b in r.bevindingen] == ["MAXIMUM_AANTAL"]
    assert "ten hoogste 3 gesprekken" in r.bevindingen[0].melding and r.verwacht == Decimal("288.00")


def test_btw_op_een_dienst_zonder_btw_is_een_rekenfout(wereld):
    wereld.meld_aan("AV-8", product="BAL-TRAJECT", provider="balans")
    wereld.doe("AV-8", "registreer_intake", date(2024, 1, 10))
    wereld.factuur("BA-1", regel(1, "AV-8", "BAL-TRAJECT", date(2024, 1, 10), date(2024, 12, 31), "2091.00", btw="21"),
                   afzender="balans", factuurdatum=date(2025, 1, 6))
    [b] = wereld.oordeel("BA-1", "balans").regel(1).bevindingen
    assert b.code == "REKENFOUT" and "21 % BTW" in b.melding and "0 %" in b.melding


def _bsn(n: int) -> str:
    basis = f"{100000000 + n * 37:09d}"[:8]
    for laatste in range(10):
        kandidaat = basis + str(laatste)
        som = sum(int(c) * w for c, w in zip(kandidaat, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=False))
        if som % 11 == 0:
            return kandidaat
    return _bsn(n + 1000)


def test_zesenveertigste_client_van_balans_in_amstelveen_raakt_het_plafond(wereld):
    regels = []
    for i in range(46):
        traject = f"BAL-{i:02d}"
        wereld.meld_aan(traject, product="BAL-TRAJECT", provider="balans", client={**CLIENT, "bsn": _bsn(i)})
        wereld.doe(traject, "registreer_intake", date(2024, 1, 10))
        r = regel(i + 1, traject, "BAL-TRAJECT", date(2024, 1, 10), date(2024, 12, 31), "2091.00", btw="0",
                  client=Clientgegevens(**{**CLIENT, "bsn": _bsn(i)}))
        regels.append(r)
    wereld.factuur("BA-1", *regels[:45], afzender="balans", factuurdatum=date(2025, 1, 6))
    wereld.factuur("BA-2", replace(regels[45], regelnummer=1), afzender="balans", factuurdatum=date(2025, 1, 6))
    assert wereld.codes("BA-2", afzender="balans") == []
    factuur = wereld.hub.zoek_factuur("balans", "BA-1")
    for n in range(1, 46):
        factuur.besluit(n, "goedgekeurd", Decimal("2091.00"), "M. de Boer", "Conform", date(2025, 1, 8))
    wereld.hub.save(factuur)
    [b] = wereld.oordeel("BA-2", "balans").regel(1).bevindingen
    assert b.code == "BUDGETPLAFOND" and "45 cliënten" in b.melding and "45 per jaar" in b.melding


def test_am_match_heeft_nog_geen_prijs(wereld):
    wereld.meld_aan("AV-9", product="AM-REGULIER", provider="am-match")
    wereld.factuur("AM-1", regel(1, "AV-9", "AM-REGULIER", date(2024, 1, 8), date(2024, 7, 7), "1500.00"),
                   afzender="am-match", factuurdatum=date(2024, 7, 10))
    r = wereld.oordeel("AM-1", "am-match").regel(1)
    assert [b.code for b in r.bevindingen] == ["GEEN_PRIJSAFSPRAAK"]
    assert "nog geen prijs" in r.bevindingen[0].melding and r.verwacht == Decimal("0.00")
