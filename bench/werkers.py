"""Doorvoer van 1, 2 en 4 werkers (`hub serve`, elk een eigen proces) op PostgreSQL, met in dezelfde run de ruwe
schrijfsnelheid van de eventstore op dezelfde PostgreSQL.

Opstelling per meting: een wegwerp-PostgreSQL (de programma's van Debian), een nats-server met de accounts, een
lege database. Per traject een aanmelding van de gemeente en dan oproep, intake, plaatsing en nazorg van de
provider, gepijplijnd gepubliceerd; de klok loopt van het eerste bericht tot de laatste retour.

Gebruik: python bench/werkers.py [AANTAL_TRAJECTEN]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmachine import machine, schrijf_sectie

from hub.aggregates.ontvangst import Ontvangst
from hub.aggregates.traject import Traject
from hub.bootstrap import open_hub
from hub.domein.clientgegevens import Clientgegevens
from hub.instellingen import Instellingen
from hub.koppelingen.broker.draaiende_hub import afzenders
from hub.koppelingen.broker.identiteiten import Identiteiten
from hub.koppelingen.broker.streams import verbind_afzender
from hub.koppelingen.opslag.contractbestanden import laad_catalogus
from tests.cluster.opstelling import Opstelling, publiceer, trajecten
from tests.postgres_server import PostgresServer, bindir

PROJECT = Path(__file__).resolve().parent.parent


async def eind_tot_eind(map_: Path, pg: PostgresServer, werkers: int, aantal: int) -> dict[str, float]:
    opstelling = Opstelling(map_, pg.omgeving(pg.nieuwe_database()))
    try:
        opstelling.start_enkel()
        await opstelling.wacht_op_cluster()
        opstelling.maak_eventstore()
        for _ in range(werkers):
            await opstelling.wacht_op_werker(opstelling.start_werker())
        await opstelling.wacht_op_verdeling(werkers)
        identiteiten = Identiteiten.laad_of_maak(opstelling.beheer, afzenders(laad_catalogus(PROJECT / "contracts")))
        gemeente = await verbind_afzender(opstelling.url, "gemeente", identiteiten)
        provider = await verbind_afzender(opstelling.url, "matchez", identiteiten)
        aanmeldingen, stappen = trajecten(aantal, f"B{werkers}")
        totaal = len(aanmeldingen) + sum(len(s) for s in stappen)
        begin = time.perf_counter()
        await publiceer(gemeente, "gemeente", aanmeldingen)
        await opstelling.wacht_op_retouren(len(aanmeldingen), 600)
        await publiceer(provider, "matchez", [b for stap in stappen for b in stap])
        await opstelling.wacht_op_retouren(totaal, 600)
        duur = time.perf_counter() - begin
        await gemeente.close()
        await provider.close()
        return {"berichten": totaal, "seconden": duur, "per_seconde": totaal / duur}
    finally:
        opstelling.stop()


def eventstore_alleen(instellingen: Instellingen, aantal: int, batch: int = 256) -> dict[str, float]:
    """Wat een werker per bericht opslaat (een domein-event en een Ontvangst), in batches zoals de werker."""
    hub = open_hub(instellingen)
    begin = time.perf_counter()
    aggregates: list = []
    for n in range(aantal):
        traject = Traject.meld_aan(gemeente="amstelveen", traject_id=f"RUW-{n}", provider="matchez", product="MZ-BNW3",
                                   datum_aanmelding=date(2024, 1, 2), klantmanager="K", reden_verwijzing="r",
                                   client=Clientgegevens(bsn="123456782", naam="Cliënt"), product_bekend=True)
        ontvangst = Ontvangst(bericht_id=uuid.uuid4(), afzender="gemeente", soort="aanmelding",
                              ontvangen=datetime.now(UTC), retour={"status": "geaccepteerd"}, sleutel=f"amstelveen/RUW-{n}")
        aggregates += [traject, ontvangst]
        if len(aggregates) >= 2 * batch:
            hub.save(*aggregates)
            aggregates = []
    if aggregates:
        hub.save(*aggregates)
    duur = time.perf_counter() - begin
    return {"berichten": aantal, "per_seconde": aantal / duur}


def main() -> None:
    """Drie rondes, in elke ronde de ruwe snelheid en dan 1, 2 en 4 werkers na elkaar: wat de machine verder doet,
    raakt zo alle metingen van een ronde gelijk. De tabel geeft medianen; de verhoudingen zijn medianen van de
    verhoudingen per ronde."""
    aantal = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rondes = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    map_ = bindir()
    if map_ is None:
        raise SystemExit("geen PostgreSQL gevonden (initdb en pg_ctl): installeer het pakket postgresql")
    pg = PostgresServer.start(map_)
    ruw: list[float] = []
    metingen: dict[int, list[float]] = {1: [], 2: [], 4: []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for ronde in range(rondes):
                basis = Instellingen(data=Path(tmp) / f"ruw{ronde}", contracten=PROJECT / "contracts")
                ruw.append(eventstore_alleen(pg.instellingen(basis, pg.nieuwe_database()), aantal * 5)["per_seconde"])
                for n in metingen:
                    uitslag = asyncio.run(eind_tot_eind(Path(tmp) / f"r{ronde}w{n}", pg, n, aantal))
                    metingen[n].append(uitslag["per_seconde"])
                    print(f"ronde {ronde + 1}: ruw {ruw[-1]:,.0f}/s, {n} werker(s) {uitslag['per_seconde']:,.0f}/s", flush=True)
    finally:
        pg.stop()
    een = statistics.median(metingen[1])
    t_o_v_ruw = statistics.median(e / r for e, r in zip(metingen[1], ruw, strict=True))
    twee = statistics.median(t / e for t, e in zip(metingen[2], metingen[1], strict=True))
    regels = [
        f"Gemeten: {machine()}. PostgreSQL uit Debian met `fsync=off` en `synchronous_commit=off` (de wegwerpserver "
        "van de tests), één nats-server, de afzenders en alle werkers op deze machine. "
        f"{rondes} rondes van {aantal * 5} berichten ({aantal} trajecten); medianen.",
        "",
        "| wat | berichten/s (mediaan) | per ronde | t.o.v. één werker (mediaan per ronde) |",
        "|---|---|---|---|",
        f"| ruw: eventstore alleen op PostgreSQL (aggregate + ontvangst per bericht, batches van 256) | "
        f"{statistics.median(ruw):,.0f} | {', '.join(f'{r:,.0f}' for r in ruw)} | |",
        *(f"| {n} {'werker' if n == 1 else 'werkers'}: publiceren → partitie → opgeslagen → retour | "
          f"{statistics.median(m):,.0f} | {', '.join(f'{x:,.0f}' for x in m)} | "
          f"{statistics.median(x / e for x, e in zip(m, metingen[1], strict=True)):.2f}× |" for n, m in metingen.items()),
        "",
        f"Eén werker eind tot eind is {t_o_v_ruw:.0%} van de ruwe schrijfsnelheid in dezelfde ronde (doel: ten minste "
        f"50 %); twee werkers halen {twee:.2f}× één (doel: 1,6×). Eén werker: {een:,.0f} berichten/s.",
    ]
    print("\n".join(regels))
    schrijf_sectie("Werkers op PostgreSQL: 1, 2 en 4", f"python bench/werkers.py {aantal} {rondes}", regels)


if __name__ == "__main__":
    main()
