"""Alle projecties van de hub, voor bijwerken en herbouwen. Factuurcontrole doet mee zodra die bestaat."""

from __future__ import annotations

import importlib
from typing import Any

from hub.contracten.catalogus import Catalogus
from hub.projections.basis import Projectie
from hub.projections.gemeentemodel import Gemeentemodel
from hub.projections.kwartaal import Kwartaalfeiten
from hub.projections.termijnbewaking import Termijnbewaking


def factuurcontrole(catalogus: Catalogus) -> Projectie | None:
    try:
        module = importlib.import_module("hub.projections.factuurcontrole")
    except ModuleNotFoundError as exc:
        if exc.name == "hub.projections.factuurcontrole":
            return None
        raise
    klasse = getattr(module, "Factuurcontrole", None)
    return klasse(catalogus) if klasse is not None else None


def alle_projecties(catalogus: Catalogus) -> list[Projectie]:
    projecties: list[Projectie] = [Kwartaalfeiten(), Termijnbewaking()]
    controle = factuurcontrole(catalogus)
    if controle is not None:
        projecties.append(controle)
    return projecties


def gemeentemodel(catalogus: Catalogus, gemeente: str, met_factuurcontrole: bool = True) -> Gemeentemodel:
    """De leesmodellen van het kwartaalrapport voor één gemeente."""
    delen: list[Projectie] = [Kwartaalfeiten(), Termijnbewaking()]
    controle = factuurcontrole(catalogus) if met_factuurcontrole else None
    if controle is not None:
        delen.append(controle)
    return Gemeentemodel(gemeente, delen)


def gemeentemodellen(catalogus: Catalogus) -> list[Gemeentemodel]:
    return [gemeentemodel(catalogus, g) for g in sorted(catalogus.partijen.gemeentecodes())]


def zoek(projecties: list[Projectie], soort: type) -> Projectie | None:
    return next((p for p in projecties if isinstance(p, soort)), None)


def factuuroordelen(projecties: list[Projectie], sleutels: list[tuple[str, str]] | None = None) -> list | None:
    """De oordelen van de factuurcontrole (alle, of alleen die van `sleutels`: afzender en factuurnummer);
    None als die projectie er niet is."""
    controle: Any = next((p for p in projecties if type(p).__name__ == "Factuurcontrole"), None)
    if controle is None:
        return None
    if sleutels is not None and hasattr(controle, "oordeel"):
        return [o for o in (controle.oordeel(afzender, nummer) for afzender, nummer in sleutels) if o is not None]
    return controle.facturen()
