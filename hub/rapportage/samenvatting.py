"""Wat een inkoper eerst wil weten van een aanbieder: doelstelling gehaald, budget gebruikt, de grootste bevindingen."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hub.domein.bevinding import naam
from hub.rapportage.model import Budgetgebruik, Providercijfers

AANTAL_BEVINDINGEN = 3


@dataclass(frozen=True)
class Bevindingtelling:
    code: str
    naam: str
    regels: int


@dataclass(frozen=True)
class Samenvatting:
    provider: str
    naam: str
    naar_werk: int
    beeindigd: int
    uitstroom_procent: Decimal | None
    doel: str | None
    """De doelstelling als tekst, bijv. `≥ 50 %`; None zonder doelstelling in het contract."""
    gehaald: bool | None
    """None: geen doelstelling, of geen beëindigingen om haar aan te meten."""
    budget: Budgetgebruik | None
    """Het eerste budgetplafond in geld; None als het contract er geen heeft."""
    bevindingen: list[Bevindingtelling] | None
    """De meest voorkomende bevindingen (hoogstens drie); None als er geen factuurcontrole is."""


def samenvatting(c: Providercijfers) -> Samenvatting:
    doel = c.uitstroom.doel
    gesorteerd = None if c.bevindingen is None else sorted(c.bevindingen, key=lambda b: (-b[1], b[0]))
    return Samenvatting(
        provider=c.provider,
        naam=c.naam,
        naar_werk=c.uitstroom.naar_werk,
        beeindigd=c.uitstroom.beeindigd,
        uitstroom_procent=c.uitstroom.procent,
        doel=f"{doel.vergelijking} {doel.uitstroom_werk_procent} %".replace(">=", "≥") if doel else None,
        gehaald=c.uitstroom.gehaald,
        budget=next((b for b in c.budget if b.plafond is not None), None),
        bevindingen=None if gesorteerd is None else [
            Bevindingtelling(code, naam(code), n) for code, n in gesorteerd[:AANTAL_BEVINDINGEN] if n
        ],
    )
