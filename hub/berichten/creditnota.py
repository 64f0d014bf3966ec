"""De creditnota van een provider: annuleert hele regels van een eerder gestuurde factuur."""

from typing import Literal

from pydantic import Field

from hub.berichten.basis import Envelop, Model
from hub.berichten.retour import MetVormsignalen
from hub.berichten.typen import Bedrag, Datum, Kenmerk, Percentage, Tekst, Volgnummer


class Creditnotaregel(Model):
    regelnummer: Volgnummer = Field(description="Nummer van de regel binnen de creditnota.", examples=[1])
    factuurregel: Volgnummer = Field(description="Het regelnummer op de factuur dat deze regel annuleert.", examples=[3])
    bedrag: Bedrag = Field(
        description="Het gecrediteerde bedrag excl. btw, positief; gelijk aan het bedrag van de factuurregel: een "
        "creditnota annuleert hele regels.",
        examples=["2300.00"],
    )
    btw_percentage: Percentage = Field(description="Btw-percentage van de factuurregel.", examples=["21"])


class Creditnota(MetVormsignalen, Envelop):
    """Een provider corrigeert een factuur zoals e-facturatie dat doet: een creditnota die naar de factuur en haar
    regels verwijst, daarna zo nodig een nieuwe factuur onder een nieuw nummer."""

    type: Literal["creditnota"] = "creditnota"
    creditnotanummer: Kenmerk = Field(description="Nummer van de creditnota bij de provider.", examples=["MZ-2024-C001"])
    creditnotadatum: Datum = Field(description="Datum van de creditnota.", examples=["2024-04-15"])
    factuurnummer: Kenmerk = Field(description="De factuur waarop de creditnota betrekking heeft.", examples=["MZ-2024-0012"])
    reden: Tekst | None = Field(default=None, description="Waarom de regels worden gecrediteerd.",
                                examples=["Verkeerde prijs gefactureerd"])
    regels: list[Creditnotaregel] = Field(min_length=1, max_length=1000, description="De gecrediteerde regels.")
    totaal_excl_btw: Bedrag = Field(description="Totaal excl. btw, positief.", examples=["2300.00"])
    btw_bedrag: Bedrag = Field(description="Totaal btw, positief.", examples=["483.00"])
    totaal_incl_btw: Bedrag = Field(description="Totaal incl. btw, positief.", examples=["2783.00"])
