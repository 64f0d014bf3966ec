"""Het geheugen van de hub voor berichten: per afzender en berichtId de uitkomst (de retour) en de vingerafdruk.

Een Ontvangst wordt in dezelfde transactie opgeslagen als de events van het bericht, zodat een
herhaalde levering na een crash hetzelfde antwoord krijgt en niets twee keer vastlegt.

De sleutel is (afzender, berichtId): een berichtId hoort bij zijn afzender. Ontvangsten uit de eerste versie
staan onder de berichtId alleen en hebben geen vingerafdruk; de verwerker zoekt ze daar nog op.
Een afgewezen bericht mag opnieuw komen: die nieuwe poging komt als `OpnieuwVerwerkt` op dezelfde Ontvangst,
zodat de weigering als bewijs bewaard blijft. `plaats` zegt waar het beantwoorde bericht binnenkwam (bij de broker:
de intake-stream en het volgnummer): komt dezelfde levering terug omdat haar retour niet weg kon, dan is dat geen
nieuwe poging en blijft het antwoord hetzelfde.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from hub.aggregates import stabiel_id


def ontvangst_uuid(afzender: str, bericht_id: UUID) -> UUID:
    return stabiel_id("ontvangst", afzender, str(bericht_id))


class Ontvangst(Aggregate):
    @staticmethod
    def create_id(bericht_id: UUID, afzender: str, **_: Any) -> UUID:
        return ontvangst_uuid(afzender, bericht_id)

    plaats: str | None = None

    class BerichtVerwerkt(Aggregate.Created):
        class_version = 3

        bericht_id: UUID
        afzender: str
        soort: str
        ontvangen: datetime
        retour: dict[str, Any]
        sleutel: str
        doorzendingen: list[dict[str, Any]] | None = None
        vingerafdruk: str | None = None
        plaats: str | None = None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Versie 1 kende geen vingerafdruk: de inhoud van die berichten is niet meer na te gaan."""
            state["vingerafdruk"] = None

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            """Versie 2 wist niet waar het bericht binnenkwam."""
            state["plaats"] = None

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
        vingerafdruk: str | None = None,
        plaats: str | None = None,
    ) -> None:
        """`sleutel`: wat het bericht raakt; `doorzendingen`: wat naar welke inbox ging (opnieuw te sturen na een crash);
        `vingerafdruk`: van de inhoud, om een ander bericht onder dezelfde berichtId te herkennen; `plaats`: waar het
        binnenkwam."""
        self.bericht_id = bericht_id
        self.afzender = afzender
        self.soort = soort
        self.ontvangen = ontvangen
        self.retour = retour
        self.sleutel = sleutel
        self.doorzendingen = doorzendingen or []
        self.vingerafdruk = vingerafdruk
        self.plaats = plaats

    @property
    def geaccepteerd(self) -> bool:
        return self.retour.get("status") == "geaccepteerd"

    def verwerk_opnieuw(
        self,
        soort: str,
        ontvangen: datetime,
        retour: dict[str, Any],
        sleutel: str,
        vingerafdruk: str,
        doorzendingen: list[dict[str, Any]] | None = None,
        plaats: str | None = None,
    ) -> None:
        """Een nieuwe poging na een afwijzing; een geaccepteerd bericht wordt niet opnieuw verwerkt."""
        if self.geaccepteerd:
            raise ValueError(f"bericht {self.bericht_id} van {self.afzender} is al geaccepteerd")
        self._opnieuw_verwerkt(soort, ontvangen, retour, sleutel, vingerafdruk, doorzendingen or [], plaats)

    def zelfde_levering(self, plaats: str | None, vingerafdruk: str) -> bool:
        """Of dit dezelfde levering is als de laatst beantwoorde (dezelfde plaats en inhoud), en dus geen nieuwe poging."""
        return plaats is not None and self.plaats == plaats and self.vingerafdruk == vingerafdruk

    class OpnieuwVerwerkt(Aggregate.Event):
        class_version = 2

        soort: str
        ontvangen: datetime
        retour: dict[str, Any]
        sleutel: str
        vingerafdruk: str
        doorzendingen: list[dict[str, Any]]
        plaats: str | None = None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Versie 1 wist niet waar het bericht binnenkwam."""
            state["plaats"] = None

    @event(OpnieuwVerwerkt)
    def _opnieuw_verwerkt(
        self,
        soort: str,
        ontvangen: datetime,
        retour: dict[str, Any],
        sleutel: str,
        vingerafdruk: str,
        doorzendingen: list[dict[str, Any]],
        plaats: str | None = None,
    ) -> None:
        self.soort = soort
        self.ontvangen = ontvangen
        self.retour = retour
        self.sleutel = sleutel
        self.vingerafdruk = vingerafdruk
        self.doorzendingen = doorzendingen
        self.plaats = plaats
