"""`hub rapport kwartaal`: de kwartaalrapportage voor de inkoper als HTML, CSV, XLSX of JSON."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import opdracht
from hub.cli.invoer import partijcode, voorbeeld
from hub.cli.voortgang import Voortgangsregel
from hub.koppelingen.weergave import FORMATEN


def _kwartaal(tekst: str) -> str:
    if not re.fullmatch(r"\d{4}-Q[1-4]", tekst):
        raise argparse.ArgumentTypeError(f"{tekst!r} is geen kwartaal; schrijf JJJJ-Q1 t/m JJJJ-Q4, bijv. 2024-Q2")
    return tekst


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("rapport", help="rapportages voor de inkoper",
                            epilog=voorbeeld("hub rapport kwartaal --gemeente amstelveen --kwartaal 2024-Q2 --uit rapport.html"))
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    kwartaal = acties.add_parser("kwartaal", help="kwartaalrapportage per gemeente (en aanbieder)", epilog=voorbeeld(
        "hub rapport kwartaal --gemeente Amstelveen --kwartaal 2024-Q2 --uit rapport.html",
        "hub rapport kwartaal --gemeente heemstede --aanbieder agros --kwartaal 2024-Q1 --formaat csv"))
    kwartaal.add_argument("--gemeente", required=True, type=partijcode, help="gemeente, bijv. heemstede of Heemstede")
    kwartaal.add_argument("--aanbieder", action="append", type=partijcode,
                          help="aanbiedercode; herhaal voor meer aanbieders (standaard: alle aanbieders van de gemeente)")
    kwartaal.add_argument("--kwartaal", required=True, type=_kwartaal, help="kwartaal als JJJJ-QN, bijv. 2024-Q2")
    kwartaal.add_argument("--formaat", choices=sorted(FORMATEN), default="html", help="uitvoerformaat (standaard html)")
    kwartaal.add_argument("--uit", type=Path, help="schrijf naar dit bestand in plaats van naar standaarduitvoer")
    kwartaal.set_defaults(uitvoeren=opdracht(_kwartaalrapport))


def _kwartaalrapport(args: argparse.Namespace, hub: Onderdelen) -> int:
    if not hub.eventstore.recorder.max_notification_id():
        return _lege_datamap(hub)
    with Voortgangsregel("Leesmodellen bijwerken voor het rapport") as regel:
        rapport = hub.rapportage.kwartaal(args.gemeente, args.kwartaal, args.aanbieder, voortgang=regel.melder)
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


def _lege_datamap(hub: Onderdelen) -> int:
    """Een rapport vol nullen lijkt op een echt rapport; zonder events schrijven we er dus geen."""
    data = hub.instellingen.data
    melding = f"De datamap {data} bevat nog geen events; er is geen rapport geschreven."
    if (data / "demo").is_dir():
        melding += (f" De gegevens van `hub demo` staan in {data / 'demo'}; gebruik die met "
                    f"HUB_DATA={data / 'demo'} hub rapport kwartaal …")
    else:
        melding += " Zet HUB_DATA op de map van de hub (na `hub demo`: HUB_DATA=hub-data/demo)."
    print(melding, file=sys.stderr)
    return 1
