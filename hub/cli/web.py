"""`hub web`: de webapplicatie voor de medewerkers van de gemeente. `hub serve` start haar als kindproces, met
dezelfde omgeving (dus dezelfde datamap); stopt de hub, dan stopt zij ook, ook als de hub hard is beëindigd (kill -9,
geheugentekort): dan zou zij anders als wees de poort bezet houden voor de hub die de supervisor herstart."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from hub.bootstrap import Onderdelen, als_dienst
from hub.cli.gedeeld import opdracht
from hub.cli.invoer import voorbeeld


def registreer(sub: argparse._SubParsersAction) -> None:
    web = sub.add_parser("web", help="start de webapplicatie (werkvoorraad, betaalbatches, rapportage, klantmanager, portaal, beheer)",
                         description="Open daarna http://127.0.0.1:8080 in de browser. Maak eerst een gebruiker met "
                                     "`hub gebruiker maak`.",
                         epilog=voorbeeld("hub web --poort 8080", "hub web --data hub-data/demo"))
    web.add_argument("--poort", type=int, help="poort (standaard HUB_WEB_POORT of 8080)")
    web.add_argument("--data", type=Path, metavar="MAP",
                     help="de datamap (standaard HUB_DATA of hub-data), bijv. hub-data/demo na `hub demo`")
    web.add_argument("--adres", default="127.0.0.1",
                     help="adres om op te luisteren (standaard alleen deze machine; zet er een proxy met https voor)")
    web.add_argument("--ouder", type=int, help=argparse.SUPPRESS)
    web.set_defaults(uitvoeren=opdracht(_web))


def _stop_zonder_ouder(ouder: int, interval: float = 1.0) -> None:
    """Stuurt zichzelf SIGTERM (uvicorn stopt dan netjes) zodra het proces `ouder` niet meer haar ouder is."""
    def bewaak() -> None:
        while os.getppid() == ouder:
            time.sleep(interval)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=bewaak, name="ouder", daemon=True).start()


def _web(args: argparse.Namespace, hub: Onderdelen) -> int:
    import uvicorn

    from hub.web import maak_app

    if args.data is not None:
        if not (args.data / "hub.sqlite").exists() and hub.instellingen.eventstore == "sqlite":
            print(f"In {args.data} staat geen eventstore; kies de map van `hub demo` (hub-data/demo) of HUB_DATA.",
                  file=sys.stderr)
            return 2
        hub = hub.voor_data(args.data)
    poort = args.poort or hub.instellingen.web_poort
    als_dienst()
    app = maak_app(hub)
    if args.ouder is not None:
        _stop_zonder_ouder(args.ouder)
    print(f"De webapplicatie draait op http://{args.adres}:{poort}/ (Ctrl-C stopt haar).", flush=True)
    uvicorn.run(app, host=args.adres, port=poort, proxy_headers=True, forwarded_allow_ips="127.0.0.1",
                server_header=False, log_level="warning")
    return 0


def start_web(poort: int, adres: str = "127.0.0.1") -> subprocess.Popen[bytes]:
    """`hub web` als kindproces; het drukt zelf zijn adres af."""
    return subprocess.Popen([sys.executable, "-m", "hub", "web", "--poort", str(poort), "--adres", adres,
                             "--ouder", str(os.getpid())])


def stop_web(proces: subprocess.Popen[bytes]) -> None:
    if proces.poll() is None:
        proces.terminate()
    try:
        proces.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait()
