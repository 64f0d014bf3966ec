"""Jobcoachuren van het tweede jaar die naar het eerste jaar zijn overgeheveld (Heemstede, beleidsregels 2024
art. 11.2): de periode in het eerste jaar krijgt ze erbij, en de periodes van het tweede jaar hebben er samen zoveel
minder, eerst de vroegste periode. Het jaar van een periode telt vanaf de start van de eerste periode van dezelfde soort
op het traject (`domein.werkbegeleiding`)."""

from __future__ import annotations

from decimal import Decimal

from hub.controle.feiten import Periodefeiten
from hub.domein.werkbegeleiding import jaar_van_periode


def toegekend_na_overheveling(periode: Periodefeiten, periodes: list[Periodefeiten]) -> Decimal | None:
    """De uren die voor `periode` gelden; `periodes`: alle jobcoachperiodes van haar traject."""
    if periode.uren_toegekend is None:
        return None
    soortgenoten = sorted((p for p in periodes if p.soort == periode.soort), key=lambda p: p.start)
    if not soortgenoten:
        return periode.uren_toegekend + periode.overgeheveld
    eerste = soortgenoten[0].start
    jaar = jaar_van_periode(eerste, periode.start)
    if jaar == 1:
        return periode.uren_toegekend + periode.overgeheveld
    if jaar != 2:
        return periode.uren_toegekend
    nog = sum((p.overgeheveld for p in soortgenoten if jaar_van_periode(eerste, p.start) == 1), Decimal(0))
    for p in soortgenoten:
        if jaar_van_periode(eerste, p.start) != 2 or p.uren_toegekend is None:
            continue
        af = min(nog, p.uren_toegekend)
        if p is periode:
            return p.uren_toegekend - af
        nog -= af
    return periode.uren_toegekend
