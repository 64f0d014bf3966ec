"""Gemeenschappelijke basis: modelinstellingen, de envelop en de cliëntgegevens."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from hub.berichten.typen import BerichtId, Bsn, Code, Datum, Kenmerk, Naam, Tijdstip


def _type_verplicht(schema: dict[str, Any]) -> None:
    """`type` heeft in Python een standaardwaarde, maar hoort in elk binnenkomend bericht."""
    verplicht = schema.setdefault("required", [])
    if "type" in schema.get("properties", {}) and "type" not in verplicht:
        verplicht.insert(0, "type")


class Model(BaseModel):
    """Basis van elk berichtmodel: Nederlandse snake_case in Python, camelCase op de lijn."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        serialize_by_alias=True,
        extra="forbid",
        frozen=True,
        json_schema_extra=_type_verplicht,
    )


class Client(Model):
    bsn: Bsn = Field(description="Burgerservicenummer van de cliënt.", examples=["123456782"])
    naam: Naam = Field(description="Volledige naam van de cliënt.", examples=["Fatima el Amrani"])
    geboortedatum: Datum = Field(description="Geboortedatum van de cliënt.", examples=["1987-03-14"])
    clientnummer: Kenmerk = Field(
        description="Cliëntnummer bij de gemeente.", examples=["AV-104233"]
    )
    adres: Naam = Field(
        description="Woonadres van de cliënt op één regel.",
        examples=["Stadsplein 12, 1181 ZM Amstelveen"],
    )


class Envelop(Model):
    """Velden die elk bericht draagt, in deze volgorde (ook in XML)."""

    bericht_id: BerichtId = Field(
        description="Unieke id van dit bericht bij deze afzender; hetzelfde bericht opnieuw wordt niet opnieuw verwerkt, "
        "een ander bericht met een geaccepteerde id wordt geweigerd (BERICHT_ID_HERGEBRUIKT).",
        examples=["3f2b8c1e-7d4a-4c2e-9b1a-5e6f7a8b9c0d"],
    )
    type: str = Field(description="Soort bericht.")
    versie: Literal["1"] = Field(description="Versie van de berichtenstandaard.", examples=["1"])
    afzender: Code = Field(
        description="Code van de afzender: de providercode of 'gemeente'.", examples=["matchez"]
    )
    gemeente: Code = Field(description="Code van de gemeente.", examples=["amstelveen"])
    verzonden: Tijdstip = Field(
        description="Moment van verzenden, met tijdzone.", examples=["2024-04-02T09:00:00+02:00"]
    )


class TrajectBericht(Envelop):
    """Een bericht over één traject; de trajectId staat in de envelop."""

    traject_id: Kenmerk = Field(
        description="Id die de gemeente het traject gaf in de aanmelding; uniek per gemeente.",
        examples=["AMS-2024-0001"],
    )

