"""Berichten van de gemeente aan de hub."""

from typing import Literal

from pydantic import Field

from hub.berichten.basis import Client, TrajectBericht
from hub.berichten.typen import Bedrag, Code, Datum, JaNee, Kenmerk, Maanden, Naam, Productcode, Tekst, Uren

Besluit = Literal["goedgekeurd", "afgewezen"]
Loonwaarde = Literal["0-40", "40-70", "70-100", "100"]
"""De loonwaardecategorie van de cliënt in procenten, zoals Uithoorn haar resultaten indeelt (004…)."""
SoortOndersteuning = Literal["jobcoaching", "interneWerkbegeleiding"]


class Aanmelding(TrajectBericht):
    """De klantmanager meldt een cliënt aan voor een product van een provider."""

    type: Literal["aanmelding"] = "aanmelding"
    provider: Code = Field(description="Code van de provider die het traject uitvoert.", examples=["matchez"])
    product: Productcode = Field(description="Productcode uit het contract.", examples=["MZ-BNW3"])
    datum_aanmelding: Datum = Field(description="Datum van de aanmelding.", examples=["2024-01-02"])
    klantmanager: Naam = Field(description="Naam van de klantmanager.", examples=["Sanne de Vries"])
    reden_verwijzing: Tekst = Field(
        description="Waarom de cliënt wordt verwezen.",
        examples=["Langdurig in de bijstand, wil werken in de logistiek."],
    )
    client: Client = Field(description="Gegevens van de cliënt.")
    omzetting_van: Kenmerk | None = Field(
        default=None,
        description="TrajectId van het traject dat dit traject vervangt (omzetting), anders leeg.",
        examples=["AMS-2023-0417"],
    )
    opdrachtbedrag: Bedrag | None = Field(
        default=None,
        description="Het bedrag dat de gemeente voor dit traject toewijst, bij een product zonder prijs per eenheid "
        "(toewijzing); de facturen van het traject blijven samen binnen dit bedrag. Leeg bij een product met een prijs.",
        examples=["4500.00"],
    )
    loonwaarde: Loonwaarde | None = Field(
        default=None,
        description="Loonwaardecategorie van de cliënt in procenten: 0-40, 40-70, 70-100 of 100; leeg als die niet "
        "bepaald is.",
        examples=["70-100"],
    )


class PlanBesluit(TrajectBericht):
    """Het oordeel van de klantmanager over een re-integratieplan."""

    type: Literal["planBesluit"] = "planBesluit"
    datum: Datum = Field(description="Datum van het besluit.", examples=["2024-02-12"])
    besluit: Besluit = Field(description="Goedgekeurd of afgewezen.", examples=["goedgekeurd"])
    toelichting: Tekst | None = Field(
        default=None, description="Toelichting op het besluit.", examples=["Plan is volledig."]
    )


class MutatieBesluit(TrajectBericht):
    """Het oordeel van de klantmanager over een mutatie."""

    type: Literal["mutatieBesluit"] = "mutatieBesluit"
    datum: Datum = Field(description="Datum van het besluit.", examples=["2024-03-04"])
    besluit: Besluit = Field(description="Goedgekeurd of afgewezen.", examples=["goedgekeurd"])
    toelichting: Tekst | None = Field(
        default=None, description="Toelichting op het besluit.", examples=["Akkoord met BNW6."]
    )


class JobcoachToekenning(TrajectBericht):
    """De gemeente kent een jobcoachperiode toe; de prijs komt uit het contract, niet uit dit bericht."""

    type: Literal["jobcoachToekenning"] = "jobcoachToekenning"
    periode_id: Kenmerk = Field(description="Id van de jobcoachperiode.", examples=["HMS-JC-2024-01"])
    start: Datum = Field(description="Eerste dag van de periode.", examples=["2024-07-01"])
    eind: Datum = Field(description="Laatste dag van de periode.", examples=["2024-12-31"])
    uren_toegekend: Uren = Field(description="Toegekende uren voor de periode.", examples=["40"])
    soort: SoortOndersteuning = Field(description="Soort ondersteuning.", examples=["jobcoaching"])


class UrenOverheveling(TrajectBericht):
    """De gemeente hevelt jobcoachuren van het tweede jaar over naar een periode in het eerste jaar (Heemstede,
    beleidsregels 2024 art. 11.2): alleen bij een dienstbetrekking van minimaal een jaar met de intentie die met minimaal
    een half jaar te verlengen, en als het nodig is voor een duurzame arbeidsinpassing."""

    type: Literal["urenOverheveling"] = "urenOverheveling"
    periode_id: Kenmerk = Field(description="De toegekende periode in het eerste jaar die de uren krijgt.",
                                examples=["HMS-JC-2024-01"])
    uren: Uren = Field(description="Aantal uren dat uit het tweede jaar naar deze periode gaat.", examples=["10"])
    dienstbetrekking_maanden: Maanden = Field(description="Duur van de dienstbetrekking in maanden (0 = vast contract).",
                                              examples=[12])
    intentie_verlenging: JaNee = Field(
        description="Is er de intentie de dienstbetrekking na een jaar met minimaal een half jaar te verlengen?",
        examples=[True])
    toelichting: Tekst = Field(description="Waarom de overheveling nodig is voor een duurzame arbeidsinpassing.",
                               examples=["Meer begeleiding bij de start voorkomt uitval in de eerste maanden."])
