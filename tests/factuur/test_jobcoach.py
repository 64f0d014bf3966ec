"""Jobcoaching Heemstede: € 77,59 per uur in 2024, binnen de toegekende periode en de verantwoorde uren."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.factuur.wereld import regel

VAN, TOT = date(2024, 1, 1), date(2024, 6, 30)


def uren(n: int, aantal: str, van: date = VAN, tot: date = TOT, periode: str = "HMS-JC-1") -> dict:
    return regel(n, "HMS-1", "JC-UUR", van, tot, "77.59", aantal=aantal, periode_id=periode)


def toegekend(wereld, uren_toegekend: str = "40") -> None:
    wereld.jobcoachperiode("HMS-JC-1", "HMS-1", VAN, TOT, uren_toegekend)
    wereld.verantwoord("HMS-JC-1", [(date(2024, 3, 4), "6"), (date(2024, 5, 6), "6")])


def factuur(wereld, *regels: dict, factuurdatum: date = date(2024, 7, 5)) -> None:
    wereld.factuur("JC-1", *regels, afzender="jobcoach-org", gemeente="heemstede", factuurdatum=factuurdatum)


def codes(wereld, n: int = 1) -> list[str]:
    return wereld.codes("JC-1", n, afzender="jobcoach-org")


def test_verantwoorde_uren_tegen_het_tarief_zijn_schoon(wereld):
    toegekend(wereld)
    factuur(wereld, uren(1, "12"))
    r = wereld.oordeel("JC-1", "jobcoach-org").regel(1)
    assert r.bevindingen == [] and r.verwacht == Decimal("931.08")


def test_meer_uren_dan_verantwoord(wereld):
    toegekend(wereld)
    factuur(wereld, uren(1, "16"))
    r = wereld.oordeel("JC-1", "jobcoach-org").regel(1)
    assert [b.code for b in r.bevindingen] == ["UREN_NIET_VERANTWOORD"]
    assert r.verwacht == Decimal("931.08")


def test_verantwoording_die_later_binnenkomt_maakt_de_regel_schoon(wereld):
    toegekend(wereld)
    factuur(wereld, uren(1, "16"))
    assert codes(wereld) == ["UREN_NIET_VERANTWOORD"]
    wereld.verantwoord("HMS-JC-1", [(date(2024, 6, 3), "4")])
    assert codes(wereld) == []


def test_meer_uren_dan_toegekend(wereld):
    toegekend(wereld, uren_toegekend="10")
    factuur(wereld, uren(1, "12"))
    r = wereld.oordeel("JC-1", "jobcoach-org").regel(1)
    assert [b.code for b in r.bevindingen] == ["UREN_BOVEN_TOEKENNING"]
    assert r.verwacht == Decimal("775.90")


def test_periode_buiten_de_toekenning(wereld):
    toegekend(wereld)
    factuur(wereld, uren(1, "6", van=date(2023, 12, 1), tot=date(2024, 3, 31)), factuurdatum=date(2024, 4, 5))
    assert codes(wereld) == ["BUITEN_PERIODE"]


def test_periode_zonder_toekenning_heeft_geen_prestatie(wereld):
    wereld.jobcoachperiode("HMS-JC-1", "HMS-1", VAN, TOT, None)
    factuur(wereld, uren(1, "6"))
    assert codes(wereld) == ["GEEN_PRESTATIE"]


def test_jobcoachuur_in_2025_heeft_geen_prijsafspraak(wereld):
    wereld.jobcoachperiode("HMS-JC-2", "HMS-1", date(2025, 1, 1), date(2025, 6, 30), "40")
    factuur(wereld, regel(1, "HMS-1", "JC-UUR", date(2025, 1, 1), date(2025, 6, 30), "77.59", aantal="6", periode_id="HMS-JC-2"),
            factuurdatum=date(2025, 7, 3))
    r = wereld.oordeel("JC-1", "jobcoach-org").regel(1)
    assert [b.code for b in r.bevindingen] == ["GEEN_PRIJSAFSPRAAK"]
    assert "30-06-2025" in r.bevindingen[0].melding and "€ 77,59 van 01-01-2024 t/m 31-12-2024" in r.bevindingen[0].melding
