"""Werk boven Uitkering (002…, Bijlage 2): twee weken, 8 vaste contactmomenten en ten minste 2 werkaanbiedingen,
gemeld met berichten; pas dan is de € 375,00 te betalen."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.factuur.wereld import Wereld, regel

START = date(2024, 1, 8)
LAATSTE_DAG = START + timedelta(days=13)


@pytest.fixture
def wereld(hub, catalogus, instellingen) -> Wereld:
    return Wereld(hub, catalogus, instellingen.data)


def _wbu(wereld, contacten: list[date], aanbiedingen: list[date]) -> None:
    wereld.meld_aan("AV-1", product="MZ-WBU", datum=date(2024, 1, 3))
    wereld.doe("AV-1", "registreer_intake", START)
    for dag in contacten:
        wereld.doe("AV-1", "registreer_contactmoment", dag, "Voortgang besproken")
    for i, dag in enumerate(aanbiedingen):
        wereld.doe("AV-1", "registreer_werkaanbieding", dag, f"Werkgever {i}", "Orderpicker")
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-WBU", START, LAATSTE_DAG, "375.00"), factuurdatum=date(2024, 1, 30))


def test_acht_contactmomenten_en_twee_werkaanbiedingen_in_twee_weken_is_betaalbaar(wereld):
    _wbu(wereld, [START + timedelta(days=i) for i in range(0, 14, 2)] + [LAATSTE_DAG], [START + timedelta(days=2), LAATSTE_DAG])
    oordeel = wereld.oordeel("MZ-1").regel(1)
    assert oordeel.bevindingen == [] and oordeel.verwacht == Decimal("375.00")


def test_te_weinig_gemeld_is_een_bevinding_en_verwacht_niets(wereld):
    """Zeven contactmomenten in de termijn en één op dag 15 (telt niet), één werkaanbieding."""
    binnen = [START + timedelta(days=i) for i in range(0, 14, 2)]
    _wbu(wereld, [*binnen, LAATSTE_DAG + timedelta(days=1)], [START + timedelta(days=3)])
    oordeel = wereld.oordeel("MZ-1").regel(1)
    assert [b.code for b in oordeel.bevindingen] == ["VERPLICHTINGEN_NIET_NAGEKOMEN"]
    assert oordeel.verwacht == Decimal("0.00")
    melding = oordeel.bevindingen[0].melding
    assert "7 van de 8 contactmomenten" in melding and "1 van de ten minste 2 werkaanbiedingen" in melding
    assert "08-01-2024 t/m 21-01-2024" in melding
