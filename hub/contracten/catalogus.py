"""Alle contracten samen: welke prijs geldt voor welke aanbieder, gemeente, product en datum."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hub.contracten.model import Contract, Doelstelling, Partijen, Plafond, Prijs, Product


@dataclass(frozen=True)
class Prijsafspraak:
    contract: Contract
    product: Product
    prijs: Prijs

    @property
    def bedrag(self) -> Decimal:
        return self.prijs.bedrag

    @property
    def btw_percentage(self) -> Decimal:
        return self.contract.btw_voor(self.product)


class OverlapFout(ValueError):
    pass


class Catalogus:
    def __init__(self, partijen: Partijen, contracten: list[Contract]):
        self.partijen = partijen
        self.contracten = list(contracten)
        self.versie = 0
        """Telt elke `vervang`: wie oordelen uit deze catalogus bewaart, ziet zo dat ze opnieuw moeten."""
        controleer_overlap(self.contracten)

    def vervang(self, contracten: list[Contract]) -> None:
        """Andere contracten op dezelfde plek: wie deze catalogus vasthoudt, ziet voortaan de nieuwe afspraken."""
        controleer_overlap(contracten)
        self.contracten = list(contracten)
        self.versie += 1

    def met(self, contract: Contract) -> Catalogus:
        """Een nieuwe catalogus waarin `contract` dat met hetzelfde id vervangt (of erbij komt)."""
        anders = [c for c in self.contracten if c.id != contract.id]
        plek = next((i for i, c in enumerate(self.contracten) if c.id == contract.id), len(anders))
        return Catalogus(self.partijen, [*anders[:plek], contract, *anders[plek:]])

    def contract(self, contract_id: str) -> Contract | None:
        return next((c for c in self.contracten if c.id == contract_id), None)

    def providers(self) -> list[str]:
        return sorted(self.partijen.providercodes())

    def contracten_van(self, provider: str, gemeente: str | None = None) -> list[Contract]:
        return [
            c for c in self.contracten if c.provider == provider and (gemeente is None or gemeente in c.gemeenten)
        ]

    def product(self, provider: str, gemeente: str, code: str, dag: date | None = None) -> Product | None:
        """Het product zoals een contract het beschrijft; zonder datum: in welk contract dan ook."""
        for contract in self.contracten_van(provider, gemeente):
            product = contract.product(code)
            if product is not None and (dag is None or contract.geldt_op(dag)):
                return product
        return None

    def contract_voor(self, provider: str, gemeente: str, code: str, dag: date) -> Contract | None:
        for contract in self.contracten_van(provider, gemeente):
            if contract.geldt_op(dag) and contract.product(code) is not None:
                return contract
        return None

    def prijsafspraak(self, provider: str, gemeente: str, code: str, dag: date) -> Prijsafspraak | None:
        for contract in self.contracten_van(provider, gemeente):
            product = contract.product(code)
            if product is None or not contract.geldt_op(dag):
                continue
            for prijs in product.prijzen:
                if prijs.geldt_op(dag):
                    return Prijsafspraak(contract, product, prijs)
        return None

    def jaarmaximum(self, provider: str, gemeente: str, jaar: int, dag: date) -> Prijsafspraak | None:
        """Het maximum voor jaar `jaar` van interne werkbegeleiding zoals het op `dag` geldt."""
        for contract in self.contracten_van(provider, gemeente):
            for product in contract.producten:
                if product.werkbegeleidingsjaar == jaar and contract.geldt_op(dag):
                    for prijs in product.prijzen:
                        if prijs.geldt_op(dag):
                            return Prijsafspraak(contract, product, prijs)
        return None

    def gekocht_met(self, provider: str, gemeente: str, codes: Iterable[str]) -> set[str]:
        """De gekochte producten en wat er volgens de contracten bij hoort: wat erop volgt (`gevolgd_door`) en wat
        erbij hoort (`hoort_bij`, de bonus bij zijn product), ook weer met wat daarop volgt en daarbij hoort."""
        gekocht = set(codes)
        producten = [p for c in self.contracten_van(provider, gemeente) for p in c.producten]
        while True:
            erbij = {p.gevolgd_door for p in producten if p.code in gekocht and p.gevolgd_door}
            erbij |= {p.code for p in producten if p.hoort_bij_producten() & gekocht}
            if erbij <= gekocht:
                return gekocht
            gekocht |= erbij

    def plafonds(self, provider: str, gemeente: str, jaar: int) -> list[Plafond]:
        return [
            p
            for c in self.contracten_van(provider, gemeente)
            for p in c.plafonds
            if p.jaar in (None, jaar) and (p.gemeente is None or p.gemeente == gemeente)
        ]

    def doelstelling(self, provider: str, gemeente: str, dag: date) -> Doelstelling | None:
        for contract in self.contracten_van(provider, gemeente):
            if contract.doelstelling is not None and contract.geldt_op(dag):
                return contract.doelstelling
        for contract in self.contracten_van(provider, gemeente):
            if contract.doelstelling is not None:
                return contract.doelstelling
        return None


def _overlappen(a_van: date, a_tot: date | None, b_van: date, b_tot: date | None) -> bool:
    return (a_tot is None or b_van <= a_tot) and (b_tot is None or a_van <= b_tot)


def controleer_overlap(contracten: list[Contract]) -> None:
    """Eén product van één aanbieder heeft voor een gemeente op elke dag hooguit één prijs."""
    for product_eigenaar in contracten:
        for product in product_eigenaar.producten:
            prijzen = product.prijzen
            for i, a in enumerate(prijzen):
                for b in prijzen[i + 1 :]:
                    if _overlappen(a.geldig_van, a.geldig_tot, b.geldig_van, b.geldig_tot):
                        raise OverlapFout(
                            f"contract {product_eigenaar.id}: prijzen van {product.code} per {a.geldig_van} en "
                            f"per {b.geldig_van} overlappen; laat de oude prijs eindigen vóór de nieuwe begint"
                        )
    for i, eerste in enumerate(contracten):
        for tweede in contracten[i + 1 :]:
            if eerste.provider != tweede.provider or not set(eerste.gemeenten) & set(tweede.gemeenten):
                continue
            if not _overlappen(eerste.geldig_van, eerste.geldig_tot, tweede.geldig_van, tweede.geldig_tot):
                continue
            gedeeld = {p.code for p in eerste.producten} & {p.code for p in tweede.producten}
            if gedeeld:
                raise OverlapFout(
                    f"contracten {eerste.id} en {tweede.id} gelden tegelijk voor product {', '.join(sorted(gedeeld))} "
                    f"van {eerste.provider}; laat het ene contract eindigen vóór het andere begint"
                )
