"""Doorvoer van 1, 2 en 4 werkers (`hub serve`, elk een eigen proces) op PostgreSQL, met in dezelfde run de ruwe
schrijfsnelheid van de eventstore op dezelfde PostgreSQL.

Opstelling per meting: een wegwerp-PostgreSQL (de programma's van Debian), een nats-server met de accounts, een
lege database. Per traject een aanmelding van de gemeente en dan oproep, intake, plaatsing en nazorg van de
provider, gepijplijnd gepubliceerd; de klok loopt van het eerste bericht tot de laatste retour. Daarnaast de
CPU-tijd van elk onderdeel (werkers, nats-server, PostgreSQL, afzenders) uit /proc, per bericht.

Met `--cpu-per-werker C` krijgt elke werker een eigen budget van C cores (`cpugrens.py`), zoals elk op een eigen
machine: zo is te zien wat een extra werker oplevert op een machine met te weinig cores om alles naast elkaar te
draaien.

Gebruik: python bench/werkers.py [TRAJECTEN] [RONDES] [--werkers 1,2,4] [--cpu-per-werker C] [--py-spy MAP]
         [--niet-schrijven]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import nats

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmachine import machine, schrijf_sectie
from cpugrens import CpuGrens

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


_TIK = os.sysconf("SC_CLK_TCK")


def cpu_seconden(pid: int, met_kinderen: bool = False) -> float:
    """Gebruikte CPU-tijd van een proces uit /proc (user + system; met `met_kinderen` ook die van beëindigde
    kinderen). 0 als het proces er niet meer is."""
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    tikken = int(velden[11]) + int(velden[12])
    if met_kinderen:
        tikken += int(velden[13]) + int(velden[14])
    return tikken / _TIK


def postgres_cpu(pg: PostgresServer) -> float:
    """De postmaster met zijn beëindigde kinderen plus de levende backends en hulpprocessen."""
    try:
        hoofd = int((pg.map / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    kinderen = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == hoofd:
                kinderen.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return cpu_seconden(hoofd, met_kinderen=True) + sum(cpu_seconden(k) for k in kinderen)


async def wacht_op_retouren(nc, aantal: int, tijd: float = 600) -> None:
    """Tot er `aantal` retouren in HUB_OUT staan; om de 5 ms gekeken over één open verbinding, zodat de klok
    stopt als de laatste retour er is (niet tot een seconde later)."""
    js = nc.jetstream()
    einde = time.monotonic() + tijd
    while True:
        info = await js.stream_info("HUB_OUT", subjects_filter="hub.out.*.retour")
        gezien = sum((info.state.subjects or {}).values())
        if gezien >= aantal:
            return
        if time.monotonic() > einde:
            raise AssertionError(f"{gezien} van {aantal} retouren na {tijd:.0f} s")
        await asyncio.sleep(0.005)


def neem_op(map_: Path, werkers: list[subprocess.Popen]) -> list[subprocess.Popen]:
    """py-spy op elke werker: alleen stapels van de draad die de GIL heeft, dus waar de CPU-tijd van Python heen gaat."""
    map_.mkdir(parents=True, exist_ok=True)
    opnames = [subprocess.Popen(["py-spy", "record", "--gil", "--nonblocking", "--format", "raw", "--rate", "250", "--output",
                                 str(map_ / f"werker-{i}.txt"), "--pid", str(w.pid)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for i, w in enumerate(werkers)]
    return opnames


@dataclass
class Meting:
    berichten: int
    seconden: float
    cpu: dict[str, float]
    """CPU-seconden per onderdeel (werkers, nats-server, PostgreSQL, afzender) tijdens de meting"""

    @property
    def per_seconde(self) -> float:
        return self.berichten / self.seconden

    def ms_per_bericht(self, onderdeel: str) -> float:
        return 1000 * self.cpu.get(onderdeel, 0.0) / self.berichten

    @property
    def cores(self) -> float:
        """Hoeveel cores de onderdelen samen gemiddeld bezig hielden."""
        return sum(self.cpu.values()) / self.seconden


async def eind_tot_eind(map_: Path, pg: PostgresServer, werkers: int, aantal: int, spy: Path | None = None,
                        grens: CpuGrens | None = None) -> Meting:
    opstelling = Opstelling(map_, pg.omgeving(pg.nieuwe_database()))
    try:
        opstelling.start_enkel()
        await opstelling.wacht_op_cluster()
        opstelling.maak_eventstore()
        for _ in range(werkers):
            werker = opstelling.start_werker()
            if grens is not None:
                grens.plaats(werker.pid)
            await opstelling.wacht_op_werker(werker)
        await opstelling.wacht_op_verdeling(werkers)
        identiteiten = Identiteiten.laad_of_maak(opstelling.beheer, afzenders(laad_catalogus(PROJECT / "contracts")))
        gemeente = await verbind_afzender(opstelling.url, "gemeente", identiteiten)
        provider = await verbind_afzender(opstelling.url, "matchez", identiteiten)
        aanmeldingen, stappen = trajecten(aantal, f"B{werkers}")
        totaal = len(aanmeldingen) + sum(len(s) for s in stappen)
        kijker = await nats.connect(opstelling.url, user="hub", password=opstelling.wachtwoord)

        def cpu() -> dict[str, float]:
            return {"werkers": sum(cpu_seconden(w.pid) for w in opstelling.werkers),
                    "nats-server": sum(cpu_seconden(s.pid) for s in opstelling.servers),
                    "PostgreSQL": postgres_cpu(pg), "afzenders": time.process_time()}

        opnames = [] if spy is None else neem_op(spy, opstelling.werkers)
        if opnames:
            await asyncio.sleep(1)  # py-spy hecht zich aan
        voor = cpu()
        begin = time.perf_counter()
        await publiceer(gemeente, "gemeente", aanmeldingen)
        await wacht_op_retouren(kijker, len(aanmeldingen))
        await publiceer(provider, "matchez", [b for stap in stappen for b in stap])
        await wacht_op_retouren(kijker, totaal)
        duur = time.perf_counter() - begin
        na = cpu()
        for opname in opnames:
            opname.send_signal(signal.SIGINT)
            opname.wait(60)
        for nc in (gemeente, provider, kijker):
            await nc.close()
        return Meting(totaal, duur, {k: na[k] - voor[k] for k in voor})
    finally:
        opstelling.stop()
        if grens is not None:
            grens.ruim_op()


def eventstore_alleen(pg: PostgresServer, instellingen: Instellingen, aantal: int, batch: int = 256) -> Meting:
    """Wat een werker per bericht opslaat (een domein-event en een Ontvangst), in batches zoals de werker."""
    hub = open_hub(instellingen)
    voor = {"Python": time.process_time(), "PostgreSQL": postgres_cpu(pg)}
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
    na = {"Python": time.process_time(), "PostgreSQL": postgres_cpu(pg)}
    return Meting(aantal, duur, {k: na[k] - voor[k] for k in voor})


def _komma(getal: float) -> str:
    return f"{getal:g}".replace(".", ",")


ONDERDELEN = ("werkers", "nats-server", "PostgreSQL", "afzenders")


def _ms(metingen: list[Meting], onderdeel: str) -> str:
    return f"{statistics.median(m.ms_per_bericht(onderdeel) for m in metingen):.3f}"


def main() -> None:
    """Per ronde de ruwe snelheid en dan 1, 2 en 4 werkers na elkaar: wat de machine verder doet, raakt zo alle
    metingen van een ronde gelijk. De tabel geeft medianen; de verhoudingen zijn medianen van de verhoudingen per
    ronde."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trajecten", type=int, nargs="?", default=600, help="trajecten per meting (5 berichten elk)")
    parser.add_argument("rondes", type=int, nargs="?", default=3)
    parser.add_argument("--werkers", default="1,2,4", help="aantallen werkers, komma-gescheiden (standaard 1,2,4)")
    parser.add_argument("--py-spy", type=Path, metavar="MAP",
                        help="neem elke werker op met py-spy (alleen waar hij de GIL heeft) en schrijf de stapels in MAP")
    parser.add_argument("--cpu-per-werker", type=float, metavar="C",
                        help="elke werker een eigen budget van C cores (cgroup), zoals elk op een eigen machine")
    parser.add_argument("--niet-schrijven", action="store_true", help="docs/benchmarks.md niet bijwerken")
    args = parser.parse_args()
    aantal, rondes = args.trajecten, args.rondes
    grens = CpuGrens(args.cpu_per_werker) if args.cpu_per_werker else None
    map_ = bindir()
    if map_ is None:
        raise SystemExit("geen PostgreSQL gevonden (initdb en pg_ctl): installeer het pakket postgresql")
    pg = PostgresServer.start(map_)
    ruw: list[Meting] = []
    metingen: dict[int, list[Meting]] = {int(n): [] for n in args.werkers.split(",")}
    belasting = [os.getloadavg()[0]]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for ronde in range(rondes):
                basis = Instellingen(data=Path(tmp) / f"ruw{ronde}", contracten=PROJECT / "contracts")
                ruw.append(eventstore_alleen(pg, pg.instellingen(basis, pg.nieuwe_database()), aantal * 5))
                for n in metingen:
                    spy = args.py_spy / f"r{ronde + 1}-w{n}" if args.py_spy else None
                    uitslag = asyncio.run(eind_tot_eind(Path(tmp) / f"r{ronde}w{n}", pg, n, aantal, spy, grens))
                    metingen[n].append(uitslag)
                    belasting.append(os.getloadavg()[0])
                    print(f"ronde {ronde + 1}: ruw {ruw[-1].per_seconde:,.0f}/s, {n} werker(s) "
                          f"{uitslag.per_seconde:,.0f}/s; CPU ms/bericht "
                          + ", ".join(f"{o} {uitslag.ms_per_bericht(o):.3f}" for o in ONDERDELEN)
                          + f"; {uitslag.cores:.2f} cores", flush=True)
    finally:
        pg.stop()
    regels = verslag(aantal, rondes, ruw, metingen, belasting, args.cpu_per_werker)
    print("\n".join(regels))
    if not args.niet_schrijven:
        aantallen = [str(n) for n in metingen]
        titel = "Werkers op PostgreSQL: " + (", ".join(aantallen[:-1]) + " en " if len(aantallen) > 1 else "") + aantallen[-1]
        opdracht = f"python bench/werkers.py {aantal} {rondes}"
        if args.werkers != "1,2,4":
            opdracht += f" --werkers {args.werkers}"
        if args.cpu_per_werker:
            titel += f", elk met {_komma(args.cpu_per_werker)} core"
            opdracht += f" --cpu-per-werker {args.cpu_per_werker:g}"
        schrijf_sectie(titel, opdracht, regels)


def verslag(aantal: int, rondes: int, ruw: list[Meting], metingen: dict[int, list[Meting]],
            belasting: list[float], cpu_per_werker: float | None = None) -> list[str]:
    een = metingen.get(1)
    budget = (f"Elke werker in een eigen cgroup met {_komma(cpu_per_werker)} core, zoals elk op een eigen machine; de "
              "ruwe meting, de nats-server, PostgreSQL en de afzenders zonder grens. " if cpu_per_werker else "")
    regels = [
        f"Gemeten: {machine()}. PostgreSQL uit Debian met `fsync=off` en `synchronous_commit=off` (de wegwerpserver "
        "van de tests), één nats-server, de afzenders en alle werkers op deze machine. " + budget +
        f"{rondes} rondes van {aantal * 5} berichten ({aantal} trajecten); medianen. Belasting van de machine "
        f"(load average over 1 minuut) tijdens de metingen: {min(belasting):.1f}–{max(belasting):.1f}.",
        "",
        "| wat | berichten/s (mediaan) | per ronde | t.o.v. één werker (mediaan per ronde) |",
        "|---|---|---|---|",
        f"| ruw: eventstore alleen op PostgreSQL (aggregate + ontvangst per bericht, batches van 256) | "
        f"{statistics.median(m.per_seconde for m in ruw):,.0f} | {', '.join(f'{m.per_seconde:,.0f}' for m in ruw)} | |",
        *(f"| {n} {'werker' if n == 1 else 'werkers'}: publiceren → partitie → opgeslagen → retour | "
          f"{statistics.median(m.per_seconde for m in ms):,.0f} | {', '.join(f'{m.per_seconde:,.0f}' for m in ms)} | "
          + (f"{statistics.median(m.per_seconde / e.per_seconde for m, e in zip(ms, een, strict=True)):.2f}× |"
             if een else "|") for n, ms in metingen.items()),
        "",
        "CPU-tijd per bericht (ms, mediaan over de rondes) per onderdeel, en hoeveel cores ze samen bezig hielden "
        "(CPU-tijd gedeeld door de duur):",
        "",
        "| wat | werkers | nats-server | PostgreSQL | afzenders | samen | cores bezet |",
        "|---|---|---|---|---|---|---|",
        f"| ruw | {_ms(ruw, 'Python')} (Python) | | {_ms(ruw, 'PostgreSQL')} | | "
        f"{statistics.median(sum(m.cpu.values()) * 1000 / m.berichten for m in ruw):.3f} | "
        f"{statistics.median(m.cores for m in ruw):.2f} |",
        *(f"| {n} {'werker' if n == 1 else 'werkers'} | " + " | ".join(_ms(ms, o) for o in ONDERDELEN)
          + f" | {statistics.median(sum(m.cpu.values()) * 1000 / m.berichten for m in ms):.3f} | "
          f"{statistics.median(m.cores for m in ms):.2f} |" for n, ms in metingen.items()),
    ]
    if een and 2 in metingen:
        t_o_v_ruw = statistics.median(e.per_seconde / r.per_seconde for e, r in zip(een, ruw, strict=True))
        twee = statistics.median(t.per_seconde / e.per_seconde for t, e in zip(metingen[2], een, strict=True))
        if cpu_per_werker:
            zin = (f"Met een eigen budget per werker halen twee werkers {twee:.2f}× één (doel: 1,6×). De verhouding tot "
                   "de ruwe schrijfsnelheid (die zonder grens draait) zegt hier niets; zie de meting zonder grens.")
        else:
            zin = (f"Eén werker eind tot eind is {t_o_v_ruw:.0%} van de ruwe schrijfsnelheid in dezelfde ronde (doel: "
                   f"ten minste 50 %); twee werkers halen {twee:.2f}× één (doel: 1,6×).")
        regels += ["", f"{zin} Eén werker: {statistics.median(m.per_seconde for m in een):,.0f} berichten/s."]
    return regels


if __name__ == "__main__":
    main()
