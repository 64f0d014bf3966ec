"""Berichten van de jobcoachorganisatie over een jobcoachperiode."""

from typing import Literal

from pydantic import Field

from hub.berichten.basis import Model, TrajectBericht
from hub.berichten.gemeente import SoortOndersteuning
from hub.berichten.typen import Datum, JaNee, Kenmerk, Naam, Tekst, Uren


class JobcoachAanvraag(TrajectBericht):
    """Aanvraag van een jobcoachperiode, binnen 4 weken na de start."""

    type: Literal["jobcoachAanvraag"] = "jobcoachAanvraag"
    periode_id: Kenmerk = Field(description="Id van de aangevraagde periode.", examples=["HMS-JC-2024-01"])
    start: Datum = Field(description="Eerste dag van de periode.", examples=["2024-07-01"])
    eind: Datum = Field(description="Laatste dag van de periode.", examples=["2024-12-31"])
    uren_gepland: Uren = Field(description="Geplande uren voor de periode.", examples=["40"])
    soort: SoortOndersteuning = Field(description="Soort ondersteuning.", examples=["jobcoaching"])
    jobcoachplan_ref: Kenmerk = Field(description="Verwijzing naar het jobcoachplan.", examples=["JCP-2024-017"])
    werkgever: Naam = Field(description="Naam van de werkgever.", examples=["Tuincentrum De Linde"])
    bijzondere_omstandigheden: Tekst | None = Field(
        default=None,
        description="Bijzondere omstandigheden; nodig voor een vijfde of zesde periode.",
    )


class UrenRegel(Model):
    datum: Datum = Field(description="Dag waarop is gecoacht.", examples=["2024-07-03"])
    uren: Uren = Field(description="Aantal uren op die dag.", examples=["2.5"])
    activiteit: Tekst = Field(description="Wat er is gedaan.", examples=["Inwerken op de werkplek"])


class Ondertekening(Model):
    jobcoach: JaNee = Field(description="Ondertekend door de jobcoach of werkbegeleider?", examples=[True])
    werkgever: JaNee = Field(description="Ondertekend door de werkgever?", examples=[True])
    werknemer: JaNee = Field(description="Ondertekend door de werknemer?", examples=[True])


class Urenverantwoording(TrajectBericht):
    """Verantwoording van de uren van een periode, binnen 4 weken na het einde ervan."""

    type: Literal["urenverantwoording"] = "urenverantwoording"
    periode_id: Kenmerk = Field(description="Id van de jobcoachperiode.", examples=["HMS-JC-2024-01"])
    regels: list[UrenRegel] = Field(min_length=1, max_length=400, description="Uren per dag.")
    afwijkingen: Tekst | None = Field(default=None, description="Uitleg bij afwijkingen van het plan.")
    ondertekend: Ondertekening = Field(description="Wie de verantwoording heeft ondertekend.")
    doelen_bereikt: Tekst = Field(description="In hoeverre de doelen van het jobcoachplan zijn bereikt.")
