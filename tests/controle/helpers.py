"""Zuivere controle zonder eventstore: feiten als gewone objecten."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from hub.controle import Gefactureerd, Kop, Periodefeiten, Trajectfeiten
from tests.factuur.wereld import regel as factuurregel


@dataclass
class Feiten:
    trajecten: list[Trajectfeiten] = field(default_factory=list)
    periodes: list[Periodefeiten] = field(default_factory=list)
    regels: list[Gefactureerd] = field(default_factory=list)

    def traject(self, gemeente: str, traject_id: str) -> Trajectfeiten | None:
        return next((t for t in self.trajecten if (t.gemeente, t.traject_id) == (gemeente, traject_id)), None)

    def periode(self, gemeente: str, periode_id: str) -> Periodefeiten | None:
        return next((p for p in self.periodes if (p.gemeente, p.periode_id) == (gemeente, periode_id)), None)

    def periodes_op_traject(self, gemeente: str, traject_id: str) -> list[Periodefeiten]:
        return [p for p in self.periodes if (p.gemeente, p.traject_id) == (gemeente, traject_id)]

    def regels_van(self, afzender: str, gemeente: str) -> list[Gefactureerd]:
        return sorted((g for g in self.regels if (g.afzender, g.gemeente) == (afzender, gemeente)), key=lambda g: g.volgorde)


def kop(afzender: str = "matchez", gemeente: str = "amstelveen", nummer: str = "F-1", factuurdatum: date = date(2024, 4, 10)) -> Kop:
    return Kop(afzender, gemeente, nummer, factuurdatum, datetime(2024, 4, 10, tzinfo=UTC), None, None, None)


def gefactureerd(k: Kop, ontvangst: int, *args: Any, besluit: str | None = None, **kwargs: Any) -> Gefactureerd:
    r = factuurregel(*args, **kwargs)
    g = Gefactureerd(k.afzender, k.gemeente, k.factuurnummer, (ontvangst, r.regelnummer), r)
    if besluit is not None:
        g.besluit = {"besluit": besluit, "bedrag": r.bedrag if besluit != "afgewezen" else Decimal(0), "door": "x", "reden": "x",
                     "op": datetime(2024, 4, 11, tzinfo=UTC)}
    return g
