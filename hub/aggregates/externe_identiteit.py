"""Een identiteit bij de identiteitsprovider van de gemeente (OpenID Connect), gekoppeld aan één gebruiker van de hub.

Het id volgt uit de claim en haar waarde, zodat een waarde maar aan één gebruiker gekoppeld kan worden. Een e-mailadres
telt zonder hoofdletters; een `sub` is hoofdlettergevoelig (zo schrijft OpenID Connect het voor).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from hub.aggregates import stabiel_id
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout

CLAIMS = ("email", "sub")


def externe_waarde(claim: str, waarde: str) -> str:
    waarde = waarde.strip()
    return waarde.casefold() if claim == "email" else waarde


def externe_identiteit_uuid(claim: str, waarde: str) -> UUID:
    return stabiel_id("externe-identiteit", claim, externe_waarde(claim, waarde))


class ExterneIdentiteit(Aggregate):
    @staticmethod
    def create_id(claim: str, waarde: str, **_: Any) -> UUID:
        return externe_identiteit_uuid(claim, waarde)

    @classmethod
    def koppel(cls, claim: str, waarde: str, gebruikersnaam: str, op: datetime) -> ExterneIdentiteit:
        if claim not in CLAIMS:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "claim", f"Koppel op {' of '.join(CLAIMS)}.")
        if not waarde.strip():
            raise DomeinFout(f.VERPLICHT_VELD, "extern", "Geef de waarde van de claim (bijv. het e-mailadres) bij de "
                                                         "identiteitsprovider van de gemeente.")
        return cls(claim=claim, waarde=externe_waarde(claim, waarde), gebruikersnaam=gebruikersnaam, op=op)

    class Gekoppeld(Aggregate.Created):
        claim: str
        waarde: str
        gebruikersnaam: str
        op: datetime

    @event(Gekoppeld)
    def __init__(self, claim: str, waarde: str, gebruikersnaam: str, op: datetime) -> None:
        self.claim = claim
        self.waarde = waarde
        self.gebruikersnaam = gebruikersnaam
