"""`hub betaalbatch maak` en `hub betaalbatch toon`: goedgekeurde bedragen betalen via een SEPA-bestand (pain.001)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import console, opdracht
from hub.contracten.catalogus import Catalogus
from hub.domein.geld import euro
from hub.koppelingen.betaling.sepa import OPDRACHTGEVERS
from hub.projections.betaalvoorstel import Betaalbatch
from hub.toepassing.betalen import GemaakteBatch


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("betaalbatch", help="goedgekeurde factuurregels betalen (SEPA pain.001)")
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    maak = acties.add_parser("maak", help="maak per gemeente een SEPA-bestand met alle goedgekeurde, onbetaalde regels")
    maak.add_argument("--uitvoeringsdatum", type=date.fromisoformat, help="JJJJ-MM-DD (standaard: de volgende werkdag)")
    maak.add_argument("--uit", type=Path, help="map voor de bestanden (standaard: HUB_DATA/betaalbatches)")
    maak.add_argument("--opdrachtgevers", type=Path, default=OPDRACHTGEVERS,
                      help="TOML met per gemeente naam, iban en bic van de betalende rekening")
    maak.set_defaults(uitvoeren=opdracht(_maak))
    toon = acties.add_parser("toon", help="toon de gemaakte betaalbatches")
    toon.set_defaults(uitvoeren=opdracht(_toon))


def _maak(args: argparse.Namespace, hub: Onderdelen) -> int:
    gemaakt = hub.betalen.maak(hub.opdrachtgevers(args.opdrachtgevers), hub.betaalmap(args.uit), args.uitvoeringsdatum)
    toon_gemaakt(console(), gemaakt)
    return 0


def toon_gemaakt(uit: Console, gemaakt: list[GemaakteBatch]) -> None:
    if not gemaakt:
        uit.print("Er is niets te betalen: geen goedgekeurde regels die nog niet in een betaalbatch staan.")
        return
    for batch in gemaakt:
        uit.print(f"{batch.opdrachtgever.naam}: {len(batch.posten)} betaling(en), {euro(batch.totaal)}, uit te voeren op "
                  f"{batch.uitvoeringsdatum:%d-%m-%Y} → {batch.bestand}", soft_wrap=True)
    uit.print("Lever de bestanden aan bij de bank; elke regel staat nu in precies één betaalbatch.")


def _toon(args: argparse.Namespace, hub: Onderdelen) -> int:
    toon_batches(console(), hub.betalen.batches(), hub.catalogus)
    return 0


def toon_batches(uit: Console, batches: list[Betaalbatch], catalogus: Catalogus) -> None:
    if not batches:
        uit.print("Er zijn nog geen betaalbatches; maak er een met `hub betaalbatch maak`.", markup=False)
        return
    naam = catalogus.partijen.naam
    tabel = Table(title="Betaalbatches")
    for kolom in ("batch", "gemaakt", "gemeente", "aanbieders", "betalingen", "regels", "totaal incl. BTW"):
        tabel.add_column(kolom, justify="right" if kolom in ("betalingen", "regels", "totaal incl. BTW") else "left")
    for b in batches:
        tabel.add_row(b.batch_id, f"{b.op.astimezone():%d-%m-%Y %H:%M}" if b.op else "", ", ".join(map(naam, b.gemeenten)),
                      ", ".join(map(naam, b.aanbieders)), str(b.betalingen), str(b.regels), euro(b.totaal))
    uit.print(tabel)
