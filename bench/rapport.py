"""Meet hoe lang één kwartaalrapport voor alle aanbieders van een gemeente duurt.

    python bench/rapport.py --data MAP [--gemeente amstelveen] [--kwartaal 2022-Q2]

MAP is een map met een gevulde eventstore (bijv. `bench/rebuild.py --bewaar MAP`). Gemeten wordt wat
`hub rapport kwartaal` doet: leesmodellen laden, bijwerken (geen nieuwe events), rekenen en HTML, JSON
en XLSX maken. De eerste keer herbouwt de leesmodellen als ze er nog niet zijn; die tijd telt niet mee.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rebuild import machine  # noqa: E402
from hub.instellingen import Instellingen  # noqa: E402
from hub.koppelingen.contractbestanden import laad_catalogus  # noqa: E402
from hub.koppelingen.leesmodellen import Leesmodellen  # noqa: E402
from hub.koppelingen.rapport import als_html, als_json, als_xlsx  # noqa: E402
from hub.koppelingen.rapport.bron import kwartaalrapport  # noqa: E402
from hub.projections.kwartaal import Kwartaalfeiten  # noqa: E402
from hub.projections.termijnbewaking import Termijnbewaking  # noqa: E402
from hub.toepassing import open_hub  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--gemeente", default="amstelveen")
    parser.add_argument("--kwartaal", default="2022-Q2")
    parser.add_argument("--herhaal", type=int, default=5)
    parser.add_argument("--zonder-factuurcontrole", action="store_true",
                        help="alleen kwartaalfeiten en termijnbewaking (bevindingen dan niet beschikbaar)")
    parser.add_argument("--leesmodellen", default="leesmodellen", help="submap met de leesmodellen")
    args = parser.parse_args()
    instellingen = Instellingen(data=args.data)
    hub = open_hub(instellingen)
    catalogus = laad_catalogus(instellingen.contracten)
    leesmodellen = Leesmodellen(args.data / args.leesmodellen)

    def projecties():
        return [Kwartaalfeiten(), Termijnbewaking()] if args.zonder_factuurcontrole else None

    begin = time.perf_counter()
    kwartaalrapport(hub, catalogus, leesmodellen, args.gemeente, args.kwartaal, projecties=projecties())
    print(f"voorbereiding (leesmodellen laden of bouwen): {time.perf_counter() - begin:.1f} s", file=sys.stderr)
    tijden, rekenen = [], []
    for _ in range(args.herhaal):
        begin = time.perf_counter()
        rapport = kwartaalrapport(hub, catalogus, leesmodellen, args.gemeente, args.kwartaal, projecties=projecties())
        midden = time.perf_counter()
        als_html(rapport), als_json(rapport), als_xlsx(rapport)
        tijden.append(time.perf_counter() - begin)
        rekenen.append(midden - begin)
    aantal = hub.recorder.max_notification_id()
    print(f"machine: {machine()}")
    bron = "zonder factuurcontrole" if args.zonder_factuurcontrole else "met factuurcontrole"
    print(f"eventstore: {aantal} events ({bron}); {args.gemeente} {args.kwartaal}, {len(rapport.providers)} aanbieders "
          f"({', '.join(c.provider for c in rapport.providers)}), trend over 4 kwartalen")
    print(f"rapport (laden + bijwerken + rekenen): mediaan {statistics.median(rekenen):.2f} s")
    print(f"rapport incl. HTML, JSON en XLSX: mediaan {statistics.median(tijden):.2f} s (min {min(tijden):.2f}, max {max(tijden):.2f})")


if __name__ == "__main__":
    main()
