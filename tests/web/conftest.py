"""Een kleine wereld voor de webapplicatie: een factuur met een schone regel en een regel met een prijsafwijking,
twee managementassistenten van Amstelveen, een van Heemstede en een inkoper."""

from __future__ import annotations

from datetime import date

import pytest
from argon2 import PasswordHasher

from hub.bootstrap import bootstrap
from hub.toepassing.gebruikers import Argon2, Gebruikers
from tests.factuur.wereld import Wereld, regel

START, EIND = date(2024, 1, 8), date(2024, 4, 7)
WACHTWOORD = "correct paard batterij nietje"
GEBRUIKERS = {
    "mdeboer": ("M. de Boer", ["managementassistent"], ["amstelveen", "aalsmeer"]),
    "jvisser": ("J. Visser", ["managementassistent"], ["amstelveen"]),
    "hberg": ("H. van den Berg", ["managementassistent"], ["heemstede"]),
    "pjansen": ("P. Jansen", ["inkoper"], ["amstelveen"]),
}


def snelle_gebruikers(onderdelen) -> Gebruikers:
    """argon2 met de lichtste instellingen: de tests gaan over de regels, niet over de rekentijd."""
    return Gebruikers(onderdelen.eventstore, onderdelen.catalogus, onderdelen.klok,
                      Argon2(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)))


def vul(onderdelen, wereld: Wereld) -> None:
    for traject in ("AV-1", "AV-2"):
        wereld.meld_aan(traject)
        wereld.doe(traject, "registreer_intake", START)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", START, EIND, "2250.00"),
                   regel(2, "AV-2", "MZ-BNW3", START, EIND, "2300.00"))
    for naam, (volledig, rollen, gemeenten) in GEBRUIKERS.items():
        onderdelen.gebruikers.maak(naam, volledig, WACHTWOORD, rollen, gemeenten)


@pytest.fixture
def onderdelen(instellingen, hub, catalogus):
    onderdelen = bootstrap(instellingen)
    onderdelen.eventstore = hub
    onderdelen.gebruikers = snelle_gebruikers(onderdelen)
    vul(onderdelen, Wereld(hub, catalogus, instellingen.data))
    return onderdelen
