"""`hub demo`: het scenario door de echte broker in de echte eventstore."""

from __future__ import annotations

import argparse
import sys

from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import opdracht
from hub.cli.invoer import voorbeeld


def registreer(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="speel een realistisch scenario af en toon oordelen en rapportage",
                          description="De demo bewaart haar data in HUB_DATA/demo; bekijk die daarna met "
                                      "HUB_DATA=hub-data/demo voor de volgende opdrachten. Op PostgreSQL staan de events "
                                      "in het schema demo van dezelfde database (HUB_POSTGRES_SCHEMA=demo), dat bij elke "
                                      "start leeg begint.",
                          epilog=voorbeeld("hub demo", "HUB_DATA=hub-data/demo hub factuur lijst"))
    demo.set_defaults(uitvoeren=opdracht(_demo))

    sleutel = sub.add_parser("sleutel", help="sleutel voor versleutelde opslag van de events (HUB_SLEUTEL)",
                             epilog=voorbeeld("hub sleutel maak"))
    acties = sleutel.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    acties.add_parser("maak", help="maak een nieuwe sleutel", epilog=voorbeeld("hub sleutel maak")).set_defaults(uitvoeren=_sleutel_maak)


def _sleutel_maak(args: argparse.Namespace) -> int:
    from hub.koppelingen.opslag.eventstore import nieuwe_sleutel

    print(nieuwe_sleutel())
    print(
        "Zet deze waarde in HUB_SLEUTEL vóór de eerste start van een nieuwe eventstore. Bewaar hem buiten de "
        "datamap (bijv. in de sleutelkluis van de gemeente): zonder sleutel zijn de events onleesbaar.",
        file=sys.stderr,
    )
    return 0


def _demo(args: argparse.Namespace, hub: Onderdelen) -> int:
    from hub.demo.afsluiting import stappen_na_afloop
    from hub.demo.uitvoering import draai

    return draai(hub, stappen_na_afloop())
