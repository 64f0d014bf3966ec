"""Wat betaald moet worden en wat al betaald is, afgeleid uit het oordeel over de facturen.

Regel: een goedgekeurde regel wordt betaald met het gefactureerde bedrag plus de gefactureerde BTW;
een regel waarvan het verwachte bedrag is goedgekeurd met dat bedrag plus de BTW uit het contract;
een afgewezen regel of een regel van € 0,00 niet. Elke regel gaat in precies één betaalbatch.

Een betaalde regel die daarna gecrediteerd is, wordt verrekend met de volgende betaling aan dezelfde aanbieder bij
dezelfde gemeente. Een overboeking kan niet negatief zijn: is er te weinig te betalen om alles te verrekenen, dan
wachten de betalingen aan die aanbieder tot het kan (of tot de gemeente het bedrag anders terugvordert).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from hub.domein.geld import bedrag
from hub.projections.oordeel import Factuuroordeel


@dataclass(frozen=True)
class TeBetalen:
    """De regels van één factuur en het bedrag incl. BTW; met `verrekening` een aftrek (zie boven)."""

    oordeel: Factuuroordeel
    regelnummers: list[int]
    bedrag: Decimal
    verrekening: bool = False


@dataclass(frozen=True)
class Betaalbatch:
    batch_id: str
    op: datetime | None
    gemeenten: list[str]
    aanbieders: list[str]
    betalingen: int
    regels: int
    totaal: Decimal


_ONBEKEND = datetime.min.replace(tzinfo=UTC)

Regelsleutel = tuple[str, str, int]
"""(aanbieder, factuurnummer, regelnummer)"""


def betaalvoorstel(facturen: list[Factuuroordeel], behalve: Collection[Regelsleutel] = ()) -> dict[str, list[TeBetalen]]:
    """Per gemeente de facturen met goedgekeurde, nog niet betaalde regels; één betaling per factuur. `behalve`: regels
    die al in een batch staan die op vrijgave wacht."""
    posten: dict[tuple[str, str], list[TeBetalen]] = {}
    for factuur in facturen:
        vrij = [r for r in factuur.regels if (factuur.afzender, factuur.factuurnummer, r.regelnummer) not in behalve]
        for verrekening, regels in ((False, [r for r in vrij if r.te_betalen > 0]),
                                    (True, [r for r in vrij if r.te_verrekenen > 0])):
            if regels:
                totaal = bedrag(sum((r.te_verrekenen if verrekening else r.te_betalen for r in regels), Decimal(0)))
                posten.setdefault((factuur.gemeente, factuur.afzender), []).append(
                    TeBetalen(factuur, [r.regelnummer for r in regels], totaal, verrekening))
    voorstel: dict[str, list[TeBetalen]] = {}
    for (gemeente, _), eigen in sorted(posten.items(), key=lambda p: p[0]):
        te_betalen = sum((p.bedrag for p in eigen if not p.verrekening), Decimal(0))
        te_verrekenen = sum((p.bedrag for p in eigen if p.verrekening), Decimal(0))
        if te_betalen > te_verrekenen:
            voorstel.setdefault(gemeente, []).extend(eigen)
    for lijst in voorstel.values():
        lijst.sort(key=lambda p: p.oordeel.ontvangen or _ONBEKEND)
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
        for r in factuur.regels:
            if r.verrekend_in is not None and r.verrekend_in in per_batch:
                per_batch[r.verrekend_in]["totaal"] -= r.betaald_bedrag or Decimal(0)
    return sorted(
        (
            Betaalbatch(batch_id, b["op"], sorted(b["gemeenten"]), sorted(b["aanbieders"]), len(b["facturen"]), b["regels"], bedrag(b["totaal"]))
            for batch_id, b in per_batch.items()
        ),
        key=lambda b: (b.op or datetime.min, b.batch_id),
    )
