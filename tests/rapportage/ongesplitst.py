"""De projecties over alle gemeenten samen in één model, om de leesmodellen per gemeente mee te vergelijken."""

from __future__ import annotations

from hub.contracten.catalogus import Catalogus
from hub.projections.basis import Projectie
from hub.projections.factuurcontrole import Factuurcontrole
from hub.projections.kwartaal import Kwartaalfeiten
from hub.projections.termijnbewaking import Termijnbewaking


def ongesplitst(catalogus: Catalogus) -> list[Projectie]:
    return [Kwartaalfeiten(), Termijnbewaking(), Factuurcontrole(catalogus)]
