"""Welke contracten een dossier in de hub hebben: zo vindt elk proces ook de contracten zonder bestand (die de
inkoper in de hub aanlegde) en die waarvan het bestand later verdween. Eén register voor de hele hub."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from hub.aggregates import stabiel_id


def contractregister_uuid() -> UUID:
    return stabiel_id("contractregister")


class Contractregister(Aggregate):
    @staticmethod
    def create_id(**_: Any) -> UUID:
        return contractregister_uuid()

    class Aangelegd(Aggregate.Created):
        pass

    class Ingeschreven(Aggregate.Event):
        contract_id: str
        uit_bestand: bool
        """True: het dossier begon met de beginstand uit een contractbestand."""

    @event(Aangelegd)
    def __init__(self) -> None:
        self.contracten: dict[str, bool] = {}

    def schrijf_in(self, contract_id: str, uit_bestand: bool) -> None:
        if contract_id not in self.contracten:
            self._ingeschreven(contract_id, uit_bestand)

    @event(Ingeschreven)
    def _ingeschreven(self, contract_id: str, uit_bestand: bool) -> None:
        self.contracten[contract_id] = uit_bestand
