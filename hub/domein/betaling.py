"""Een betaalopdracht in domeintermen: wie betaalt (de gemeente) en welke overboekingen naar welke aanbieder."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Opdrachtgever:
    """De betalende rekening van een gemeente."""

    gemeente: str
    naam: str
    iban: str
    bic: str | None = None


@dataclass(frozen=True)
class Overboeking:
    kenmerk: str
    bedrag: Decimal
    naam: str
    iban: str
    omschrijving: str
