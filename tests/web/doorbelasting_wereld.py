"""Voor de webtests van de doorbelasting: managementassistenten van de drie gemeenten van het gedeelde budget (003…)
en € 10.000 participatietraject plus € 5.000 keuring, goedgekeurd en betaald door de penvoerder (nu)."""

from __future__ import annotations

from datetime import date

from hub.domein.kalender import kwartaal_van
from tests.factuur.wereld import Wereld
from tests.toepassing.test_doorbelasten import _betaald
from tests.web.conftest import WACHTWOORD

CONTRACT = "participatie-lvw-2024"
PENVOERDER = "leidschendam-voorburg"
MAS = {"lverhoeven": ("L. Verhoeven", PENVOERDER), "wdekker": ("W. Dekker", "wassenaar"),
       "vsmit": ("V. Smit", "voorschoten")}


def vul_doorbelasting(onderdelen, wereld: Wereld) -> str:
    """Het kwartaal waarin betaald is."""
    for naam, (volledig, gemeente) in MAS.items():
        onderdelen.gebruikers.maak(naam, volledig, WACHTWOORD, ["managementassistent"], [gemeente])
    vandaag = onderdelen.klok().astimezone().date()
    _betaald(wereld, onderdelen, "PT-W1", "10000.00", ("KO-KEURING", "5000.00"), factuurdatum=date(2024, 7, 5))
    return kwartaal_van(vandaag)
