"""Leesmodel voor de kwartaalrapportage: per traject, jobcoachperiode en factuur de feiten met hun datum.

De projectie rekent niet per kwartaal; ze bewaart de gedateerde feiten, gegroepeerd per gemeente en
aanbieder, zodat de rapportage elk kwartaal (en de trend) uit dezelfde feiten kan tellen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from hub.aggregates.factuur import Factuur, Factuurregel
from hub.aggregates.jobcoachperiode import Jobcoachperiode
from hub.aggregates.traject import Traject
from hub.controle.feiten import Periodefeiten
from hub.controle.trajectfeiten import LATERE_EVENTS, Trajectfeiten
from hub.projections.basis import Projectie
from hub.projections.waarden import gedeeld


@dataclass
class Regelfeiten:
    regelnummer: int
    product: str
    aantal: Decimal
    bedrag: Decimal
    periode_eind: date | None
    periode_id: str | None


@dataclass
class Factuurfeiten:
    afzender: str
    gemeente: str
    factuurnummer: str
    factuurdatum: date
    regels: list[Regelfeiten]
    besluiten: dict[int, tuple[str, Decimal]] = field(default_factory=dict)


@dataclass
class Partijfeiten:
    """Alles van één aanbieder bij één gemeente."""

    trajecten: list[Trajectfeiten] = field(default_factory=list)
    periodes: list[Periodefeiten] = field(default_factory=list)
    facturen: list[Factuurfeiten] = field(default_factory=list)


def regelfeiten(regel: Factuurregel) -> Regelfeiten:
    return Regelfeiten(
        regelnummer=regel.regelnummer,
        product=gedeeld(regel.product or ""),
        aantal=gedeeld(regel.aantal if regel.aantal is not None else Decimal(0)),
        bedrag=gedeeld(regel.bedrag if regel.bedrag is not None else Decimal(0)),
        periode_eind=gedeeld(regel.periode_eind),
        periode_id=regel.periode_id,
    )


class Kwartaalfeiten(Projectie):
    """Sleutels zijn `originator_id.int`: een geheel getal laadt veel sneller dan een UUID."""

    naam = "kwartaalfeiten"
    versie = 6

    def __init__(self) -> None:
        super().__init__()
        self.partijen: dict[tuple[str, str], Partijfeiten] = {}
        self.trajecten: dict[int, Trajectfeiten] = {}
        self.periodes: dict[int, Periodefeiten] = {}
        self.facturen: dict[int, Factuurfeiten] = {}

    def partij(self, gemeente: str, provider: str) -> Partijfeiten:
        return self.partijen.get((gemeente, provider)) or Partijfeiten()

    def providers_van(self, gemeente: str) -> list[str]:
        return sorted(p for g, p in self.partijen if g == gemeente)

    def _groep(self, gemeente: str, provider: str) -> Partijfeiten:
        sleutel = (gemeente, provider)
        groep = self.partijen.get(sleutel)
        if groep is None:
            groep = self.partijen[sleutel] = Partijfeiten()
        return groep

    def afhandelaars(self) -> dict[type, Callable[[Any], None]]:
        return {
            Traject.Aangemeld: self._aangemeld,
            **{soort: self._traject_feit for soort in LATERE_EVENTS},
            Jobcoachperiode.Aangevraagd: self._aangevraagd,
            Jobcoachperiode.Toegekend: self._toegekend,
            Jobcoachperiode.UrenVerantwoord: self._uren,
            Jobcoachperiode.UrenOvergeheveld: self._overgeheveld,
            Factuur.FactuurOntvangen: self._factuur,
            Factuur.RegelBesloten: self._besloten,
            Factuur.BesluitGecorrigeerd: self._gecorrigeerd,
        }

    def _aangemeld(self, e: Any) -> None:
        feiten = Trajectfeiten.uit_aanmelding(e, gedeeld)
        self.trajecten[e.originator_id.int] = feiten
        self._groep(e.gemeente, e.provider).trajecten.append(feiten)

    def _traject_feit(self, e: Any) -> None:
        self.trajecten[e.originator_id.int].verwerk(e, gedeeld)

    def _aangevraagd(self, e: Any) -> None:
        feiten = Periodefeiten(gemeente=e.gemeente, periode_id=e.periode_id, traject_id=e.traject_id, provider=e.provider,
                               soort=e.soort, start=e.start, eind=e.eind)
        self.periodes[e.originator_id.int] = feiten
        self._groep(e.gemeente, e.provider).periodes.append(feiten)

    def _toegekend(self, e: Any) -> None:
        p = self.periodes[e.originator_id.int]
        p.start, p.eind, p.uren_toegekend = e.start, e.eind, Decimal(e.uren_toegekend)

    def _uren(self, e: Any) -> None:
        self.periodes[e.originator_id.int].uren.extend((r.datum, r.uren) for r in e.regels)

    def _overgeheveld(self, e: Any) -> None:
        self.periodes[e.originator_id.int].overgeheveld += Decimal(e.uren)

    def _factuur(self, e: Any) -> None:
        feiten = Factuurfeiten(e.afzender, e.gemeente, e.factuurnummer, e.factuurdatum, [regelfeiten(r) for r in e.regels])
        self.facturen[e.originator_id.int] = feiten
        self._groep(e.gemeente, e.afzender).facturen.append(feiten)

    def _besloten(self, e: Any) -> None:
        self.facturen[e.originator_id.int].besluiten[e.regelnummer] = (gedeeld(e.besluit), gedeeld(Decimal(e.bedrag)))

    def _gecorrigeerd(self, e: Any) -> None:
        self.facturen[e.originator_id.int].besluiten.pop(e.regelnummer, None)
