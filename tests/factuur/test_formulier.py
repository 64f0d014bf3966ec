"""De factuur zelf: verplichte velden, BSN, rekenwerk en totalen."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from tests.factuur.wereld import regel

START, EIND = date(2024, 1, 8), date(2024, 4, 7)


def gestart(wereld) -> None:
    wereld.meld_aan("AV-1")
    wereld.doe("AV-1", "registreer_intake", START)


def test_ontbrekende_velden_uit_de_werkafspraken_worden_genoemd(wereld):
    gestart(wereld)
    r = regel(1, "AV-1", "MZ-BNW3", START, EIND, "2250.00", klantmanager="")
    r = replace(r, client=replace(r.client, adres=None))
    wereld.factuur("MZ-1", r)
    [b] = wereld.oordeel("MZ-1").regel(1).bevindingen
    assert b.code == "VERPLICHT_VELD"
    assert "adres cliënt" in b.melding and "naam klantmanager" in b.melding


def test_bsn_dat_de_elfproef_niet_haalt(wereld):
    gestart(wereld)
    r = regel(1, "AV-1", "MZ-BNW3", START, EIND, "2250.00")
    r = replace(r, client=replace(r.client, bsn="123456789"))
    wereld.factuur("MZ-1", r)
    [b] = wereld.oordeel("MZ-1").regel(1).bevindingen
    assert b.code == "BSN_ONGELDIG" and "123456789" not in b.melding


def test_regelbedrag_dat_niet_aantal_maal_prijs_is(wereld):
    gestart(wereld)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", START, EIND, "2250.00", bedrag_="2520.00"))
    r = wereld.oordeel("MZ-1").regel(1)
    assert [b.code for b in r.bevindingen] == ["REKENFOUT"]
    assert r.bevindingen[0].melding == "1 × € 2.250,00 = € 2.250,00, maar de regel noemt € 2.520,00."
    assert r.verwacht == Decimal("2250.00")


def test_totalen_die_niet_optellen_staan_bij_de_eerste_regel(wereld):
    gestart(wereld)
    wereld.meld_aan("AV-2")
    wereld.doe("AV-2", "registreer_intake", START)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", START, EIND, "2250.00"), regel(2, "AV-2", "MZ-BNW3", START, EIND, "2250.00"),
                   totaal_excl_btw=Decimal("4000.00"), btw_bedrag=Decimal("945.00"), totaal_incl_btw=Decimal("4945.00"))
    oordeel = wereld.oordeel("MZ-1")
    assert [b.code for b in oordeel.regel(1).bevindingen] == ["REKENFOUT"]
    assert "€ 4.500,00" in oordeel.regel(1).bevindingen[0].melding
    assert oordeel.regel(2).bevindingen == []
