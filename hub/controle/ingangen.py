"""Waar het oordeel over een factuurregel van afhangt, als sleutels ('ingangen').

Naast de regel en haar factuur zelf: haar traject en het traject waaruit dat is omgezet ("t"), haar
jobcoachperiode ("p"), de regels van dezelfde aanbieder en gemeente op die trajecten ("rt") of periode ("rp"),
en het goedgekeurde in haar leverjaar ("j") als daar een plafond voor geldt. Wie een ingang wijzigt, stempelt
haar; zo weet de factuurcontrole welke regels opnieuw beoordeeld moeten worden.
"""

from __future__ import annotations

from typing import Callable

from hub.controle.feiten import Gefactureerd, Trajectfeiten

Ingang = tuple


def gevolgen(g: Gefactureerd) -> list[Ingang]:
    """De ingangen van andere regels die veranderen als `g` binnenkomt of een ander besluit krijgt."""
    r = g.regel
    uit: list[Ingang] = [("rt", g.afzender, g.gemeente, r.traject_id)]
    if r.periode_id is not None:
        uit.append(("rp", g.afzender, g.gemeente, r.periode_id))
    if r.leverdatum is not None:
        uit.append(("j", g.afzender, g.gemeente, r.leverdatum.year))
    return uit


def ingangen(g: Gefactureerd, trajecten: dict[tuple[str, str], Trajectfeiten],
             met_plafond: Callable[[str, str, int], bool]) -> list[Ingang]:
    r, gemeente = g.regel, g.gemeente
    uit: list[Ingang] = [("rt", g.afzender, gemeente, r.traject_id)]
    if r.traject_id is not None:
        uit.append(("t", gemeente, r.traject_id))
        traject = trajecten.get((gemeente, r.traject_id))
        if traject is not None and traject.omzetting_van:
            uit += [("t", gemeente, traject.omzetting_van), ("rt", g.afzender, gemeente, traject.omzetting_van)]
    if r.periode_id is not None:
        uit += [("p", gemeente, r.periode_id), ("rp", g.afzender, gemeente, r.periode_id)]
    if r.leverdatum is not None and met_plafond(g.afzender, gemeente, r.leverdatum.year):
        uit.append(("j", g.afzender, gemeente, r.leverdatum.year))
    return uit
