"""Toewijzing (000…, Heemstede 2020): Agros, Pasmatch en Startbaan werken zonder prijs per eenheid; de gemeente geeft
per aanmelding een opdrachtbedrag en de facturen van het traject blijven samen binnen dat bedrag."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from hub.bootstrap import bootstrap
from tests.factuur.wereld import regel

START, EIND = date(2020, 2, 3), date(2020, 7, 31)
GEMEENTE = "heemstede"


def _taalstage(wereld, traject: str, opdrachtbedrag: str | None = "4500.00"):
    wereld.meld_aan(traject, product="PM-TAALSTAGE", provider="pasmatch", gemeente=GEMEENTE, datum=START,
                    opdrachtbedrag=opdrachtbedrag)
    wereld.doe(traject, "registreer_intake", START, gemeente=GEMEENTE)


def _factuur(wereld, nummer: str, *regels_, op: date = date(2020, 8, 5)):
    wereld.factuur(nummer, *regels_, afzender="pasmatch", gemeente=GEMEENTE, factuurdatum=op,
                   iban="NL68SNSB0901234567")


def test_binnen_het_opdrachtbedrag_is_de_regel_schoon(wereld):
    _taalstage(wereld, "HS-1")
    _factuur(wereld, "PM-1", regel(1, "HS-1", "PM-TAALSTAGE", START, EIND, "4500.00", datum_aanmelding=START))
    oordeel = wereld.oordeel("PM-1", "pasmatch")
    assert oordeel.regel(1).bevindingen == [] and oordeel.regel(1).verwacht == Decimal("4500.00")


def test_een_overschreden_opdrachtbedrag_is_een_bevinding_en_verwacht_wat_er_over_is(wereld):
    """Opdrachtbedrag € 4.500,00; eerst € 3.000,00 (schoon), dan € 2.000,00: samen € 5.000,00, er is nog € 1.500,00 over."""
    _taalstage(wereld, "HS-1")
    _factuur(wereld, "PM-1", regel(1, "HS-1", "PM-TAALSTAGE", START, date(2020, 4, 30), "3000.00", datum_aanmelding=START),
             op=date(2020, 5, 6))
    _factuur(wereld, "PM-2", regel(1, "HS-1", "PM-TAALSTAGE", date(2020, 5, 1), EIND, "2000.00", datum_aanmelding=START))
    assert wereld.codes("PM-1", afzender="pasmatch") == []
    tweede = wereld.oordeel("PM-2", "pasmatch").regel(1)
    assert [b.code for b in tweede.bevindingen] == ["OPDRACHTBEDRAG_OVERSCHREDEN"]
    assert tweede.verwacht == Decimal("1500.00")
    assert "€ 4.500,00" in tweede.bevindingen[0].melding and "€ 1.500,00" in tweede.bevindingen[0].melding


def test_zonder_opdrachtbedrag_is_er_geen_prijs(wereld):
    _taalstage(wereld, "HS-1", opdrachtbedrag=None)
    _factuur(wereld, "PM-1", regel(1, "HS-1", "PM-TAALSTAGE", START, EIND, "4500.00", datum_aanmelding=START))
    regel1 = wereld.oordeel("PM-1", "pasmatch").regel(1)
    assert [b.code for b in regel1.bevindingen] == ["GEEN_PRIJSAFSPRAAK"] and regel1.verwacht == Decimal("0.00")


def test_het_kwartaalrapport_toont_besteding_tegen_het_budget_en_de_doelstelling(wereld, instellingen):
    """Pasmatch 2020: budget € 74.000, doel ≥ 35 % uitstroom. Goedgekeurd € 4.500 (het opdrachtbedrag) → 6,1 %."""
    _taalstage(wereld, "HS-1")
    _factuur(wereld, "PM-1", regel(1, "HS-1", "PM-TAALSTAGE", START, EIND, "5000.00", datum_aanmelding=START))
    wereld.besluit("PM-1", 1, "verwachtGoedgekeurd", "4500.00", afzender="pasmatch")
    hub = bootstrap(instellingen, klok=lambda: datetime(2020, 10, 1, tzinfo=UTC))
    cijfers = next(c for c in hub.rapportage.kwartaal(GEMEENTE, "2020-Q3").providers if c.provider == "pasmatch")
    [budget] = cijfers.budget
    assert (budget.plafond, budget.besteed, budget.procent) == (Decimal("74000.00"), Decimal("4500.00"), Decimal("6.1"))
    assert cijfers.uitstroom.doel.uitstroom_werk_procent == Decimal("35")
