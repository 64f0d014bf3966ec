"""Beheer van de leesmodellen: bijwerken, herbouwen uit de events, en de stand per leesmodel."""

from __future__ import annotations

from hub.toepassing.poorten import Herbouwd, Leesmodelbron, Leesmodelstand, Voortgang


class Leesmodelbeheer:
    def __init__(self, leesmodellen: Leesmodelbron):
        self.leesmodellen = leesmodellen

    def bijwerken(self) -> int:
        return self.leesmodellen.bijwerken()

    def herbouw(self, processen: int | None = None, voortgang: Voortgang | None = None) -> Herbouwd:
        """Alle leesmodellen opnieuw uit de events; `processen` standaard één per core."""
        return self.leesmodellen.herbouw(processen, voortgang)

    def stand(self) -> tuple[int, list[Leesmodelstand]]:
        """Het laatste event in de eventstore en per leesmodel versie, positie en achterstand."""
        return self.leesmodellen.stand()
