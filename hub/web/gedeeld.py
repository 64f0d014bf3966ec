"""Wat de pagina's delen: wie is aangemeld, rollen, het CSRF-token bij elk formulier, meldingen en het tonen.

De sessiecookie is `HttpOnly` en `SameSite=Lax`; `Secure` (en de naam `__Host-hub-sessie`) als het verzoek over https
kwam, of altijd met `HUB_WEB_HTTPS=true` (achter een proxy die TLS afhandelt). Over gewoon http op de eigen machine
(`hub web` luistert standaard alleen op 127.0.0.1) werkt aanmelden zonder `Secure`.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from eventsourcing.persistence import IntegrityError
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import FormData
from starlette.types import ASGIApp, Receive, Scope, Send

from hub.bootstrap import Onderdelen
from hub.domein.fouten import DomeinFout
from hub.domein.geld import euro
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.gebruikers import Profiel
from hub.toepassing.werkvoorraad import bevinding_naam
from hub.web.sessies import Sessie, Sessies

log = logging.getLogger(__name__)

MAP = Path(__file__).resolve().parent
COOKIE = "hub-sessie"
COOKIE_VEILIG = "__Host-hub-sessie"
BEVEILIGING = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class NietAangemeld(Exception):
    pass


class Verboden(Exception):
    """403: aangemeld, maar niet met de rol of gemeente die erbij hoort, of een formulier zonder geldig CSRF-token."""

    status = 403
    titel = "Geen toegang"

    def __init__(self, melding: str):
        super().__init__(melding)
        self.melding = melding


class NietGevonden(Verboden):
    status = 404
    titel = "Niet gevonden"


class TeGroot(Verboden):
    status = 413
    titel = "Bestand te groot"


@dataclass
class Context:
    """Wie vraagt: de sessie en het profiel van de aangemelde gebruiker."""

    request: Request
    sessie: Sessie
    profiel: Profiel

    @property
    def hub(self) -> Onderdelen:
        hub: Onderdelen = self.request.app.state.hub
        return hub


def _cookie_naam(request: Request) -> str:
    return COOKIE_VEILIG if veilig(request) else COOKIE


def veilig(request: Request) -> bool:
    """Over https (of achter een proxy die dat afhandelt, `HUB_WEB_HTTPS`): cookies krijgen `Secure`."""
    return bool(request.app.state.hub.instellingen.web_https) or request.url.scheme == "https"


def sessie_van(request: Request) -> Sessie | None:
    sessies: Sessies = request.app.state.sessies
    return sessies.zoek(request.cookies.get(_cookie_naam(request)))


def zet_cookie(request: Request, response: Response, sessie: Sessie) -> None:
    response.set_cookie(_cookie_naam(request), sessie.token, httponly=True, samesite="lax", secure=veilig(request),
                        path="/")


def aangemeld(request: Request) -> Context:
    sessie = sessie_van(request)
    if sessie is None or sessie.gebruikersnaam is None:
        raise NietAangemeld()
    profiel = request.app.state.hub.gebruikers.profiel(sessie.gebruikersnaam)
    if profiel is None or profiel.vergrendeld:
        raise NietAangemeld()
    return Context(request, sessie, profiel)


def met_rol(*rollen: str) -> Any:
    def afhankelijkheid(ctx: Context = Depends(aangemeld)) -> Context:
        if not ctx.profiel.heeft_rol(*rollen):
            raise Verboden(f"Deze pagina is voor de rol {' of '.join(rollen)}; uw rollen zijn {', '.join(ctx.profiel.rollen)}. "
                           "Vraag de beheerder als u deze rol nodig hebt.")
        return ctx

    return Depends(afhankelijkheid)


async def formulier(request: Request) -> FormData:
    """Het formulier van een POST, alleen met het CSRF-token van de eigen sessie."""
    form = await request.form()
    sessie = sessie_van(request)
    token = form.get("csrf")
    if sessie is None or not isinstance(token, str) or not hmac.compare_digest(token, sessie.csrf):
        raise Verboden("Dit formulier is verlopen of komt niet van deze site. Laad de pagina opnieuw en probeer het nog eens.")
    return form


def veld(form: FormData, naam: str) -> str:
    waarde = form.get(naam)
    return waarde.strip() if isinstance(waarde, str) else ""


def naar(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@contextmanager
def poging(ctx: Context) -> Iterator[None]:
    """Een use case aanroepen; wat niet kan, komt als melding op de volgende pagina."""
    try:
        yield
    except Onuitvoerbaar as fout:
        ctx.sessie.meld("fout", str(fout))
    except DomeinFout as fout:
        ctx.sessie.meld("fout", fout.melding)
    except IntegrityError:
        ctx.sessie.meld("fout", "Iemand anders legde tegelijk iets vast voor deze factuur of batch; er is niets opgeslagen. "
                                "Bekijk de pagina opnieuw en probeer het nog eens.")


def _datum(waarde: date | datetime | None) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, datetime):
        return f"{waarde.astimezone():%d-%m-%Y %H:%M}"
    return f"{waarde:%d-%m-%Y}"


def _euro(waarde: Decimal | str | None) -> str:
    return euro(Decimal(waarde)) if waarde is not None else ""


class Paginas:
    def __init__(self, hub: Onderdelen):
        omgeving = Environment(loader=FileSystemLoader(MAP / "templates"),
                               autoescape=select_autoescape(default=True, default_for_string=True))
        omgeving.filters.update(datum=_datum, euro=_euro, partij=hub.catalogus.partijen.naam, bevinding=bevinding_naam)
        omgeving.filters["partijoptie"] = lambda code: (code, hub.catalogus.partijen.naam(code))
        self.templates = Jinja2Templates(env=omgeving)

    def toon(self, request: Request, sjabloon: str, sessie: Sessie, profiel: Profiel | None = None, status: int = 200,
             **gegevens: Any) -> HTMLResponse:
        inhoud = {"profiel": profiel, "csrf": sessie.csrf, "meldingen": sessie.neem_meldingen(), **gegevens}
        antwoord = self.templates.TemplateResponse(request, sjabloon, inhoud, status_code=status)
        zet_cookie(request, antwoord, sessie)
        return antwoord


def paginas(request: Request) -> Paginas:
    p: Paginas = request.app.state.paginas
    return p


class VerversContracten:
    """Neemt contractwijzigingen uit een ander proces (opdrachtregel, werker) over, hoogstens eens per `na` seconden,
    vóór het verzoek dat erom vraagt. Staat binnen `EenTegelijk`: geen verzoek leest de catalogus terwijl ze wisselt."""

    def __init__(self, app: ASGIApp, ververs: Callable[[], object], na: float, klok: Callable[[], float] = time.monotonic):
        self.app, self.ververs, self.na, self.klok = app, ververs, na, klok
        self.volgende = klok() + na

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/static/") and self.klok() >= self.volgende:
            self.volgende = self.klok() + self.na
            try:
                await asyncio.to_thread(self.ververs)
            except Onuitvoerbaar as fout:
                log.warning("%s De contracten blijven zoals ze waren; volgende poging over %.0f s.", fout, self.na)
            except Exception:
                log.exception("contracten konden niet worden ververst; volgende poging over %.0f s", self.na)
        await self.app(scope, receive, send)


class EenTegelijk:
    """Eén verzoek tegelijk bij de use cases: de leesmodellen worden bij het vragen bijgewerkt en bewaard, en dat
    mag niet door elkaar lopen. Statische bestanden gaan er buiten om."""

    def __init__(self, app: ASGIApp):
        self.app = app
        self.slot = asyncio.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        async with self.slot:
            await self.app(scope, receive, send)
