"""Projecties: leesmodellen die alleen uit events ontstaan en hun positie in de eventstore bijhouden.

Een projectie houdt haar toestand in gewone Python-structuren. De koppeling die haar bewaart
(`hub.koppelingen.opslag.leesmodellen`) schrijft toestand en positie samen weg, zodat een herstart
verdergaat waar de vorige ophield en niets dubbel telt; herbouwen is beginnen bij positie 0.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar


class Projectie(ABC):
    naam: ClassVar[str]
    versie: ClassVar[int] = 1

    def __init__(self) -> None:
        self.positie = 0
        self._afhandelaars: dict[type, Callable[[Any], None]] = self.afhandelaars()

    @abstractmethod
    def afhandelaars(self) -> dict[type, Callable[[Any], None]]:
        """Per eventklasse de methode die het event verwerkt; andere events slaat de projectie over."""

    @property
    def afhandelaars_per_soort(self) -> dict[type, Callable[[Any], None]]:
        return self._afhandelaars

    def verwerk(self, event: Any, positie: int) -> None:
        afhandelaar = self._afhandelaars.get(type(event))
        if afhandelaar is not None:
            afhandelaar(event)
        self.positie = positie

    def toestand(self) -> dict[str, Any]:
        """Wat bewaard wordt; standaard alle publieke attributen behalve de positie."""
        return {k: v for k, v in vars(self).items() if not k.startswith("_") and k != "positie"}

    def herstel(self, toestand: dict[str, Any], positie: int) -> None:
        vars(self).update(toestand)
        self.positie = positie
