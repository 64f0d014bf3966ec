"""Brengt de leesmodellen bij uit de eventstore en rekent er het kwartaalrapport uit."""

from __future__ import annotations

from hub.contracten.catalogus import Catalogus
from hub.koppelingen.leesmodellen import Leesmodellen, werk_bij
from hub.projections.kwartaal import Kwartaalfeiten
from hub.projections.register import alle_projecties, factuuroordelen, zoek
from hub.projections.termijnbewaking import Termijnbewaking
from hub.rapportage import Kwartaalrapport, Rapporteur
from hub.toepassing import Hub


def rapporteur(hub: Hub, catalogus: Catalogus, leesmodellen: Leesmodellen | None) -> Rapporteur:
    projecties = alle_projecties(catalogus)
    werk_bij(hub, projecties, leesmodellen)
    feiten = zoek(projecties, Kwartaalfeiten)
    termijnen = zoek(projecties, Termijnbewaking)
    assert isinstance(feiten, Kwartaalfeiten) and isinstance(termijnen, Termijnbewaking)
    return Rapporteur(feiten, termijnen, catalogus, factuuroordelen(projecties))


def kwartaalrapport(hub: Hub, catalogus: Catalogus, leesmodellen: Leesmodellen | None, gemeente: str, kwartaal: str,
                    providers: list[str] | None = None) -> Kwartaalrapport:
    return rapporteur(hub, catalogus, leesmodellen).rapport(gemeente, kwartaal, providers)
