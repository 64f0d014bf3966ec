"""Per gemeente wat het kwartaalrapport leest, naast de leesmodellen bewaard.

De volledige leesmodellen laden (alle gemeenten, met de factuurcontrole) kost bij een miljoen events
seconden. Na elke volledige berekening wordt daarom per gemeente een uittreksel bewaard: de feiten en
termijnsignalen van haar aanbieders en het oordeel over haar facturen, met de positie in de eventstore en een
vingerafdruk van de contracten. Het uittreksel geldt alleen zolang er geen nieuwe events en geen andere
contracten zijn; anders rekent het rapport weer vanuit de leesmodellen. Het is afgeleid, nooit de bron.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hub.contracten.catalogus import Catalogus
from hub.projections.kwartaal import Kwartaalfeiten
from hub.projections.termijnbewaking import Termijnbewaking

VERSIE = 2


@dataclass(frozen=True)
class Code:
    code: str


@dataclass(frozen=True)
class Regelcodes:
    bevindingen: list[Code]


@dataclass(frozen=True)
class Factuurcodes:
    """Van een factuuroordeel alleen wat het rapport telt: de codes van de bevindingen per regel."""

    gemeente: str
    afzender: str
    factuurnummer: str
    factuurdatum: date
    regels: list[Regelcodes]


def _codes(oordeel: Any) -> Factuurcodes:
    regels = [Regelcodes([Code(b.code) for b in r.bevindingen]) for r in oordeel.regels]
    return Factuurcodes(oordeel.gemeente, oordeel.afzender, oordeel.factuurnummer, oordeel.factuurdatum, regels)


def vingerafdruk(catalogus: Catalogus) -> str:
    return hashlib.sha256(repr((catalogus.partijen, catalogus.contracten)).encode()).hexdigest()


def _bestand(map_: Path, gemeente: str) -> Path:
    return map_ / "rapport" / f"{gemeente}.pickle"


def bewaar(map_: Path, gemeente: str, positie: int, catalogus: Catalogus, feiten: Kwartaalfeiten,
           termijnen: Termijnbewaking, oordelen: list[Any] | None) -> None:
    inhoud = {
        "partijen": {k: v for k, v in feiten.partijen.items() if k[0] == gemeente},
        "signalen": {k: v for k, v in termijnen.signalen.items() if k[0] == gemeente},
        "lopend_per_partij": {k: v for k, v in termijnen.lopend_per_partij.items() if k[0] == gemeente},
        "oordelen": None if oordelen is None else [_codes(o) for o in oordelen],
    }
    bestand = _bestand(map_, gemeente)
    bestand.parent.mkdir(parents=True, exist_ok=True)
    fd, tijdelijk = tempfile.mkstemp(dir=bestand.parent, prefix=f".{gemeente}.")
    with os.fdopen(fd, "wb") as fh:
        pickle.dump((VERSIE, positie, vingerafdruk(catalogus), inhoud), fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tijdelijk, bestand)


def laad(map_: Path, gemeente: str, positie: int, catalogus: Catalogus) -> tuple[Kwartaalfeiten, Termijnbewaking, list[Any] | None] | None:
    """Het uittreksel als het bij `positie` en deze contracten hoort, anders None."""
    bestand = _bestand(map_, gemeente)
    if not bestand.exists():
        return None
    try:
        with bestand.open("rb") as fh:
            versie, bewaard, afdruk, inhoud = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
        return None
    if versie != VERSIE or bewaard != positie or afdruk != vingerafdruk(catalogus):
        return None
    feiten, termijnen = Kwartaalfeiten(), Termijnbewaking()
    feiten.partijen = inhoud["partijen"]
    termijnen.signalen = inhoud["signalen"]
    termijnen.lopend_per_partij = inhoud["lopend_per_partij"]
    return feiten, termijnen, inhoud["oordelen"]
