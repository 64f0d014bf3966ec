"""Meet hoe lang één kwartaalrapport voor alle aanbieders van een gemeente duurt.

    python bench/rapport.py --data MAP [--gemeente amstelveen] [--kwartaal 2022-Q2] [--nieuwe-events]

MAP is een map met een gevulde eventstore (bijv. `bench/rebuild.py --bewaar MAP`). Gemeten wordt wat
`hub rapport kwartaal` doet: de leesmodellen van de gemeente laden, bijwerken, rekenen en HTML, JSON en XLSX
maken. Zonder `--nieuwe-events` zijn er geen nieuwe events; met die optie komt vóór elke meting een nieuw
traject van de gemeente binnen (aanmelding, oproep, intake, plan en besluit: 5 events). De eerste keer bouwt
de leesmodellen van de gemeente als ze er nog niet zijn; die tijd telt niet mee.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rebuild import machine

from hub.aggregates.traject import Traject
from hub.bootstrap import open_hub
from hub.instellingen import Instellingen
from hub.koppelingen.opslag.contractbestanden import laad_catalogus
from hub.koppelingen.opslag.leesmodellen import Leesmodellen
from hub.koppelingen.weergave import als_html, als_json, als_xlsx
from hub.toepassing.eventstore import Hub
from hub.toepassing.rapport import kwartaalrapport


def nieuw_traject(hub: Hub, gemeente: str, provider: str, product: str) -> None:
    dag = date(2022, 5, 2)
    t = Traject.meld_aan(gemeente=gemeente, traject_id=f"N{time.time_ns()}", provider=provider, product=product,
                         datum_aanmelding=dag, klantmanager="S. de Vries", reden_verwijzing="werk",
                         client={"bsn": "111222333"}, product_bekend=True)
    t.registreer_oproep(dag + timedelta(days=3), dag + timedelta(days=10), True)
    t.registreer_intake(dag + timedelta(days=10))
    t.dien_plan_in(dag + timedelta(days=20), {"naam": "P. Bakker", "telefoon": "0612345678"}, True, True, True,
                   "analyse", [{"doel": "werk"}], 2)
    t.beoordeel_plan(dag + timedelta(days=24), "goedgekeurd", "akkoord")
    hub.save(t)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--gemeente", default="amstelveen")
    parser.add_argument("--kwartaal", default="2022-Q2")
    parser.add_argument("--herhaal", type=int, default=5)
    parser.add_argument("--zonder-factuurcontrole", action="store_true",
                        help="alleen kwartaalfeiten en termijnbewaking (bevindingen dan niet beschikbaar)")
    parser.add_argument("--leesmodellen", default="leesmodellen", help="submap met de leesmodellen")
    parser.add_argument("--nieuwe-events", action="store_true", help="vóór elke meting 5 nieuwe events van de gemeente")
    args = parser.parse_args()
    instellingen = Instellingen(data=args.data)
    hub = open_hub(instellingen)
    catalogus = laad_catalogus(instellingen.contracten)
    leesmodellen = Leesmodellen(args.data / args.leesmodellen)

    met = not args.zonder_factuurcontrole
    begin = time.perf_counter()
    rapport = kwartaalrapport(hub, catalogus, leesmodellen, args.gemeente, args.kwartaal, met_factuurcontrole=met)
    print(f"voorbereiding (leesmodellen laden of bouwen): {time.perf_counter() - begin:.1f} s", file=sys.stderr)
    eerste = rapport.providers[0].provider
    product = next(c.producten[0].code for c in catalogus.contracten if c.provider == eerste and args.gemeente in c.gemeenten)
    tijden, rekenen = [], []
    for _ in range(args.herhaal):
        if args.nieuwe_events:
            nieuw_traject(hub, args.gemeente, eerste, product)
        begin = time.perf_counter()
        rapport = kwartaalrapport(hub, catalogus, leesmodellen, args.gemeente, args.kwartaal, met_factuurcontrole=met)
        midden = time.perf_counter()
        als_html(rapport), als_json(rapport), als_xlsx(rapport)
        tijden.append(time.perf_counter() - begin)
        rekenen.append(midden - begin)
    aantal = hub.recorder.max_notification_id()
    print(f"machine: {machine()}")
    bron = "zonder factuurcontrole" if args.zonder_factuurcontrole else "met factuurcontrole"
    bron += ", telkens 5 nieuwe events" if args.nieuwe_events else ", geen nieuwe events"
    print(f"eventstore: {aantal} events ({bron}); {args.gemeente} {args.kwartaal}, {len(rapport.providers)} aanbieders "
          f"({', '.join(c.provider for c in rapport.providers)}), trend over 4 kwartalen")
    print(f"rapport (laden + bijwerken + rekenen): mediaan {statistics.median(rekenen):.2f} s")
    print(f"rapport incl. HTML, JSON en XLSX: mediaan {statistics.median(tijden):.2f} s (min {min(tijden):.2f}, max {max(tijden):.2f})")


if __name__ == "__main__":
    main()
