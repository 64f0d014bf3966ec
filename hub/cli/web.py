"""`hub web`: de webapplicatie voor de medewerkers van de gemeente."""

from __future__ import annotations

import argparse

from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import opdracht
from hub.cli.invoer import voorbeeld


def registreer(sub: argparse._SubParsersAction) -> None:
    web = sub.add_parser("web", help="start de webapplicatie (werkvoorraad, besluiten, betaalbatches)",
                         description="Open daarna http://127.0.0.1:8080 in de browser. Maak eerst een gebruiker met "
                                     "`hub gebruiker maak`.",
                         epilog=voorbeeld("hub web --poort 8080"))
    web.add_argument("--poort", type=int, help="poort (standaard HUB_WEB_POORT of 8080)")
    web.add_argument("--adres", default="127.0.0.1",
                     help="adres om op te luisteren (standaard alleen deze machine; zet er een proxy met https voor)")
    web.set_defaults(uitvoeren=opdracht(_web))


def _web(args: argparse.Namespace, hub: Onderdelen) -> int:
    import uvicorn

    from hub.web import maak_app

    poort = args.poort or hub.instellingen.web_poort
    app = maak_app(hub)
    print(f"De webapplicatie draait op http://{args.adres}:{poort}/ (Ctrl-C stopt haar).", flush=True)
    uvicorn.run(app, host=args.adres, port=poort, proxy_headers=True, forwarded_allow_ips="127.0.0.1",
                server_header=False, log_level="warning")
    return 0
