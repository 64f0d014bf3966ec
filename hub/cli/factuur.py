"""`hub factuur`: de werkvoorraad van de managementassistent en de besluiten per factuurregel."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal

from rich.console import Console
from rich.table import Table

from hub.aggregates.factuur import AFGEWEZEN, GOEDGEKEURD, VERWACHT_GOEDGEKEURD
from hub.aggregates.gebruiker import MANAGEMENTASSISTENT
from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import aangemeld_als, console, gebruiker_argument, opdracht
from hub.cli.invoer import partijcode, voorbeeld
from hub.contracten.catalogus import Catalogus
from hub.domein.geld import euro
from hub.projections.oordeel import Factuuroordeel, Regeloordeel
from hub.toepassing.besluiten import Besloten
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.werkvoorraad import MAX_IN_LIJST, Werkvoorraad

BESLUIT_TEKST = {GOEDGEKEURD: "goedgekeurd", AFGEWEZEN: "afgewezen", VERWACHT_GOEDGEKEURD: "verwacht bedrag goedgekeurd"}
BESLUITACTIES = {
    "keur-goed": "keur het gefactureerde bedrag goed",
    "wijs-af": "wijs regels af (er wordt niets betaald)",
    "keur-verwacht-goed": "keur het verwachte bedrag goed in plaats van het gefactureerde",
    "corrigeer": "trek een besluit in zodat opnieuw besloten kan worden",
}
BESLUITVOORBEELDEN = {
    "keur-goed": 'hub factuur keur-goed MZ-2024-0012 --schoon --gebruiker mdeboer --reden "Conform prijsafspraak"',
    "wijs-af": 'hub factuur wijs-af AMM-2024-0004 --regel 1 --gebruiker mdeboer --reden "Nog geen prijsafspraak"',
    "keur-verwacht-goed": 'hub factuur keur-verwacht-goed MZ-2024-0012 --regel 3 --gebruiker mdeboer '
                          '--reden "Prijs volgens contract"',
    "corrigeer": 'hub factuur corrigeer MZ-2024-0012 --regel 3 --gebruiker mdeboer --reden "Verkeerde regel goedgekeurd"',
}


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("factuur", help="facturen controleren en per regel besluiten",
                            epilog=voorbeeld("hub factuur lijst --gemeente Amstelveen", "hub factuur toon MZ-2024-0012"))
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True

    lijst = acties.add_parser("lijst", help="werkvoorraad: open facturen met totalen en bevindingen, oudste eerst",
                             epilog=voorbeeld("hub factuur lijst", "hub factuur lijst --gemeente Amstelveen --aanbieder matchez --max 0"))
    lijst.add_argument("--gemeente", type=partijcode, help="alleen facturen aan deze gemeente, bijv. amstelveen of Amstelveen")
    lijst.add_argument("--aanbieder", type=partijcode, help="alleen facturen van deze aanbieder, bijv. matchez of Matchez")
    lijst.add_argument("--max", type=int, default=MAX_IN_LIJST, metavar="N",
                       help=f"toon ten hoogste N facturen (standaard {MAX_IN_LIJST}; 0 = alle)")
    lijst.set_defaults(uitvoeren=opdracht(_lijst))

    toon = acties.add_parser("toon", help="een factuur met per regel verwacht, gefactureerd en bevindingen",
                            epilog=voorbeeld("hub factuur toon MZ-2024-0012", "hub factuur toon MZ-2024-0012 --aanbieder matchez --json"))
    _factuur_argumenten(toon)
    toon.add_argument("--json", action="store_true", help="als JSON, zoals de rapportage het leest")
    toon.set_defaults(uitvoeren=opdracht(_toon))

    for naam, hulp in BESLUITACTIES.items():
        actie = acties.add_parser(naam, help=hulp, epilog=voorbeeld(BESLUITVOORBEELDEN[naam]))
        _factuur_argumenten(actie)
        actie.add_argument("--regel", type=int, action="append", required=naam != "keur-goed", metavar="N",
                           help="regelnummer; herhaal voor meer regels")
        if naam == "keur-goed":
            actie.add_argument("--schoon", action="store_true", help="alleen de regels zonder bevindingen")
        gebruiker_argument(actie)
        actie.add_argument("--reden", required=True, help="waarom")
        actie.set_defaults(uitvoeren=opdracht(_besluit), naam=naam)


def _factuur_argumenten(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("nummer", metavar="NR", help="factuurnummer")
    parser.add_argument("--aanbieder", type=partijcode, help="aanbieder, nodig als het factuurnummer bij meer aanbieders voorkomt")


def _lijst(args: argparse.Namespace, hub: Onderdelen) -> int:
    toon_werkvoorraad(console(), hub.facturen.werkvoorraad(args.gemeente, args.aanbieder, args.max), hub.catalogus)
    return 0


def toon_werkvoorraad(uit: Console, werkvoorraad: Werkvoorraad, catalogus: Catalogus) -> None:
    if not werkvoorraad.open:
        uit.print("Geen open facturen met dit filter." if werkvoorraad.gefilterd else "Geen open facturen: alles is besloten.")
        return
    titel = "Werkvoorraad facturen, oudste eerst"
    if werkvoorraad.ingekort:
        titel += f" ({len(werkvoorraad.getoond)} van {len(werkvoorraad.open)} open)"
    tabel = Table(title=titel)
    for kolom in ("factuur", "aanbieder", "gemeente", "datum", "status", "gefactureerd", "verwacht", "bevindingen", "open regels"):
        tabel.add_column(kolom, justify="right" if kolom in ("gefactureerd", "verwacht", "bevindingen", "open regels") else "left")
    naam = catalogus.partijen.naam
    for f in werkvoorraad.getoond:
        tabel.add_row(f.factuurnummer, naam(f.afzender), naam(f.gemeente), f"{f.factuurdatum:%d-%m-%Y}", f.status,
                      euro(f.totaal_gefactureerd), euro(f.totaal_verwacht), str(f.aantal_bevindingen),
                      f"{len(f.open_regels)} van {len(f.regels)}")
    uit.print(tabel)
    if werkvoorraad.ingekort:
        uit.print(f"Nog {len(werkvoorraad.open) - len(werkvoorraad.getoond)} open facturen niet getoond; kies met "
                  "--gemeente of --aanbieder, of toon meer met --max N (0 = alle).")
    uit.print("Bekijk een factuur met `hub factuur toon NR`; keur regels zonder bevindingen goed met "
              "`hub factuur keur-goed NR --schoon --gebruiker NAAM --reden TEKST`.", markup=False)


def _toon(args: argparse.Namespace, hub: Onderdelen) -> int:
    oordeel = hub.facturen.factuur(args.nummer, args.aanbieder)
    if args.json:
        print(json.dumps(oordeel.als_json(), ensure_ascii=False, indent=2))
    else:
        toon_factuur(console(), oordeel, hub.catalogus)
    return 0


def toon_factuur(uit: Console, oordeel: Factuuroordeel, catalogus: Catalogus) -> None:
    naam = catalogus.partijen.naam
    tabel = Table(title=f"Factuur {oordeel.factuurnummer} van {naam(oordeel.afzender)} aan {naam(oordeel.gemeente)}, "
                        f"{oordeel.factuurdatum:%d-%m-%Y} ({oordeel.status})", show_lines=True)
    for kolom in ("regel", "traject", "product", "periode", "gefactureerd", "verwacht", "bevindingen", "besluit"):
        tabel.add_column(kolom)
    for r in oordeel.regels:
        periode = f"{r.periode_start:%d-%m-%Y} t/m {r.periode_eind:%d-%m-%Y}" if r.periode_start and r.periode_eind else ""
        bevindingen = "\n".join(f"{b.code}: {b.melding}" for b in r.bevindingen) or "geen"
        tabel.add_row(str(r.regelnummer), r.traject_id or "", r.product or "", periode, euro(r.gefactureerd), euro(r.verwacht),
                      bevindingen, _besluit_tekst(r))
    uit.print(tabel)
    uit.print(f"Totaal gefactureerd {euro(oordeel.totaal_gefactureerd)}, verwacht {euro(oordeel.totaal_verwacht)} (excl. BTW).")


GEVOLG_TEKST = {"ingetrokken": "regel vervalt", "uitBetaalvoorstel": "niet betalen",
               "teVerrekenen": "verrekenen met de volgende betaling", "verrekend": "verrekend"}


def _besluit_tekst(regel: Regeloordeel) -> str:
    credit = ""
    if regel.gecrediteerd is not None and regel.gevolg_creditnota is not None:
        credit = f"gecrediteerd met {regel.gecrediteerd}: {GEVOLG_TEKST[regel.gevolg_creditnota]}"
        if regel.verrekend_in:
            credit += f" in {regel.verrekend_in}"
    if regel.besluit is None:
        return credit or "open"
    b = regel.besluit
    tekst = f"{BESLUIT_TEKST.get(b['besluit'], b['besluit'])} {euro(Decimal(b['bedrag']))}\ndoor {b['door']}: {b['reden']}"
    if regel.prijsafspraak is not None:
        afspraak = regel.prijsafspraak
        tekst += f"\nop grond van {afspraak.contract} (versie {afspraak.contractversie[:8]}), {euro(afspraak.prijs)}"
    if regel.betaald_in:
        tekst += f"\nbetaald in {regel.betaald_in}"
    if credit:
        tekst += f"\n{credit}"
    return tekst


def _besluit(args: argparse.Namespace, hub: Onderdelen) -> int:
    profiel = aangemeld_als(args, hub, MANAGEMENTASSISTENT)
    gemeente = hub.facturen.factuur(args.nummer, args.aanbieder).gemeente
    if not profiel.mag_gemeente(gemeente):
        raise Onuitvoerbaar(f"Factuur {args.nummer} is aan {hub.catalogus.partijen.naam(gemeente)}; u besluit alleen over "
                            f"facturen aan {', '.join(map(hub.catalogus.partijen.naam, profiel.gemeenten))}.")
    besluiten = hub.besluiten
    gedeeld = {"door": profiel.naam, "door_id": profiel.gebruikersnaam, "reden": args.reden, "aanbieder": args.aanbieder}
    if args.naam == "keur-goed" and getattr(args, "schoon", False):
        uitkomst = besluiten.keur_schoon_goed(args.nummer, regels=args.regel, **gedeeld)
    else:
        uitvoeren = {"keur-goed": besluiten.keur_goed, "wijs-af": besluiten.wijs_af,
                     "keur-verwacht-goed": besluiten.keur_verwacht_goed, "corrigeer": besluiten.corrigeer}[args.naam]
        uitkomst = uitvoeren(args.nummer, args.regel or [], **gedeeld)
    print(besluit_melding(uitkomst, profiel.naam))
    return 0


def besluit_melding(uitkomst: Besloten, door: str) -> str:
    nummer = uitkomst.oordeel.factuurnummer
    if not uitkomst.regelnummers:
        return f"Factuur {nummer} heeft geen open regels zonder bevindingen; besluit per regel met --regel N."
    regels = ", ".join(map(str, uitkomst.regelnummers))
    if uitkomst.besluit is None:
        return (f"Factuur {nummer}, regel {regels}: besluit ingetrokken door {door}; "
                "besluit opnieuw met keur-goed, wijs-af of keur-verwacht-goed.")
    return f"Factuur {nummer}, regel {regels}: {BESLUIT_TEKST[uitkomst.besluit]} door {door}."
