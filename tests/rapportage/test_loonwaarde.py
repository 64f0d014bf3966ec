"""Resultaten per loonwaardecategorie tegen de doelen van Uithoorn (004…, 'Welke resultaten willen we bereiken?'):
0-40 %: 70 % van de 151 mensen op traject, 12 plaatsingen op beschut werk per jaar; 40-70 %: minimaal 80 % uitstroom;
70-100 %: 50 % aan het werk of terug naar school, van de overigen 80 % in begeleiding; 100 %: 60 % werk of school, 20 %
in begeleiding, 10 % uitstroom door handhaving."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hub.bootstrap import bootstrap
from hub.rapportage.kengetallen import als_dict
from tests.factuur.wereld import Wereld

GEMEENTE = "uithoorn"
AANGEMELD, EINDE = date(2024, 1, 15), date(2024, 5, 20)
PLAN, BESLUIT = date(2024, 2, 1), date(2024, 2, 6)


@pytest.fixture
def wereld(hub, catalogus, instellingen) -> Wereld:
    return Wereld(hub, catalogus, instellingen.data)


def _traject(wereld, traject: str, loonwaarde: str, reden: str | None, product: str = "AM-REGULIER",
             indienst: date | None = None, plan: str | None = None, einde: date = EINDE,
             aangemeld: date = AANGEMELD) -> None:
    """`plan`: het besluit van de klantmanager over het plan (goedgekeurd of afgewezen), of geen plan."""
    wereld.meld_aan(traject, product=product, provider="am-match", gemeente=GEMEENTE, datum=aangemeld,
                    loonwaarde=loonwaarde)
    wereld.doe(traject, "registreer_intake", aangemeld, gemeente=GEMEENTE)
    if plan is not None:
        wereld.doe(traject, "dien_plan_in", datum=PLAN, trajectbegeleider={"naam": "Ahmed Yilmaz", "telefoon": "0297-513111"},
                   ondertekend_client=True, ondertekend_begeleider=True, gericht_op_uitstroom=True,
                   analyse="Wil in de zorg werken.", stappen=[{"doel": "cv", "planning": "week 1", "terugkoppeling": "week 2"}],
                   trede=3, gemeente=GEMEENTE)
        wereld.doe(traject, "beoordeel_plan", BESLUIT, plan, "Besproken met de cliënt.", gemeente=GEMEENTE)
    if indienst is not None:
        wereld.doe(traject, "plaats", indienst, "Kwekerij De Ronde Venen", Decimal(32), 12, "AO-1", gemeente=GEMEENTE)
    if reden is not None:
        wereld.doe(traject, "beeindig", einde, reden, None if reden == "uitstroomWerk" else "Vervolg bij de klantmanager",
                   gemeente=GEMEENTE)


def _cijfers(instellingen, kwartaal: str = "2024-Q2"):
    hub = bootstrap(instellingen, klok=lambda: datetime(2024, 10, 1, tzinfo=UTC))
    return next(c for c in hub.rapportage.kwartaal(GEMEENTE, kwartaal).providers if c.provider == "am-match")


def _per_categorie(cijfers) -> dict:
    return {r.loonwaarde: r for r in cijfers.loonwaarde}


def _doelen(resultaat) -> dict:
    return {u.maatstaf: (u.teller, u.noemer, u.procent, u.gehaald) for u in resultaat.doelresultaten}


def test_zestig_procent_werk_of_school_haalt_het_doel_van_70_100_maar_de_overigen_zijn_niet_in_begeleiding(
        wereld, instellingen):
    """Vijf trajecten, drie naar werk of school = 60 % ≥ 50 %; de andere twee zijn beëindigd, dus 0 van 2 in
    begeleiding tegen 80 %: de categorie haalt haar doelen niet."""
    for i, reden in enumerate(["uitstroomWerk", "uitstroomWerk", "terugNaarSchool", "zonderResultaat", "voortijdigeUitval"]):
        _traject(wereld, f"UH-{i}", "70-100", reden, indienst=date(2024, 5, 1) if reden == "uitstroomWerk" else None)
    _traject(wereld, "UH-9", "40-70", "zonderResultaat")
    _traject(wereld, "UH-B1", "0-40", None, product="AM-BESCHUT", indienst=date(2024, 4, 1))
    cijfers = _cijfers(instellingen)
    per = _per_categorie(cijfers)
    assert list(per) == ["0-40", "40-70", "70-100", "100"]

    hoog = per["70-100"]
    assert (hoog.beeindigd, hoog.naar_werk, hoog.procent) == (5, 2, Decimal("40.0")), "school is geen uitstroom naar werk"
    assert _doelen(hoog) == {"werk_of_school": (3, 5, Decimal("60.0"), True),
                             "overige_in_begeleiding": (0, 2, Decimal("0.0"), False)}
    assert hoog.gehaald is False

    midden = per["40-70"]
    assert (midden.beeindigd, midden.procent, midden.gehaald) == (1, Decimal("0.0"), False)

    beschut = per["0-40"]
    assert beschut.plaatsingen_jaar == 1 and beschut.doel.plaatsingen_per_jaar == 12 and beschut.plaatsingen_gehaald is None
    assert per["100"].in_beeld == 0 and per["100"].gehaald is None

    kengetallen = als_dict(cijfers)
    assert kengetallen["loonwaarde_70_100_werk_of_school"] == 3
    assert kengetallen["loonwaarde_70_100_werk_of_school_resultaat_pct"] == Decimal("60.0")
    assert kengetallen["loonwaarde_70_100_werk_of_school_doel_pct"] == Decimal("50")
    assert kengetallen["loonwaarde_70_100_werk_of_school_gehaald"] is True
    assert kengetallen["loonwaarde_70_100_overige_in_begeleiding_gehaald"] is False
    assert kengetallen["loonwaarde_70_100_doel_gehaald"] is False


def test_categorie_100_werk_of_school_begeleiding_en_handhaving_uit_vijf_trajecten(wereld, instellingen):
    """Vijf trajecten: 3 naar werk of school (60 % ≥ 60 %), 1 loopt met een goedgekeurd plan (20 % ≥ 20 %), 1 uitstroom
    door handhaving (20 % ≥ 10 %): alle drie de doelen gehaald."""
    _traject(wereld, "UH-1", "100", "uitstroomWerk", indienst=date(2024, 4, 2))
    _traject(wereld, "UH-2", "100", "terugNaarSchool")
    _traject(wereld, "UH-3", "100", "terugNaarSchool", einde=date(2024, 2, 28))
    _traject(wereld, "UH-4", "100", None, plan="goedgekeurd")
    _traject(wereld, "UH-5", "100", "handhaving")
    vol = _per_categorie(_cijfers(instellingen))["100"]
    assert (vol.in_beeld, vol.werk_of_school, vol.in_begeleiding, vol.handhaving) == (5, 3, 1, 1)
    assert _doelen(vol) == {"werk_of_school": (3, 5, Decimal("60.0"), True),
                            "in_begeleiding": (1, 5, Decimal("20.0"), True),
                            "handhaving": (1, 5, Decimal("20.0"), True)}
    assert vol.gehaald is True
    assert (vol.beeindigd, vol.naar_werk) == (3, 1), "in het kwartaal: UH-3 eindigde in Q1; alleen UH-1 naar werk"


def test_in_begeleiding_vraagt_een_goedgekeurd_plan_en_een_lopend_traject(wereld, instellingen):
    """Vijf trajecten in 100 %: 2 naar werk (40 % < 60 %); lopend met goedgekeurd plan 1, met afgewezen plan 1, zonder
    plan 1 → 1 van 5 in begeleiding = 20 %. Geen handhaving: 0 % < 10 %."""
    _traject(wereld, "UH-1", "100", "uitstroomWerk", indienst=date(2024, 4, 2))
    _traject(wereld, "UH-2", "100", "uitstroomWerk", indienst=date(2024, 4, 2))
    _traject(wereld, "UH-3", "100", None, plan="goedgekeurd")
    _traject(wereld, "UH-4", "100", None, plan="afgewezen")
    _traject(wereld, "UH-5", "100", None)
    vol = _per_categorie(_cijfers(instellingen))["100"]
    assert _doelen(vol) == {"werk_of_school": (2, 5, Decimal("40.0"), False),
                            "in_begeleiding": (1, 5, Decimal("20.0"), True),
                            "handhaving": (0, 5, Decimal("0.0"), False)}
    assert vol.gehaald is False


def test_de_overigen_in_begeleiding_van_70_100(wereld, instellingen):
    """Tien trajecten: 5 naar werk of school (50 %); van de 5 overigen lopen er 4 met een goedgekeurd plan (80 % ≥ 80 %)."""
    for i in range(5):
        _traject(wereld, f"UH-W{i}", "70-100", "terugNaarSchool" if i % 2 else "uitstroomWerk",
                 indienst=None if i % 2 else date(2024, 4, 2))
    for i in range(4):
        _traject(wereld, f"UH-B{i}", "70-100", None, plan="goedgekeurd")
    _traject(wereld, "UH-X", "70-100", "voortijdigeUitval")
    hoog = _per_categorie(_cijfers(instellingen))["70-100"]
    assert _doelen(hoog) == {"werk_of_school": (5, 10, Decimal("50.0"), True),
                             "overige_in_begeleiding": (4, 5, Decimal("80.0"), True)}
    assert hoog.gehaald is True


def test_cohort_is_het_jaar_tot_en_met_het_kwartaal(wereld, instellingen):
    """Wat vóór het jaar eindigde telt niet; wat in Q1 eindigde telt in het rapport van Q2 mee; een beëindiging na het
    kwartaal telt nog als lopend."""
    _traject(wereld, "UH-OUD", "100", "terugNaarSchool", aangemeld=date(2023, 3, 1), einde=date(2023, 11, 1))
    _traject(wereld, "UH-Q1", "100", "handhaving", einde=date(2024, 3, 1))
    _traject(wereld, "UH-Q3", "100", "terugNaarSchool", plan="goedgekeurd", einde=date(2024, 8, 1))
    vol = _per_categorie(_cijfers(instellingen))["100"]
    assert (vol.in_beeld, vol.werk_of_school, vol.in_begeleiding, vol.handhaving) == (2, 0, 1, 1)
    vol_q3 = _per_categorie(_cijfers(instellingen, "2024-Q3"))["100"]
    assert (vol_q3.in_beeld, vol_q3.werk_of_school, vol_q3.in_begeleiding, vol_q3.handhaving) == (2, 1, 0, 1)


def test_op_traject_in_0_40_tegen_70_procent_van_151_mensen(wereld, instellingen):
    """De 151 mensen staan in het contract; 3 lopende trajecten in 0-40 (elk product) = 2,0 % < 70 %. Een beëindigd
    traject loopt niet meer."""
    _traject(wereld, "UH-1", "0-40", None)
    _traject(wereld, "UH-2", "0-40", None, product="AM-BESCHUT")
    _traject(wereld, "UH-3", "0-40", None, plan="goedgekeurd")
    _traject(wereld, "UH-4", "0-40", "zonderResultaat")
    cijfers = _cijfers(instellingen)
    laag = _per_categorie(cijfers)["0-40"]
    assert _doelen(laag) == {"op_traject": (3, 151, Decimal("2.0"), False)}
    assert laag.gehaald is False
    kengetallen = als_dict(cijfers)
    assert (kengetallen["loonwaarde_0_40_op_traject"], kengetallen["loonwaarde_0_40_aantal_mensen"]) == (3, 151)
    assert kengetallen["loonwaarde_0_40_doel"] == "≥ 70 % op traject van 151 mensen; 12 plaatsingen per jaar"


def test_een_hoger_doel_dan_het_resultaat_is_niet_gehaald(wereld, instellingen):
    """60 % tegen 'meer dan 50 %' is gehaald, tegen de 80 % van 40-70 niet: de vergelijking komt uit het contract."""
    for i, reden in enumerate(["uitstroomWerk", "uitstroomWerk", "uitstroomWerk", "zonderResultaat", "zonderResultaat"]):
        _traject(wereld, f"UH-{i}", "40-70", reden, indienst=date(2024, 5, 1) if reden == "uitstroomWerk" else None)
    midden = _per_categorie(_cijfers(instellingen))["40-70"]
    assert midden.procent == Decimal("60.0") and midden.gehaald is False
    assert _doelen(midden) == {"uitstroom_werk": (3, 5, Decimal("60.0"), False)}


def test_zijn_er_geen_overigen_dan_is_hun_doel_gehaald(wereld, instellingen):
    """Twee trajecten in 70-100, allebei naar werk of school: 100 % ≥ 50 %, en er is niemand over die begeleiding mist."""
    _traject(wereld, "UH-1", "70-100", "uitstroomWerk", indienst=date(2024, 4, 2))
    _traject(wereld, "UH-2", "70-100", "terugNaarSchool")
    hoog = _per_categorie(_cijfers(instellingen))["70-100"]
    assert _doelen(hoog) == {"werk_of_school": (2, 2, Decimal("100.0"), True), "overige_in_begeleiding": (0, 0, None, True)}
    assert hoog.gehaald is True
