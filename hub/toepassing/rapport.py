"""De kwartaalrapportage voor de inkoper, uit de leesmodellen van één gemeente.

Alleen de leesmodellen van die gemeente worden bijgewerkt (zie `hub.projections.gemeentemodel`); van de
factuurcontrole tellen alleen de facturen uit het kwartaal en de trendkwartalen ervoor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from hub.aggregates.doorbelasting import Doorbelasting
from hub.contracten.catalogus import Catalogus
from hub.domein.kalender import kwartaal_grenzen, vorige_kwartalen
from hub.projections.basis import Projectie
from hub.projections.kwartaal import Kwartaalfeiten
from hub.projections.register import factuuroordelen, zoek
from hub.projections.termijnbewaking import Termijnbewaking
from hub.rapportage import Kwartaalrapport, Rapporteur
from hub.rapportage.berekening import TREND_KWARTALEN
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.poorten import Leesmodelbron, Voortgang


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


def kwartaalrapport(projecties: list[Projectie], catalogus: Catalogus, gemeente: str, kwartaal: str,
                    providers: list[str] | None = None,
                    penvoerders: dict[str, Kwartaalfeiten] | None = None,
                    doorbelastingen: Iterable[Doorbelasting] = ()) -> Kwartaalrapport:
    """Het rapport uit bijgewerkte projecties; zonder factuurcontrole rekent het zonder oordelen. `penvoerders`: de
    kwartaalfeiten van de penvoerders van gedeelde budgetten waar de gemeente aan meedoet."""
    feiten = zoek(projecties, Kwartaalfeiten)
    termijnen = zoek(projecties, Termijnbewaking)
    assert isinstance(feiten, Kwartaalfeiten) and isinstance(termijnen, Termijnbewaking)
    oordelen = factuuroordelen(projecties, _facturen_in_beeld(feiten, gemeente, kwartaal, providers))
    return Rapporteur(feiten, termijnen, catalogus, oordelen, penvoerders, doorbelastingen).rapport(
        gemeente, kwartaal, providers)


def penvoerders_van(catalogus: Catalogus, gemeente: str) -> list[str]:
    """De andere gemeenten die voor een gedeeld budget van deze gemeente de facturen krijgen."""
    return sorted({c.verdeelsleutel.penvoerder for c in catalogus.contracten
                   if c.verdeelsleutel is not None and gemeente in c.gemeenten and c.verdeelsleutel.penvoerder != gemeente})


class Rapportage:
    def __init__(self, leesmodellen: Leesmodelbron, catalogus: Catalogus,
                 doorbelastingen: Callable[[list[str]], list[Doorbelasting]] | None = None):
        """`doorbelastingen`: de geldende doorbelastingen van deze contracten (uit de eventstore)."""
        self.leesmodellen = leesmodellen
        self.catalogus = catalogus
        self.doorbelastingen = doorbelastingen

    def kwartaal(self, gemeente: str, kwartaal: str, aanbieders: list[str] | None = None,
                 met_factuurcontrole: bool = True, voortgang: Voortgang | None = None) -> Kwartaalrapport:
        """`voortgang`: gemeld terwijl de leesmodellen de events inhalen (bij een eerste rapport op een grote eventstore)."""
        partijen = self.catalogus.partijen
        if gemeente not in partijen.gemeentecodes():
            raise Onuitvoerbaar(f"Gemeente {gemeente!r} is onbekend; kies uit {', '.join(sorted(partijen.gemeentecodes()))}.")
        onbekend = [p for p in aanbieders or [] if p not in partijen.providercodes()]
        if onbekend:
            raise Onuitvoerbaar(f"Aanbieder {', '.join(onbekend)} is onbekend; kies uit {', '.join(self.catalogus.providers())}.")
        projecties = self.leesmodellen.van_gemeente(gemeente, met_factuurcontrole, voortgang)
        penvoerders = {}
        for penvoerder in penvoerders_van(self.catalogus, gemeente):
            feiten = zoek(self.leesmodellen.van_gemeente(penvoerder, met_factuurcontrole=False), Kwartaalfeiten)
            if isinstance(feiten, Kwartaalfeiten):
                penvoerders[penvoerder] = feiten
        gedeeld = [c.id for c in self.catalogus.contracten if c.verdeelsleutel is not None and gemeente in c.gemeenten]
        doorbelastingen = self.doorbelastingen(gedeeld) if self.doorbelastingen is not None and gedeeld else []
        return kwartaalrapport(projecties, self.catalogus, gemeente, kwartaal, aanbieders, penvoerders, doorbelastingen)
