"""Meet het herbouwen van alle projecties tegen het ruwe lezen en decoderen van de eventstore.

    python bench/rebuild.py --events 1000000 [--bewaar MAP] [--herhaal N] [--processen N] [--ontvangsten]

Schrijft realistische trajecten (alle eventsoorten), jobcoachperiodes en facturen in een SQLite-eventstore
in een tijdelijke map (of MAP), meet dan in dezelfde run (1) lezen + decoderen via
`recorder.select_notifications` + `mapper.to_domain_event` en (2) alle leesmodellen herbouwen vanaf nul, zoals
`hub projecties herbouw`: per gemeente de kwartaalfeiten, de termijnbewaking en de factuurcontrole.
Met `--ontvangsten` staat naast elk feit dat als bericht binnenkwam ook de `Ontvangst` met de retour, zoals in
een eventstore van de hub; zonder alleen de feiten.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hub.aggregates.factuur import Factuur, Factuurregel
from hub.aggregates.jobcoachperiode import Jobcoachperiode, Urenregel
from hub.aggregates.ontvangst import Ontvangst
from hub.aggregates.traject import Traject
from hub.bootstrap import open_hub
from hub.domein.clientgegevens import Clientgegevens
from hub.domein.kalender import kwartaal_van, plus_maanden
from hub.instellingen import Instellingen
from hub.koppelingen.opslag.contractbestanden import laad_catalogus
from hub.koppelingen.opslag.herbouw import herbouw as herbouwen
from hub.koppelingen.opslag.leesmodellen import BLOK, Leesmodellen
from hub.projections.register import gemeentemodellen
from hub.toepassing.verwerking.verwerker import retour

PARTIJEN = [("matchez", "amstelveen", "MZ-BNW3"), ("matchez", "aalsmeer", "MZ-BNW6"), ("a-rea", "amstelveen", "AREA-MED"),
            ("balans", "amstelveen", "BAL-TRAJECT"), ("agros", "heemstede", "AGROS"), ("pasmatch", "heemstede", "PASMATCH"),
            ("am-match", "uithoorn", "AM-REGULIER")]
REDENEN = ("afgerond", "voortijdigeUitval", "zonderResultaat", "anders")
BEGIN = date(2019, 1, 1)
CLIENT = Clientgegevens(bsn="111222333", naam="Cliënt", geboortedatum=date(1980, 1, 1))
OP = datetime(2024, 1, 1, tzinfo=UTC)


def _traject(rnd: random.Random, nummer: int) -> tuple[list, tuple[str, str], str]:
    provider, gemeente, product = rnd.choice(PARTIJEN)
    aanmelding = BEGIN + timedelta(days=rnd.randrange(0, 2100))
    t = Traject.meld_aan(gemeente=gemeente, traject_id=f"T{nummer}", provider=provider, product=product,
                         datum_aanmelding=aanmelding, klantmanager="S. de Vries", reden_verwijzing="werk",
                         client=CLIENT, product_bekend=True)
    uitnodiging = aanmelding + timedelta(days=rnd.randint(1, 18))
    gesprek = uitnodiging + timedelta(days=rnd.randint(4, 12))
    t.registreer_oproep(uitnodiging, gesprek, True)
    if rnd.random() < 0.2:
        t.registreer_noshow(gesprek, "intake")
        gesprek += timedelta(days=7)
    t.registreer_intake(gesprek)
    plan = aanmelding + timedelta(days=rnd.randint(10, 35))
    trede = rnd.randint(1, 4)
    t.dien_plan_in(plan, {"naam": "P. Bakker", "telefoon": "0612345678"}, True, True, True, "analyse",
                   [{"doel": "werk"}], trede)
    t.beoordeel_plan(plan + timedelta(days=rnd.randint(1, 9)), "goedgekeurd", "akkoord")
    for n in (1, 2):
        trede = max(1, min(6, trede + rnd.choice((-1, 0, 1, 1))))
        t.rapporteer_voortgang(kwartaal_van(plus_maanden(plan, 3 * n)), trede, "voortgang")
    kans = rnd.random()
    if kans < 0.5:
        indienst = gesprek + timedelta(days=rnd.randint(20, 150))
        t.plaats(indienst, "Werkgever BV", Decimal("32"), 12, "AO")
        t.beeindig(indienst + timedelta(days=10), "uitstroomWerk", None)
        for m in (1, 2, 3):
            t.lever_nazorgmaand(plus_maanden(indienst, m).strftime("%Y-%m"))
    elif kans < 0.9:
        t.beeindig(plan + timedelta(days=rnd.randint(60, 300)), rnd.choice(REDENEN), "vervolgtraject")
    uit = [t]
    if rnd.random() < 0.1:
        start = aanmelding + timedelta(days=30)
        p = Jobcoachperiode(gemeente=gemeente, periode_id=f"JC{nummer}", traject_id=f"T{nummer}", provider="jobcoach-org",
                            soort="jobcoaching", start=start, eind=plus_maanden(start, 5), uren_gepland=Decimal(40),
                            jobcoachplan_ref="JCP", werkgever="Werkgever BV", bijzondere_omstandigheden=None,
                            datum_aanvraag=start + timedelta(days=rnd.randint(0, 40)))
        p.ken_toe(start, plus_maanden(start, 5), Decimal(40), "jobcoaching")
        p.verantwoord_uren([Urenregel(start + timedelta(days=d), Decimal(3), "coaching") for d in (7, 14, 21)],
                           "geen", {"jobcoach": True, "werkgever": True, "werknemer": True}, "op koers", start + timedelta(days=60))
        uit.append(p)
    return uit, (provider, gemeente), product


def _factuur(provider: str, gemeente: str, product: str, nummer: int, trajecten: list[tuple[str, date]], rnd: random.Random) -> Factuur:
    regels = []
    for i, (traject_id, dag) in enumerate(trajecten, start=1):
        regels.append(Factuurregel(regelnummer=i, traject_id=traject_id, product=product, periode_start=dag,
                                   periode_eind=dag + timedelta(days=90), aantal=Decimal(1), prijs=Decimal("2250.00"),
                                   bedrag=Decimal("2250.00"), btw_percentage=Decimal(21)))
    totaal = sum((r.bedrag or Decimal(0) for r in regels), Decimal(0))
    factuurdatum = max(r.periode_eind or dag for r in regels) + timedelta(days=rnd.randint(3, 25))
    f = Factuur.ontvang(afzender=provider, gemeente=gemeente, factuurnummer=f"F{nummer}", factuurdatum=factuurdatum,
                        verzonden=OP, iban="NL91ABNA0417164300", regels=regels, totaal_excl_btw=totaal,
                        btw_bedrag=totaal * Decimal("0.21"), totaal_incl_btw=totaal * Decimal("1.21"), bron="json")
    for r in regels[:-1]:
        uitkomst = "afgewezen" if r.regelnummer % 9 == 0 else "goedgekeurd"
        f.besluit(r.regelnummer, uitkomst, Decimal(0) if uitkomst == "afgewezen" else r.bedrag or Decimal(0), "MA", "gecontroleerd", OP)
    return f


def _ontvangsten(aggregates: list) -> list:
    """Wat de hub per binnengekomen bericht naast de feiten opslaat: een `Ontvangst` met de retour. Besluiten
    van de managementassistent komen niet als bericht binnen en hebben er geen."""
    uit = []
    for aggregate in aggregates:
        for event in aggregate.pending_events:
            if isinstance(event, Factuur.RegelBesloten):
                continue
            bericht_id = uuid.uuid5(event.originator_id, str(event.originator_version))
            afzender = getattr(aggregate, "afzender", None) or getattr(aggregate, "provider", "gemeente")
            uit.append(Ontvangst(bericht_id=bericht_id, afzender=afzender, soort=type(event).__name__, ontvangen=OP,
                                 retour=retour(bericht_id), sleutel=str(event.originator_id)))
    return uit


def vul(hub, doel: int, seed: int = 7, ontvangsten: bool = False) -> int:
    rnd = random.Random(seed)
    geschreven = nummer = facturen = 0
    wachtrij: dict[tuple[str, str], list[tuple[str, date]]] = {}
    batch: list = []
    begin = time.perf_counter()
    while geschreven < doel:
        nummer += 1
        aggregates, partij, product = _traject(rnd, nummer)
        batch.extend(aggregates)
        wachtrij.setdefault(partij, []).append((f"T{nummer}", aggregates[0].datum_aanmelding))
        if len(wachtrij[partij]) == 10:
            facturen += 1
            batch.append(_factuur(partij[0], partij[1], product, facturen, wachtrij.pop(partij), rnd))
        if len(batch) >= 400:
            if ontvangsten:
                batch += _ontvangsten(batch)
            geschreven += sum(len(a.pending_events) for a in batch)
            hub.save(*batch)
            batch = []
            if nummer % 20000 < 400:
                snelheid = geschreven / (time.perf_counter() - begin)
                print(f"  {geschreven:>9} events geschreven ({snelheid:,.0f}/s)", file=sys.stderr)
    if batch:
        if ontvangsten:
            batch += _ontvangsten(batch)
        geschreven += sum(len(a.pending_events) for a in batch)
        hub.save(*batch)
    return geschreven


def lees_ruw(hub) -> tuple[int, float]:
    recorder, mapper = hub.recorder, hub.mapper
    begin = time.perf_counter()
    start, aantal = 1, 0
    while True:
        notificaties = recorder.select_notifications(start=start, limit=BLOK)
        if not notificaties:
            break
        for n in notificaties:
            mapper.to_domain_event(n)
        aantal += len(notificaties)
        start = notificaties[-1].id + 1
    return aantal, time.perf_counter() - begin


def herbouw(hub, instellingen: Instellingen, catalogus, processen: int) -> tuple[int, float, int]:
    """Zoals `hub projecties herbouw --processen N`, inclusief het wegschrijven van de leesmodellen."""
    begin = time.perf_counter()
    klaar = herbouwen(hub, instellingen, catalogus, Leesmodellen.van(instellingen), processen)
    return klaar.events, time.perf_counter() - begin, klaar.processen


def machine() -> str:
    model = next((r.split(":", 1)[1].strip() for r in Path("/proc/cpuinfo").read_text().splitlines() if r.startswith("model name")), "?")
    geheugen = next((int(r.split()[1]) for r in Path("/proc/meminfo").read_text().splitlines() if r.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores (nproc), {model}, {geheugen / 1024 / 1024:.0f} GB RAM, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--herhaal", type=int, default=1, help="herhaal de metingen en neem de mediaan")
    parser.add_argument("--processen", type=int, default=os.cpu_count() or 1, help="processen voor de parallelle herbouw")
    parser.add_argument("--ontvangsten", action="store_true",
                        help="bij het vullen per bericht ook de Ontvangst opslaan, zoals de hub doet (eigen map gebruiken)")
    parser.add_argument("--bewaar", type=Path, help="map voor eventstore en leesmodellen (anders tijdelijk)")
    args = parser.parse_args()
    data = args.bewaar or Path(tempfile.mkdtemp(prefix="hub-bench-"))
    instellingen = Instellingen(data=data)
    hub = open_hub(instellingen)
    catalogus = laad_catalogus(instellingen.contracten)
    if (hub.recorder.max_notification_id() or 0) < args.events:
        begin = time.perf_counter()
        geschreven = vul(hub, args.events - (hub.recorder.max_notification_id() or 0), ontvangsten=args.ontvangsten)
        print(f"geschreven: {geschreven} events in {time.perf_counter() - begin:.0f} s", file=sys.stderr)
    ruw: list[float] = []
    herbouwd: dict[int, list[float]] = {}
    delen = ", ".join(dict.fromkeys(m.delen[0].naam for m in gemeentemodellen(catalogus)))
    for _ in range(args.herhaal):
        for processen in (1, args.processen):
            aantal, duur = lees_ruw(hub)
            ruw.append(aantal / duur)
            aantal, duur, gebruikt = herbouw(hub, instellingen, catalogus, processen)
            herbouwd.setdefault(gebruikt, []).append(aantal / duur)
            print(f"  ruw {ruw[-1]:,.0f}/s, herbouw in {gebruikt} proces(sen) {aantal / duur:,.0f}/s", file=sys.stderr)
    r = statistics.median(ruw)
    print(f"machine: {machine()}; datum {date.today():%Y-%m-%d}")
    print(f"events in de eventstore: {aantal}")
    print(f"ruw lezen + decoderen (één proces): {r:,.0f} events/s, mediaan van {len(ruw)}")
    for gebruikt, snelheden in sorted(herbouwd.items()):
        h = statistics.median(snelheden)
        print(f"herbouw alle leesmodellen ({delen}, per gemeente), {gebruikt} proces(sen), incl. wegschrijven: "
              f"{h:,.0f} events/s ({h / r:.0%} van ruw), mediaan van {len(snelheden)}")
    print(f"data: {data}")


if __name__ == "__main__":
    main()
