"""Het geheugen van de hub voor berichten: per berichtId de eerste uitkomst (de retour).

Een Ontvangst wordt in dezelfde transactie opgeslagen als de events van het bericht, zodat een
herhaalde levering na een crash hetzelfde antwoord krijgt en niets twee keer vastlegt.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event


class Ontvangst(Aggregate):
    @staticmethod
    def create_id(bericht_id: UUID, **_: Any) -> UUID:
        return bericht_id

    class BerichtVerwerkt(Aggregate.Created):
        bericht_id: UUID
        afzender: str
        soort: str
        ontvangen: datetime
        retour: dict[str, Any]
        sleutel: str
        doorzendingen: list[dict[str, Any]] | None = None

    @event(BerichtVerwerkt)
    def __init__(
        self,
        bericht_id: UUID,
        afzender: str,
        soort: str,
        ontvangen: datetime,
        retour: dict[str, Any],
        sleutel: str,
        doorzendingen: list[dict[str, Any]] | None = None,
    ) -> None:
        """`sleutel`: wat het bericht raakt; `doorzendingen`: wat naar welke inbox ging (opnieuw te sturen na een crash)."""
        self.bericht_id = bericht_id
        self.afzender = afzender
        self.soort = soort
        self.ontvangen = ontvangen
        self.retour = retour
        self.sleutel = sleutel
        self.doorzendingen = doorzendingen or []
