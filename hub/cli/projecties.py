"""`hub projecties herbouw | bijwerken | status`: de leesmodellen naast de eventstore."""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures.process import BrokenProcessPool

from rich.table import Table

from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import console, opdracht
from hub.cli.invoer import voorbeeld
from hub.cli.voortgang import Voortgangsregel


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("projecties", help="leesmodellen bijwerken, herbouwen en bekijken",
                            epilog=voorbeeld("hub projecties status", "hub projecties herbouw --processen 2"))
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    for naam, functie, hulp in (
        ("herbouw", _herbouw, "bouw alle leesmodellen opnieuw op uit de events"),
        ("bijwerken", _bijwerken, "verwerk de nieuwe events in alle leesmodellen"),
        ("status", _status, "toon per leesmodel de positie en de achterstand"),
    ):
        actie = acties.add_parser(naam, help=hulp, epilog=voorbeeld(
            f"hub projecties {naam}" + (" --processen 2" if naam == "herbouw" else "")))
        actie.set_defaults(uitvoeren=opdracht(functie))
        if naam == "herbouw":
            actie.add_argument("--processen", type=int, metavar="N",
                               help="aantal processen dat tegelijk bouwt (standaard één per core)")


def _herbouw(args: argparse.Namespace, hub: Onderdelen) -> int:
    """Alle leesmodellen opnieuw uit de events; elk event telt in het model van zijn gemeente."""
    begin = time.perf_counter()
    try:
        with Voortgangsregel("Leesmodellen herbouwen") as regel:
            klaar = hub.leesmodelbeheer.herbouw(args.processen, regel.melder)
    except BrokenProcessPool:
        print("Een van de processen die de leesmodellen bouwden, stopte onverwacht (te weinig geheugen?). Probeer "
              "`hub projecties herbouw --processen 1`; de leesmodellen worden anders bij het volgende gebruik opgebouwd.",
              file=sys.stderr)
        return 1
    duur = time.perf_counter() - begin
    snelheid = f" ({klaar.events / duur:,.0f} events/s)".replace(",", ".") if duur > 0 and klaar.events else ""
    processen = f" in {klaar.processen} processen" if klaar.processen > 1 else ""
    print(f"Leesmodellen herbouwd voor {', '.join(klaar.gemeenten)} ({', '.join(klaar.delen)}) "
          f"uit {klaar.events} events in {duur:.1f} s{snelheid}{processen}.")
    return 0


def _bijwerken(args: argparse.Namespace, hub: Onderdelen) -> int:
    print(f"{hub.leesmodelbeheer.bijwerken()} nieuwe events verwerkt.")
    return 0


def _status(args: argparse.Namespace, hub: Onderdelen) -> int:
    laatste, standen = hub.leesmodelbeheer.stand()
    tabel = Table(title=f"Leesmodellen (laatste event in de eventstore: {laatste})")
    for kolom in ("leesmodel", "versie", "positie", "achterstand", "opslag"):
        tabel.add_column(kolom)
    for stand in standen:
        tabel.add_row(stand.naam, stand.versie, str(stand.positie), str(stand.achterstand),
                      stand.plek or "nog niet gebouwd")
    console().print(tabel)
    return 0
