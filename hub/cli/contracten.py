"""`hub contracten controleer` en `hub contracten toon`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.table import Table

from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import console, opdracht
from hub.cli.invoer import voorbeeld
from hub.domein.geld import euro
from hub.koppelingen.opslag.contractbestanden import ContractFout


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("contracten", help="prijsafspraken controleren en tonen",
                            epilog=voorbeeld("hub contracten controleer", "hub contracten toon"))
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    for naam, functie, hulp in (
        ("controleer", _controleer, "controleer alle contractbestanden"),
        ("toon", _toon, "toon de prijsafspraken als tabel"),
    ):
        actie = acties.add_parser(naam, help=hulp, epilog=voorbeeld(f"hub contracten {naam}", f"hub contracten {naam} --map contracts"))
        actie.add_argument("--map", type=Path, help="map met contractbestanden (standaard: HUB_CONTRACTEN of contracts/)")
        actie.set_defaults(uitvoeren=opdracht(functie))


def _controleer(args: argparse.Namespace, hub: Onderdelen) -> int:
    try:
        controle = hub.contractbeheer.controleer(args.map)
    except ContractFout as fout:
        print(f"Fout in contract {fout}", file=sys.stderr)
        return 1
    print(f"{controle.contracten} contracten met {controle.producten} producten zijn in orde.")
    return 0


def _toon(args: argparse.Namespace, hub: Onderdelen) -> int:
    catalogus = hub.contractbeheer.catalogus(args.map)
    tabel = Table(title="Prijsafspraken", show_lines=False)
    for kolom in ("aanbieder", "gemeenten", "product", "naam", "prijs", "eenheid", "BTW", "geldig", "regels"):
        tabel.add_column(kolom)
    for contract in catalogus.contracten:
        naam = catalogus.partijen.naam(contract.provider)
        gemeenten = ", ".join(contract.gemeenten)
        for product in contract.producten:
            regels = _regels(product)
            if not product.prijzen:
                tabel.add_row(naam, gemeenten, product.code, product.naam, "geen prijs", product.eenheid,
                              f"{contract.btw_voor(product)} %", _periode(contract.geldig_van, contract.geldig_tot), regels)
            for prijs in product.prijzen:
                bedrag = ("max. " if product.prijs_is_maximum else "") + euro(prijs.bedrag)
                tabel.add_row(naam, gemeenten, product.code, product.naam, bedrag, product.eenheid,
                              f"{contract.btw_voor(product)} %", _periode(prijs.geldig_van, prijs.geldig_tot), regels)
        for plafond in contract.plafonds:
            wat = euro(plafond.bedrag) if plafond.bedrag is not None else f"{plafond.aantal} cliënten"
            tabel.add_row(naam, plafond.gemeente or gemeenten, "plafond", plafond.omschrijving, wat,
                          "per jaar", "", str(plafond.jaar or "elk jaar"), "")
        if contract.doelstelling:
            d = contract.doelstelling
            tabel.add_row(naam, gemeenten, "doel", d.omschrijving, f"uitstroom {d.vergelijking} {d.uitstroom_werk_procent} %",
                          "", "", _periode(contract.geldig_van, contract.geldig_tot), "")
    console().print(tabel)
    return 0


def _periode(van, tot) -> str:
    return f"{van:%d-%m-%Y} t/m {tot:%d-%m-%Y}" if tot else f"vanaf {van:%d-%m-%Y}"


def _regels(product) -> str:
    delen = []
    if product.noshow_staffel:
        delen.append("no-show " + " / ".join(f"{p} %" for p in product.noshow_staffel))
    if product.bonus:
        delen.append(f"bonus bij plaatsing binnen {product.bonus.binnen_maanden} mnd")
    if product.nazorg_maximum_maanden:
        delen.append(f"max. {product.nazorg_maximum_maanden} maanden")
    if product.maximum_aantal:
        delen.append(f"max. {product.maximum_aantal} per traject")
    if product.gevolgd_door:
        delen.append(f"gevolgd door {product.gevolgd_door}")
    return "; ".join(delen)
