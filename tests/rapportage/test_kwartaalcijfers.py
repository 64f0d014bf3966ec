"""Elk kengetal op het scenario van `scenario.py`, met de hand nagerekend.

Agros, Heemstede, 2020-Q2 (01-04 t/m 30-06-2020).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from hub.rapportage import als_dict


@pytest.fixture(scope="module")
def agros(rapporteur):
    return als_dict(rapporteur.cijfers("heemstede", "agros", "2020-Q2"))


@pytest.fixture(scope="module")
def agros_q1(rapporteur):
    return als_dict(rapporteur.cijfers("heemstede", "agros", "2020-Q1"))


def test_aanmelding_op_31_maart_telt_in_q1_en_op_1_april_in_q2(agros, agros_q1):
    """Q1: A01–A07 (A07 op 31-03) = 7. Q2: A08 (01-04), A09 (06-04), A10 (30-06) = 3."""
    assert agros_q1["aanmeldingen"] == 7
    assert agros["aanmeldingen"] == 3


def test_oproep_binnen_14_dagen(agros):
    """Eerste oproepen in Q2: A07 14-04 (31-03 + 14 = 14-04, op tijd), A08 16-04 (01-04 + 15, te laat),
    A09 08-04 (op tijd) → 2 van 3 = 66,67 → 66,7 %."""
    assert (agros["oproepen"], agros["oproep_op_tijd"], agros["oproep_op_tijd_pct"]) == (3, 2, Decimal("66.7"))


def test_plan_binnen_20_werkdagen_telt_feestdagen_niet_mee(agros):
    """A08 aangemeld 01-04: 20 werkdagen zonder Goede Vrijdag 10-04, Paasmaandag 13-04 en Koningsdag 27-04
    lopen tot en met 04-05 (zonder feestdagen zou het 29-04 zijn) → plan op 04-05 is op tijd.
    A09 aangemeld 06-04: tot en met 08-05 (ook Bevrijdingsdag 05-05 telt niet) → plan op 11-05 te laat.
    1 van 2 = 50,0 %."""
    assert (agros["plannen"], agros["plan_op_tijd"], agros["plan_op_tijd_pct"]) == (2, 1, Decimal("50.0"))


def test_noshows_en_actieve_trajecten(agros, agros_q1):
    """No-show A05 op 31-03 (Q1), A08 op 22-04 (Q2). Actief op 30-06: A07, A08, A09, A10 = 4
    (A03 eindigt op 30-06 en telt dus niet meer mee)."""
    assert (agros_q1["noshows"], agros["noshows"]) == (1, 1)
    assert agros["actief"] == 4


def test_uitstroom_agros_drie_van_vijf_haalt_meer_dan_vijftig_procent(agros):
    """Beëindigd in Q2: A01, A02, A03 naar werk, A04 uitval (01-04), A05 zonder resultaat; A06 eindigde 31-03.
    3 van 5 = 60,0 % > 50 % → gehaald."""
    assert agros["beeindigd"] == 5
    assert (agros["beeindigd_uitstroomWerk"], agros["beeindigd_voortijdigeUitval"], agros["beeindigd_zonderResultaat"],
            agros["beeindigd_afgerond"]) == (3, 1, 1, 0)
    assert (agros["uitstroom_werk"], agros["uitstroom_werk_pct"]) == (3, Decimal("60.0"))
    assert agros["uitstroom_doel"] == "> 50 %"
    assert agros["uitstroom_doel_gehaald"] is True


def test_uitstroom_pasmatch_een_van_drie_haalt_35_procent_niet(rapporteur):
    """Pasmatch: P01 naar werk, P02 afgerond, P03 anders → 1/3 = 33,3 % < 35 %."""
    cijfers = als_dict(rapporteur.cijfers("heemstede", "pasmatch", "2020-Q2"))
    assert (cijfers["uitstroom_werk_pct"], cijfers["uitstroom_doel_gehaald"]) == (Decimal("33.3"), False)


def test_plaatsingen_binnen_drie_maanden_na_de_start(agros):
    """A01: start = intake 20-01, in dienst 06-04 ≤ 20-04 → binnen. A02: geen intake, start = aanmelding 13-01,
    in dienst 15-05 > 13-04 → niet. A03: intake 02-03, in dienst 02-06 = precies drie maanden → binnen."""
    assert (agros["plaatsingen"], agros["plaatsingen_binnen_3_maanden"]) == (3, 2)


def test_nazorgmaanden_tellen_in_hun_eigen_maand(agros):
    """A01: 2020-05 en 2020-06 in Q2, 2020-07 in Q3."""
    assert agros["nazorgmaanden"] == 2


def test_participatieladder_van_starttrede_naar_laatste_trede(agros):
    """Liepen in Q2 met een trede: A01 2→5 (op), A02 3→3, A04 4→2 (neer), A08 2→2, A09 3→4 (op).
    A06 eindigde 31-03 en telt niet. Start 14/5 = 2,8; laatst 16/5 = 3,2; verandering 2/5 = 0,4."""
    assert (agros["ladder_trajecten"], agros["ladder_omhoog"], agros["ladder_gelijk"], agros["ladder_omlaag"]) == (5, 2, 2, 1)
    assert (agros["ladder_start_gem"], agros["ladder_laatst_gem"], agros["ladder_stap_gem"]) == (
        Decimal("2.8"), Decimal("3.2"), Decimal("0.4"))


def test_gefactureerd_goedgekeurd_afgewezen(agros):
    """Q2-facturen AG-1 (15-04) en AG-2 (30-06); AG-0 (31-03) is Q1.
    Gefactureerd 20.000 + 5.000 + 10.000 + 3.000 = 38.000. Goedgekeurd 20.000 + 8.000 (verwacht) = 28.000.
    Afgewezen 5.000 + (10.000 − 8.000) = 7.000. Open 3.000. 28.000 + 7.000 + 3.000 = 38.000."""
    assert (agros["facturen"], agros["factuurregels"]) == (2, 4)
    assert agros["gefactureerd"] == Decimal("38000.00")
    assert agros["goedgekeurd"] == Decimal("28000.00")
    assert agros["afgewezen"] == Decimal("7000.00")
    assert agros["nog_te_beoordelen"] == Decimal("3000.00")


def test_budget_pasmatch_74000_met_70000_goedgekeurd_is_94_6_procent(rapporteur):
    """Goedgekeurd in 2020 t/m 30-06: PM-1 40.000 (Q1) + PM-2 30.000 (Q2) = 70.000; 70.000 / 74.000 = 94,59 % → 94,6 %.
    In Q1 alleen 40.000: 54,05 % → 54,1 %."""
    q2 = als_dict(rapporteur.cijfers("heemstede", "pasmatch", "2020-Q2"))
    assert (q2["budget_plafond"], q2["budget_besteed"], q2["budget_gebruikt_pct"]) == (
        Decimal("74000.00"), Decimal("70000.00"), Decimal("94.6"))
    q1 = als_dict(rapporteur.cijfers("heemstede", "pasmatch", "2020-Q1"))
    assert q1["budget_gebruikt_pct"] == Decimal("54.1")


def test_budget_agros(agros):
    """15.000 (AG-0) + 20.000 + 8.000 = 43.000 van 65.000 = 66,15 % → 66,2 %."""
    assert (agros["budget_besteed"], agros["budget_gebruikt_pct"]) == (Decimal("43000.00"), Decimal("66.2"))


def test_jobcoachuren_toegekend_verantwoord_gefactureerd(rapporteur):
    """2024-Q2: toegekend 40 (JC-1 start 01-04; JC-0 startte in 2023-Q4). Verantwoord 3 (15-04) + 2,5 (28-06) = 5,5;
    4 uur op 01-07 is Q3, 2 uur op 29-03 is Q1. Gefactureerd: JC-F1 (10-04) 2 uur + JC-F2 (20-06) 5,5 uur = 7,5."""
    c = als_dict(rapporteur.cijfers("heemstede", "jobcoach-org", "2024-Q2"))
    assert c["jobcoach_uren_toegekend"] == Decimal("40")
    assert c["jobcoach_uren_verantwoord"] == Decimal("5.5")
    assert c["jobcoach_uren_gefactureerd"] == Decimal("7.5")
    assert (c["te_laat_jobcoachaanvraag"], c["te_laat_urenverantwoording"]) == (1, 1)


def test_te_late_berichten_en_verstreken_termijnen(agros):
    """Te laat in Q2: oproep A08 (15 dagen), uitnodiging A08 (16-04 → 22-04 is 4 werkdagen), plan A09;
    besluit A09 op 19-05 (uiterlijk 18-05) staat apart. Op 30-06 verstreken zonder bericht: plan A07, besluit A08."""
    assert (agros["te_laat_oproep"], agros["te_laat_uitnodiging"], agros["te_laat_plan"], agros["te_laat_besluit"]) == (1, 1, 1, 1)
    assert agros["te_late_berichten"] == 3
    assert (agros["openstaand_oproep"], agros["openstaand_plan"], agros["openstaand_besluit"]) == (0, 1, 1)


def test_te_late_factuur(agros):
    """AG-2 (30-06) factureert een periode die op 01-06 eindigde: uiterlijk 15-06 → te laat. AG-1 op tijd."""
    assert agros["te_late_facturen"] == 1


def test_belangrijkste_bevindingen_van_de_factuurcontrole(rapporteur):
    if rapporteur.oordelen is None:
        pytest.skip("hub.projections.factuurcontrole bestaat (nog) niet; bevindingen niet beschikbaar")
    cijfers = rapporteur.cijfers("heemstede", "agros", "2020-Q2")
    assert cijfers.bevindingen is not None
    assert ("TE_LAAT", 1) in cijfers.bevindingen


def test_trend_over_vier_eerdere_kwartalen(rapporteur):
    rapport = rapporteur.rapport("heemstede", "2020-Q2", ["agros"])
    trend = rapport.trend_van("agros")
    assert [c.kwartaal for c in trend] == ["2019-Q2", "2019-Q3", "2019-Q4", "2020-Q1", "2020-Q2"]
    assert [c.aanmeldingen for c in trend] == [0, 0, 0, 7, 3]
    assert rapport.voetnoten and "eigen datum" in rapport.voetnoten[0]
