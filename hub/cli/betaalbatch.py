"""`hub betaalbatch maak` en `hub betaalbatch toon`: goedgekeurde bedragen betalen via een SEPA-bestand (pain.001)."""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

from rich.console import Console
from rich.table import Table

from hub.cli.factuur import bijgewerkt
from hub.cli.gedeeld import Omgeving, Stop, met_omgeving
from hub.domein.geld import euro
from hub.domein.kalender import plus_werkdagen
from hub.koppelingen.betaling.sepa import OPDRACHTGEVERS, Opdrachtgever, Overboeking, SepaFout, laad_opdrachtgevers, schrijf_pain001
from hub.projections.betaalvoorstel import TeBetalen, betaalbatches, betaalvoorstel


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("betaalbatch", help="goedgekeurde factuurregels betalen (SEPA pain.001)")
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    maak = acties.add_parser("maak", help="maak per gemeente een SEPA-bestand met alle goedgekeurde, onbetaalde regels")
    maak.add_argument("--uitvoeringsdatum", type=date.fromisoformat, help="JJJJ-MM-DD (standaard: de volgende werkdag)")
    maak.add_argument("--uit", type=Path, help="map voor de bestanden (standaard: HUB_DATA/betaalbatches)")
    maak.add_argument("--opdrachtgevers", type=Path, default=OPDRACHTGEVERS,
                      help="TOML met per gemeente naam, iban en bic van de betalende rekening")
    maak.set_defaults(uitvoeren=_uitvoeren(_maak))
    toon = acties.add_parser("toon", help="toon de gemaakte betaalbatches")
    toon.set_defaults(uitvoeren=_uitvoeren(_toon))


def _uitvoeren(functie):
    return met_omgeving(functie, SepaFout)


def _crediteur_iban(omg: Omgeving, afzender: str, gemeente: str) -> str | None:
    return next((c.iban for c in omg.catalogus.contracten_van(afzender, gemeente) if c.iban), None)


def _overboeking(omg: Omgeving, post: TeBetalen) -> Overboeking:
    f = post.oordeel
    iban = _crediteur_iban(omg, f.afzender, f.gemeente)
    if iban is None:
        raise Stop(f"Het contract van {f.afzender} met {f.gemeente} noemt geen IBAN; laat de inkoper het invullen.")
    return Overboeking(
        kenmerk=f.factuurnummer,
        bedrag=post.bedrag,
        naam=omg.catalogus.partijen.naam(f.afzender),
        iban=iban,
        omschrijving=f"Factuur {f.factuurnummer} regel {', '.join(map(str, post.regelnummers))}",
    )


def _batch(
    omg: Omgeving, opdrachtgever: Opdrachtgever, posten: list[TeBetalen], uitvoeringsdatum: date, map_: Path, volgnummer: int
) -> Path:
    """Eerst het bestand (getoetst) als tijdelijk bestand, dan de events, dan pas de definitieve naam."""
    nu = datetime.now(timezone.utc)
    batch_id = f"BB-{nu:%Y%m%d-%H%M%S}-{volgnummer}-{opdrachtgever.gemeente}"[:35]
    xml = schrijf_pain001(batch_id, nu.astimezone(), uitvoeringsdatum, opdrachtgever, [_overboeking(omg, p) for p in posten])
    map_.mkdir(parents=True, exist_ok=True)
    doel = map_ / f"{batch_id}.xml"
    if doel.exists():
        raise Stop(f"{doel} bestaat al; wacht een seconde en probeer het opnieuw.")
    fd, tijdelijk = tempfile.mkstemp(dir=map_, prefix=f".{batch_id}.")
    with os.fdopen(fd, "wb") as fh:
        fh.write(xml)
    try:
        facturen = []
        for post in posten:
            factuur = omg.hub.zoek_factuur(post.oordeel.afzender, post.oordeel.factuurnummer)
            factuur.neem_op_in_batch(batch_id, post.regelnummers, nu)
            facturen.append(factuur)
        omg.hub.save(*facturen)
    except BaseException:
        os.unlink(tijdelijk)
        raise
    os.replace(tijdelijk, doel)
    return doel


def _maak(args: argparse.Namespace, omg: Omgeving) -> int:
    facturen = bijgewerkt(omg).facturen()
    voorstel = betaalvoorstel(facturen)
    volgnummer = len(betaalbatches(facturen))
    if not voorstel:
        print("Er is niets te betalen: geen goedgekeurde regels die nog niet in een betaalbatch staan.")
        return 0
    opdrachtgevers = laad_opdrachtgevers(args.opdrachtgevers)
    ontbreekt = sorted(g for g in voorstel if g not in opdrachtgevers)
    if ontbreekt:
        raise Stop(f"Geen rekeninggegevens voor {', '.join(ontbreekt)} in {args.opdrachtgevers}; vul naam, iban en bic aan.")
    uitvoeringsdatum = args.uitvoeringsdatum or plus_werkdagen(date.today(), 1)
    map_ = args.uit or omg.instellingen.data / "betaalbatches"
    for gemeente, posten in sorted(voorstel.items()):
        volgnummer += 1
        bestand = _batch(omg, opdrachtgevers[gemeente], posten, uitvoeringsdatum, map_, volgnummer)
        totaal = sum((p.bedrag for p in posten), Decimal(0))
        print(f"{opdrachtgevers[gemeente].naam}: {len(posten)} betaling(en), {euro(totaal)}, uit te voeren op "
              f"{uitvoeringsdatum:%d-%m-%Y} → {bestand}")
    print("Lever de bestanden aan bij de bank; elke regel staat nu in precies één betaalbatch.")
    return 0


def _toon(args: argparse.Namespace, omg: Omgeving) -> int:
    batches = betaalbatches(bijgewerkt(omg).facturen())
    if not batches:
        print("Er zijn nog geen betaalbatches; maak er een met `hub betaalbatch maak`.")
        return 0
    naam = omg.catalogus.partijen.naam
    tabel = Table(title="Betaalbatches")
    for kolom in ("batch", "gemaakt", "gemeente", "aanbieders", "betalingen", "regels", "totaal incl. BTW"):
        tabel.add_column(kolom, justify="right" if kolom in ("betalingen", "regels", "totaal incl. BTW") else "left")
    for b in batches:
        tabel.add_row(b.batch_id, f"{b.op.astimezone():%d-%m-%Y %H:%M}" if b.op else "", ", ".join(map(naam, b.gemeenten)),
                      ", ".join(map(naam, b.aanbieders)), str(b.betalingen), str(b.regels), euro(b.totaal))
    Console(width=200, highlight=False).print(tabel)
    return 0
