"""De berichtenstandaard (versie 1) als pydantic-modellen.

Namen in Python zijn Nederlandse snake_case; op de lijn camelCase zoals BERICHTEN.md ze schrijft.
`bericht.model_dump(mode="json")` geeft de JSON-vorm (camelCase, bedragen als tekst "2250.00").
"""

from hub.berichten.basis import Client, Envelop, Model, TrajectBericht
from hub.berichten.bericht import BERICHTTYPEN, Bericht, lees_json
from hub.berichten.creditnota import Creditnota, Creditnotaregel
from hub.berichten.factuur import (
    Betaling,
    Bevinding,
    Factuur,
    Factuurregel,
    Factuurstatus,
    RegelBesluit,
    Statusregel,
)
from hub.berichten.fouten import BerichtFout, fouten_uit_validatie
from hub.berichten.gemeente import Aanmelding, JobcoachToekenning, MutatieBesluit, PlanBesluit, UrenOverheveling
from hub.berichten.jobcoach import JobcoachAanvraag, Ondertekening, UrenRegel, Urenverantwoording
from hub.berichten.retour import Fout, Retour, Signaal
from hub.berichten.traject import (
    Beeindiging,
    Contactmoment,
    Intake,
    Mutatie,
    Nazorg,
    NoShow,
    Oproep,
    Plaatsing,
    Plan,
    Stap,
    Trajectbegeleider,
    Voortgang,
    Werkaanbieding,
)

__all__ = [
    "BERICHTTYPEN",
    "Aanmelding",
    "Beeindiging",
    "Bericht",
    "BerichtFout",
    "Betaling",
    "Bevinding",
    "Client",
    "Contactmoment",
    "Creditnota",
    "Creditnotaregel",
    "Envelop",
    "Factuur",
    "Factuurregel",
    "Factuurstatus",
    "Fout",
    "Intake",
    "JobcoachAanvraag",
    "JobcoachToekenning",
    "Model",
    "Mutatie",
    "MutatieBesluit",
    "Nazorg",
    "NoShow",
    "Ondertekening",
    "Oproep",
    "Plaatsing",
    "Plan",
    "PlanBesluit",
    "RegelBesluit",
    "Retour",
    "Signaal",
    "Stap",
    "Statusregel",
    "TrajectBericht",
    "Trajectbegeleider",
    "UrenOverheveling",
    "UrenRegel",
    "Urenverantwoording",
    "Voortgang",
    "Werkaanbieding",
    "fouten_uit_validatie",
    "lees_json",
]
