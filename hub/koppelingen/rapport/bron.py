"""Brengt de leesmodellen bij uit de eventstore en rekent er het kwartaalrapport uit."""

from __future__ import annotations

from hub.contracten.catalogus import Catalogus
from hub.koppelingen.rapport import uittreksel
from hub.koppelingen.rapport.geheugen import zonder_gc
from hub.domein.kalender import kwartaal_grenzen, vorige_kwartalen
from hub.koppelingen.leesmodellen import Leesmodellen, werk_bij
from hub.projections.basis import Projectie
from hub.projections.kwartaal import Kwartaalfeiten
from hub.projections.register import alle_projecties, factuuroordelen, zoek
from hub.projections.termijnbewaking import Termijnbewaking
from hub.rapportage import Kwartaalrapport, Rapporteur
from hub.rapportage.berekening import TREND_KWARTALEN
from hub.toepassing import Hub


def _facturen_in_beeld(feiten: Kwartaalfeiten, gemeente: str, kwartaal: str, providers: list[str] | None) -> list[tuple[str, str]]:
    """Afzender en nummer van de facturen die het rapport (met zijn trend) telt."""
    begin, _ = kwartaal_grenzen(vorige_kwartalen(kwartaal, TREND_KWARTALEN)[0])
    _, eind = kwartaal_grenzen(kwartaal)
    return [
        (f.afzender, f.factuurnummer)
        for provider in (providers if providers is not None else feiten.providers_van(gemeente))
        for f in feiten.partij(gemeente, provider).facturen
        if begin <= f.factuurdatum <= eind
    ]


def kwartaalrapport(hub: Hub, catalogus: Catalogus, leesmodellen: Leesmodellen | None, gemeente: str, kwartaal: str,
                    providers: list[str] | None = None, projecties: list[Projectie] | None = None) -> Kwartaalrapport:
    """`projecties`: standaard alle (met de factuurcontrole als die er is); dan mag een uittreksel het laden vervangen."""
    met_uittreksel = projecties is None and leesmodellen is not None
    if met_uittreksel:
        with zonder_gc():
            bewaard = uittreksel.laad(leesmodellen.map, gemeente, hub.recorder.max_notification_id() or 0, catalogus)
        if bewaard is not None:
            feiten, termijnen, oordelen = bewaard
            if oordelen is not None:
                in_beeld = set(_facturen_in_beeld(feiten, gemeente, kwartaal, providers))
                oordelen = [o for o in oordelen if (o.afzender, o.factuurnummer) in in_beeld]
            return Rapporteur(feiten, termijnen, catalogus, oordelen).rapport(gemeente, kwartaal, providers)
    projecties = alle_projecties(catalogus) if projecties is None else projecties
    with zonder_gc():
        werk_bij(hub, projecties, leesmodellen)
    feiten = zoek(projecties, Kwartaalfeiten)
    termijnen = zoek(projecties, Termijnbewaking)
    assert isinstance(feiten, Kwartaalfeiten) and isinstance(termijnen, Termijnbewaking)
    oordelen = factuuroordelen(projecties, _facturen_in_beeld(feiten, gemeente, kwartaal, providers))
    if met_uittreksel and leesmodellen is not None:
        alle = [(f.afzender, f.factuurnummer) for p in feiten.providers_van(gemeente) for f in feiten.partij(gemeente, p).facturen]
        positie = min(p.positie for p in projecties)
        uittreksel.bewaar(leesmodellen.map, gemeente, positie, catalogus, feiten, termijnen, factuuroordelen(projecties, alle))
    return Rapporteur(feiten, termijnen, catalogus, oordelen).rapport(gemeente, kwartaal, providers)
