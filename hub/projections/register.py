"""De leesmodellen van de hub: per gemeente één `Gemeentemodel` met de kwartaalfeiten, de termijnbewaking en de
factuurcontrole van die gemeente. Samen dekken ze alle events; elk event wordt in één gemeente verwerkt."""

from __future__ import annotations

from typing import Any

from hub.contracten.catalogus import Catalogus
from hub.projections.basis import Projectie
from hub.projections.factuurcontrole import Factuurcontrole
from hub.projections.facturen import Facturen
from hub.projections.gemeentemodel import Gemeentemodel
from hub.projections.kwartaal import Kwartaalfeiten
from hub.projections.termijnbewaking import Termijnbewaking


def gemeentemodel(catalogus: Catalogus, gemeente: str, met_factuurcontrole: bool = True) -> Gemeentemodel:
    """De leesmodellen van één gemeente; zonder factuurcontrole rekent het kwartaalrapport zonder oordelen."""
    delen: list[Projectie] = [Kwartaalfeiten(), Termijnbewaking()]
    if met_factuurcontrole:
        delen.append(Factuurcontrole(catalogus))
    return Gemeentemodel(gemeente, delen)


def gemeentemodellen(catalogus: Catalogus) -> list[Gemeentemodel]:
    """Alle leesmodellen: één per gemeente uit `partijen.toml` (de hub weigert berichten van andere gemeenten)."""
    return [gemeentemodel(catalogus, g) for g in sorted(catalogus.partijen.gemeentecodes())]


def facturen(modellen: list[Gemeentemodel]) -> Facturen:
    return Facturen(p for m in modellen if isinstance(p := m.deel(Factuurcontrole), Factuurcontrole))


def zoek(projecties: list[Projectie], soort: type) -> Projectie | None:
    return next((p for p in projecties if isinstance(p, soort)), None)


def factuuroordelen(projecties: list[Projectie], sleutels: list[tuple[str, str]] | None = None) -> list | None:
    """De oordelen van de factuurcontrole (alle, of alleen die van `sleutels`: afzender en factuurnummer);
    None als die projectie er niet is."""
    controle: Any = zoek(projecties, Factuurcontrole)
    if controle is None:
        return None
    if sleutels is not None:
        return [o for o in (controle.oordeel(afzender, nummer) for afzender, nummer in sleutels) if o is not None]
    return controle.facturen()
