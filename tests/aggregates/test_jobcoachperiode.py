"""Jobcoachperiodes: een half jaar, ten hoogste 4 (+2 bij bijzondere omstandigheden), nooit overlappend."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from hub.aggregates.jobcoachperiode import Jobcoachperiode, Urenregel, controleer_nieuwe_periode
from hub.domein.fouten import DomeinFout
from tests.aggregates.helpers import aangemeld, nieuwe


def _periode(n: int, soort: str = "jobcoaching", reden: str | None = None) -> dict:
    start = date(2024, 1, 1) + relativedelta(months=6 * n)
    return {"periode_id": f"P{n}", "soort": soort, "start": start, "eind": start + relativedelta(months=6, days=-1),
            "bijzondere_omstandigheden": reden}


def test_vier_periodes_mogen_de_vijfde_alleen_bij_bijzondere_omstandigheden():
    bestaande = [_periode(n) for n in range(4)]
    with pytest.raises(DomeinFout) as fout:
        controleer_nieuwe_periode(bestaande, _periode(4))
    assert (fout.value.code, fout.value.veld) == ("MAXIMUM_PERIODES", "bijzondereOmstandigheden")
    controleer_nieuwe_periode(bestaande, _periode(4, reden="Nieuwe werkgever, andere taken"))


def test_een_zevende_periode_kan_nooit():
    bestaande = [_periode(n, reden="bijzonder") for n in range(6)]
    with pytest.raises(DomeinFout) as fout:
        controleer_nieuwe_periode(bestaande, _periode(6, reden="bijzonder"))
    assert fout.value.code == "MAXIMUM_PERIODES"


def test_periode_langer_dan_een_half_jaar_wordt_geweigerd():
    periode = _periode(0)
    periode["eind"] = date(2024, 7, 1)
    with pytest.raises(DomeinFout) as fout:
        controleer_nieuwe_periode([], periode)
    assert fout.value.veld == "eind" and "30-06-2024" in fout.value.melding


def test_jobcoaching_en_interne_werkbegeleiding_niet_tegelijk():
    intern = {"periode_id": "W1", "soort": "interneWerkbegeleiding", "start": date(2024, 3, 1), "eind": date(2025, 2, 28),
              "bijzondere_omstandigheden": None}
    with pytest.raises(DomeinFout) as fout:
        controleer_nieuwe_periode([intern], _periode(0))
    assert fout.value.code == "PERIODE_OVERLAPT"


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=200))
def test_overlap_wordt_altijd_gezien(verschuiving, lengte):
    eerste = _periode(0)
    tweede = {"periode_id": "X", "soort": "interneWerkbegeleiding", "start": date(2023, 7, 1) + relativedelta(days=verschuiving),
              "bijzondere_omstandigheden": None}
    tweede["eind"] = tweede["start"] + relativedelta(days=lengte)
    overlapt = tweede["start"] <= eerste["eind"] and eerste["start"] <= tweede["eind"]
    try:
        controleer_nieuwe_periode([eerste], tweede)
        geweigerd = False
    except DomeinFout as fout:
        geweigerd = fout.code == "PERIODE_OVERLAPT"
    assert geweigerd == overlapt


def test_traject_koppelt_periodes_en_bewaakt_het_maximum():
    traject = aangemeld(product="JC-UUR", provider="jobcoach-org", gemeente="heemstede")
    for n in range(4):
        traject.koppel_jobcoachperiode(_periode(n))
    assert [n for n, _ in nieuwe(traject)] == ["JobcoachperiodeGekoppeld"] * 4
    with pytest.raises(DomeinFout):
        traject.koppel_jobcoachperiode(_periode(4))
    assert nieuwe(traject) == []


def _aangevraagd() -> Jobcoachperiode:
    periode = Jobcoachperiode(gemeente="heemstede", periode_id="P0", traject_id="HS-1", provider="jobcoach-org",
                              soort="jobcoaching", start=date(2024, 1, 1), eind=date(2024, 6, 30), uren_gepland=Decimal(40),
                              jobcoachplan_ref="JCP-1", werkgever="Hoveniersbedrijf Groen", bijzondere_omstandigheden=None,
                              datum_aanvraag=date(2024, 1, 15))
    periode.collect_events()
    return periode


def _ondertekend(**anders):
    return {"jobcoach": True, "werkgever": True, "werknemer": True, **anders}


def test_uren_verantwoorden_kan_pas_na_toekenning():
    periode = _aangevraagd()
    regels = [Urenregel(date(2024, 2, 5), Decimal("2.5"), "Werkplekbezoek")]
    with pytest.raises(DomeinFout) as fout:
        periode.verantwoord_uren(regels, "", _ondertekend(), "Zelfstandig werken", date(2024, 7, 10))
    assert fout.value.code == "ONGELDIGE_VOLGORDE"
    periode.ken_toe(date(2024, 1, 1), date(2024, 6, 30), Decimal(40), "jobcoaching")
    periode.verantwoord_uren(regels, "", _ondertekend(), "Zelfstandig werken", date(2024, 7, 10))
    assert [n for n, _ in nieuwe(periode)] == ["Toegekend", "UrenVerantwoord"]
    assert (periode.uren_toegekend, periode.uren_verantwoord) == (Decimal(40), Decimal("2.5"))


def test_urenverantwoording_ondertekend_door_alle_drie_en_binnen_de_periode():
    periode = _aangevraagd()
    periode.ken_toe(date(2024, 1, 1), date(2024, 6, 30), Decimal(40), "jobcoaching")
    periode.collect_events()
    regels = [Urenregel(date(2024, 2, 5), Decimal(2), "Gesprek")]
    with pytest.raises(DomeinFout) as fout:
        periode.verantwoord_uren(regels, "", _ondertekend(werkgever=False), "", date(2024, 7, 1))
    assert fout.value.veld == "ondertekend.werkgever"
    buiten = [Urenregel(date(2024, 7, 2), Decimal(2), "Gesprek")]
    with pytest.raises(DomeinFout) as fout:
        periode.verantwoord_uren(buiten, "", _ondertekend(), "", date(2024, 7, 3))
    assert fout.value.veld == "regels[0].datum"
    assert nieuwe(periode) == []
