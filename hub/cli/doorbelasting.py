"""`hub doorbelasting voorstel | vaststellen | verzonden | intrekken | document | lijst`: de penvoerder van een gedeeld
budget belast de andere gemeenten per kwartaal hun aandeel door, met een e-factuur (UBL) per gemeente."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

from hub.aggregates.gebruiker import MANAGEMENTASSISTENT
from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import aangemeld_als, console, gebruiker_argument, opdracht
from hub.cli.invoer import voorbeeld
from hub.domein.geld import euro
from hub.toepassing.doorbelasten import Doorbelastingstand, Doorbelastingvoorstel, Vastgesteld

CONTRACT = "participatie-lvw-2024"


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "doorbelasting", help="een gedeeld budget doorbelasten aan de gemeenten van de verdeelsleutel (e-factuur)",
        description="De penvoerder betaalt de aanbieder en belast per kwartaal de andere gemeenten hun aandeel door: "
                    "de goedgekeurde regels die in dat kwartaal betaald zijn, verdeeld volgens de verdeelsleutel.",
        epilog=voorbeeld(f"hub doorbelasting voorstel --contract {CONTRACT} --kwartaal 2024-Q3 --gebruiker lverhoeven",
                         f"hub doorbelasting vaststellen --contract {CONTRACT} --kwartaal 2024-Q3 --gebruiker lverhoeven",
                         "hub doorbelasting lijst"))
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True

    voorstel = acties.add_parser("voorstel", help="toon wat er in een kwartaal door te belasten is (legt niets vast)",
                                 epilog=voorbeeld(f"hub doorbelasting voorstel --contract {CONTRACT} --kwartaal 2024-Q3 "
                                                  "--gebruiker lverhoeven"))
    _contract_en_kwartaal(voorstel)
    gebruiker_argument(voorstel, "het voorstel bekijkt")
    voorstel.set_defaults(uitvoeren=opdracht(_voorstel))

    vast = acties.add_parser("vaststellen", help="stel de doorbelasting vast en schrijf de e-factuur per gemeente",
                             description="Legt vast welke regels doorbelast zijn (een regel maar één keer) en schrijft "
                                         "per andere gemeente een UBL-factuur, getoetst aan XSD en SI-UBL 2.0.",
                             epilog=voorbeeld(f"hub doorbelasting vaststellen --contract {CONTRACT} --kwartaal 2024-Q3 "
                                              "--gebruiker lverhoeven --uit facturen/"))
    _contract_en_kwartaal(vast)
    gebruiker_argument(vast, "de doorbelasting vaststelt")
    _uit(vast)
    vast.set_defaults(uitvoeren=opdracht(_vaststellen))

    verzonden = acties.add_parser("verzonden", help="markeer de facturen als verzonden; intrekken kan dan niet meer",
                                  epilog=voorbeeld(f"hub doorbelasting verzonden DB-{CONTRACT}-2024Q3-1 "
                                                   "--gebruiker lverhoeven"))
    verzonden.add_argument("doorbelasting", metavar="DOORBELASTING", help="het nummer (zie `hub doorbelasting lijst`)")
    gebruiker_argument(verzonden, "de facturen verstuurde")
    verzonden.set_defaults(uitvoeren=opdracht(_verzonden))

    intrekken = acties.add_parser("intrekken", help="trek een nog niet verzonden doorbelasting in; de regels komen vrij",
                                  epilog=voorbeeld(f"hub doorbelasting intrekken DB-{CONTRACT}-2024Q3-1 "
                                                   '--gebruiker lverhoeven --reden "Verkeerd kwartaal"'))
    intrekken.add_argument("doorbelasting", metavar="DOORBELASTING", help="het nummer (zie `hub doorbelasting lijst`)")
    gebruiker_argument(intrekken, "intrekt")
    intrekken.add_argument("--reden", required=True, help="waarom")
    intrekken.set_defaults(uitvoeren=opdracht(_intrekken))

    document = acties.add_parser("document", help="schrijf de vastgelegde facturen van een doorbelasting opnieuw",
                                 epilog=voorbeeld(f"hub doorbelasting document DB-{CONTRACT}-2024Q3-1 "
                                                  "--gebruiker lverhoeven --uit facturen/"))
    document.add_argument("doorbelasting", metavar="DOORBELASTING", help="het nummer (zie `hub doorbelasting lijst`)")
    gebruiker_argument(document, "de facturen opvraagt")
    _uit(document)
    document.set_defaults(uitvoeren=opdracht(_document))

    lijst = acties.add_parser("lijst", help="toon de doorbelastingen met hun stand",
                              epilog=voorbeeld("hub doorbelasting lijst"))
    lijst.set_defaults(uitvoeren=opdracht(_lijst))


def _contract_en_kwartaal(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--contract", required=True, help=f"het contract met de verdeelsleutel, bijv. {CONTRACT}")
    parser.add_argument("--kwartaal", required=True, help="het kwartaal waarin de regels betaald zijn, bijv. 2024-Q3")


def _uit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--uit", type=Path, help="map voor de facturen (standaard: HUB_DATA/doorbelastingen)")


def _voorstel(args: argparse.Namespace, hub: Onderdelen) -> int:
    profiel = aangemeld_als(args, hub, MANAGEMENTASSISTENT)
    toon_voorstel(console(), hub.doorbelasten.voorstel(args.contract, args.kwartaal, profiel), hub)
    return 0


def _vaststellen(args: argparse.Namespace, hub: Onderdelen) -> int:
    profiel = aangemeld_als(args, hub, MANAGEMENTASSISTENT)
    vastgesteld = hub.doorbelasten.stel_vast(args.contract, args.kwartaal, profiel, hub.doorbelastingsfacturen(),
                                             hub.doorbelastingmap(args.uit))
    toon_vastgesteld(console(), vastgesteld, hub)
    return 0


def _verzonden(args: argparse.Namespace, hub: Onderdelen) -> int:
    profiel = aangemeld_als(args, hub, MANAGEMENTASSISTENT)
    d = hub.doorbelasten.markeer_verzonden(args.doorbelasting, profiel)
    print(f"Doorbelasting {d.doorbelasting_id} staat als verzonden; een correctie gaat nu met een creditnota.")
    return 0


def _intrekken(args: argparse.Namespace, hub: Onderdelen) -> int:
    profiel = aangemeld_als(args, hub, MANAGEMENTASSISTENT)
    d = hub.doorbelasten.trek_in(args.doorbelasting, profiel, args.reden)
    print(f"Doorbelasting {d.doorbelasting_id} is ingetrokken; haar {len(d.regels)} regel(s) komen in de volgende "
          "doorbelasting. Gooi de facturen ervan weg.")
    return 0


def _document(args: argparse.Namespace, hub: Onderdelen) -> int:
    profiel = aangemeld_als(args, hub, MANAGEMENTASSISTENT)
    for pad in hub.doorbelasten.documenten(args.doorbelasting, profiel, hub.doorbelastingmap(args.uit)):
        print(pad)
    return 0


def _lijst(args: argparse.Namespace, hub: Onderdelen) -> int:
    toon_lijst(console(), hub.doorbelasten.lijst(), hub)
    return 0


def toon_voorstel(uit: Console, v: Doorbelastingvoorstel, hub: Onderdelen, titel: str | None = None) -> None:
    naam = hub.catalogus.partijen.naam
    if v.regels:
        facturen = len({(r.afzender, r.factuurnummer) for r in v.regels})
        uit.print(f"{v.contract.id}, {v.kwartaal}: {len(v.regels)} regel(s) van {facturen} "
                  f"{'factuur' if facturen == 1 else 'facturen'} van "
                  f"{naam(v.contract.provider)}, goedgekeurd en betaald door de penvoerder: {euro(v.totaal)} excl. BTW.",
                  soft_wrap=True, markup=False)
    else:
        uit.print(f"{v.contract.id}, {v.kwartaal}: geen goedgekeurde regels die in dit kwartaal betaald zijn en nog niet "
                  "doorbelast.", soft_wrap=True, markup=False)
    if v.nog_niet_betaald:
        uit.print(f"{v.nog_niet_betaald} goedgekeurde regel(s) zijn nog niet betaald; die volgen in het kwartaal van hun "
                  "betaalbatch.", soft_wrap=True, markup=False)
    tabel = Table(title=titel or f"Verdeling {v.contract.id} {v.kwartaal}", box=box.SIMPLE_HEAD, pad_edge=False)
    for kolom in ("plafond", "gemeente", "aandeel", "budget", "kwartaal", "doorbelast", "%"):
        tabel.add_column(kolom, justify="left" if kolom in ("plafond", "gemeente") else "right", no_wrap=True,
                         min_width=len(kolom))
    for b in v.budgetten:
        for i, g in enumerate(b.gemeenten):
            tabel.add_row(b.naam if i == 0 else "", g.naam.removeprefix("Gemeente "), f"{g.aandeel} %",
                          euro(g.budget_aandeel) if g.budget_aandeel is not None else "", euro(g.deze), euro(g.tot_nu),
                          f"{g.procent_budget}".replace(".", ",") if g.procent_budget is not None else "",
                          end_section=i == len(b.gemeenten) - 1)
    for i, d in enumerate(v.gemeenten):
        tabel.add_row("factuur" if i == 0 else "", d.naam.removeprefix("Gemeente "), f"{d.aandeel} %", "", euro(d.deze),
                      "", "")
    uit.print(tabel)
    penvoerder = next(g.naam for g in v.gemeenten if g.penvoerder)
    uit.print(f"Penvoerder {penvoerder} draagt zijn eigen deel en factureert de andere gemeenten. Een regel telt tegen het "
              "plafond van haar product in het jaar van haar factuurdatum (zoals het budgetgebruik in de "
              "kwartaalrapportage); buiten budget: geen plafond voor dat product en jaar. Kwartaal: deze doorbelasting; "
              "doorbelast: alle vastgestelde doorbelastingen tot en met dit kwartaal tegen dat plafond, excl. BTW; %: "
              "doorbelast als deel van het aandeel in het budget. Factuur: het deel per gemeente van het geheel (per "
              "plafond apart verdeeld kan een cent verschillen).",
              soft_wrap=True, markup=False)


def toon_vastgesteld(uit: Console, vastgesteld: Vastgesteld, hub: Onderdelen) -> None:
    d = vastgesteld.doorbelasting
    toon_voorstel(uit, vastgesteld.overzicht, hub, titel=f"Doorbelasting {d.doorbelasting_id}")
    uit.print(f"Vastgesteld door {d.vastgesteld_door.naam} op {d.vastgesteld_op.astimezone():%d-%m-%Y %H:%M}.",
              soft_wrap=True, markup=False)
    for document, pad in zip(d.documenten, vastgesteld.bestanden, strict=True):
        uit.print(f"Factuur {document.factuurnummer} aan {hub.catalogus.partijen.naam(document.gemeente)}: "
                  f"{euro(document.bedrag)} → {pad}", soft_wrap=True, markup=False)
    uit.print("Stuur de facturen naar de gemeenten en markeer de doorbelasting dan als verzonden: "
              f"hub doorbelasting verzonden {d.doorbelasting_id} --gebruiker NAAM", soft_wrap=True, markup=False)


def toon_lijst(uit: Console, standen: list[Doorbelastingstand], hub: Onderdelen) -> None:
    if not standen:
        uit.print("Er zijn nog geen doorbelastingen; stel er een vast met `hub doorbelasting vaststellen`.", markup=False)
        return
    naam = hub.catalogus.partijen.naam
    for s in standen:
        d = s.doorbelasting
        delen = ", ".join(f"{naam(g).removeprefix('Gemeente ')} {euro(deel)}"
                          + (" (eigen deel)" if g == d.penvoerder else "") for g, deel in d.delen.items())
        uit.print(f"{d.doorbelasting_id}: {s.status}; vastgesteld op {d.vastgesteld_op.astimezone():%d-%m-%Y} door "
                  f"{d.vastgesteld_door.naam}", markup=False)
        uit.print(f"  {len(d.regels)} regel(s), {euro(d.totaal)} excl. BTW: {delen}", markup=False)
