"""Alle leesmodellen opnieuw opbouwen uit de events, verdeeld over processen.

De leesmodellen staan per gemeente en hangen niet van elkaar af, dus elk proces bouwt die van een deel van de
gemeenten. Elk proces leest de hele notificatielog, maar decodeert alleen wat zijn gemeenten aangaat (zie
`van_deze_gemeenten`); decoderen en verwerken, het grootste deel van het werk, wordt zo verdeeld. Een kleine
eventstore herbouwt in het eigen proces: een nieuw proces starten kost dan meer dan het oplevert.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from hub.contracten.catalogus import Catalogus
from hub.instellingen import Instellingen
from hub.koppelingen.contractbestanden import laad_catalogus
from hub.koppelingen.leesmodellen import Leesmodellen, werk_gemeenten_bij
from hub.koppelingen.rapport.geheugen import zonder_gc
from hub.projections.register import gemeentemodel
from hub.toepassing import Hub, open_hub

PARALLEL_VANAF = 50_000
VOOR_DE_SPLITSING = ("kwartaalfeiten.pickle", "termijnbewaking.pickle", "factuurcontrole.pickle")


@dataclass(frozen=True)
class Herbouwd:
    gemeenten: list[str]
    delen: list[str]
    events: int
    processen: int


def verdeel(gemeenten: list[str], gewicht: dict[str, int], aantal: int) -> list[list[str]]:
    """Zwaarste eerst naar het lichtste proces. Het gewicht is de grootte van het vorige model van de gemeente;
    zonder vorig model tellen alle gemeenten even zwaar."""
    groepen: list[list[str]] = [[] for _ in range(max(1, min(aantal, len(gemeenten))))]
    last = [0] * len(groepen)
    for gemeente in sorted(gemeenten, key=lambda g: (-gewicht.get(g, 1), g)):
        i = last.index(min(last))
        groepen[i].append(gemeente)
        last[i] += gewicht.get(gemeente, 1)
    return [sorted(g) for g in groepen if g]


def _bouw(instellingen: Instellingen, gemeenten: list[str], opslag: Path, hub: Hub | None = None,
          catalogus: Catalogus | None = None) -> tuple[int, list[str]]:
    """Bouwt en bewaart de modellen van `gemeenten`; in een hulpproces met een eigen verbinding en catalogus."""
    hub = hub or open_hub(instellingen)
    catalogus = catalogus or laad_catalogus(instellingen.contracten)
    modellen = [gemeentemodel(catalogus, g) for g in gemeenten]
    with zonder_gc():
        gelezen = werk_gemeenten_bij(hub, modellen, None)
        bewaarplaats = Leesmodellen(opslag)
        for model in modellen:
            bewaarplaats.bewaar(model)
    return gelezen, [p.naam for p in modellen[0].delen]


def herbouw(hub: Hub, instellingen: Instellingen, catalogus: Catalogus, leesmodellen: Leesmodellen,
            processen: int | None = None) -> Herbouwd:
    """Verwijdert de bewaarde leesmodellen en bouwt ze opnieuw op; `processen` standaard één per core."""
    gemeenten = sorted(catalogus.partijen.gemeentecodes())
    opslag = leesmodellen.per_gemeente()
    gewicht = {}
    for gemeente in gemeenten:
        bestand = opslag.map / f"{gemeentemodel(catalogus, gemeente).naam}.pickle"
        if bestand.exists():
            gewicht[gemeente] = bestand.stat().st_size
            bestand.unlink()
    for oud in VOOR_DE_SPLITSING:
        (leesmodellen.map / oud).unlink(missing_ok=True)
    if processen is None:
        processen = os.cpu_count() or 1
    aantal_events = hub.recorder.max_notification_id() or 0
    groepen = verdeel(gemeenten, gewicht, processen if aantal_events >= PARALLEL_VANAF else 1)
    if len(groepen) == 1:
        gelezen, delen = _bouw(instellingen, gemeenten, opslag.map, hub, catalogus)
        return Herbouwd(gemeenten, delen, gelezen, 1)
    with ProcessPoolExecutor(len(groepen), mp_context=multiprocessing.get_context("spawn")) as uitvoerder:
        klaar = list(uitvoerder.map(_bouw, [instellingen] * len(groepen), groepen, [opslag.map] * len(groepen)))
    return Herbouwd(gemeenten, klaar[0][1], max(gelezen for gelezen, _ in klaar), len(groepen))
