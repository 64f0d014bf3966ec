"""`hub rapport kwartaal`: de kwartaalrapportage voor de inkoper als HTML, CSV, XLSX of JSON."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import opdracht
from hub.koppelingen.weergave import FORMATEN


def _kwartaal(tekst: str) -> str:
    if not re.fullmatch(r"\d{4}-Q[1-4]", tekst):
        raise argparse.ArgumentTypeError(f"{tekst!r} is geen kwartaal; schrijf JJJJ-Q1 t/m JJJJ-Q4, bijv. 2024-Q2")
    return tekst


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("rapport", help="rapportages voor de inkoper")
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    kwartaal = acties.add_parser("kwartaal", help="kwartaalrapportage per gemeente (en aanbieder)")
    kwartaal.add_argument("--gemeente", required=True, help="gemeentecode, bijv. heemstede")
    kwartaal.add_argument("--aanbieder", action="append",
                          help="aanbiedercode; herhaal voor meer aanbieders (standaard: alle aanbieders van de gemeente)")
    kwartaal.add_argument("--kwartaal", required=True, type=_kwartaal, help="kwartaal als JJJJ-QN, bijv. 2024-Q2")
    kwartaal.add_argument("--formaat", choices=sorted(FORMATEN), default="html", help="uitvoerformaat (standaard html)")
    kwartaal.add_argument("--uit", type=Path, help="schrijf naar dit bestand in plaats van naar standaarduitvoer")
    kwartaal.set_defaults(uitvoeren=opdracht(_kwartaalrapport))


def _kwartaalrapport(args: argparse.Namespace, hub: Onderdelen) -> int:
    rapport = hub.rapportage.kwartaal(args.gemeente, args.kwartaal, args.aanbieder)
    inhoud = FORMATEN[args.formaat](rapport)
    if args.uit is not None:
        args.uit.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(inhoud, bytes):
            args.uit.write_bytes(inhoud)
        else:
            args.uit.write_text(inhoud, encoding="utf-8")
        print(f"Rapport geschreven naar {args.uit}.", file=sys.stderr)
    elif isinstance(inhoud, bytes):
        if sys.stdout.isatty():
            print("XLSX is binair; geef --uit BESTAND.xlsx op of stuur de uitvoer naar een bestand.", file=sys.stderr)
            return 2
        sys.stdout.buffer.write(inhoud)
    else:
        sys.stdout.write(inhoud)
    return 0
