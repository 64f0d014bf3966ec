"""Waar het oordeel over een factuurregel van afhangt, als sleutels ('ingangen').

Naast de regel en haar factuur zelf: haar traject en het traject waaruit dat is omgezet, haar
jobcoachperiode en de andere periodes op haar traject (de jaren van interne werkbegeleiding), de regels van
dezelfde aanbieder en gemeente op die trajecten of periode, en het goedgekeurde in haar leverjaar als daar een
plafond voor geldt. Wie een ingang wijzigt, stempelt haar; zo weet de factuurcontrole welke regels opnieuw
beoordeeld moeten worden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hub.controle.feiten import Gefactureerd
from hub.controle.trajectfeiten import Trajectfeiten


@dataclass(frozen=True, slots=True)
class Trajectingang:
    gemeente: str
    traject_id: str


@dataclass(frozen=True, slots=True)
class Periodeingang:
    gemeente: str
    periode_id: str


@dataclass(frozen=True, slots=True)
class PeriodesOpTraject:
    """De jobcoachperiodes van een traject: waar de jaren van interne werkbegeleiding van afhangen."""

    gemeente: str
    traject_id: str


@dataclass(frozen=True, slots=True)
class RegelsOpTraject:
    afzender: str
    gemeente: str
    traject_id: str | None


@dataclass(frozen=True, slots=True)
class RegelsOpPeriode:
    afzender: str
    gemeente: str
    periode_id: str


@dataclass(frozen=True, slots=True)
class GoedgekeurdInJaar:
    afzender: str
    gemeente: str
    jaar: int


Ingang = Trajectingang | Periodeingang | PeriodesOpTraject | RegelsOpTraject | RegelsOpPeriode | GoedgekeurdInJaar


def gevolgen(g: Gefactureerd) -> list[Ingang]:
    """De ingangen van andere regels die veranderen als `g` binnenkomt of een ander besluit krijgt."""
    r = g.regel
    uit: list[Ingang] = [RegelsOpTraject(g.afzender, g.gemeente, r.traject_id)]
    if r.periode_id is not None:
        uit.append(RegelsOpPeriode(g.afzender, g.gemeente, r.periode_id))
    if r.leverdatum is not None:
        uit.append(GoedgekeurdInJaar(g.afzender, g.gemeente, r.leverdatum.year))
    return uit


def ingangen(g: Gefactureerd, trajecten: dict[tuple[str, str], Trajectfeiten],
             met_plafond: Callable[[str, str, int], bool]) -> list[Ingang]:
    r, gemeente = g.regel, g.gemeente
    uit: list[Ingang] = [RegelsOpTraject(g.afzender, gemeente, r.traject_id)]
    if r.traject_id is not None:
        uit.append(Trajectingang(gemeente, r.traject_id))
        traject = trajecten.get((gemeente, r.traject_id))
        if traject is not None and traject.omzetting_van:
            uit += [Trajectingang(gemeente, traject.omzetting_van), RegelsOpTraject(g.afzender, gemeente, traject.omzetting_van)]
    if r.periode_id is not None:
        uit += [Periodeingang(gemeente, r.periode_id), RegelsOpPeriode(g.afzender, gemeente, r.periode_id)]
        if r.traject_id is not None:
            uit.append(PeriodesOpTraject(gemeente, r.traject_id))
    if r.leverdatum is not None and met_plafond(g.afzender, gemeente, r.leverdatum.year):
        uit.append(GoedgekeurdInJaar(g.afzender, gemeente, r.leverdatum.year))
    return uit
