from __future__ import annotations

from datetime import UTC, datetime

import pytest
from argon2 import PasswordHasher

from hub.toepassing.gebruikers import Argon2, Gebruikers
from tests.factuur.wereld import Wereld


@pytest.fixture
def wereld(hub, catalogus, instellingen) -> Wereld:
    return Wereld(hub, catalogus, instellingen.data)


WACHTWOORD = "correct paard batterij nietje"
MEDEWERKERS = {"mdeboer": "M. de Boer", "jvisser": "J. Visser"}


@pytest.fixture
def medewerkers(hub, catalogus, monkeypatch):
    """Twee managementassistenten voor alle gemeenten, zodat de opdrachtregel besluit als een geregistreerde gebruiker;
    het wachtwoord komt uit HUB_WACHTWOORD zoals in een script."""
    gebruikers = Gebruikers(hub, catalogus, lambda: datetime.now(UTC),
                            Argon2(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)))
    for naam, volledig in MEDEWERKERS.items():
        gebruikers.maak(naam, volledig, WACHTWOORD, ["managementassistent"], sorted(catalogus.partijen.gemeentecodes()))
    monkeypatch.setenv("HUB_WACHTWOORD", WACHTWOORD)
    return gebruikers
