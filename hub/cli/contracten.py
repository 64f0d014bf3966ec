"""`hub contracten controleer`, `toon`, en de wijzigingen van de inkoper: `prijs`, `indexeer`, `beeindig`, `budget`,
`afspraak`, `nieuw` en `importeer` (elk eerst als voorbeeld, met `--toepassen` vastgelegd) en `dossier`."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rich.table import Table

from hub.aggregates.gebruiker import INKOPER
from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import aangemeld_als, console, gebruiker_argument, opdracht
from hub.cli.invoer import datum, partijcode, voorbeeld
from hub.domein.geld import euro
from hub.koppelingen.opslag.contractbestanden import ContractFout
from hub.toepassing.contractbeheer import Contractwijziging


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("contracten", help="prijsafspraken controleren en tonen",
                            epilog=voorbeeld("hub contracten controleer", "hub contracten toon"))
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    for naam, functie, hulp in (
        ("controleer", _controleer, "controleer alle contractbestanden"),
        ("toon", _toon, "toon de prijsafspraken als tabel"),
    ):
        actie = acties.add_parser(naam, help=hulp, epilog=voorbeeld(f"hub contracten {naam}", f"hub contracten {naam} --map contracts"))
        actie.add_argument("--map", type=Path, help="map met contractbestanden (standaard: HUB_CONTRACTEN of contracts/)")
        actie.set_defaults(uitvoeren=opdracht(functie))
    _wijzigingen(acties)


def _getal(tekst: str) -> Decimal:
    try:
        waarde = Decimal(tekst.replace(",", "."))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{tekst!r} is geen getal; schrijf bijv. 1500,00 of 2,9") from None
    if not waarde.is_finite():
        raise argparse.ArgumentTypeError(f"{tekst!r} is geen getal")
    return waarde


def _wie(actie: argparse.ArgumentParser) -> None:
    wie = actie.add_mutually_exclusive_group()
    wie.add_argument("--door", help="naam van wie de wijziging op de server doet (beheer)")
    wie.add_argument("--gebruiker", metavar="NAAM",
                     help="als geregistreerde inkoper: uw gebruikersnaam; het wachtwoord wordt gevraagd (scripts: "
                          "HUB_GEBRUIKER en HUB_WACHTWOORD), en u wijzigt alleen contracten van uw eigen gemeenten")
    actie.add_argument("--reden", required=True, help="reden of besluit waarop de wijziging berust")
    actie.add_argument("--toepassen", action="store_true",
                       help="leg de wijziging vast (zonder: alleen tonen welke open factuurregels een ander oordeel krijgen)")


def _wijzigingen(acties: argparse._SubParsersAction) -> None:
    wie = '--door "R. Visser" --reden "Collegebesluit 12-11-2024"'
    prijs = acties.add_parser("prijs", help="een prijsafspraak vastleggen voor een product",
                              epilog=voorbeeld(f"hub contracten prijs am-match-aa AM-REGULIER 1500,00 --van 01-01-2019 {wie}",
                                               f"hub contracten prijs am-match-aa AM-REGULIER 1500,00 --van 01-01-2019 {wie} --toepassen"))
    prijs.add_argument("contract", help="id van het contract, zie hub contracten toon")
    prijs.add_argument("product", help="productcode, bijv. AM-REGULIER")
    prijs.add_argument("bedrag", type=_getal, help="bedrag excl. BTW, bijv. 1500,00")
    prijs.add_argument("--van", type=datum, required=True, help="eerste dag waarop de prijs geldt")
    prijs.add_argument("--tot", type=datum, help="laatste dag (leeg: zolang het contract loopt)")
    _wie(prijs)
    prijs.set_defaults(uitvoeren=opdracht(_prijs))

    index = acties.add_parser("indexeer", help="een prijs indexeren (bijv. met de CPI) vanaf een datum",
                              epilog=voorbeeld(f"hub contracten indexeer jobcoaching-heemstede-2024 JC-UUR 2,9 --per 01-01-2025 {wie}"))
    index.add_argument("contract", help="id van het contract, zie hub contracten toon")
    index.add_argument("product", help="productcode, bijv. AM-REGULIER")
    index.add_argument("percentage", type=_getal, help="indexatie in procenten, bijv. 2,9")
    index.add_argument("--per", type=datum, required=True, help="eerste dag van de nieuwe prijs")
    index.add_argument("--tot", type=datum, help="laatste dag van de nieuwe prijs (standaard: eind van dat jaar als het "
                       "contract een einddatum heeft; het contract loopt zo nodig door)")
    _wie(index)
    index.set_defaults(uitvoeren=opdracht(_indexeer))

    einde = acties.add_parser("beeindig", help="een contract laten eindigen op een datum",
                              epilog=voorbeeld(f"hub contracten beeindig matchez-aa --per 31-12-2025 {wie}"))
    einde.add_argument("contract", help="id van het contract, zie hub contracten toon")
    einde.add_argument("--per", type=datum, required=True, help="laatste dag waarop het contract geldt")
    _wie(einde)
    einde.set_defaults(uitvoeren=opdracht(_beeindig))

    budget = acties.add_parser("budget", help="een budget- of aantalplafond per jaar vastleggen",
                               epilog=voorbeeld(f'hub contracten budget agros-heemstede-2020 --jaar 2020 --gemeente heemstede '
                                                f'--bedrag 65000 --omschrijving "Producten Agros 2020" {wie}'))
    budget.add_argument("contract", help="id van het contract, zie hub contracten toon")
    budget.add_argument("--jaar", type=int, help="jaar (leeg: elk jaar)")
    budget.add_argument("--gemeente", type=partijcode, help="gemeente (leeg: alle gemeenten van het contract)")
    budget.add_argument("--bedrag", type=_getal, help="budget in euro excl. BTW")
    budget.add_argument("--aantal", type=int, help="ten hoogste zoveel cliënten per jaar")
    budget.add_argument("--omschrijving", default="", help="naam van het budget zoals in het beleidsstuk")
    _wie(budget)
    budget.set_defaults(uitvoeren=opdracht(_budget))

    afspraak = acties.add_parser("afspraak", help="een doelstelling, verdeelsleutel of resultaatdoelen vastleggen (JSON)",
                                 epilog=voorbeeld("hub contracten afspraak pasmatch-heemstede-2020 doelstelling "
                                                  "'{\"uitstroom_werk_procent\": \"35\", \"vergelijking\": \">=\"}' " + wie))
    afspraak.add_argument("contract", help="id van het contract, zie hub contracten toon")
    afspraak.add_argument("veld", choices=["doelstelling", "verdeelsleutel", "resultaatdoelen"], help="welke afspraak")
    afspraak.add_argument("waarde", help="de afspraak als JSON, met dezelfde velden als in het contractbestand")
    _wie(afspraak)
    afspraak.set_defaults(uitvoeren=opdracht(_afspraak))

    inkoper = '--gebruiker rvisser --reden "Collegebesluit 12-11-2024"'
    nieuw = acties.add_parser("nieuw", help="een nieuw contract vastleggen uit een bestand in de vorm van contracts/*.toml",
                              description="Het bestand wordt gecontroleerd zoals de contractbestanden (model, aanbieder en "
                                          "gemeenten uit partijen.toml, prijzen); het id mag nog niet bestaan. Het contract "
                                          "komt als event in de hub, niet in de map met contracten.",
                              epilog=voorbeeld(f"hub contracten nieuw agros-heemstede-2025.toml {inkoper}",
                                               f"hub contracten nieuw agros-heemstede-2025.toml {inkoper} --toepassen"))
    nieuw.add_argument("bestand", type=Path, metavar="BESTAND", help="het contract als TOML, zoals in contracts/")
    _als_inkoper(nieuw, "het contract vastlegt")
    nieuw.set_defaults(uitvoeren=opdracht(_nieuw))

    importeer = acties.add_parser("importeer", help="een gewijzigd contractbestand overnemen in het dossier van het contract",
                                  description="Heeft een contract een dossier in de hub, dan is het dossier het contract en "
                                              "telt een gewijzigd bestand pas na deze opdracht (hub contracten controleer "
                                              "meldt het). Overgenomen worden de velden waarin het bestand afwijkt van wat "
                                              "het dossier er eerder uit overnam.",
                                  epilog=voorbeeld(f"hub contracten importeer matchez-aa {inkoper}",
                                                   f"hub contracten importeer matchez-aa {inkoper} --toepassen"))
    importeer.add_argument("contract", help="id van het contract, zie hub contracten controleer")
    _als_inkoper(importeer, "het bestand overneemt")
    importeer.set_defaults(uitvoeren=opdracht(_importeer))

    dossier = acties.add_parser("dossier", help="wat er met een contract gebeurde: wie, wanneer en waarom",
                                epilog=voorbeeld("hub contracten dossier am-match-aa"))
    dossier.add_argument("contract", help="id van het contract, zie hub contracten toon")
    dossier.set_defaults(uitvoeren=opdracht(_dossier))


def _als_inkoper(actie: argparse.ArgumentParser, wat: str) -> None:
    gebruiker_argument(actie, wat)
    actie.add_argument("--reden", required=True, help="reden of besluit waarop het berust")
    actie.add_argument("--toepassen", action="store_true",
                       help="leg het vast (zonder: alleen tonen welke open factuurregels een ander oordeel krijgen)")


def _nieuw(args: argparse.Namespace, hub: Onderdelen) -> int:
    profiel = aangemeld_als(args, hub, INKOPER, "Contracten vastleggen")
    return _vastgelegd(hub, hub.contractbeheer.nieuw(args.bestand, f"{profiel.naam} ({profiel.gebruikersnaam})",
                                                     args.reden, args.toepassen, gemeenten=profiel.gemeenten))


def _importeer(args: argparse.Namespace, hub: Onderdelen) -> int:
    profiel = aangemeld_als(args, hub, INKOPER, "Contracten vastleggen")
    return _vastgelegd(hub, hub.contractbeheer.importeer(args.contract, f"{profiel.naam} ({profiel.gebruikersnaam})",
                                                         args.reden, args.toepassen, gemeenten=profiel.gemeenten))


def _door(args: argparse.Namespace, hub: Onderdelen) -> tuple[str, tuple[str, ...] | None]:
    """Wie wijzigt, en voor welke gemeenten: met `--door` de beheerder op de server (alle contracten), anders de
    aangemelde inkoper (zijn eigen gemeenten)."""
    if args.door:
        return args.door, None
    profiel = aangemeld_als(args, hub, INKOPER, "Contracten wijzigen")
    return f"{profiel.naam} ({profiel.gebruikersnaam})", profiel.gemeenten


def _prijs(args: argparse.Namespace, hub: Onderdelen) -> int:
    door, gemeenten = _door(args, hub)
    return _vastgelegd(hub, hub.contractbeheer.stel_prijs_vast(
        args.contract, args.product.upper(), args.bedrag, args.van, args.tot, door, args.reden, args.toepassen, gemeenten))


def _indexeer(args: argparse.Namespace, hub: Onderdelen) -> int:
    door, gemeenten = _door(args, hub)
    return _vastgelegd(hub, hub.contractbeheer.indexeer(
        args.contract, args.product.upper(), args.percentage, args.per, args.tot, door, args.reden, args.toepassen, gemeenten))


def _beeindig(args: argparse.Namespace, hub: Onderdelen) -> int:
    door, gemeenten = _door(args, hub)
    return _vastgelegd(hub, hub.contractbeheer.beeindig(args.contract, args.per, door, args.reden, args.toepassen, gemeenten))


def _budget(args: argparse.Namespace, hub: Onderdelen) -> int:
    if (args.bedrag is None) == (args.aantal is None):
        print("Geef een budget met --bedrag of een aantal cliënten met --aantal (één van beide).", file=sys.stderr)
        return 2
    door, gemeenten = _door(args, hub)
    return _vastgelegd(hub, hub.contractbeheer.stel_plafond_vast(
        args.contract, args.jaar, args.gemeente, args.bedrag, args.aantal, args.omschrijving, door, args.reden,
        args.toepassen, gemeenten))


def _afspraak(args: argparse.Namespace, hub: Onderdelen) -> int:
    try:
        waarde = json.loads(args.waarde)
    except json.JSONDecodeError as fout:
        print(f"De afspraak is geen geldige JSON ({fout.msg}); schrijf bijv. '{{\"uitstroom_werk_procent\": \"35\"}}'.",
              file=sys.stderr)
        return 2
    door, gemeenten = _door(args, hub)
    return _vastgelegd(hub, hub.contractbeheer.stel_afspraak_vast(
        args.contract, args.veld, waarde, door, args.reden, args.toepassen, gemeenten))


def _vastgelegd(hub: Onderdelen, wijziging: Contractwijziging) -> int:
    toon_wijziging(wijziging)
    if wijziging.toegepast and hub.draaiende_url() is not None:
        print("Er draait een hub op deze datamap (hub serve); die neemt de wijziging bij zijn volgende ronde over (standaard binnen 30 seconden).")
    return 0


def toon_wijziging(wijziging: Contractwijziging) -> int:
    print(f"Contract {wijziging.contract}: {wijziging.omschrijving}.")
    if wijziging.regels:
        tabel = Table(title="Open factuurregels die een ander oordeel krijgen")
        for kolom in ("factuur", "regel", "product", "gefactureerd", "verwacht nu", "verwacht straks", "bevindingen nu",
                      "bevindingen straks"):
            tabel.add_column(kolom)
        for r in wijziging.regels:
            tabel.add_row(r.factuurnummer, str(r.regelnummer), r.product or "", euro(r.gefactureerd), euro(r.verwacht_nu),
                          euro(r.verwacht_straks), ", ".join(r.bevindingen_nu) or "geen",
                          ", ".join(r.bevindingen_straks) or "geen")
        console().print(tabel)
    else:
        print("Geen open factuurregel krijgt hierdoor een ander oordeel.")
    if wijziging.toegepast:
        print("Vastgelegd. Besliste regels houden het oordeel waarop besloten is.")
    else:
        print("Nog niets vastgelegd; herhaal de opdracht met --toepassen om de wijziging vast te leggen.")
    return 0


def _dossier(args: argparse.Namespace, hub: Onderdelen) -> int:
    regels = hub.contractbeheer.dossier(args.contract)
    if not regels:
        print(f"Contract {args.contract} is zoals het contractbestand; er is in de hub niets aan gewijzigd.")
        return 0
    tabel = Table(title=f"Dossier van contract {args.contract}")
    for kolom in ("op", "wat", "door", "reden"):
        tabel.add_column(kolom)
    for r in regels:
        tabel.add_row(f"{r.op:%d-%m-%Y %H:%M}", r.wat, r.door, r.reden)
    console().print(tabel)
    return 0


def _controleer(args: argparse.Namespace, hub: Onderdelen) -> int:
    try:
        controle = hub.contractbeheer.controleer(args.map)
    except ContractFout as fout:
        print(f"Fout in contract {fout}", file=sys.stderr)
        return 1
    print(f"{controle.contracten} contracten met {controle.producten} producten zijn in orde.")
    for afwijking in controle.afwijkingen:
        print(afwijking.melding)
    return 1 if controle.afwijkingen else 0


def _toon(args: argparse.Namespace, hub: Onderdelen) -> int:
    catalogus = hub.contractbeheer.catalogus(args.map)
    tabel = Table(title="Prijsafspraken", show_lines=False)
    for kolom in ("aanbieder", "gemeenten", "product", "naam", "prijs", "eenheid", "BTW", "geldig", "regels"):
        tabel.add_column(kolom)
    for contract in catalogus.contracten:
        naam = catalogus.partijen.naam(contract.provider)
        gemeenten = ", ".join(contract.gemeenten)
        for product in contract.producten:
            regels = _regels(product)
            if not product.prijzen:
                tabel.add_row(naam, gemeenten, product.code, product.naam,
                              "opdrachtbedrag bij de aanmelding" if product.opdrachtbedrag else "geen prijs", product.eenheid,
                              f"{contract.btw_voor(product)} %", _periode(contract.geldig_van, contract.geldig_tot), regels)
            for prijs in product.prijzen:
                bedrag = ("max. " if product.prijs_is_maximum else "") + euro(prijs.bedrag)
                tabel.add_row(naam, gemeenten, product.code, product.naam, bedrag, product.eenheid,
                              f"{contract.btw_voor(product)} %", _periode(prijs.geldig_van, prijs.geldig_tot), regels)
        for plafond in contract.plafonds:
            wat = euro(plafond.bedrag) if plafond.bedrag is not None else f"{plafond.aantal} cliënten"
            tabel.add_row(naam, plafond.gemeente or gemeenten, "plafond", plafond.omschrijving, wat,
                          "per jaar", "", str(plafond.jaar or "elk jaar"), "")
        if contract.verdeelsleutel:
            v = contract.verdeelsleutel
            aandelen = " / ".join(f"{g} {a} %" for g, a in v.aandelen.items())
            tabel.add_row(naam, gemeenten, "verdeling", f"penvoerder {v.penvoerder}", aandelen, "", "",
                          _periode(contract.geldig_van, contract.geldig_tot), "")
        for r in contract.resultaatdoelen:
            tabel.add_row(naam, gemeenten, f"doel loonwaarde {r.loonwaarde} %", r.omschrijving, r.beschrijving(), "", "",
                          _periode(contract.geldig_van, contract.geldig_tot), "")
        if contract.doelstelling:
            d = contract.doelstelling
            tabel.add_row(naam, gemeenten, "doel", d.omschrijving, f"uitstroom {d.vergelijking} {d.uitstroom_werk_procent} %",
                          "", "", _periode(contract.geldig_van, contract.geldig_tot), "")
    console().print(tabel)
    return 0


def _periode(van, tot) -> str:
    return f"{van:%d-%m-%Y} t/m {tot:%d-%m-%Y}" if tot else f"vanaf {van:%d-%m-%Y}"


def _regels(product) -> str:
    delen = []
    if product.noshow_staffel:
        delen.append("no-show " + " / ".join(f"{p} %" for p in product.noshow_staffel))
    if product.bonus:
        delen.append(f"bonus bij plaatsing binnen {product.bonus.binnen_maanden} mnd")
    if product.nazorg_maximum_maanden:
        delen.append(f"max. {product.nazorg_maximum_maanden} maanden")
    if product.maximum_aantal:
        delen.append(f"max. {product.maximum_aantal} per traject")
    if product.gevolgd_door:
        delen.append(f"gevolgd door {product.gevolgd_door}")
    if product.verplichtingen:
        v = product.verplichtingen
        delen.append(f"{v.contactmomenten} contactmomenten en {v.werkaanbiedingen} werkaanbiedingen in {v.termijn_dagen} dagen")
    return "; ".join(delen)
