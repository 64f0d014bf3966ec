"""Interne werkbegeleiding Heemstede (art. 12.5): jaar 1 ten hoogste € 3.187,24, jaar 2 en 3 € 1.652,64, voor alle
periodes en facturen van dat jaar samen; het jaar telt vanaf de start van de eerste toegekende periode."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hub.koppelingen.opslag.leesmodellen import werk_bij
from hub.projections.factuurcontrole import Factuurcontrole
from tests.factuur.wereld import regel

JAN, JUN, JUL, DEC = date(2024, 1, 1), date(2024, 6, 30), date(2024, 7, 1), date(2024, 12, 31)


def periode(wereld, periode_id: str, start: date, eind: date, soort: str = "interneWerkbegeleiding") -> None:
    wereld.jobcoachperiode(periode_id, "HMS-2", start, eind, "100", soort=soort)


def intern(n: int, periode_id: str | None, start: date, eind: date, bedrag: str, code: str = "JC-INTERN-J1"):
    return regel(n, "HMS-2", code, start, eind, bedrag, periode_id=periode_id)


def factuur(wereld, nummer: str, *regels, factuurdatum: date) -> None:
    wereld.factuur(nummer, *regels, afzender="jobcoach-org", gemeente="heemstede", factuurdatum=factuurdatum)


def oordeel(wereld, nummer: str, n: int = 1):
    return wereld.oordeel(nummer, "jobcoach-org").regel(n)


def codes(wereld, nummer: str, n: int = 1) -> list[str]:
    return [b.code for b in oordeel(wereld, nummer, n).bevindingen]


def twee_periodes_in_jaar_1(wereld) -> None:
    periode(wereld, "IW-A", JAN, JUN)
    periode(wereld, "IW-B", JUL, DEC)


def test_twee_periodes_van_2000_in_jaar_1_samen_niet_boven_het_maximum(wereld):
    twee_periodes_in_jaar_1(wereld)
    factuur(wereld, "IW-1", intern(1, "IW-A", JAN, JUN, "2000.00"), factuurdatum=date(2024, 7, 5))
    factuur(wereld, "IW-2", intern(1, "IW-B", JUL, DEC, "2000.00"), factuurdatum=date(2025, 1, 6))
    eerste = oordeel(wereld, "IW-1")
    assert eerste.bevindingen == [] and eerste.verwacht == Decimal("2000.00")
    tweede = oordeel(wereld, "IW-2")
    assert [b.code for b in tweede.bevindingen] == ["MAXIMUM_BEDRAG"]
    assert tweede.verwacht == Decimal("1187.24")
    melding = tweede.bevindingen[0].melding
    assert "jaar 1 (01-01-2024 t/m 31-12-2024" in melding and "het maximum is € 3.187,24" in melding
    assert "al € 2.000,00 gefactureerd of goedgekeurd (factuur IW-1 regel 1)" in melding
    assert "keur ten hoogste € 1.187,24 goed" in melding


def test_een_periode_in_jaar_2_gefactureerd_als_jaar_1_krijgt_het_maximum_van_jaar_2(wereld):
    periode(wereld, "IW-0", date(2023, 7, 1), date(2023, 12, 31))
    twee_periodes_in_jaar_1(wereld)
    factuur(wereld, "IW-1", intern(1, "IW-B", JUL, DEC, "2000.00", code="JC-INTERN-J1"), factuurdatum=date(2025, 1, 6))
    r = oordeel(wereld, "IW-1")
    assert [b.code for b in r.bevindingen] == ["MAXIMUM_BEDRAG"]
    assert r.verwacht == Decimal("1652.64")
    melding = r.bevindingen[0].melding
    assert "jaar 2 (01-07-2024 t/m 30-06-2025, gerekend vanaf de eerste toegekende periode op 01-07-2023)" in melding
    assert "ook al is JC-INTERN-J1 gefactureerd" in melding and "het maximum is € 1.652,64" in melding


def test_een_andere_code_binnen_het_maximum_van_het_jaar_geeft_geen_bevinding(wereld):
    periode(wereld, "IW-0", date(2023, 7, 1), date(2023, 12, 31))
    twee_periodes_in_jaar_1(wereld)
    factuur(wereld, "IW-1", intern(1, "IW-A", JAN, JUN, "2000.00", code="JC-INTERN-J2"),
            intern(2, "IW-B", JUL, DEC, "1500.00", code="JC-INTERN-J1"), factuurdatum=date(2025, 1, 6))
    # IW-A begint in jaar 1 (max € 3.187,24), IW-B in jaar 2 (max € 1.652,64): beide passen, welke code ook.
    assert [oordeel(wereld, "IW-1", n).verwacht for n in (1, 2)] == [Decimal("2000.00"), Decimal("1500.00")]
    assert [codes(wereld, "IW-1", n) for n in (1, 2)] == [["TE_LAAT"], []]


def test_een_periode_over_de_jaargrens_telt_in_het_jaar_waarin_ze_begint(wereld):
    # Eerste periode 01-03-2023: jaar 1 loopt t/m 29-02-2024. IW-B begint op 01-01-2024, in jaar 1, en loopt door in jaar 2.
    periode(wereld, "IW-0", date(2023, 3, 1), date(2023, 8, 31))
    periode(wereld, "IW-B", JAN, JUN)
    factuur(wereld, "IW-1", intern(1, "IW-B", JAN, JUN, "3500.00"), factuurdatum=date(2024, 7, 5))
    r = oordeel(wereld, "IW-1")
    assert [b.code for b in r.bevindingen] == ["MAXIMUM_BEDRAG"] and r.verwacht == Decimal("3187.24")
    assert "jaar 1 (01-03-2023 t/m 29-02-2024" in r.bevindingen[0].melding


def test_dezelfde_periode_onder_een_andere_jaarcode_is_dubbel(wereld):
    twee_periodes_in_jaar_1(wereld)
    factuur(wereld, "IW-1", intern(1, "IW-A", JAN, JUN, "1000.00"), factuurdatum=date(2024, 7, 5))
    factuur(wereld, "IW-2", intern(1, "IW-A", JAN, JUN, "1000.00", code="JC-INTERN-J2"), factuurdatum=date(2024, 7, 8))
    r = oordeel(wereld, "IW-2")
    assert [b.code for b in r.bevindingen] == ["DUBBEL_GEFACTUREERD"] and r.verwacht == Decimal("0.00")


def test_jaar_4_heeft_geen_maximum(wereld):
    periode(wereld, "IW-0", date(2021, 1, 1), date(2021, 6, 30))
    periode(wereld, "IW-7", JAN, JUN)
    factuur(wereld, "IW-1", intern(1, "IW-7", JAN, JUN, "1000.00", code="JC-INTERN-J3"), factuurdatum=date(2024, 7, 5))
    r = oordeel(wereld, "IW-1")
    assert [b.code for b in r.bevindingen] == ["MAXIMUM_BEDRAG"] and r.verwacht == Decimal("0.00")
    assert "voor jaar 4 is op 30-06-2024 geen maximumbedrag afgesproken" in r.bevindingen[0].melding


def test_interne_werkbegeleiding_op_een_periode_jobcoaching_is_niet_toegekend(wereld):
    periode(wereld, "JC-A", JAN, JUN, soort="jobcoaching")
    factuur(wereld, "IW-1", intern(1, "JC-A", JAN, JUN, "1000.00"), factuurdatum=date(2024, 7, 5))
    assert codes(wereld, "IW-1") == ["PRODUCT_NIET_TOEGEWEZEN"]
    assert oordeel(wereld, "IW-1").verwacht == Decimal("0.00")


def test_interne_werkbegeleiding_zonder_periode_mist_een_verplicht_veld(wereld):
    twee_periodes_in_jaar_1(wereld)
    factuur(wereld, "IW-1", intern(1, None, JAN, JUN, "1000.00"), factuurdatum=date(2024, 7, 5))
    assert codes(wereld, "IW-1") == ["VERPLICHT_VELD"]


def test_afwijzen_van_de_eerdere_regel_geeft_de_latere_de_ruimte_terug(wereld):
    twee_periodes_in_jaar_1(wereld)
    factuur(wereld, "IW-1", intern(1, "IW-A", JAN, JUN, "2000.00"), factuurdatum=date(2024, 7, 5))
    factuur(wereld, "IW-2", intern(1, "IW-B", JUL, DEC, "2000.00"), factuurdatum=date(2025, 1, 6))
    assert codes(wereld, "IW-2") == ["MAXIMUM_BEDRAG"]
    wereld.besluit("IW-1", 1, "afgewezen", "0", afzender="jobcoach-org")
    r = oordeel(wereld, "IW-2")
    assert r.bevindingen == [] and r.verwacht == Decimal("2000.00")


def test_een_later_binnengekomen_regel_die_is_goedgekeurd_telt_mee(wereld):
    twee_periodes_in_jaar_1(wereld)
    factuur(wereld, "IW-1", intern(1, "IW-B", JUL, DEC, "2000.00"), factuurdatum=date(2025, 1, 6))
    factuur(wereld, "IW-2", intern(1, "IW-A", JAN, JUN, "2000.00"), factuurdatum=date(2025, 1, 6))
    assert codes(wereld, "IW-1") == [] and codes(wereld, "IW-2") == ["TE_LAAT", "MAXIMUM_BEDRAG"]
    wereld.besluit("IW-2", 1, "goedgekeurd", "2000.00", afzender="jobcoach-org")
    r = oordeel(wereld, "IW-1")
    assert [b.code for b in r.bevindingen] == ["MAXIMUM_BEDRAG"] and r.verwacht == Decimal("1187.24")


def test_een_eerdere_periode_die_later_wordt_toegekend_verschuift_het_jaar(wereld):
    periode(wereld, "IW-B", JUL, DEC)
    factuur(wereld, "IW-1", intern(1, "IW-B", JUL, DEC, "2000.00"), factuurdatum=date(2025, 1, 6))
    assert codes(wereld, "IW-1") == []
    periode(wereld, "IW-0", date(2023, 7, 1), date(2023, 12, 31))
    r = oordeel(wereld, "IW-1")
    assert [b.code for b in r.bevindingen] == ["MAXIMUM_BEDRAG"] and r.verwacht == Decimal("1652.64")


def test_stapsgewijs_bijgewerkt_gelijk_aan_herbouw(wereld):
    doorlopend = Factuurcontrole(wereld.catalogus)
    stappen = [
        lambda: periode(wereld, "IW-B", JUL, DEC),
        lambda: factuur(wereld, "IW-1", intern(1, "IW-B", JUL, DEC, "2000.00"), factuurdatum=date(2025, 1, 6)),
        lambda: periode(wereld, "IW-A", JAN, JUN),
        lambda: factuur(wereld, "IW-2", intern(1, "IW-A", JAN, JUN, "2000.00"), factuurdatum=date(2024, 7, 5)),
        lambda: wereld.besluit("IW-2", 1, "goedgekeurd", "2000.00", afzender="jobcoach-org"),
        lambda: factuur(wereld, "IW-3", intern(1, "IW-0", date(2023, 7, 1), date(2023, 12, 31), "1000.00"),
                        factuurdatum=date(2024, 1, 5)),
        lambda: periode(wereld, "IW-0", date(2023, 7, 1), date(2023, 12, 31)),
    ]
    for stap in stappen:
        stap()
        werk_bij(wereld.hub, [doorlopend])
        doorlopend.facturen()
    herbouwd = Factuurcontrole(wereld.catalogus)
    werk_bij(wereld.hub, [herbouwd])
    assert doorlopend.facturen() == herbouwd.facturen()
    assert [b.code for b in herbouwd.oordeel("jobcoach-org", "IW-1").regel(1).bevindingen] == ["MAXIMUM_BEDRAG"]
