"""Tegen welk budget een goedgekeurd bedrag telt: het plafond in geld van het contract (voor alle gemeenten samen)
waarvan de producten het product noemen, in het jaar van de factuurdatum. Zo rekent ook het budgetgebruik van de
kwartaalrapportage ("goedgekeurde bedragen van facturen met een factuurdatum in het jaar van het plafond"); een
plafond zonder jaar is elk jaar een nieuw budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hub.contracten.model import Contract


@dataclass(frozen=True)
class Budgetjaar:
    """Eén plafond van een contract in één jaar."""

    contract: str
    plafond: int
    """de plaats van het plafond in het contract"""
    omschrijving: str
    jaar: int
    bedrag: Decimal

    @property
    def naam(self) -> str:
        return f"{self.omschrijving or f'Budget {self.plafond + 1}'} {self.jaar}"


def budgetjaar(factuurdatum: date) -> int:
    """Het jaar van het plafond waartegen een goedgekeurd bedrag telt."""
    return factuurdatum.year


def budgetten(contract: Contract, jaar: int) -> list[Budgetjaar]:
    """De plafonds in geld die de gemeenten van het contract samen dragen, zoals ze in `jaar` gelden."""
    return [Budgetjaar(contract.id, i, p.omschrijving, jaar, p.bedrag) for i, p in enumerate(contract.plafonds)
            if p.gemeente is None and p.bedrag is not None and p.jaar in (None, jaar)]


def budget_van(contract: Contract, product: str, factuurdatum: date | None) -> Budgetjaar | None:
    """Het budget waartegen een regel voor `product` op een factuur van `factuurdatum` telt; None: buiten budget."""
    if factuurdatum is None:
        return None
    return next((b for b in budgetten(contract, budgetjaar(factuurdatum))
                 if not contract.plafonds[b.plafond].producten or product in contract.plafonds[b.plafond].producten),
                None)
