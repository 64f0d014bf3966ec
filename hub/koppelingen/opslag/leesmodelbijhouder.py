"""Een draaiende hub houdt de leesmodellen bij, zodat rapporten en de werkvoorraad weinig hoeven in te halen.

De leesmodellen blijven in het geheugen en volgen de eventstore elke `INTERVAL` seconden; ze worden
weggeschreven zodra er `BEWAAR_NA` events bij zijn gekomen of `BEWAAR_ELKE` seconden voorbij zijn, en bij het
stoppen. Opdrachten als `hub rapport` en de webapplicatie lezen ze uit dezelfde opslag en halen alleen de kleine achterstand in.
Anders dan de korte opdrachten zet dit langlopende proces de garbage collector niet uit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from hub.contracten.catalogus import Catalogus
from hub.koppelingen.opslag.leesmodellen import BEWAAR_NA, Leesmodelopslag, werk_gemeenten_bij
from hub.projections.gemeentemodel import Gemeentemodel
from hub.projections.register import gemeentemodellen
from hub.toepassing.eventstore import Hub

log = logging.getLogger("hub.leesmodellen")

INTERVAL = 30.0
BEWAAR_ELKE = 300.0


class Leesmodelbijhouder:
    def __init__(self, hub: Hub, catalogus: Catalogus, leesmodellen: Leesmodelopslag, *, interval: float = INTERVAL):
        self.hub = hub
        self.catalogus = catalogus
        self.leesmodellen = leesmodellen
        self.interval = interval
        self.opslagen: list[tuple[Gemeentemodel, Leesmodelopslag]] = self._nieuw()
        self._sinds_bewaren = 0
        self._bewaard_op = time.monotonic()

    def _nieuw(self) -> list[tuple[Gemeentemodel, Leesmodelopslag]]:
        return [(m, self.leesmodellen.per_gemeente()) for m in gemeentemodellen(self.catalogus)]

    def _laad(self) -> None:
        for projectie, opslag in self.opslagen:
            opslag.laad(projectie)

    def bij(self, *, bewaar: bool = False) -> int:
        """Na een fout beginnen de modellen opnieuw vanaf het laatst bewaarde: een half verwerkt blok zou anders
        bij de volgende poging dubbel tellen."""
        try:
            gelezen = werk_gemeenten_bij(self.hub, [m for m, _ in self.opslagen])
        except Exception:
            self.opslagen = self._nieuw()
            self._laad()
            self._sinds_bewaren = 0
            raise
        self._sinds_bewaren += gelezen
        if self._sinds_bewaren and (
            bewaar or self._sinds_bewaren >= BEWAAR_NA or time.monotonic() - self._bewaard_op >= BEWAAR_ELKE
        ):
            for projectie, opslag in self.opslagen:
                opslag.bewaar(projectie)
            self._sinds_bewaren = 0
            self._bewaard_op = time.monotonic()
        return gelezen

    async def draai(self, stop: asyncio.Event) -> None:
        try:
            await asyncio.to_thread(self._laad)
            while not stop.is_set():
                try:
                    await asyncio.to_thread(self.bij)
                except Exception:
                    log.exception("leesmodellen konden niet worden bijgewerkt; volgende poging over %.0f s", self.interval)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.interval)
        finally:
            await asyncio.to_thread(self.bij, bewaar=True)
