"""De leesmodellen van de hub: per gemeente de kwartaalfeiten, de termijnbewaking en de factuurcontrole, elk een
eigen `Gemeentemodel` met een eigen positie en een eigen bestand. Samen dekken ze alle events van de gemeenten
uit `partijen.toml` (de hub weigert berichten van andere gemeenten)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hub.contracten.catalogus import Catalogus
from hub.projections.basis import Projectie
from hub.projections.facturen import Facturen
from hub.projections.factuurcontrole import Factuurcontrole
from hub.projections.gemeentemodel import Gemeentemodel
from hub.projections.kwartaal import Kwartaalfeiten
from hub.projections.termijnbewaking import Termijnbewaking

DELEN: dict[str, Callable[[Catalogus], Projectie]] = {
    Kwartaalfeiten.naam: lambda _: Kwartaalfeiten(),
    Termijnbewaking.naam: lambda _: Termijnbewaking(),
    Factuurcontrole.naam: Factuurcontrole,
}


def leesmodel(catalogus: Catalogus, gemeente: str, deel: str) -> Gemeentemodel:
    return Gemeentemodel(gemeente, [DELEN[deel](catalogus)])


def leesmodellen_van(catalogus: Catalogus, gemeente: str, met_factuurcontrole: bool = True) -> list[Gemeentemodel]:
    """De leesmodellen van één gemeente; zonder factuurcontrole rekent het kwartaalrapport zonder oordelen."""
    return [leesmodel(catalogus, gemeente, deel) for deel in DELEN if met_factuurcontrole or deel != Factuurcontrole.naam]


def gemeentemodellen(catalogus: Catalogus) -> list[Gemeentemodel]:
    """Alle leesmodellen van de hub."""
    return [m for g in sorted(catalogus.partijen.gemeentecodes()) for m in leesmodellen_van(catalogus, g)]


def factuurcontroles(catalogus: Catalogus) -> list[Gemeentemodel]:
    """De factuurcontrole van elke gemeente: wat de werkvoorraad, de betaalbatch en de factuurstatussen lezen."""
    return [leesmodel(catalogus, g, Factuurcontrole.naam) for g in sorted(catalogus.partijen.gemeentecodes())]


def delen(modellen: list[Gemeentemodel]) -> list[Projectie]:
    return [p for m in modellen for p in m.delen]


def facturen(modellen: list[Gemeentemodel]) -> Facturen:
    return Facturen(p for p in delen(modellen) if isinstance(p, Factuurcontrole))


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
