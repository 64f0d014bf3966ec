from __future__ import annotations

from datetime import date

import pytest

from tests.factuur.wereld import Wereld, regel

START, EIND = date(2024, 1, 8), date(2024, 4, 7)
IBAN_OP_FACTUUR = "NL20INGB0001234567"


@pytest.fixture
def wereld(hub, catalogus, instellingen) -> Wereld:
    return Wereld(hub, catalogus, instellingen.data)


@pytest.fixture
def twee_regels(wereld):
    """Regel 1 conform de prijsafspraak (€ 2.250,00), regel 2 € 2.300,00: een prijsafwijking."""
    for traject in ("AV-1", "AV-2"):
        wereld.meld_aan(traject)
        wereld.doe(traject, "registreer_intake", START)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", START, EIND, "2250.00"),
                   regel(2, "AV-2", "MZ-BNW3", START, EIND, "2300.00"), iban=IBAN_OP_FACTUUR)
    return wereld
