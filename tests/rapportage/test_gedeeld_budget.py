"""Een budget dat drie gemeenten delen (003…, hoofdstuk 9): Participatietrajecten € 50.000 in 2024, 74 % / 14 % / 12 %.
De aanbieder factureert de penvoerder (Leidschendam-Voorburg); elke gemeente ziet haar aandeel in het budget en in
het goedgekeurde, en de doorbelasting per gemeente telt op tot het goedgekeurde."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hub.bootstrap import bootstrap
from hub.rapportage.kengetallen import als_dict
from tests.factuur.wereld import Wereld, regel

PENVOERDER = "leidschendam-voorburg"
START, EIND = date(2024, 2, 1), date(2024, 5, 31)


@pytest.fixture
def wereld(hub, catalogus, instellingen) -> Wereld:
    return Wereld(hub, catalogus, instellingen.data)


def test_elke_gemeente_ziet_haar_aandeel_in_budget_en_besteding(wereld, instellingen):
    for traject in ("LV-1", "LV-2"):
        wereld.meld_aan(traject, product="PT-TRAJECT", provider="participatie-org", gemeente=PENVOERDER, datum=START)
    wereld.factuur("PT-1", regel(1, "LV-1", "PT-TRAJECT", START, EIND, "6000.00"),
                   regel(2, "LV-2", "PT-TRAJECT", START, EIND, "4000.00"),
                   afzender="participatie-org", gemeente=PENVOERDER, factuurdatum=date(2024, 6, 5))
    wereld.besluit("PT-1", 1, "goedgekeurd", "6000.00", afzender="participatie-org")
    wereld.besluit("PT-1", 2, "goedgekeurd", "4000.00", afzender="participatie-org")
    hub = bootstrap(instellingen, klok=lambda: datetime(2024, 7, 1, tzinfo=UTC))

    wassenaar = hub.rapportage.kwartaal("wassenaar", "2024-Q2")
    cijfers = next(c for c in wassenaar.providers if c.provider == "participatie-org")
    participatie = next(b for b in cijfers.budgetaandelen if b.omschrijving == "Participatietrajecten")
    assert participatie.aandeel == Decimal(14)
    assert participatie.plafond == Decimal("50000.00") and participatie.plafond_aandeel == Decimal("7000.00")
    assert participatie.besteed == Decimal("10000.00") and participatie.besteed_aandeel == Decimal("1400.00")
    assert participatie.doorbelasting == {PENVOERDER: Decimal("7400.00"), "wassenaar": Decimal("1400.00"),
                                          "voorschoten": Decimal("1200.00")}
    assert participatie.procent == Decimal("20.0")
    kengetallen = als_dict(cijfers)
    assert kengetallen["gedeeld_budget_1_aandeel"] == Decimal("7000.00")
    assert kengetallen["gedeeld_budget_1_besteed_aandeel"] == Decimal("1400.00")
    keuringen = next(b for b in cijfers.budgetaandelen if b.omschrijving == "Keuringen en opleidingen")
    assert keuringen.plafond_aandeel == Decimal("4480.00") and keuringen.besteed == Decimal("0.00"), \
        "alleen de regels van Keuringen en opleidingen tellen voor dat budget"

    lv = hub.rapportage.kwartaal(PENVOERDER, "2024-Q2")
    eigen = next(b for b in next(c for c in lv.providers if c.provider == "participatie-org").budgetaandelen
                 if b.omschrijving == "Participatietrajecten")
    assert eigen.plafond_aandeel == Decimal("37000.00") and eigen.besteed_aandeel == Decimal("7400.00")
    assert not any(b.omschrijving == "Participatietrajecten" for c in lv.providers for b in c.budget), \
        "een gedeeld budget staat niet ook als eigen budget van de penvoerder"


def test_het_budgetplafond_telt_alleen_de_producten_van_dat_budget(wereld):
    """€ 40.000 goedgekeurd op participatietrajecten: een keuring van € 1.000 blijft binnen de € 32.000 van Keuringen
    en opleidingen; een participatietraject van € 11.000 komt boven de € 50.000."""
    for traject, product in (("LV-1", "PT-TRAJECT"), ("LV-2", "KO-KEURING"), ("LV-3", "PT-TRAJECT")):
        wereld.meld_aan(traject, product=product, provider="participatie-org", gemeente=PENVOERDER, datum=START,
                        opdrachtbedrag="40000.00")
        wereld.doe(traject, "registreer_intake", START, gemeente=PENVOERDER)
    wereld.factuur("PT-1", regel(1, "LV-1", "PT-TRAJECT", START, EIND, "40000.00"),
                   afzender="participatie-org", gemeente=PENVOERDER, factuurdatum=date(2024, 6, 5))
    wereld.besluit("PT-1", 1, "goedgekeurd", "40000.00", afzender="participatie-org")
    wereld.factuur("PT-2", regel(1, "LV-2", "KO-KEURING", START, EIND, "1000.00"),
                   regel(2, "LV-3", "PT-TRAJECT", START, EIND, "11000.00"),
                   afzender="participatie-org", gemeente=PENVOERDER, factuurdatum=date(2024, 6, 6))
    oordeel = wereld.oordeel("PT-2", "participatie-org")
    assert [b.code for b in oordeel.regel(1).bevindingen] == []
    [budget] = oordeel.regel(2).bevindingen
    assert budget.code == "BUDGETPLAFOND" and "€ 50.000,00" in budget.melding and "€ 51.000,00" in budget.melding
