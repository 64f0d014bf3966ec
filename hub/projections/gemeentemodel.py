"""De leesmodellen van het kwartaalrapport, per gemeente apart bijgehouden en bewaard.

Een rapport gaat altijd over één gemeente, maar de leesmodellen voor alle gemeenten samen laden kost bij een
miljoen events seconden (vooral de factuurcontrole). `Gemeentemodel` bundelt daarom per gemeente gewone
projecties (kwartaalfeiten, termijnbewaking en de factuurcontrole) en geeft ze alleen de events van die
gemeente. Welke aggregates bij de gemeente horen, leert het model uit hun eerste event (aanmelding,
jobcoachaanvraag, ontvangen factuur: die dragen de gemeente); latere events herkent het aan `originator_id`.

Gekozen boven leesmodellen in SQLite-tabellen: de projecties blijven dezelfde Python-code die ook de
volledige leesmodellen bouwt, dus het rapport per gemeente rekent precies zoals vóór deze splitsing. Alles
waar het oordeel van de factuurcontrole van afhangt (traject, periode, regels en plafonds van een aanbieder)
ligt binnen één gemeente, dus het oordeel over een regel is gelijk aan dat in de volledige factuurcontrole.

Het model is zelf een projectie met één positie; `werk_bij` en `Leesmodellen` behandelen het als elke andere.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable
from uuid import UUID

from eventsourcing.utils import get_topic

from hub.aggregates.factuur import Factuur
from hub.aggregates.jobcoachperiode import Jobcoachperiode
from hub.aggregates.traject import Traject
from hub.projections.basis import Projectie

NIEUW: tuple[type, ...] = (Traject.Aangemeld, Jobcoachperiode.Aangevraagd, Factuur.FactuurOntvangen)
NIEUWE_TOPICS = frozenset(get_topic(soort) for soort in NIEUW)


class Gemeentemodel(Projectie):
    versie = 1

    def __init__(self, gemeente: str, delen: list[Projectie]):
        self.gemeente = gemeente
        self.delen = delen
        self.naam = "-".join([gemeente, *(p.naam for p in delen)])  # type: ignore[misc]
        self.eigen: set[int] = set()
        super().__init__()

    def deel(self, soort: type) -> Any:
        return next((p for p in self.delen if isinstance(p, soort)), None)

    def afhandelaars(self) -> dict[type, Callable[[Any], None]]:
        soorten = {soort for p in self.delen for soort in p.afhandelaars_per_soort}
        return {soort: self._doorgeven(soort) for soort in soorten | set(NIEUW)}

    def _doorgeven(self, soort: type) -> Callable[[Any], None]:
        doelen = [p.afhandelaars_per_soort[soort] for p in self.delen if soort in p.afhandelaars_per_soort]
        eigen, gemeente = self.eigen, self.gemeente

        if soort in NIEUW:
            def nieuw(e: Any) -> None:
                if e.gemeente == gemeente:
                    eigen.add(e.originator_id.int)
                    for doel in doelen:
                        doel(e)
            return nieuw

        def later(e: Any) -> None:
            if e.originator_id.int in eigen:
                for doel in doelen:
                    doel(e)
        return later

    def toestand(self) -> dict[str, Any]:
        return {"eigen": self.eigen, "delen": {p.naam: (p.versie, p.toestand()) for p in self.delen}}

    def herstel(self, toestand: dict[str, Any], positie: int) -> None:
        """Alleen als elk deel er in dezelfde versie is; anders begint het model opnieuw bij positie 0."""
        bewaard = toestand["delen"]
        if set(bewaard) != {p.naam for p in self.delen} or any(bewaard[p.naam][0] != p.versie for p in self.delen):
            return
        for p in self.delen:
            p.herstel(bewaard[p.naam][1], positie)
        self.eigen.update(toestand["eigen"])
        self.positie = positie


def van_deze_gemeenten(modellen: Iterable[Gemeentemodel]) -> Callable[[str, UUID], bool]:
    """Of een opgeslagen event (topic, originator_id) deze modellen iets zegt, te beslissen vóór het decoderen:
    eerste events altijd (die dragen de gemeente), latere alleen van hun eigen aggregates en als een deel ze
    verwerkt. Decoderen is het duurste van het lezen; events van andere gemeenten blijven zo ongedecodeerd."""
    modellen = list(modellen)
    topics = frozenset(get_topic(soort) for m in modellen for soort in m.afhandelaars_per_soort)
    eigen = [m.eigen for m in modellen]

    def relevant(topic: str, originator_id: UUID) -> bool:
        if topic in NIEUWE_TOPICS:
            return True
        if topic not in topics:
            return False
        sleutel = originator_id.int
        return any(sleutel in e for e in eigen)

    return relevant
