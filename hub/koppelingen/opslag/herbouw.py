"""Alle leesmodellen opnieuw opbouwen uit de events, verdeeld over processen.

De leesmodellen (per gemeente: kwartaalfeiten, termijnbewaking, factuurcontrole) hangen niet van elkaar af,
dus elk proces bouwt er een deel van. Elk proces leest de hele notificatielog, maar decodeert alleen wat zijn
modellen aangaat (zie `Verdeler.relevant`). Verdeeld wordt eerst per soort leesmodel, over alle gemeenten:
zo weegt één grote gemeente niet zwaarder dan de rest. Een kleine eventstore herbouwt in het eigen proces:
een nieuw proces starten kost dan meer dan het oplevert.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, MutableSequence
from concurrent.futures import ProcessPoolExecutor, wait

from hub.contracten.catalogus import Catalogus
from hub.koppelingen.opslag.geheugen import zonder_gc
from hub.koppelingen.opslag.leesmodellen import Leesmodelopslag, werk_gemeenten_bij
from hub.projections.register import gemeentemodellen, leesmodel
from hub.toepassing.eventstore import Hub
from hub.toepassing.poorten import Herbouwd, Voortgang

PARALLEL_VANAF = 50_000
STANDAARDGEWICHT = {"factuurcontrole": 2}
"""Zonder vorig bestand: de factuurcontrole kost ongeveer zoveel als kwartaalfeiten en termijnbewaking samen."""

Eenheid = tuple[str, str]
"""gemeente en soort leesmodel"""


Bronmaker = Callable[[], tuple[Hub, Catalogus]]
"""Opent in een hulpproces een eigen eventstore en catalogus; moet te picklen zijn (een functie op moduleniveau)."""


def _lpt(groepen: dict[str, int], aantal: int) -> list[list[str]]:
    """Zwaarste eerst naar het lichtste proces."""
    bakken: list[list[str]] = [[] for _ in range(max(1, min(aantal, len(groepen))))]
    last = [0] * len(bakken)
    for naam in sorted(groepen, key=lambda n: (-groepen[n], n)):
        i = last.index(min(last))
        bakken[i].append(naam)
        last[i] += groepen[naam]
    return [b for b in bakken if b]


def verdeel(eenheden: list[Eenheid], gewicht: dict[Eenheid, int], aantal: int) -> list[list[Eenheid]]:
    """Groepen van eenheden, één per proces. Het gewicht is de grootte van het vorige leesmodel, anders
    `STANDAARDGEWICHT`. Niet meer processen dan soorten: per soort over alle gemeenten; anders per eenheid."""
    def weeg(e: Eenheid) -> int:
        return gewicht.get(e, STANDAARDGEWICHT.get(e[1], 1))

    soorten = sorted({deel for _, deel in eenheden})
    if aantal <= len(soorten):
        per_soort = {s: sum(weeg(e) for e in eenheden if e[1] == s) for s in soorten}
        return [sorted(e for e in eenheden if e[1] in bak) for bak in _lpt(per_soort, aantal)]
    namen = {f"{g}/{d}": (g, d) for g, d in eenheden}
    return [sorted(namen[n] for n in bak) for bak in _lpt({n: weeg(e) for n, e in namen.items()}, aantal)]


_standen: MutableSequence[int] | None = None
"""In een hulpproces: gedeeld geheugen met per proces de positie in de notificatielog, voor de voortgang."""


def _start_hulpproces(standen: MutableSequence[int]) -> None:
    global _standen
    _standen = standen


def _meld_stand(nummer: int) -> Voortgang:
    def meld(positie: int, _: int) -> None:
        if _standen is not None:
            _standen[nummer] = positie
    return meld


def _bouw(bron: Bronmaker | None, eenheden: list[Eenheid], opslag: Leesmodelopslag, hub: Hub | None = None,
          catalogus: Catalogus | None = None, nummer: int | None = None, voortgang: Voortgang | None = None) -> int:
    """Bouwt en bewaart de modellen van `eenheden`; in een hulpproces (`nummer`) met een eigen verbinding en catalogus."""
    if hub is None or catalogus is None:
        assert bron is not None, "een hulpproces opent zijn eigen eventstore"
        hub, catalogus = bron()
        opslag = opslag.voor(hub)
    if nummer is not None:
        voortgang = _meld_stand(nummer)
    modellen = [leesmodel(catalogus, g, d) for g, d in eenheden]
    with zonder_gc():
        gelezen = werk_gemeenten_bij(hub, modellen, None, voortgang=voortgang)
        for model in modellen:
            opslag.bewaar(model)
    return gelezen


def herbouw(hub: Hub, catalogus: Catalogus, leesmodellen: Leesmodelopslag, processen: int | None = None,
            bron: Bronmaker | None = None, voortgang: Voortgang | None = None) -> Herbouwd:
    """Verwijdert de bewaarde leesmodellen en bouwt ze opnieuw op; `processen` standaard één per core. Zonder
    `bron` (om in een hulpproces de eventstore te openen) bouwt alles in dit proces. `voortgang`: over processen
    de laagste positie, enkele keren per seconde."""
    modellen = gemeentemodellen(catalogus)
    opslag = leesmodellen.per_gemeente()
    groottes = opslag.groottes()
    gewicht = {(m.gemeente, m.delen[0].naam): groottes[m.naam] for m in modellen if m.naam in groottes}
    leesmodellen.wis()
    eenheden = [(m.gemeente, m.delen[0].naam) for m in modellen]
    if processen is None:
        processen = os.cpu_count() or 1
    aantal_events = hub.recorder.max_notification_id() or 0
    parallel = bron is not None and aantal_events >= PARALLEL_VANAF
    groepen = verdeel(eenheden, gewicht, processen if parallel else 1)
    if len(groepen) == 1:
        gelezen = _bouw(bron, eenheden, opslag, hub, catalogus, voortgang=voortgang)
    else:
        context = multiprocessing.get_context("spawn")
        standen = context.RawArray("q", len(groepen))
        with ProcessPoolExecutor(len(groepen), mp_context=context, initializer=_start_hulpproces,
                                 initargs=(standen,)) as uitvoerder:
            taken = [uitvoerder.submit(_bouw, bron, groep, opslag, nummer=i) for i, groep in enumerate(groepen)]
            bezig = set(taken)
            while bezig:
                _, bezig = wait(bezig, timeout=0.25)
                if voortgang is not None and min(standen):
                    voortgang(min(standen), aantal_events)
            gelezen = max(t.result() for t in taken)
    gemeenten = sorted({g for g, _ in eenheden})
    delen = list(dict.fromkeys(d for _, d in eenheden))
    return Herbouwd(gemeenten, delen, gelezen, len(groepen))
