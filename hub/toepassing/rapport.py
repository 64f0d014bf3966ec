"""Brengt de leesmodellen van één gemeente bij uit de eventstore en rekent er het kwartaalrapport uit.

Het rapport laadt alleen de leesmodellen van zijn gemeente (zie `hub.projections.gemeentemodel`), werkt
ze bij met de nieuwe events en bewaart ze pas bij een achterstand van `BEWAAR_NA` events: een kleine
achterstand opnieuw verwerken is goedkoper dan de modellen telkens wegschrijven. `hub projecties bijwerken`
houdt alle gemeenten bij, zodat die achterstand klein blijft.
"""

from __future__ import annotations

from hub.contracten.catalogus import Catalogus
from hub.domein.kalender import kwartaal_grenzen, vorige_kwartalen
from hub.koppelingen.opslag.leesmodellen import Leesmodellen, werk_bij, werk_gemeenten_bij
from hub.koppelingen.opslag.geheugen import zonder_gc
from hub.projections.basis import Projectie
from hub.projections.kwartaal import Kwartaalfeiten
from hub.projections.register import delen, factuuroordelen, leesmodellen_van, zoek
from hub.projections.termijnbewaking import Termijnbewaking
from hub.rapportage import Kwartaalrapport, Rapporteur
from hub.rapportage.berekening import TREND_KWARTALEN
from hub.toepassing.eventstore import Hub

BEWAAR_NA = 10_000


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


def bijgewerkte_projecties(hub: Hub, catalogus: Catalogus, leesmodellen: Leesmodellen | None, gemeente: str,
                           met_factuurcontrole: bool = True) -> list[Projectie]:
    modellen = leesmodellen_van(catalogus, gemeente, met_factuurcontrole)
    opslag = leesmodellen.per_gemeente() if leesmodellen is not None else None
    with zonder_gc():
        werk_gemeenten_bij(hub, modellen, opslag, bewaar_na=BEWAAR_NA)
    return delen(modellen)


def kwartaalrapport(hub: Hub, catalogus: Catalogus, leesmodellen: Leesmodellen | None, gemeente: str, kwartaal: str,
                    providers: list[str] | None = None, projecties: list[Projectie] | None = None,
                    met_factuurcontrole: bool = True) -> Kwartaalrapport:
    """`projecties`: standaard de leesmodellen van `gemeente`; andere (bijv. de volledige) worden eerst bijgewerkt."""
    if projecties is None:
        projecties = bijgewerkte_projecties(hub, catalogus, leesmodellen, gemeente, met_factuurcontrole)
    else:
        with zonder_gc():
            werk_bij(hub, projecties, leesmodellen)
    feiten = zoek(projecties, Kwartaalfeiten)
    termijnen = zoek(projecties, Termijnbewaking)
    assert isinstance(feiten, Kwartaalfeiten) and isinstance(termijnen, Termijnbewaking)
    oordelen = factuuroordelen(projecties, _facturen_in_beeld(feiten, gemeente, kwartaal, providers))
    return Rapporteur(feiten, termijnen, catalogus, oordelen).rapport(gemeente, kwartaal, providers)
