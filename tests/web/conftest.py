"""Een kleine wereld voor de webapplicatie: een factuur met een schone regel en een regel met een prijsafwijking,
twee managementassistenten van Amstelveen, een van Heemstede, een inkoper, een klantmanager (Petra Jansen, de
klantmanager van de trajecten), een beheerder, en een gebruiker van Matchez en van A-rea;
A-rea leverde via het portaal een factuur aan (AR-1) en een bestand dat werd afgewezen."""

from __future__ import annotations

from datetime import date

import pytest
from argon2 import PasswordHasher

from hub.bootstrap import bootstrap
from hub.toepassing.gebruikers import Argon2, Gebruikers
from tests.factuur.wereld import Wereld, regel
from tests.toepassing.aanlevering import factuur_json

START, EIND = date(2024, 1, 8), date(2024, 4, 7)
WACHTWOORD = "correct paard batterij nietje"
GEBRUIKERS = {
    "mdeboer": ("M. de Boer", ["managementassistent"], ["amstelveen", "aalsmeer"]),
    "jvisser": ("J. Visser", ["managementassistent"], ["amstelveen"]),
    "hberg": ("H. van den Berg", ["managementassistent"], ["heemstede"]),
    "pjansen": ("P. Jansen", ["inkoper"], ["amstelveen"]),
    "petra": ("Petra Jansen", ["klantmanager"], ["amstelveen", "aalsmeer"]),
    "bheer": ("B. Heerkens", ["beheerder"], []),
}
AANBIEDERS = {"anna": ("Anna Matchez", "matchez"), "bram": ("Bram A-rea", "a-rea")}
AREA_AFGEWEZEN = "7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


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
    for naam, (volledig, aanbieder) in AANBIEDERS.items():
        onderdelen.gebruikers.maak(naam, volledig, WACHTWOORD, ["aanbieder"], [], aanbieder)
    wereld.meld_aan("AR-T1", product="AREA-MED", provider="a-rea")
    assert onderdelen.aanleveren.lever_aan(factuur_json("AR-1", "AR-T1", afzender="a-rea"), "a-rea").geaccepteerd
    assert not onderdelen.aanleveren.lever_aan(factuur_json("AR-2", "AR-T404", afzender="a-rea",
                                                            bericht_id=AREA_AFGEWEZEN), "a-rea").geaccepteerd


@pytest.fixture
def onderdelen(instellingen, hub, catalogus):
    onderdelen = bootstrap(instellingen)
    onderdelen.eventstore = hub
    onderdelen.gebruikers = snelle_gebruikers(onderdelen)
    vul(onderdelen, Wereld(hub, catalogus, instellingen.data))
    return onderdelen
