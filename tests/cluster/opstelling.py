"""De geschaalde opstelling, zoals docker-compose haar neerzet maar als gewone processen: drie nats-servers met
de configuratie uit `hub broker configuratie --cluster`, PostgreSQL en werkers (`hub serve`) met elk een eigen
datamap. Voor de clustertest en de benchmark."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import nats

from hub.koppelingen.broker import vind_nats_server

PROJECT = Path(__file__).resolve().parents[2]


def vrije_poorten(aantal: int) -> list[int]:
    sockets = [socket.socket() for _ in range(aantal)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def hub_opdracht(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hub.cli", *args], env=env, capture_output=True, text=True,
                          check=True, cwd=PROJECT)


@dataclass
class Opstelling:
    map: Path
    pg_omgeving: dict[str, str]
    servers: list[subprocess.Popen] = field(default_factory=list)
    werkers: list[subprocess.Popen] = field(default_factory=list)
    url: str = ""
    wachtwoord: str = field(default_factory=lambda: secrets.token_urlsafe(16))

    @property
    def beheer(self) -> Path:
        """De datamap waaruit de accounts (de wachtwoorden van de afzenders) komen."""
        return self.map / "beheer"

    def omgeving(self, data: Path | None = None) -> dict[str, str]:
        return {**os.environ, **self.pg_omgeving, "HUB_DATA": str(data or self.beheer),
                "HUB_CONTRACTEN": str(PROJECT / "contracts"), "HUB_NATS_URL": self.url, "HUB_NATS_USER": "hub",
                "HUB_NATS_PASSWORD": self.wachtwoord, "PYTHONUNBUFFERED": "1"}

    def start_cluster(self) -> None:
        poorten = vrije_poorten(9)
        knooppunten = ",".join(
            f"n{i}@127.0.0.1:{poorten[3 * i]}:{poorten[3 * i + 1]}:{poorten[3 * i + 2]}" for i in range(3)
        )
        self.url = ",".join(f"nats://127.0.0.1:{poorten[3 * i]}" for i in range(3))
        configs = self.map / "nats-config"
        hub_opdracht("broker", "configuratie", "--cluster", knooppunten, "--opslag", str(self.map / "nats"),
                     "--luister", "127.0.0.1", "--uit", str(configs), env=self.omgeving())
        binair = str(vind_nats_server())
        for i in range(3):
            log = open(self.map / f"n{i}.log", "w")  # noqa: SIM115 - leeft zo lang als de server
            self.servers.append(subprocess.Popen([binair, "-c", str(configs / f"n{i}.conf")], stdout=log,
                                                 stderr=subprocess.STDOUT))

    def start_enkel(self) -> None:
        """Eén nats-server met dezelfde accounts (voor de benchmark: minder processen op weinig cores)."""
        [poort] = vrije_poorten(1)
        self.url = f"nats://127.0.0.1:{poort}"
        accounts = self.map / "accounts.json"
        hub_opdracht("broker", "configuratie", "--uit", str(accounts), env=self.omgeving())
        config = {"server_name": "n0", "host": "127.0.0.1", "port": poort, "max_payload": 1024 * 1024,
                  "jetstream": {"store_dir": str(self.map / "nats"), "sync_interval": "1s"},
                  **json.loads(accounts.read_text())}
        (self.map / "n0.conf").write_text(json.dumps(config))
        log = open(self.map / "n0.log", "w")  # noqa: SIM115 - leeft zo lang als de server
        self.servers.append(subprocess.Popen([str(vind_nats_server()), "-c", str(self.map / "n0.conf")], stdout=log,
                                             stderr=subprocess.STDOUT))

    async def aantal_retouren(self) -> int:
        nc = await nats.connect(servers=self.url.split(","), user="hub", password=self.wachtwoord)
        try:
            info = await nc.jetstream().stream_info("HUB_OUT", subjects_filter="hub.out.*.retour")
            return sum((info.state.subjects or {}).values())
        finally:
            await nc.close()

    async def wacht_op_retouren(self, aantal: int, tijd: float) -> None:
        einde = time.monotonic() + tijd
        gezien = 0
        while gezien < aantal:
            assert time.monotonic() < einde, f"{gezien} van {aantal} retouren"
            await asyncio.sleep(0.2)
            with contextlib.suppress(Exception):
                gezien = await self.aantal_retouren()

    async def wacht_op_verdeling(self, werkers: int, tijd: float = 60) -> None:
        """Tot elke werker zijn deel van de partities heeft (de leases in HUB_PARTITIES)."""
        from collections import Counter

        einde = time.monotonic() + tijd
        nc = await nats.connect(servers=self.url.split(","), user="hub", password=self.wachtwoord)
        try:
            kv = await nc.jetstream().key_value("HUB_PARTITIES")
            while time.monotonic() < einde:
                eigenaars: Counter[bytes] = Counter()
                with contextlib.suppress(Exception):
                    for sleutel in await kv.keys():
                        if sleutel.startswith("p."):
                            eigenaars[(await kv.get(sleutel)).value] += 1
                if len(eigenaars) == werkers and sum(eigenaars.values()) == 16 and max(eigenaars.values()) <= -(-16 // werkers):
                    return
                await asyncio.sleep(0.3)
            raise AssertionError("de partities raakten niet verdeeld over de werkers")
        finally:
            await nc.close()

    async def wacht_op_cluster(self, tijd: float = 60) -> None:
        einde = time.monotonic() + tijd
        while True:
            try:
                nc = await nats.connect(servers=self.url.split(","), user="hub", password=self.wachtwoord,
                                        connect_timeout=2, allow_reconnect=False, error_cb=_stil)
                try:
                    await nc.jetstream().account_info()
                    return
                finally:
                    await nc.close()
            except Exception:
                if time.monotonic() > einde:
                    raise
                await asyncio.sleep(0.3)

    def maak_eventstore(self) -> None:
        """Eén keer de tabellen, vóór de werkers: gelijktijdig aanmaken vanuit twee processen kan mislukken."""
        code = "from hub.bootstrap import open_hub; from hub.instellingen import Instellingen; open_hub(Instellingen())"
        subprocess.run([sys.executable, "-c", code], env=self.omgeving(), check=True, cwd=PROJECT)

    def start_werker(self) -> subprocess.Popen:
        data = self.map / f"werker-{len(self.werkers)}"
        log = open(self.map / f"werker-{len(self.werkers)}.log", "w")  # noqa: SIM115 - leeft zo lang als de werker
        proces = subprocess.Popen([sys.executable, "-m", "hub.cli", "serve", "--zonder-web"], env=self.omgeving(data), stdout=log,
                                  stderr=subprocess.STDOUT, cwd=PROJECT)
        self.werkers.append(proces)
        return proces

    async def wacht_op_werker(self, proces: subprocess.Popen, tijd: float = 60) -> None:
        data = self.map / f"werker-{self.werkers.index(proces)}"
        einde = time.monotonic() + tijd
        while not (data / "hub.url").exists():
            if proces.poll() is not None or time.monotonic() > einde:
                raise AssertionError(self.log(f"werker-{self.werkers.index(proces)}"))
            await asyncio.sleep(0.1)

    def log(self, naam: str) -> str:
        return (self.map / f"{naam}.log").read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        for proces in [*self.werkers, *self.servers]:
            if proces.poll() is None:
                proces.send_signal(signal.SIGTERM)
        for proces in [*self.werkers, *self.servers]:
            try:
                proces.wait(15)
            except subprocess.TimeoutExpired:
                proces.kill()
                proces.wait()


def trajecten(aantal: int, voorvoegsel: str = "CL") -> tuple[list[dict], list[list[dict]]]:
    """Per traject een aanmelding van de gemeente en daarna oproep, intake, plaatsing en nazorg van de provider:
    elk alleen geldig na het vorige (een oproep zonder aanmelding of nazorg zonder plaatsing wordt afgewezen).
    Geeft de aanmeldingen en de providerberichten per stap."""
    aanmeldingen: list[dict] = []
    stappen: list[list[dict]] = [[], [], [], []]
    start = date(2024, 1, 2)
    for n in range(aantal):
        dag = start + timedelta(days=n % 150)
        basis = {"versie": "1", "gemeente": "amstelveen", "trajectId": f"{voorvoegsel}-{n:06d}"}
        aanmeldingen.append({**basis, "berichtId": str(uuid.uuid4()), "type": "aanmelding", "afzender": "gemeente",
                             "verzonden": f"{dag}T09:00:00+01:00", "provider": "matchez", "product": "MZ-BNW3",
                             "datumAanmelding": str(dag), "klantmanager": "Sanne de Vries",
                             "redenVerwijzing": "Bijstand",
                             "client": {"bsn": "123456782", "naam": "Cliënt", "geboortedatum": "1985-01-01",
                                        "clientnummer": f"C{n}", "adres": "Stadsplein 1, Amstelveen"}})
        p = {**basis, "afzender": "matchez", "verzonden": f"{dag + timedelta(days=3)}T09:00:00+01:00"}
        indienst = dag + timedelta(days=40)
        nazorgmaand = date(indienst.year + indienst.month // 12, indienst.month % 12 + 1, 1)
        reeks = [
            {**p, "type": "oproep", "datumUitnodiging": str(dag + timedelta(days=3)),
             "datumGesprek": str(dag + timedelta(days=12)), "kopieNaarKlantmanager": True},
            {**p, "type": "intake", "datum": str(dag + timedelta(days=12))},
            {**p, "type": "plaatsing", "datumIndienst": str(indienst), "werkgever": "Bakkerij", "urenPerWeek": "32",
             "contractduurMaanden": 6, "arbeidsovereenkomstRef": "AO"},
            {**p, "type": "nazorg", "maand": nazorgmaand.strftime("%Y-%m")},
        ]
        for stap, bericht in zip(stappen, reeks, strict=True):
            stap.append({**bericht, "berichtId": str(uuid.uuid4())})
    return aanmeldingen, stappen


async def _stil(_: Exception) -> None:
    """Een server die nog start, weigert de verbinding; nats-py zou dat elke poging met een traceback melden."""


async def publiceer(nc, afzender: str, berichten: list[dict]) -> None:
    """Gepijplijnd, en wat geen PubAck kreeg (een server valt weg, een leider wordt gekozen) opnieuw onder dezelfde
    Nats-Msg-Id: de intake ontdubbelt. Pas als alles bevestigd is, keert dit terug."""
    js = nc.jetstream()
    open_ = list(berichten)
    wacht = 0.2
    while open_:
        futures = []
        for n, bericht in enumerate(open_, 1):
            if n % 64 == 0:
                # Zonder even terug te geven aan de event loop gaat niets de deur uit voordat alles gebufferd is:
                # de werkers zouden wachten tot de afzender klaar is met opbouwen, niet op het versturen.
                await asyncio.sleep(0)
            with contextlib.suppress(Exception):
                futures.append((bericht, await js.publish_async(
                    f"hub.in.{afzender}.0", json.dumps(bericht).encode(), headers={"Nats-Msg-Id": bericht["berichtId"]})))
        # Een PubAck die nooit komt (de server viel weg), heeft geen eigen time-out.
        uitslagen = await asyncio.gather(*(asyncio.wait_for(f, 10) for _, f in futures), return_exceptions=True)
        gelukt = {b["berichtId"] for (b, _), u in zip(futures, uitslagen, strict=True) if not isinstance(u, BaseException)}
        open_ = [b for b in open_ if b["berichtId"] not in gelukt]
        if open_:
            await asyncio.sleep(wacht)
            wacht = min(wacht * 2, 2.0)
