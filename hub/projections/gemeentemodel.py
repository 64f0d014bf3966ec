"""De leesmodellen van de hub, per gemeente apart bijgehouden en bewaard.

Een rapport gaat altijd over één gemeente, maar de leesmodellen voor alle gemeenten samen laden kost bij een
miljoen events seconden (vooral de factuurcontrole). `Gemeentemodel` geeft een gewone projectie
(kwartaalfeiten, termijnbewaking of de factuurcontrole) daarom alleen de events van één gemeente. Welke
aggregates bij de gemeente horen, leert het model uit hun eerste event (aanmelding, jobcoachaanvraag,
ontvangen factuur: die dragen de gemeente); latere events herkent het aan `originator_id`. Elk model heeft
een eigen positie en een eigen bestand, zodat het herbouwen de soorten leesmodellen over processen kan
verdelen en het rapport zonder factuurcontrole die niet hoeft te laden.

Gekozen boven leesmodellen in SQLite-tabellen: de projecties blijven gewone Python-code, en over gemeenten
heen kijken (de werkvoorraad, `Facturen`) is ze samen lezen. Alles waar het oordeel van de factuurcontrole
van afhangt (traject, periode, regels en plafonds van een aanbieder) ligt binnen één gemeente, dus het
oordeel over een regel is gelijk aan dat van één factuurcontrole over alle gemeenten (getest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from hub.aggregates.factuur import Factuur
from hub.aggregates.jobcoachperiode import Jobcoachperiode
from hub.aggregates.traject import Traject
from hub.projections.basis import Projectie

NIEUW: tuple[type, ...] = (Traject.Aangemeld, Jobcoachperiode.Aangevraagd, Factuur.FactuurOntvangen)
NIEUWE_TOPICS = frozenset(get_topic(soort) for soort in NIEUW)


def als_getal(originator_id: UUID | str) -> int:
    """Als `UUID.int`, ook voor de tekstvorm waarin SQLite het bewaart, zonder eerst een `UUID` te maken."""
    return originator_id.int if isinstance(originator_id, UUID) else int(originator_id.replace("-", ""), 16)


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

    def doelen(self) -> dict[type, tuple[Callable[[Any], None], ...]]:
        """Per eventklasse de afhandelaars van de delen, zonder de toets of het event bij deze gemeente hoort."""
        soorten = {soort for p in self.delen for soort in p.afhandelaars_per_soort}
        return {soort: tuple(p.afhandelaars_per_soort[soort] for p in self.delen if soort in p.afhandelaars_per_soort)
                for soort in soorten}

    def _doorgeven(self, soort: type) -> Callable[[Any], None]:
        doelen = self.doelen().get(soort, ())
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


class Verdeler(Projectie):
    """Verwerkt events voor gemeentemodellen die op dezelfde positie staan, met één opzoeking per event.

    Elk model afzonderlijk toetst bij elk event of het van hem is; met vijf gemeenten en drie leesmodellen is dat
    vijftien keer. De verdeler houdt bij van welke gemeente elk aggregate is en geeft het event alleen aan de
    modellen van die gemeente. Zijn positie is die van de modellen: werk_bij zet hem, en de verdeler zet hem door.
    """

    naam = "verdeler"

    def __init__(self, modellen: Iterable[Gemeentemodel]):
        self.modellen = list(modellen)
        self._per_gemeente: dict[str, tuple[list[set[int]], dict[type, tuple[Callable[[Any], None], ...]]]] = {}
        for model in self.modellen:
            eigen, doelen = self._per_gemeente.setdefault(model.gemeente, ([], {}))
            eigen.append(model.eigen)
            for soort, afhandelaars in model.doelen().items():
                doelen[soort] = doelen.get(soort, ()) + afhandelaars
        self._eigenaar = {sleutel: doelen for eigen, doelen in self._per_gemeente.values() for e in eigen for sleutel in e}
        posities = {m.positie for m in self.modellen}
        if len(posities) > 1:
            raise ValueError("de verdeler werkt alleen voor modellen op dezelfde positie")
        self._positie = posities.pop() if posities else 0
        self._afhandelaars = self.afhandelaars()
        self._topics = frozenset(get_topic(soort) for soort in self._afhandelaars)

    @property
    def positie(self) -> int:
        return self._positie

    @positie.setter
    def positie(self, waarde: int) -> None:
        self._positie = waarde
        for model in self.modellen:
            model.positie = waarde

    def afhandelaars(self) -> dict[type, Callable[[Any], None]]:
        soorten = {soort for _, doelen in self._per_gemeente.values() for soort in doelen}
        return {soort: self._nieuw(soort) if soort in NIEUW else self._later(soort) for soort in soorten | set(NIEUW)}

    def _nieuw(self, soort: type) -> Callable[[Any], None]:
        per_gemeente, eigenaar = self._per_gemeente, self._eigenaar

        def nieuw(e: Any) -> None:
            gevonden = per_gemeente.get(e.gemeente)
            if gevonden is None:
                return
            verzamelingen, doelen = gevonden
            sleutel = e.originator_id.int
            for eigen in verzamelingen:
                eigen.add(sleutel)
            eigenaar[sleutel] = doelen
            for doel in doelen.get(soort, ()):
                doel(e)
        return nieuw

    def _later(self, soort: type) -> Callable[[Any], None]:
        eigenaar = self._eigenaar

        def later(e: Any) -> None:
            doelen = eigenaar.get(e.originator_id.int)
            if doelen is not None:
                for doel in doelen.get(soort, ()):
                    doel(e)
        return later

    def relevant(self, topic: str, originator_id: UUID | str) -> bool:
        """Als `van_deze_gemeenten`, met één opzoeking."""
        if topic in NIEUWE_TOPICS:
            return True
        if topic not in self._topics:
            return False
        return als_getal(originator_id) in self._eigenaar


def van_deze_gemeenten(modellen: Iterable[Gemeentemodel]) -> Callable[[str, UUID | str], bool]:
    """Of een opgeslagen event (topic, originator_id) deze modellen iets zegt, te beslissen vóór het decoderen:
    eerste events altijd (die dragen de gemeente), latere alleen van hun eigen aggregates en als een deel ze
    verwerkt. Decoderen is het duurste van het lezen; events van andere gemeenten blijven zo ongedecodeerd."""
    modellen = list(modellen)
    topics = frozenset(get_topic(soort) for m in modellen for soort in m.afhandelaars_per_soort)
    eigen = [m.eigen for m in modellen]

    def relevant(topic: str, originator_id: UUID | str) -> bool:
        if topic in NIEUWE_TOPICS:
            return True
        if topic not in topics:
            return False
        sleutel = als_getal(originator_id)
        return any(sleutel in e for e in eigen)

    return relevant
