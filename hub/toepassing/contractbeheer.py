"""De contracten zoals de inkoper ze nakijkt: laden en valideren, en de prijsafspraken om te tonen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hub.contracten.catalogus import Catalogus


@dataclass(frozen=True)
class Contractcontrole:
    contracten: int
    producten: int


class Contractbeheer:
    """`laad(map)` leest en valideert de contractbestanden (map None: de ingestelde) en meldt een fout in een contract
    met een uitzondering die zegt welk bestand en welk veld."""

    def __init__(self, laad: Callable[[Path | None], Catalogus]):
        self.laad = laad

    def controleer(self, map_: Path | None = None) -> Contractcontrole:
        catalogus = self.laad(map_)
        return Contractcontrole(len(catalogus.contracten), sum(len(c.producten) for c in catalogus.contracten))

    def catalogus(self, map_: Path | None = None) -> Catalogus:
        return self.laad(map_)
