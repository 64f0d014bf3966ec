"""`hub projecties herbouw` en `hub projecties status`: de leesmodellen naast de eventstore."""

from __future__ import annotations

import argparse
import time

from rich.console import Console
from rich.table import Table

from hub.cli.gedeeld import omgeving
from hub.koppelingen.rapport.geheugen import zonder_gc
from hub.koppelingen.leesmodellen import werk_bij
from hub.projections.register import gemeentemodellen

VOOR_DE_SPLITSING = ("kwartaalfeiten.pickle", "termijnbewaking.pickle", "factuurcontrole.pickle")


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
    """Alle leesmodellen in één doorgang door de eventstore; elk event telt in het model van zijn gemeente."""
    omg = omgeving()
    modellen, opslag = gemeentemodellen(omg.catalogus), omg.leesmodellen.per_gemeente()
    for model in modellen:
        opslag.verwijder(model)
    for oud in VOOR_DE_SPLITSING:
        (omg.leesmodellen.map / oud).unlink(missing_ok=True)
    begin = time.perf_counter()
    with zonder_gc():
        gelezen = werk_bij(omg.hub, modellen, None)
    for model in modellen:
        opslag.bewaar(model)
    duur = time.perf_counter() - begin
    snelheid = f" ({gelezen / duur:,.0f} events/s)".replace(",", ".") if duur > 0 and gelezen else ""
    print(f"Leesmodellen herbouwd voor {', '.join(m.gemeente for m in modellen)} "
          f"({', '.join(p.naam for p in modellen[0].delen) if modellen else '-'}) uit {gelezen} events in {duur:.1f} s{snelheid}.")
    return 0


def _bijwerken(args: argparse.Namespace) -> int:
    omg = omgeving()
    gelezen = werk_bij(omg.hub, gemeentemodellen(omg.catalogus), omg.leesmodellen.per_gemeente())
    print(f"{gelezen} nieuwe events verwerkt.")
    return 0


def _status(args: argparse.Namespace) -> int:
    omg = omgeving()
    laatste = omg.hub.recorder.max_notification_id() or 0
    tabel = Table(title=f"Leesmodellen (laatste event in de eventstore: {laatste})")
    for kolom in ("leesmodel", "versie", "positie", "achterstand", "bestand"):
        tabel.add_column(kolom)
    opslag = omg.leesmodellen.per_gemeente()
    for model in gemeentemodellen(omg.catalogus):
        opslag.laad(model)
        bestand = opslag.map / f"{model.naam}.pickle"
        tabel.add_row(model.naam, str(model.versie), str(model.positie), str(laatste - model.positie),
                      str(bestand) if bestand.exists() else "nog niet gebouwd")
    Console(width=160).print(tabel)
    return 0
