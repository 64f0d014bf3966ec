"""Berichten van de provider over het verloop van een traject."""

from typing import Literal, Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from hub.berichten.basis import Model, TrajectBericht
from hub.berichten.typen import (
    Bedrag,
    Datum,
    JaNee,
    Kenmerk,
    Kwartaal,
    Maand,
    Maanden,
    Naam,
    Productcode,
    Tekst,
    Telefoon,
    Trede,
    Uren,
)


class Oproep(TrajectBericht):
    """De provider nodigt de cliënt uit; binnen 14 dagen na de aanmelding."""

    type: Literal["oproep"] = "oproep"
    datum_uitnodiging: Datum = Field(description="Datum waarop de uitnodiging is verstuurd.", examples=["2024-01-05"])
    datum_gesprek: Datum = Field(description="Datum van het gesprek.", examples=["2024-01-15"])
    kopie_naar_klantmanager: JaNee = Field(
        description="Is een kopie van de eerste uitnodiging naar de klantmanager gestuurd?", examples=[True]
    )


class Intake(TrajectBericht):
    type: Literal["intake"] = "intake"
    datum: Datum = Field(description="Datum van de intake.", examples=["2024-01-15"])


class NoShow(TrajectBericht):
    """De cliënt verscheen zonder afmelding niet op een afspraak."""

    type: Literal["noShow"] = "noShow"
    datum_afspraak: Datum = Field(description="Datum van de gemiste afspraak.", examples=["2024-01-15"])
    soort_afspraak: Literal["intake", "onderzoek", "gesprek"] = Field(
        description="Soort afspraak.", examples=["onderzoek"]
    )


class Trajectbegeleider(Model):
    naam: Naam = Field(description="Naam van de trajectbegeleider.", examples=["Jeroen Bakker"])
    telefoon: Telefoon = Field(description="Telefoonnummer van de trajectbegeleider.", examples=["020 5401111"])


class Stap(Model):
    doel: Tekst = Field(description="Doel van deze stap.", examples=["Cv en sollicitatiebrief op orde."])
    planning: Tekst = Field(description="Wanneer de stap klaar is.", examples=["Week 1 tot en met 3"])
    terugkoppeling: Tekst = Field(
        description="Wanneer en hoe over de stap wordt teruggekoppeld.", examples=["Gesprek met klantmanager in week 4"]
    )


class Plan(TrajectBericht):
    """Het re-integratieplan, binnen 20 werkdagen na de aanmelding."""

    type: Literal["plan"] = "plan"
    datum: Datum = Field(description="Datum van het plan.", examples=["2024-01-29"])
    trajectbegeleider: Trajectbegeleider = Field(description="Trajectbegeleider met telefoonnummer.")
    ondertekend_client: JaNee = Field(description="Heeft de cliënt het plan ondertekend?", examples=[True])
    ondertekend_begeleider: JaNee = Field(
        description="Heeft de trajectbegeleider het plan ondertekend?", examples=[True]
    )
    gericht_op_uitstroom: JaNee = Field(description="Is het plan gericht op uitstroom naar werk?", examples=[True])
    analyse: Tekst = Field(description="Analyse van de uitgangssituatie.")
    stappen: list[Stap] = Field(min_length=1, max_length=50, description="Stappenplan.")
    trede: Trede = Field(description="Trede op de participatieladder bij de start.", examples=[3])


class Voortgang(TrajectBericht):
    """De voortgangsrapportage van een kwartaal."""

    type: Literal["voortgang"] = "voortgang"
    kwartaal: Kwartaal = Field(description="Kwartaal waarover wordt gerapporteerd.", examples=["2024-Q1"])
    trede: Trede = Field(description="Huidige trede op de participatieladder.", examples=[4])
    toelichting: Tekst = Field(description="Toelichting op de voortgang.")


class Mutatie(TrajectBericht):
    """Een wijziging van het traject, na overleg met de klantmanager."""

    type: Literal["mutatie"] = "mutatie"
    reden: Tekst = Field(description="Reden van de mutatie.")
    bijgesteld_doel: Tekst = Field(description="Het bijgestelde doel.")
    nieuw_product: Productcode = Field(description="Productcode van het nieuwe product.", examples=["MZ-BNW6"])
    nieuwe_prijs: Bedrag = Field(description="Prijs van het nieuwe product in euro.", examples=["3250.00"])
    planning: Tekst = Field(description="De nieuwe planning.")


class Plaatsing(TrajectBericht):
    """De cliënt is aan het werk."""

    type: Literal["plaatsing"] = "plaatsing"
    datum_indienst: Datum = Field(description="Eerste werkdag.", examples=["2024-03-18"])
    werkgever: Naam = Field(description="Naam van de werkgever.", examples=["Bakkerij Van Dijk B.V."])
    uren_per_week: Uren = Field(description="Contracturen per week.", examples=["32"])
    contractduur_maanden: Maanden = Field(description="Duur van het contract in maanden; 0 = vast.", examples=[6])
    arbeidsovereenkomst_ref: Kenmerk = Field(
        description="Verwijzing naar de kopie van de arbeidsovereenkomst.", examples=["AO-2024-0318-VDIJK"]
    )


class Nazorg(TrajectBericht):
    type: Literal["nazorg"] = "nazorg"
    maand: Maand = Field(description="De nazorgmaand die is geleverd.", examples=["2024-05"])


class Contactmoment(TrajectBericht):
    """Een vast contactmoment van de coach met de cliënt (Werk boven Uitkering: 8 in twee weken)."""

    type: Literal["contactmoment"] = "contactmoment"
    datum: Datum = Field(description="Datum van het contactmoment.", examples=["2024-01-10"])
    onderwerp: Tekst = Field(description="Wat besproken is.", examples=["Voortgang sollicitaties besproken."])


class Werkaanbieding(TrajectBericht):
    """Een concreet werkaanbod aan de cliënt (Werk boven Uitkering: ten minste 2)."""

    type: Literal["werkaanbieding"] = "werkaanbieding"
    datum: Datum = Field(description="Datum van de werkaanbieding.", examples=["2024-01-11"])
    werkgever: Naam = Field(description="Werkgever van het aangeboden werk.", examples=["Bakkerij Boven"])
    functie: Tekst = Field(description="Aangeboden functie.", examples=["Productiemedewerker, 32 uur"])


class Beeindiging(TrajectBericht):
    """Einde van het traject; zonder uitstroom naar werk met een vervolgadvies."""

    type: Literal["beeindiging"] = "beeindiging"
    datum: Datum = Field(description="Datum van beëindiging.", examples=["2024-04-05"])
    reden: Literal["uitstroomWerk", "afgerond", "voortijdigeUitval", "zonderResultaat", "anders", "terugNaarSchool",
                   "handhaving"] = Field(
        description=(
            "Reden van beëindiging; 'afgerond' betekent dat het product is geleverd zoals afgesproken "
            "(bijv. een onderzoek gehouden); 'terugNaarSchool' is uitstroom naar onderwijs of scholing, 'handhaving' "
            "uitstroom door handhaving (toegevoegd, voor de resultaatdoelen van Uithoorn)."
        ),
        examples=["uitstroomWerk"],
    )
    vervolgadvies: Tekst | None = Field(
        default=None,
        description="Advies voor een vervolgtraject; verplicht tenzij de reden 'uitstroomWerk' is.",
    )

    @model_validator(mode="after")
    def _vervolgadvies_verplicht(self) -> Self:
        if self.reden != "uitstroomWerk" and self.vervolgadvies is None:
            raise PydanticCustomError(
                "vervolgadvies_verplicht",
                "vervolgadvies ontbreekt",
                {"veld": "vervolgadvies"},
            )
        return self
