"""De bewaarde leesmodellen (standaard in de database van de eventstore), bijgewerkt op het moment van vragen.

Een kleine achterstand opnieuw verwerken is goedkoper dan de modellen telkens wegschrijven: een rapport bewaart
zijn leesmodellen pas na `BEWAAR_NA` nieuwe events. `hub projecties bijwerken` en een draaiende hub houden alle
gemeenten bij, zodat die achterstand klein blijft.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from hub.contracten.catalogus import Catalogus
from hub.koppelingen.opslag.geheugen import zonder_gc
from hub.koppelingen.opslag.herbouw import Bronmaker, herbouw
from hub.koppelingen.opslag.leesmodellen import BEWAAR_NA, Leesmodelopslag, werk_gemeenten_bij
from hub.projections.basis import Projectie
from hub.projections.facturen import Facturen
from hub.projections.gemeentemodel import Gemeentemodel
from hub.projections.register import delen, facturen, factuurcontroles, gemeentemodellen, leesmodellen_van
from hub.toepassing.eventstore import Hub
from hub.toepassing.poorten import Herbouwd, Leesmodelstand, Voortgang


@dataclass
class Factuurcontrolevolging:
    """Alle factuurcontroles in het geheugen; `bij` verwerkt alleen de nieuwe events en schrijft niets weg."""

    eventstore: Hub
    modellen: list[Gemeentemodel]
    facturen: Facturen

    def bij(self) -> int:
        return werk_gemeenten_bij(self.eventstore, self.modellen)


class Leesmodelbestanden:
    def __init__(self, eventstore: Hub, catalogus: Catalogus, opslag: Leesmodelopslag | None,
                 bron_in_hulpproces: Bronmaker | None = None):
        """`opslag` None: alles in het geheugen, vanaf het eerste event. `bron_in_hulpproces`: opent eventstore en
        catalogus in een ander proces, voor herbouwen over processen."""
        self.eventstore = eventstore
        self.catalogus = catalogus
        self.opslag = opslag
        self.bron_in_hulpproces = bron_in_hulpproces
        self._factuurcontroles: list[Gemeentemodel] | None = None
        self._niet_bewaard = 0
        self._slot = threading.Lock()

    def _per_gemeente(self) -> Leesmodelopslag | None:
        return self.opslag.per_gemeente() if self.opslag is not None else None

    def _bij(self, modellen: list[Gemeentemodel], bewaar_na: int = 1, voortgang: Voortgang | None = None) -> int:
        with zonder_gc():
            return werk_gemeenten_bij(self.eventstore, modellen, self._per_gemeente(), bewaar_na=bewaar_na,
                                      voortgang=voortgang)

    def factuurcontrole(self, gemeenten: Iterable[str] | None = None) -> Facturen:
        with self._slot:
            modellen = self._gevolgde_factuurcontroles()
        if gemeenten is not None:
            gekozen = set(gemeenten)
            modellen = [m for m in modellen if m.gemeente in gekozen]
        return facturen(modellen)

    def factuurcontrole_met(self, catalogus: Catalogus, gemeenten: Iterable[str]) -> Facturen:
        """De factuurcontrole zoals ze met andere contracten zou zijn (een voorbeeld vóór een contractwijziging):
        de bewaarde leesmodellen worden gelezen, niet overschreven."""
        gekozen = set(gemeenten)
        modellen = [m for m in factuurcontroles(catalogus) if m.gemeente in gekozen]
        opslag = self._per_gemeente()
        for model in modellen:
            if opslag is not None:
                opslag.laad(model)
        with zonder_gc():
            werk_gemeenten_bij(self.eventstore, modellen)
        return facturen(modellen)

    def _gevolgde_factuurcontroles(self) -> list[Gemeentemodel]:
        """De factuurcontroles van alle gemeenten, één keer per proces van schijf geladen en daarna in het geheugen
        bijgewerkt met alleen de nieuwe events. De werkvoorraad en de factuurpagina vragen ze bij elk verzoek: ze
        steeds opnieuw laden en na elk nieuw event (ook een aanmelding) wegschrijven kostte seconden per verzoek.
        Bewaard wordt na `BEWAAR_NA` nieuwe events, zoals bij een rapport."""
        if self._factuurcontroles is None:
            modellen = factuurcontroles(self.catalogus)
            self._bij(modellen)
            self._factuurcontroles = modellen
            return modellen
        laatste = self.eventstore.recorder.max_notification_id() or 0
        if all(m.positie >= laatste for m in self._factuurcontroles):
            return self._factuurcontroles
        with zonder_gc():
            self._niet_bewaard += werk_gemeenten_bij(self.eventstore, self._factuurcontroles)
        opslag = self._per_gemeente()
        if opslag is not None and self._niet_bewaard >= BEWAAR_NA:
            for model in self._factuurcontroles:
                opslag.bewaar(model)
            self._niet_bewaard = 0
        return self._factuurcontroles

    def van_gemeente(self, gemeente: str, met_factuurcontrole: bool = True,
                     voortgang: Voortgang | None = None) -> list[Projectie]:
        modellen = leesmodellen_van(self.catalogus, gemeente, met_factuurcontrole)
        self._bij(modellen, bewaar_na=BEWAAR_NA, voortgang=voortgang)
        return delen(modellen)

    def volg_factuurcontroles(self) -> Factuurcontrolevolging:
        modellen = factuurcontroles(self.catalogus)
        opslag = self._per_gemeente()
        for model in modellen:
            if opslag is not None:
                opslag.laad(model)
        werk_gemeenten_bij(self.eventstore, modellen)
        return Factuurcontrolevolging(self.eventstore, modellen, facturen(modellen))

    def bijwerken(self) -> int:
        return werk_gemeenten_bij(self.eventstore, gemeentemodellen(self.catalogus), self._per_gemeente())

    def herbouw(self, processen: int | None = None, voortgang: Voortgang | None = None) -> Herbouwd:
        assert self.opslag is not None, "herbouwen schrijft de leesmodellen weg"
        return herbouw(self.eventstore, self.catalogus, self.opslag, processen, self.bron_in_hulpproces, voortgang)

    def stand(self) -> tuple[int, list[Leesmodelstand]]:
        assert self.opslag is not None, "de stand is die van de bewaarde leesmodellen"
        laatste = self.eventstore.recorder.max_notification_id() or 0
        opslag = self.opslag.per_gemeente()
        standen = []
        for model in gemeentemodellen(self.catalogus):
            opslag.laad(model)
            standen.append(Leesmodelstand(model.naam, "/".join(str(p.versie) for p in model.delen), model.positie,
                                          laatste - model.positie, opslag.plek(model)))
        return laatste, standen



