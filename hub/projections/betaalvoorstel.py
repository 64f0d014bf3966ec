"""Wat betaald moet worden en wat al betaald is, afgeleid uit het oordeel over de facturen.

Regel: een goedgekeurde regel wordt betaald met het gefactureerde bedrag plus de gefactureerde BTW;
een regel waarvan het verwachte bedrag is goedgekeurd met dat bedrag plus de BTW uit het contract;
een afgewezen regel of een regel van € 0,00 niet. Elke regel gaat in precies één betaalbatch.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from hub.domein.geld import bedrag
from hub.projections.oordeel import Factuuroordeel


@dataclass(frozen=True)
class TeBetalen:
    oordeel: Factuuroordeel
    regelnummers: list[int]
    bedrag: Decimal


@dataclass(frozen=True)
class Betaalbatch:
    batch_id: str
    op: datetime | None
    gemeenten: list[str]
    aanbieders: list[str]
    betalingen: int
    regels: int
    totaal: Decimal


Regelsleutel = tuple[str, str, int]
"""(aanbieder, factuurnummer, regelnummer)"""


def betaalvoorstel(facturen: list[Factuuroordeel], behalve: Collection[Regelsleutel] = ()) -> dict[str, list[TeBetalen]]:
    """Per gemeente de facturen met goedgekeurde, nog niet betaalde regels; één betaling per factuur. `behalve`: regels
    die al in een batch staan die op vrijgave wacht."""
    voorstel: dict[str, list[TeBetalen]] = {}
    for factuur in facturen:
        regels = [r for r in factuur.regels
                  if r.te_betalen > 0 and (factuur.afzender, factuur.factuurnummer, r.regelnummer) not in behalve]
        if regels:
            totaal = bedrag(sum((r.te_betalen for r in regels), Decimal(0)))
            voorstel.setdefault(factuur.gemeente, []).append(TeBetalen(factuur, [r.regelnummer for r in regels], totaal))
    return voorstel


def betaalbatches(facturen: list[Factuuroordeel]) -> list[Betaalbatch]:
    per_batch: dict[str, dict] = {}
    for factuur in facturen:
        for r in factuur.regels:
            if r.betaald_in is None:
                continue
            b = per_batch.setdefault(
                r.betaald_in, {"op": r.betaald_op, "gemeenten": set(), "aanbieders": set(), "facturen": set(), "regels": 0, "totaal": Decimal(0)}
            )
            b["gemeenten"].add(factuur.gemeente)
            b["aanbieders"].add(factuur.afzender)
            b["facturen"].add((factuur.afzender, factuur.factuurnummer))
            b["regels"] += 1
            b["totaal"] += r.betaald_bedrag or Decimal(0)
    return sorted(
        (
            Betaalbatch(batch_id, b["op"], sorted(b["gemeenten"]), sorted(b["aanbieders"]), len(b["facturen"]), b["regels"], bedrag(b["totaal"]))
            for batch_id, b in per_batch.items()
        ),
        key=lambda b: (b.op or datetime.min, b.batch_id),
    )
