"""Belasting van de webapplicatie: 20 managementassistenten tegelijk op de werkvoorraad en factuurpagina's van een
eventstore met 1.000.000 events.

    pip install -e ".[bench]"
    python bench/webbelasting.py --data MAP [--events 1000000] [--gebruikers 20] [--rondes 30] [--denktijd 1 3] [--schrijf]

1. Vult MAP (als daar nog minder events staan) met de generator van `bench/rebuild.py`: realistische trajecten
   (alle eventsoorten), jobcoachperiodes en facturen met besluiten, en per binnengekomen bericht de `Ontvangst`
   met de retour. De aggregates worden direct in de eventstore opgeslagen in batches van ~400 (`hub.save`), niet
   via de berichtverwerking: 1.000.000 events via de broker zou hier uren kosten en meet iets anders.
   De laatste regel van elke factuur staat nog open, dus elke factuur staat in de werkvoorraad.
2. Herbouwt de leesmodellen (zoals `hub projecties herbouw`) als ze er nog niet zijn, en maakt een gebruiker met
   per gesimuleerde gebruiker een eigen account met de rol managementassistent voor alle gemeenten.
3. Start `hub web` als apart proces op een vrije poort van 127.0.0.1.
4. Elke gebruiker meldt zich aan (de aanmeldingen verspreid over de eerste seconden) en vraagt daarna `--rondes` keer de werkvoorraad en een willekeurige factuur uit de
   werkvoorraad, steeds pas na het antwoord op het vorige verzoek en een denktijd (`--denktijd MIN MAX` seconden,
   willekeurig daartussen, zoals een mens die leest en klikt; `--denktijd 0 0` is de stresstest: 20 verzoeken
   tegelijk, zonder pauze). Het aantal verzoeken en de tijd (`--max-seconden`) zijn begrensd.
5. Meldt per pagina p50, p95 en het maximum; met `--schrijf` ook in docs/benchmarks.md.

MAP hoort buiten de repository (de eventstore is ruim 500 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmachine import machine, schrijf_sectie
from rebuild import vul

from hub.bootstrap import bootstrap
from hub.instellingen import Instellingen

WACHTWOORD = "belasting-wachtwoord-2026"


def gebruikersnaam(nummer: int) -> str:
    """Elke gebruiker een eigen account, zoals 20 managementassistenten."""
    return f"belasting-ma-{nummer:02d}"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
FACTUUR = re.compile(r'href="(/facturen/[^"#]+)"')


@dataclass
class Metingen:
    duren: dict[str, list[float]] = field(default_factory=dict)
    fouten: dict[str, int] = field(default_factory=dict)

    def voeg(self, pagina: str, duur: float, status: int) -> None:
        self.duren.setdefault(pagina, []).append(duur)
        if status != 200:
            self.fouten[pagina] = self.fouten.get(pagina, 0) + 1


def percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, round(p / 100 * (len(geordend) - 1)))]


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bereid_voor(data: Path, events: int, gebruikers: int) -> str:
    instellingen = Instellingen(data=data)
    onderdelen = bootstrap(instellingen)
    hub = onderdelen.eventstore
    aanwezig = hub.recorder.max_notification_id() or 0
    if aanwezig < events:
        begin = time.perf_counter()
        geschreven = vul(hub, events - aanwezig, ontvangsten=True)
        print(f"geschreven: {geschreven} events in {time.perf_counter() - begin:.0f} s", file=sys.stderr)
    if not onderdelen.leesmodelopslag.per_gemeente().groottes():
        begin = time.perf_counter()
        onderdelen.leesmodelbeheer.herbouw()
        print(f"leesmodellen herbouwd in {time.perf_counter() - begin:.0f} s", file=sys.stderr)
    for nummer in range(gebruikers + 1):
        if onderdelen.gebruikers.profiel(gebruikersnaam(nummer)) is None:
            onderdelen.gebruikers.maak(gebruikersnaam(nummer), f"Belasting {nummer}", WACHTWOORD, ["managementassistent"],
                                       sorted(onderdelen.catalogus.partijen.gemeentecodes()))
    return f"{hub.recorder.max_notification_id():,}".replace(",", ".")


def start_web(data: Path, poort: int) -> subprocess.Popen[bytes]:
    omgeving = {**os.environ, "HUB_DATA": str(data)}
    proces = subprocess.Popen([sys.executable, "-m", "hub", "web", "--poort", str(poort)], env=omgeving,
                              stdout=subprocess.DEVNULL)
    for _ in range(600):
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=0.5):
                return proces
        except OSError:
            if proces.poll() is not None:
                raise SystemExit("hub web stopte voordat hij luisterde") from None
            time.sleep(0.1)
    proces.terminate()
    raise SystemExit("hub web luisterde niet binnen 60 s")


async def aanmelden(client: httpx.AsyncClient, nummer: int) -> None:
    pagina = await client.get("/aanmelden")
    csrf = CSRF.search(pagina.text)
    assert csrf, "geen CSRF-token op de aanmeldpagina"
    antwoord = await client.post("/aanmelden", data={"csrf": csrf.group(1), "gebruikersnaam": gebruikersnaam(nummer),
                                                     "wachtwoord": WACHTWOORD, "volgende": "/werkvoorraad"})
    assert antwoord.status_code == 303, f"aanmelden mislukt: {antwoord.status_code}"


async def gebruiker(basis: str, facturen: list[str], rondes: int, tot: float, metingen: Metingen, zaad: int,
                    denktijd: tuple[float, float]) -> None:
    rnd = random.Random(zaad)
    await asyncio.sleep(rnd.uniform(0, 2 * denktijd[1]))
    async with httpx.AsyncClient(base_url=basis, timeout=60) as client:
        await aanmelden(client, zaad)
        for _ in range(rondes):
            for pagina, pad in (("werkvoorraad", "/werkvoorraad"), ("factuur", rnd.choice(facturen))):
                await asyncio.sleep(rnd.uniform(*denktijd))
                if time.monotonic() > tot:
                    return
                begin = time.perf_counter()
                antwoord = await client.get(pad)
                metingen.voeg(pagina, time.perf_counter() - begin, antwoord.status_code)


async def belast(basis: str, gebruikers: int, rondes: int, max_seconden: float,
                 denktijd: tuple[float, float]) -> tuple[Metingen, float, int]:
    async with httpx.AsyncClient(base_url=basis, timeout=300) as client:
        await aanmelden(client, 0)
        begin = time.perf_counter()
        werkvoorraad = await client.get("/werkvoorraad?alle=ja")
        eerste = time.perf_counter() - begin
        facturen = sorted(set(FACTUUR.findall(werkvoorraad.text)))
    assert facturen, "de werkvoorraad toont geen facturen"
    print(f"eerste werkvoorraad met alle facturen (leesmodellen laden): {eerste:.2f} s, {len(facturen)} facturen", file=sys.stderr)
    metingen = Metingen()
    tot = time.monotonic() + max_seconden
    await asyncio.gather(*(gebruiker(basis, facturen, rondes, tot, metingen, i, denktijd) for i in range(1, gebruikers + 1)))
    return metingen, eerste, len(facturen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="map voor eventstore en leesmodellen (buiten de repository)")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--gebruikers", type=int, default=20)
    parser.add_argument("--rondes", type=int, default=30, help="per gebruiker: zoveel keer werkvoorraad + factuur")
    parser.add_argument("--max-seconden", type=float, default=600)
    parser.add_argument("--denktijd", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                        help="seconden tussen het antwoord en het volgende verzoek van dezelfde gebruiker (0 0: stresstest)")
    parser.add_argument("--schrijf", action="store_true", help="zet de uitkomst in docs/benchmarks.md")
    parser.add_argument("--titel", default="Webapplicatie onder belasting", help="de sectie in docs/benchmarks.md")
    args = parser.parse_args()
    events = bereid_voor(args.data.resolve(), args.events, args.gebruikers)
    poort = vrije_poort()
    proces = start_web(args.data.resolve(), poort)
    try:
        begin = time.perf_counter()
        metingen, eerste, facturen = asyncio.run(belast(f"http://127.0.0.1:{poort}", args.gebruikers, args.rondes,
                                                        args.max_seconden, tuple(args.denktijd)))
        duur = time.perf_counter() - begin
    finally:
        proces.terminate()
        proces.wait(timeout=30)
    regels = [f"Gemeten: {machine()}", "",
              f"Eventstore: {events} events; werkvoorraad met {facturen} open facturen. {args.gebruikers} gebruikers "
              f"tegelijk, elk {args.rondes} rondes (werkvoorraad, dan een willekeurige factuur), "
              + (f"{args.denktijd[0]:g}–{args.denktijd[1]:g} s denktijd voor elk verzoek." if any(args.denktijd)
                 else "zonder denktijd (stresstest: steeds 20 verzoeken tegelijk)."), "",
              "| pagina | verzoeken | p50 | p95 | max | niet 200 |", "|---|---|---|---|---|---|"]
    for pagina, duren in metingen.duren.items():
        regels.append(f"| {pagina} | {len(duren)} | {statistics.median(duren) * 1000:.0f} ms | "
                      f"{percentiel(duren, 95) * 1000:.0f} ms | {max(duren) * 1000:.0f} ms | {metingen.fouten.get(pagina, 0)} |")
    alle = [d for duren in metingen.duren.values() for d in duren]
    regels += ["", f"Alle verzoeken: {len(alle)} in {duur:.0f} s ({len(alle) / duur:.1f}/s), p95 "
               f"{percentiel(alle, 95) * 1000:.0f} ms. Eerste werkvoorraad na het starten, met alle facturen (leesmodellen laden): "
               f"{eerste:.1f} s, niet meegeteld."]
    print("\n".join(regels))
    if args.schrijf:
        opdracht = f"python bench/webbelasting.py --data MAP --denktijd {args.denktijd[0]:g} {args.denktijd[1]:g} --schrijf"
        schrijf_sectie(args.titel, opdracht, regels)


if __name__ == "__main__":
    main()
