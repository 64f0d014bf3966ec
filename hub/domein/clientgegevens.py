"""De cliënt zoals een aanmelding of factuurregel hem noemt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Clientgegevens:
    """Wat ontbreekt op een factuurregel, meldt de controle als bevinding; een aanmelding vraagt alles."""

    bsn: str | None = None
    naam: str | None = None
    geboortedatum: date | None = None
    clientnummer: str | None = None
    adres: str | None = None
