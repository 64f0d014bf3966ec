"""`hub betaalbatch maak | geef-vrij | trek-in | toon`: goedgekeurde bedragen betalen via een SEPA-bestand (pain.001).
Een batch wordt voorgesteld en door een tweede persoon vrijgegeven; pas dan is er een bestand voor de bank."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.table import Table

from hub.aggregates.gebruiker import MANAGEMENTASSISTENT
from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import aangemeld_als, console, gebruiker_argument, opdracht
from hub.cli.invoer import datum, voorbeeld
from hub.contracten.catalogus import Catalogus
from hub.domein.geld import euro
from hub.koppelingen.betaling.sepa import OPDRACHTGEVERS
from hub.projections.betaalvoorstel import Betaalbatch
from hub.toepassing.betalen import GemaakteBatch, Voorstel
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.gebruikers import Profiel


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("betaalbatch", help="goedgekeurde factuurregels betalen (SEPA pain.001), met vier ogen",
                            epilog=voorbeeld("hub betaalbatch maak --gebruiker mdeboer", "hub betaalbatch geef-vrij BATCH --gebruiker jvisser"))
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    maak = acties.add_parser("maak", help="stel per gemeente een betaalbatch voor met alle goedgekeurde, onbetaalde regels",
                             description="Een voorstel voor de eigen gemeenten; een collega die niet over de regels "
                                         "besliste geeft het vrij met `hub betaalbatch geef-vrij BATCH --gebruiker NAAM`.",
                             epilog=voorbeeld("hub betaalbatch maak --gebruiker mdeboer --uitvoeringsdatum 31-12-2024"))
    maak.add_argument("--uitvoeringsdatum", type=datum, help="DD-MM-JJJJ of JJJJ-MM-DD (standaard: de volgende werkdag)")
    gebruiker_argument(maak, "de batch voorstelt")
    _opdrachtgevers(maak)
    maak.set_defaults(uitvoeren=opdracht(_maak))
    vrij = acties.add_parser("geef-vrij", help="geef een voorgestelde batch vrij en schrijf het SEPA-bestand",
                             description="Vier ogen: wie over een regel in de batch besliste, kan hem niet vrijgeven.",
                             epilog=voorbeeld("hub betaalbatch geef-vrij BB-20240419-100000-1-amstelveen --gebruiker jvisser"))
    vrij.add_argument("batch", metavar="BATCH", help="het nummer van de batch (zie `hub betaalbatch toon`)")
    gebruiker_argument(vrij, "vrijgeeft")
    vrij.add_argument("--uit", type=Path, help="map voor het bestand (standaard: HUB_DATA/betaalbatches)")
    _opdrachtgevers(vrij)
    vrij.set_defaults(uitvoeren=opdracht(_geef_vrij))
    trek_in = acties.add_parser("trek-in", help="trek een voorgestelde batch in; de regels komen in het volgende voorstel",
                                epilog=voorbeeld("hub betaalbatch trek-in BB-20240419-100000-1-amstelveen --gebruiker mdeboer "
                                                 '--reden "Verkeerde uitvoeringsdatum"'))
    trek_in.add_argument("batch", metavar="BATCH", help="het nummer van de batch (zie `hub betaalbatch toon`)")
    gebruiker_argument(trek_in, "intrekt")
    trek_in.add_argument("--reden", required=True, help="waarom")
    trek_in.set_defaults(uitvoeren=opdracht(_trek_in))
    toon = acties.add_parser("toon", help="toon de voorgestelde en de vrijgegeven betaalbatches",
                             epilog=voorbeeld("hub betaalbatch toon"))
    toon.set_defaults(uitvoeren=opdracht(_toon))


def _opdrachtgevers(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--opdrachtgevers", type=Path, default=OPDRACHTGEVERS,
                        help="TOML met per gemeente naam, iban en bic van de betalende rekening")


def _eigen_batch(args: argparse.Namespace, hub: Onderdelen) -> Profiel:
    """De aangemelde managementassistent, als de batch van een van zijn gemeenten is."""
    profiel = aangemeld_als(args, hub, MANAGEMENTASSISTENT)
    gemeente = hub.betalen.voorstel(args.batch).gemeente
    if not profiel.mag_gemeente(gemeente):
        raise Onuitvoerbaar(f"Betaalbatch {args.batch} is van {hub.catalogus.partijen.naam(gemeente)}, een gemeente waarvoor "
                            "u niet werkt.")
    return profiel


def _maak(args: argparse.Namespace, hub: Onderdelen) -> int:
    profiel = aangemeld_als(args, hub, MANAGEMENTASSISTENT)
    voorstellen = hub.betalen.stel_voor(hub.opdrachtgevers(args.opdrachtgevers), profiel.als_beslisser,
                                        args.uitvoeringsdatum, gemeenten=profiel.gemeenten)
    toon_voorgesteld(console(), voorstellen, hub.catalogus)
    return 0


def _geef_vrij(args: argparse.Namespace, hub: Onderdelen) -> int:
    profiel = _eigen_batch(args, hub)
    gemaakt = hub.betalen.geef_vrij(args.batch, profiel.als_beslisser, hub.opdrachtgevers(args.opdrachtgevers),
                                    hub.betaalmap(args.uit))
    toon_gemaakt(console(), [gemaakt])
    return 0


def _trek_in(args: argparse.Namespace, hub: Onderdelen) -> int:
    voorstel = hub.betalen.trek_in(args.batch, _eigen_batch(args, hub).als_beslisser, args.reden)
    print(f"Betaalbatch {voorstel.batch_id} is ingetrokken; de regels komen in het volgende voorstel.")
    return 0


def toon_voorgesteld(uit: Console, voorstellen: list[Voorstel], catalogus: Catalogus) -> None:
    if not voorstellen:
        uit.print("Er is niets te betalen: geen goedgekeurde regels die nog niet in een betaalbatch staan.")
        return
    naam = catalogus.partijen.naam
    for v in voorstellen:
        beslissers = ", ".join(b.naam for b in v.beslissers)
        uit.print(f"{v.batch_id}: {naam(v.gemeente)}, {len(v.posten)} betaling(en), {euro(v.totaal)}, uit te voeren op "
                  f"{v.uitvoeringsdatum:%d-%m-%Y}; besloten door {beslissers}.", soft_wrap=True, markup=False)
    uit.print("Laat een collega die niet over deze regels besliste elke batch vrijgeven: "
              "hub betaalbatch geef-vrij BATCH --gebruiker NAAM", markup=False, soft_wrap=True)


def toon_gemaakt(uit: Console, gemaakt: list[GemaakteBatch]) -> None:
    for batch in gemaakt:
        uit.print(f"{batch.voorstel.batch_id} vrijgegeven door {batch.vrijgegeven_door.naam}. {batch.opdrachtgever.naam}: "
                  f"{len(batch.posten)} betaling(en), {euro(batch.totaal)}, uit te voeren op "
                  f"{batch.uitvoeringsdatum:%d-%m-%Y} → {batch.bestand}", soft_wrap=True, markup=False)
    uit.print("Lever het bestand aan bij de bank; elke regel staat nu in precies één betaalbatch.")


def _toon(args: argparse.Namespace, hub: Onderdelen) -> int:
    uit = console()
    voorstellen = hub.betalen.voorstellen()
    if voorstellen:
        uit.print("Wachten op vrijgave:")
        toon_voorgesteld(uit, voorstellen, hub.catalogus)
    toon_batches(uit, hub.betalen.batches(), hub.catalogus)
    return 0


def toon_batches(uit: Console, batches: list[Betaalbatch], catalogus: Catalogus) -> None:
    if not batches:
        uit.print("Er zijn nog geen vrijgegeven betaalbatches; stel er een voor met `hub betaalbatch maak`.", markup=False)
        return
    naam = catalogus.partijen.naam
    tabel = Table(title="Vrijgegeven betaalbatches")
    for kolom in ("batch", "vrijgegeven", "gemeente", "aanbieders", "betalingen", "regels", "totaal incl. BTW"):
        tabel.add_column(kolom, justify="right" if kolom in ("betalingen", "regels", "totaal incl. BTW") else "left")
    for b in batches:
        tabel.add_row(b.batch_id, f"{b.op.astimezone():%d-%m-%Y %H:%M}" if b.op else "", ", ".join(map(naam, b.gemeenten)),
                      ", ".join(map(naam, b.aanbieders)), str(b.betalingen), str(b.regels), euro(b.totaal))
    uit.print(tabel)
