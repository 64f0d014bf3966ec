"""Aanmelden, afmelden en de startpagina."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from hub.aggregates.gebruiker import AANBIEDER, INKOPER, MANAGEMENTASSISTENT
from hub.toepassing.fouten import Onuitvoerbaar
from hub.web.gedeeld import Context, Paginas, aangemeld, formulier, naar, paginas, sessie_van, veld, zet_cookie

router = APIRouter()


def _veilig_doel(volgende: str | None) -> str:
    """Alleen een pad op deze site: `//elders.nl` of `https://…` wordt de startpagina."""
    if not volgende or not volgende.startswith("/") or volgende.startswith("//") or "\\" in volgende:
        return "/"
    return volgende


@router.get("/aanmelden")
def aanmeldpagina(request: Request, volgende: str | None = None, p: Paginas = Depends(paginas)) -> Response:
    sessie = sessie_van(request) or request.app.state.sessies.nieuw()
    return p.toon(request, "aanmelden.html", sessie, volgende=_veilig_doel(volgende))


@router.post("/aanmelden")
def meld_aan(request: Request, form: FormData = Depends(formulier), p: Paginas = Depends(paginas)) -> Response:
    sessie = sessie_van(request)
    assert sessie is not None, "het formulier is gecontroleerd tegen de sessie"
    gebruikersnaam = veld(form, "gebruikersnaam")
    try:
        profiel = request.app.state.hub.gebruikers.meld_aan(gebruikersnaam, str(form.get("wachtwoord") or ""))
    except Onuitvoerbaar as fout:
        return p.toon(request, "aanmelden.html", sessie, status=401, fout=str(fout), gebruikersnaam=gebruikersnaam,
                      volgende=_veilig_doel(veld(form, "volgende")))
    nieuw = request.app.state.sessies.vervang(sessie, profiel.gebruikersnaam)
    doel = _veilig_doel(veld(form, "volgende"))
    antwoord = naar(doel)
    zet_cookie(request, antwoord, nieuw)
    return antwoord


@router.post("/afmelden")
def meld_af(request: Request, form: FormData = Depends(formulier)) -> Response:
    request.app.state.sessies.beeindig(sessie_van(request))
    return naar("/aanmelden")


@router.get("/")
def start(ctx: Context = Depends(aangemeld), p: Paginas = Depends(paginas)) -> Response:
    if ctx.profiel.heeft_rol(MANAGEMENTASSISTENT):
        return naar("/werkvoorraad")
    if ctx.profiel.heeft_rol(INKOPER):
        return naar("/rapporten")
    if ctx.profiel.heeft_rol(AANBIEDER) and ctx.profiel.aanbieder:
        return naar("/portaal/aanleveren")
    return p.toon(ctx.request, "start.html", ctx.sessie, ctx.profiel)
