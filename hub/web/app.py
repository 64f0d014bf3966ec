"""De webapplicatie: pagina's op de server gemaakt, zonder JavaScript. Elke pagina vraagt een aangemelde gebruiker
met de rol die erbij hoort; elk formulier draagt het CSRF-token van de sessie (zie `gedeeld.py`)."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

from eventsourcing.persistence import InterfaceError, OperationalError
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from hub.bootstrap import Onderdelen
from hub.toepassing.eventstore import melding_opslag_weg
from hub.web import (
    aanmelden,
    audit,
    beheer,
    betaalbatches,
    contracten,
    doorbelastingen,
    facturen,
    klantmanager,
    portaal,
    rapporten,
)
from hub.web.apparaten import Apparaatcookies
from hub.web.gedeeld import (
    BEVEILIGING,
    MAP,
    EenTegelijk,
    NietAangemeld,
    Paginas,
    Verboden,
    VerversContracten,
    naar,
    paginas,
    sessie_van,
)
from hub.web.sessies import Sessies

PAGINAMODULES = (aanmelden, facturen, audit, betaalbatches, rapporten, portaal, klantmanager, beheer, contracten,
                 doorbelastingen)
CONTRACTEN_VERVERSEN_NA = 30.0
"""Seconden; zo vaak kijkt de webapplicatie of een ander proces een contract wijzigde of aanlegde."""


def maak_app(hub: Onderdelen, sessies: Sessies | None = None, contracten_verversen_na: float = CONTRACTEN_VERVERSEN_NA) -> FastAPI:
    app = FastAPI(title="Re-integratie hub", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.hub = hub
    app.state.sessies = sessies or Sessies(hub.klok)
    app.state.paginas = Paginas(hub)
    app.state.apparaatcookies = Apparaatcookies(hub.apparaatsleutel)
    hub.eventstore  # noqa: B018 - vooraf openen, niet bij het eerste verzoek in een werkdraad
    app.mount("/static", StaticFiles(directory=MAP / "static"), name="static")
    for module in PAGINAMODULES:
        app.include_router(module.router)

    @app.middleware("http")
    async def kopregels(request: Request, call_next: Any) -> Response:
        antwoord: Response = await call_next(request)
        antwoord.headers.update(BEVEILIGING)
        if not request.url.path.startswith("/static/"):
            antwoord.headers["Cache-Control"] = "no-store"
        return antwoord

    @app.exception_handler(NietAangemeld)
    async def niet_aangemeld(request: Request, _: NietAangemeld) -> Response:
        volgende = request.url.path if request.method == "GET" else "/"
        return naar(f"/aanmelden?volgende={quote(volgende)}")

    @app.exception_handler(Verboden)
    async def verboden(request: Request, fout: Verboden) -> Response:
        sessie = sessie_van(request) or request.app.state.sessies.nieuw()
        profiel = request.app.state.hub.gebruikers.profiel(sessie.gebruikersnaam) if sessie.gebruikersnaam else None
        return paginas(request).toon(request, "verboden.html", sessie, profiel, status=fout.status, titel=fout.titel,
                                     melding=fout.melding)

    async def opslag_weg(_: Request, fout: Exception) -> Response:
        """Zonder eventstore ook geen profiel of sessiepagina: een kale pagina, en de browser mag het later opnieuw doen."""
        tekst = html.escape(melding_opslag_weg(fout))
        return HTMLResponse(f'<!doctype html><html lang="nl"><meta charset="utf-8"><title>Even niet bereikbaar</title>'
                            f'<h1>Even niet bereikbaar</h1><p role="alert">{tekst}</p>', status_code=503,
                            headers={"Retry-After": "30", **BEVEILIGING})

    app.add_exception_handler(OperationalError, opslag_weg)
    app.add_exception_handler(InterfaceError, opslag_weg)
    app.add_middleware(VerversContracten, ververs=hub.contractbeheer.ververs, na=contracten_verversen_na)
    app.add_middleware(EenTegelijk)
    return app
