"""Maakt `data/eventstore-v1.sqlite`: het demoscenario, besluiten, een correctie en een betaalbatch.

Het bestand is gemaakt met de events in hun eerste versie en wordt nooit opnieuw gemaakt: het bewijst dat
nieuwe code de opgeslagen events van toen nog leest. Opnieuw draaien geeft een eventstore met de events in
hun huidige versie (`python -m tests.aggregates.eventstore_v1 MAP`).
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from hub.berichten import lees_json
from hub.bootstrap import open_hub
from hub.demo.scenario import scenario
from hub.instellingen import Instellingen
from hub.koppelingen.opslag.contractbestanden import laad_catalogus
from hub.toepassing.eventstore import Hub
from hub.toepassing.verwerking import Verwerker

PROJECT = Path(__file__).resolve().parents[2]
BESTAND = Path(__file__).resolve().parent / "data" / "eventstore-v1.sqlite"
MA = "M. de Boer"
OP = datetime(2024, 11, 1, 10, 0, tzinfo=UTC)

# (afzender, factuurnummer, regelnummer, besluit, bedrag): zoals de demo besluit, met het verwachte bedrag waar
# de managementassistent dat goedkeurt.
BESLUITEN = [
    ("matchez", "MZ-2024-0012", 1, "goedgekeurd", "2250.00"),
    ("matchez", "MZ-2024-0012", 2, "goedgekeurd", "500.00"),
    ("matchez", "MZ-2024-0012", 3, "verwachtGoedgekeurd", "2250.00"),
    ("matchez", "MZ-2024-0019", 1, "afgewezen", "0.00"),
    ("matchez", "MZ-2024-0019", 2, "goedgekeurd", "350.00"),
    ("matchez", "MZ-2024-0019", 3, "goedgekeurd", "350.00"),
    ("a-rea", "AREA-2024-0031", 1, "verwachtGoedgekeurd", "112.50"),
    ("a-rea", "AREA-2024-0031", 2, "verwachtGoedgekeurd", "168.75"),
    ("am-match", "AMM-2024-0004", 1, "afgewezen", "0.00"),
    ("jobcoach-org", "JC-2024-0107", 1, "goedgekeurd", "737.11"),
]


def vul(hub: Hub) -> None:
    verwerker = Verwerker(hub, laad_catalogus(PROJECT / "contracts"), klok=lambda: OP)
    for stap in scenario():
        try:
            bericht = lees_json(stap.bericht)
        except ValidationError:
            continue  # met opzet ongeldig; de hub weigert het al bij het lezen
        verwerker.verwerk(bericht, stap.afzender)
    for afzender, nummer, regel, besluit, bedrag in BESLUITEN:
        factuur = hub.zoek_factuur(afzender, nummer)
        factuur.besluit(regel, besluit, Decimal(bedrag), MA, "Getoetst", OP)
        hub.save(factuur)
    # Een correctie: de bonus van MZ-2024-0019 eerst afgewezen, ingetrokken en opnieuw afgewezen.
    factuur = hub.zoek_factuur("matchez", "MZ-2024-0019")
    factuur.corrigeer_besluit(1, MA, "Reden aangevuld", OP)
    factuur.besluit(1, "afgewezen", Decimal("0.00"), MA, "Plaatsing niet binnen 3 maanden na de start", OP)
    hub.save(factuur)
    factuur = hub.zoek_factuur("matchez", "MZ-2024-0012")
    factuur.neem_op_in_batch("BB-2024-001", [1, 2, 3], OP)
    hub.save(factuur)


def maak(map_: Path) -> Path:
    instellingen = Instellingen(data=map_, contracten=PROJECT / "contracts")
    vul(open_hub(instellingen))
    return instellingen.sqlite_bestand


if __name__ == "__main__":
    print(maak(Path(sys.argv[1])))
