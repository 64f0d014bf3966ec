"""`hub aanbieder toegang`: de toegang tot de broker die een aanbieder meeneemt naar zijn eigen kantoor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import opdracht
from hub.cli.invoer import voorbeeld


def registreer(sub: argparse._SubParsersAction) -> None:
    aanbieder = sub.add_parser("aanbieder", help="aanbieders en hun toegang tot de broker",
                               epilog=voorbeeld("hub aanbieder toegang matchez"))
    acties = aanbieder.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    toegang = acties.add_parser(
        "toegang", help="schrijf het toegangsbestand (adres, CA-certificaat, sleutel) voor een aanbieder; "
                        "vernieuw of trek in",
        description="Het bestand bevat een geheime sleutel: geef het de aanbieder via een veilige weg. De hub bewaart "
                    "alleen de publieke sleutel. Een draaiende hub neemt de wijziging meteen over.",
        epilog=voorbeeld("hub aanbieder toegang matchez", "hub aanbieder toegang matchez --vernieuw --uit matchez.json",
                         "hub aanbieder toegang matchez --trek-in",
                         "hub stuur --toegang matchez.json factuur.json   # bij de aanbieder"),
    )
    toegang.add_argument("afzender", metavar="AFZENDER", help="providercode of 'gemeente'")
    keuze = toegang.add_mutually_exclusive_group()
    keuze.add_argument("--vernieuw", action="store_true", help="nieuwe sleutel; het vorige bestand werkt niet meer")
    keuze.add_argument("--trek-in", action="store_true", help="trek de toegang in; het bestand werkt niet meer")
    toegang.add_argument("--uit", type=Path, metavar="BESTAND", help="waar het bestand komt (standaard AFZENDER.json)")
    toegang.add_argument("--adres", metavar="URL", help="adres van de broker voor de aanbieder, bijv. tls://hub.gemeente.nl:4222")
    toegang.set_defaults(uitvoeren=opdracht(_toegang))


def _toegang(args: argparse.Namespace, hub: Onderdelen) -> int:
    beheer = hub.toegangsbeheer(args.adres)
    if args.trek_in:
        toegepast = beheer.intrekken(args.afzender)
        print(f"Toegang van {args.afzender} ingetrokken" + (
            "; de broker weigert de sleutel nu." if toegepast else _later(hub)))
        return 0
    uit = args.uit or Path(f"{args.afzender}.json")
    if uit.exists() and not args.vernieuw and not beheer.heeft_toegang(args.afzender):
        print(f"{uit} bestaat al; kies een ander bestand met --uit.", file=sys.stderr)
        return 2
    uitgifte = beheer.uitgeven(args.afzender, vernieuw=args.vernieuw)
    uitgifte.bestand.schrijf(uit)
    print(f"Toegangsbestand voor {args.afzender} geschreven naar {uit} (adres {', '.join(uitgifte.bestand.servers)})"
          + ("; de broker laat de sleutel nu toe." if uitgifte.toegepast else _later(hub)))
    print("Het bevat een geheime sleutel: geef het de aanbieder via een veilige weg en bewaar geen kopie.")
    return 0


def _later(hub: Onderdelen) -> str:
    if hub.instellingen.nats_url:
        return ("; werk de configuratie van de eigen NATS bij met 'hub broker configuratie' en laat die herladen "
                "(nats-server --signal reload, twee keer).")
    return "; de broker kent deze afzender nog niet (de hub draait niet, of nog zonder hem): de wijziging geldt bij de volgende start van de hub."
