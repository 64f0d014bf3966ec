"""`hub projecties herbouw` en `hub projecties status`: de leesmodellen naast de eventstore."""

from __future__ import annotations

import argparse
import time

from rich.console import Console
from rich.table import Table

from hub.cli.gedeeld import omgeving
from hub.koppelingen.rapport.geheugen import zonder_gc
from hub.koppelingen.leesmodellen import werk_bij
from hub.projections.register import alle_projecties, gemeentemodellen


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("projecties", help="leesmodellen bijwerken, herbouwen en bekijken")
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    for naam, functie, hulp in (
        ("herbouw", _herbouw, "bouw alle leesmodellen opnieuw op uit de events"),
        ("bijwerken", _bijwerken, "verwerk de nieuwe events in alle leesmodellen"),
        ("status", _status, "toon per leesmodel de positie en de achterstand"),
    ):
        acties.add_parser(naam, help=hulp).set_defaults(uitvoeren=functie)


def _herbouw(args: argparse.Namespace) -> int:
    """De volledige leesmodellen en die per gemeente (voor het kwartaalrapport) in één keer door de eventstore."""
    omg = omgeving()
    volledig, per_gemeente = alle_projecties(omg.catalogus), gemeentemodellen(omg.catalogus)
    for projectie in volledig:
        omg.leesmodellen.verwijder(projectie)
    for model in per_gemeente:
        omg.leesmodellen.per_gemeente().verwijder(model)
    begin = time.perf_counter()
    with zonder_gc():
        gelezen = werk_bij(omg.hub, [*volledig, *per_gemeente], None)
    for projectie in volledig:
        omg.leesmodellen.bewaar(projectie)
    for model in per_gemeente:
        omg.leesmodellen.per_gemeente().bewaar(model)
    duur = time.perf_counter() - begin
    snelheid = f" ({gelezen / duur:,.0f} events/s)".replace(",", ".") if duur > 0 and gelezen else ""
    namen = ", ".join(p.naam for p in volledig)
    print(f"{len(volledig)} leesmodellen herbouwd ({namen}) en per gemeente ({', '.join(m.gemeente for m in per_gemeente)}) "
          f"uit {gelezen} events in {duur:.1f} s{snelheid}.")
    return 0


def _bijwerken(args: argparse.Namespace) -> int:
    omg = omgeving()
    gelezen = werk_bij(omg.hub, alle_projecties(omg.catalogus), omg.leesmodellen)
    werk_bij(omg.hub, gemeentemodellen(omg.catalogus), omg.leesmodellen.per_gemeente())
    print(f"{gelezen} nieuwe events verwerkt.")
    return 0


def _status(args: argparse.Namespace) -> int:
    omg = omgeving()
    laatste = omg.hub.recorder.max_notification_id() or 0
    tabel = Table(title=f"Leesmodellen (laatste event in de eventstore: {laatste})")
    for kolom in ("leesmodel", "versie", "positie", "achterstand", "bestand"):
        tabel.add_column(kolom)
    opslagen = [(p, omg.leesmodellen) for p in alle_projecties(omg.catalogus)]
    opslagen += [(m, omg.leesmodellen.per_gemeente()) for m in gemeentemodellen(omg.catalogus)]
    for projectie, opslag in opslagen:
        opslag.laad(projectie)
        bestand = opslag.map / f"{projectie.naam}.pickle"
        tabel.add_row(projectie.naam, str(projectie.versie), str(projectie.positie), str(laatste - projectie.positie),
                      str(bestand) if bestand.exists() else "nog niet gebouwd")
    Console(width=160).print(tabel)
    return 0
