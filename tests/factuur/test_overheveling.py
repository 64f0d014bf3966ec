"""Jobcoachuren van het tweede jaar naar het eerste (Heemstede, beleidsregels 2024 art. 11.2): alleen bij een
dienstbetrekking van minimaal een jaar met de intentie die minimaal een half jaar te verlengen; de periode in het
eerste jaar krijgt de uren erbij, het tweede jaar heeft er zoveel minder."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hub.controle.feiten import Periodefeiten
from hub.controle.overheveling import toegekend_na_overheveling
from hub.domein.fouten import DomeinFout
from tests.factuur.test_jobcoach import factuur, uren
from tests.factuur.wereld import Wereld

VAN, TOT = date(2024, 1, 1), date(2024, 6, 30)
NODIG = "Meer begeleiding bij de start voorkomt uitval"


@pytest.fixture
def wereld(hub, catalogus, instellingen) -> Wereld:
    return Wereld(hub, catalogus, instellingen.data)


def _periode_met_14_uur_verantwoord(wereld) -> None:
    """Toegekend 10 uur; verantwoord 14 uur."""
    wereld.jobcoachperiode("HMS-JC-1", "HMS-1", VAN, TOT, "10")
    wereld.verantwoord("HMS-JC-1", [(date(2024, 3, 4), "7"), (date(2024, 5, 6), "7")])


def _hevel_over(wereld, uren_: str, maanden: int = 12, intentie: bool = True) -> None:
    periode = wereld.hub.zoek_periode("heemstede", "HMS-JC-1")
    periode.hevel_over(Decimal(uren_), 1, maanden, intentie, NODIG)
    wereld.hub.save(periode)


def test_overgehevelde_uren_tellen_bij_de_toekenning_van_het_eerste_jaar(wereld):
    _periode_met_14_uur_verantwoord(wereld)
    _hevel_over(wereld, "4")
    factuur(wereld, uren(1, "14"))
    r = wereld.oordeel("JC-1", "jobcoach-org").regel(1)
    assert r.bevindingen == [] and r.verwacht == Decimal("1086.26")  # 14 × € 77,59


def test_zonder_overheveling_is_het_boven_de_toekenning(wereld):
    _periode_met_14_uur_verantwoord(wereld)
    factuur(wereld, uren(1, "14"))
    r = wereld.oordeel("JC-1", "jobcoach-org").regel(1)
    assert [b.code for b in r.bevindingen] == ["UREN_BOVEN_TOEKENNING"] and r.verwacht == Decimal("775.90")


@pytest.mark.parametrize("maanden, intentie, veld", [(6, True, "dienstbetrekkingMaanden"), (12, False, "intentieVerlenging")])
def test_zonder_de_voorwaarden_van_art_11_2_geen_overheveling(wereld, maanden, intentie, veld):
    _periode_met_14_uur_verantwoord(wereld)
    with pytest.raises(DomeinFout) as fout:
        _hevel_over(wereld, "4", maanden, intentie)
    assert fout.value.veld == veld
    assert wereld.hub.zoek_periode("heemstede", "HMS-JC-1").overgeheveld == 0


def _feiten(periode_id: str, start: date, eind: date, toegekend: str, overgeheveld: str = "0") -> Periodefeiten:
    return Periodefeiten("heemstede", periode_id, "HMS-1", "jobcoach-org", "jobcoaching", start, eind, Decimal(toegekend),
                         overgeheveld=Decimal(overgeheveld))


def test_het_tweede_jaar_heeft_de_overgehevelde_uren_minder_eerst_de_vroegste_periode():
    """Jaar 1: 2 × 20 uur, 25 uur overgeheveld naar de eerste periode. Jaar 2: 20 en 20 uur → 0 en 15 uur."""
    j1a = _feiten("P1", date(2024, 1, 1), date(2024, 6, 30), "20", overgeheveld="25")
    j1b = _feiten("P2", date(2024, 7, 1), date(2024, 12, 31), "20")
    j2a = _feiten("P3", date(2025, 1, 1), date(2025, 6, 30), "20")
    j2b = _feiten("P4", date(2025, 7, 1), date(2025, 12, 31), "20")
    alle = [j2b, j1b, j2a, j1a]
    assert [toegekend_na_overheveling(p, alle) for p in (j1a, j1b, j2a, j2b)] == [
        Decimal(45), Decimal(20), Decimal(0), Decimal(15)]
