"""Alle binnenkomende berichttypen als één unie, onderscheiden op `type`."""

from typing import Annotated, Any

from pydantic import BaseModel, Field, TypeAdapter

from hub.berichten.creditnota import Creditnota
from hub.berichten.factuur import Factuur
from hub.berichten.gemeente import Aanmelding, JobcoachToekenning, MutatieBesluit, PlanBesluit, UrenOverheveling
from hub.berichten.jobcoach import JobcoachAanvraag, Urenverantwoording
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
    Voortgang,
    Werkaanbieding,
)

Bericht = Annotated[
    Aanmelding
    | PlanBesluit
    | MutatieBesluit
    | JobcoachToekenning
    | UrenOverheveling
    | Oproep
    | Intake
    | NoShow
    | Plan
    | Voortgang
    | Mutatie
    | Plaatsing
    | Nazorg
    | Beeindiging
    | Contactmoment
    | Werkaanbieding
    | JobcoachAanvraag
    | Urenverantwoording
    | Factuur
    | Creditnota,
    Field(discriminator="type"),
]

BERICHTTYPEN: dict[str, type[BaseModel]] = {
    model.model_fields["type"].default: model
    for model in (
        Aanmelding,
        PlanBesluit,
        MutatieBesluit,
        JobcoachToekenning,
        UrenOverheveling,
        Oproep,
        Intake,
        NoShow,
        Plan,
        Voortgang,
        Mutatie,
        Plaatsing,
        Nazorg,
        Beeindiging,
        Contactmoment,
        Werkaanbieding,
        JobcoachAanvraag,
        Urenverantwoording,
        Factuur,
        Creditnota,
    )
}

BERICHT_ADAPTER: TypeAdapter[Any] = TypeAdapter(Bericht)


def lees_json(data: dict[str, Any]) -> Bericht:
    """Valideer de JSON-vorm (een dict met camelCase-sleutels); gooit pydantic's ValidationError."""
    return BERICHT_ADAPTER.validate_python(data)
