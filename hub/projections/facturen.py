"""De facturen van alle gemeenten samen: de werkvoorraad, de betaalbatch en de factuurstatussen kijken over
gemeenten heen, de factuurcontrole zelf loopt per gemeente (zie `hub.projections.gemeentemodel`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from hub.projections.factuurcontrole import Factuurcontrole
from hub.projections.oordeel import Factuuroordeel

_ONBEKEND = datetime.min.replace(tzinfo=UTC)


class Facturen:
    def __init__(self, delen: Iterable[Factuurcontrole]):
        self.delen = list(delen)
        self._tellers = [0] * len(self.delen)

    def facturen(self) -> list[Factuuroordeel]:
        """Alle facturen in volgorde van ontvangst."""
        return sorted((o for deel in self.delen for o in deel.facturen()), key=lambda o: o.ontvangen or _ONBEKEND)

    def gewijzigd(self) -> list[Factuuroordeel]:
        """De facturen die er sinds de vorige aanroep anders kunnen uitzien (de eerste keer: sinds het laden)."""
        uit = []
        for i, deel in enumerate(self.delen):
            oordelen, self._tellers[i] = deel.gewijzigd_sinds(self._tellers[i])
            uit += oordelen
        return sorted(uit, key=lambda o: o.ontvangen or _ONBEKEND)

    def oordeel(self, afzender: str, factuurnummer: str) -> Factuuroordeel | None:
        return next((o for deel in self.delen if (o := deel.oordeel(afzender, factuurnummer)) is not None), None)

    def afzenders_van(self, factuurnummer: str) -> list[str]:
        return sorted({a for deel in self.delen for a in deel.afzenders_van(factuurnummer)})
