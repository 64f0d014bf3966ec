"""`hub factuur`: de werkvoorraad van de managementassistent en de besluiten per factuurregel."""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timezone
from decimal import Decimal

from rich.console import Console
from rich.table import Table

from hub.aggregates.factuur import Factuurregel
from hub.cli.gedeeld import Omgeving, Stop, met_omgeving
from hub.domein.geld import euro
from hub.koppelingen.opslag.leesmodellen import werk_gemeenten_bij
from hub.koppelingen.opslag.geheugen import zonder_gc
from hub.projections.facturen import Facturen
from hub.projections.oordeel import BESLOTEN, BETAALD, Factuuroordeel
from hub.projections.factuurcontrole import Factuurcontrole
from hub.projections.register import facturen, factuurcontroles, leesmodel

BESLUIT_TEKST = {"goedgekeurd": "goedgekeurd", "afgewezen": "afgewezen", "verwachtGoedgekeurd": "verwacht bedrag goedgekeurd"}
MAX_IN_LIJST = 50


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("factuur", help="facturen controleren en per regel besluiten")
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True

    lijst = acties.add_parser("lijst", help="werkvoorraad: open facturen met totalen en bevindingen, oudste eerst")
    lijst.add_argument("--gemeente", help="alleen facturen aan deze gemeente (code, bijv. amstelveen)")
    lijst.add_argument("--aanbieder", help="alleen facturen van deze aanbieder (code, bijv. matchez)")
    lijst.add_argument("--max", type=int, default=MAX_IN_LIJST, metavar="N",
                       help=f"toon ten hoogste N facturen (standaard {MAX_IN_LIJST}; 0 = alle)")
    lijst.set_defaults(uitvoeren=met_omgeving(_lijst))

    toon = acties.add_parser("toon", help="een factuur met per regel verwacht, gefactureerd en bevindingen")
    _factuur_argumenten(toon)
    toon.add_argument("--json", action="store_true", help="als JSON, zoals de rapportage het leest")
    toon.set_defaults(uitvoeren=met_omgeving(_toon))

    for naam, besluit, hulp in (
        ("keur-goed", "goedgekeurd", "keur het gefactureerde bedrag goed"),
        ("wijs-af", "afgewezen", "wijs regels af (er wordt niets betaald)"),
        ("keur-verwacht-goed", "verwachtGoedgekeurd", "keur het verwachte bedrag goed in plaats van het gefactureerde"),
        ("corrigeer", None, "trek een besluit in zodat opnieuw besloten kan worden"),
    ):
        actie = acties.add_parser(naam, help=hulp)
        _factuur_argumenten(actie)
        verplicht = naam != "keur-goed"
        actie.add_argument("--regel", type=int, action="append", required=verplicht, metavar="N",
                           help="regelnummer; herhaal voor meer regels")
        if naam == "keur-goed":
            actie.add_argument("--schoon", action="store_true", help="alleen de regels zonder bevindingen")
        actie.add_argument("--door", required=True, help="naam van wie besluit")
        actie.add_argument("--reden", required=True, help="waarom")
        actie.set_defaults(uitvoeren=met_omgeving(_besluit if besluit else _corrigeer), besluit=besluit)


def _factuur_argumenten(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("nummer", metavar="NR", help="factuurnummer")
    parser.add_argument("--afzender", help="aanbieder, nodig als het factuurnummer bij meer aanbieders voorkomt")


def bijgewerkt(omg: Omgeving) -> Facturen:
    modellen = factuurcontroles(omg.catalogus)
    with zonder_gc():
        werk_gemeenten_bij(omg.hub, modellen, omg.leesmodellen.per_gemeente())
    return facturen(modellen)


def zoek(omg: Omgeving, nummer: str, afzender: str | None) -> Factuuroordeel:
    """Het oordeel over één factuur. De eventstore zegt bij welke gemeente ze hoort; alleen de factuurcontrole
    van die gemeente wordt geladen en bijgewerkt."""
    kandidaten = [afzender] if afzender else sorted(omg.catalogus.partijen.providercodes())
    gevonden = [(a, f.gemeente) for a in kandidaten if (f := omg.hub.zoek_factuur(a, nummer)) is not None]
    if len(gevonden) > 1:
        raise Stop(f"Factuurnummer {nummer} komt voor bij {', '.join(a for a, _ in gevonden)}; kies de aanbieder met --afzender.")
    if not gevonden:
        bij = f" van {afzender}" if afzender else ""
        raise Stop(f"Factuur {nummer}{bij} is onbekend; zoek het nummer op met `hub factuur lijst`.")
    [(afzender, gemeente)] = gevonden
    model = leesmodel(omg.catalogus, gemeente, Factuurcontrole.naam)
    with zonder_gc():
        werk_gemeenten_bij(omg.hub, [model], omg.leesmodellen.per_gemeente())
    oordeel = facturen([model]).oordeel(afzender, nummer)
    if oordeel is None:
        raise Stop(f"Factuur {nummer} van {afzender} staat nog niet in de factuurcontrole; probeer het zo opnieuw.")
    return oordeel


def _console() -> Console:
    return Console(width=200, highlight=False)


def _lijst(args: argparse.Namespace, omg: Omgeving) -> int:
    codes = omg.catalogus.partijen
    for waarde, bekend, optie in ((args.gemeente, codes.gemeentecodes(), "--gemeente"),
                                  (args.aanbieder, codes.providercodes(), "--aanbieder")):
        if waarde is not None and waarde not in bekend:
            raise Stop(f"{optie} {waarde!r} is onbekend; kies uit {', '.join(sorted(bekend))}.")
    controle = bijgewerkt(omg)
    open_ = [f for f in controle.facturen() if f.status not in (BESLOTEN, BETAALD)
             and args.gemeente in (None, f.gemeente) and args.aanbieder in (None, f.afzender)]
    if not open_:
        print("Geen open facturen: alles is besloten." if args.gemeente is None and args.aanbieder is None
              else "Geen open facturen met dit filter.")
        return 0
    getoond = open_[:args.max] if args.max > 0 else open_
    titel = "Werkvoorraad facturen, oudste eerst"
    if len(getoond) < len(open_):
        titel += f" ({len(getoond)} van {len(open_)} open)"
    tabel = Table(title=titel)
    for kolom in ("factuur", "aanbieder", "gemeente", "datum", "status", "gefactureerd", "verwacht", "bevindingen", "open regels"):
        tabel.add_column(kolom, justify="right" if kolom in ("gefactureerd", "verwacht", "bevindingen", "open regels") else "left")
    naam = codes.naam
    for f in getoond:
        tabel.add_row(f.factuurnummer, naam(f.afzender), naam(f.gemeente), f"{f.factuurdatum:%d-%m-%Y}", f.status,
                      euro(f.totaal_gefactureerd), euro(f.totaal_verwacht), str(f.aantal_bevindingen),
                      f"{len(f.open_regels)} van {len(f.regels)}")
    _console().print(tabel)
    if len(getoond) < len(open_):
        print(f"Nog {len(open_) - len(getoond)} open facturen niet getoond; kies met --gemeente of --aanbieder, "
              "of toon meer met --max N (0 = alle).")
    print("Bekijk een factuur met `hub factuur toon NR`; keur regels zonder bevindingen goed met "
          "`hub factuur keur-goed NR --schoon --door NAAM --reden TEKST`.")
    return 0


def _toon(args: argparse.Namespace, omg: Omgeving) -> int:
    oordeel = zoek(omg, args.nummer, args.afzender)
    if args.json:
        print(json.dumps(oordeel.als_json(), ensure_ascii=False, indent=2))
        return 0
    naam = omg.catalogus.partijen.naam
    tabel = Table(title=f"Factuur {oordeel.factuurnummer} van {naam(oordeel.afzender)} aan {naam(oordeel.gemeente)}, "
                        f"{oordeel.factuurdatum:%d-%m-%Y} ({oordeel.status})", show_lines=True)
    for kolom in ("regel", "traject", "product", "periode", "gefactureerd", "verwacht", "bevindingen", "besluit"):
        tabel.add_column(kolom)
    for r in oordeel.regels:
        periode = f"{r.periode_start:%d-%m-%Y} t/m {r.periode_eind:%d-%m-%Y}" if r.periode_start and r.periode_eind else ""
        bevindingen = "\n".join(f"{b.code}: {b.melding}" for b in r.bevindingen) or "geen"
        tabel.add_row(str(r.regelnummer), r.traject_id or "", r.product or "", periode, euro(r.gefactureerd), euro(r.verwacht),
                      bevindingen, _besluit_tekst(r))
    _console().print(tabel)
    print(f"Totaal gefactureerd {euro(oordeel.totaal_gefactureerd)}, verwacht {euro(oordeel.totaal_verwacht)} (excl. BTW).")
    return 0


def _besluit_tekst(regel) -> str:
    if regel.besluit is None:
        return "open"
    b = regel.besluit
    tekst = f"{BESLUIT_TEKST.get(b['besluit'], b['besluit'])} {euro(Decimal(b['bedrag']))}\ndoor {b['door']}: {b['reden']}"
    if regel.betaald_in:
        tekst += f"\nbetaald in {regel.betaald_in}"
    return tekst


def _regels(args: argparse.Namespace, oordeel: Factuuroordeel) -> list[int]:
    if args.regel:
        onbekend = [n for n in args.regel if oordeel.regel(n) is None]
        if onbekend:
            raise Stop(f"Factuur {oordeel.factuurnummer} heeft geen regel {', '.join(map(str, onbekend))}; "
                       f"de regels zijn {', '.join(str(r.regelnummer) for r in oordeel.regels)}.")
        nummers = list(dict.fromkeys(args.regel))
    elif getattr(args, "schoon", False):
        nummers = [r.regelnummer for r in oordeel.open_regels]
    else:
        raise Stop("Noem de regels met --regel N, of kies --schoon om alle regels zonder bevindingen goed te keuren.")
    if getattr(args, "schoon", False):
        nummers = [n for n in nummers if oordeel.regel(n).schoon and oordeel.regel(n).besluit is None]
    return nummers


def _besluit_bedrag(besluit: str, oordeel: Factuuroordeel, n: int, ruwe_regel: Factuurregel) -> Decimal:
    if besluit == "afgewezen":
        return Decimal("0.00")
    if besluit == "verwachtGoedgekeurd":
        return oordeel.regel(n).verwacht
    if ruwe_regel.bedrag is None:
        raise Stop(f"Regel {n} noemt geen bedrag; keur het verwachte bedrag goed (keur-verwacht-goed) of wijs de regel af.")
    return oordeel.regel(n).gefactureerd


def _besluit(args: argparse.Namespace, omg: Omgeving) -> int:
    oordeel = zoek(omg, args.nummer, args.afzender)
    nummers = _regels(args, oordeel)
    if not nummers:
        print(f"Factuur {oordeel.factuurnummer} heeft geen open regels zonder bevindingen; besluit per regel met --regel N.")
        return 0
    factuur = omg.hub.zoek_factuur(oordeel.afzender, oordeel.factuurnummer)
    op = datetime.now(timezone.utc)
    for n in nummers:
        bedrag = _besluit_bedrag(args.besluit, oordeel, n, factuur.regel(n))
        factuur.besluit(n, args.besluit, bedrag, args.door, args.reden, op)
    omg.hub.save(factuur)
    print(f"Factuur {oordeel.factuurnummer}, regel {', '.join(map(str, nummers))}: {BESLUIT_TEKST[args.besluit]} "
          f"door {args.door}.")
    return 0


def _corrigeer(args: argparse.Namespace, omg: Omgeving) -> int:
    oordeel = zoek(omg, args.nummer, args.afzender)
    nummers = _regels(args, oordeel)
    factuur = omg.hub.zoek_factuur(oordeel.afzender, oordeel.factuurnummer)
    op = datetime.now(timezone.utc)
    for n in nummers:
        factuur.corrigeer_besluit(n, args.door, args.reden, op)
    omg.hub.save(factuur)
    print(f"Factuur {oordeel.factuurnummer}, regel {', '.join(map(str, nummers))}: besluit ingetrokken door {args.door}; "
          "besluit opnieuw met keur-goed, wijs-af of keur-verwacht-goed.")
    return 0
