"""Aanmelden, afmelden en de startpagina."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from hub.aggregates.gebruiker import AANBIEDER, BEHEERDER, INKOPER, KLANTMANAGER, MANAGEMENTASSISTENT
from hub.toepassing.extern_aanmelden import ExternAanmelden
from hub.toepassing.fouten import Onuitvoerbaar
from hub.web.apparaten import apparaat_van, zet_apparaatcookie
from hub.web.gedeeld import (
    Context,
    NietGevonden,
    Paginas,
    aangemeld,
    formulier,
    naar,
    paginas,
    sessie_van,
    veld,
    zet_cookie,
)

router = APIRouter()


def _veilig_doel(volgende: str | None) -> str:
    """Alleen een pad op deze site: `//elders.nl` of `https://…` wordt de startpagina."""
    if not volgende or not volgende.startswith("/") or volgende.startswith("//") or "\\" in volgende:
        return "/"
    return volgende


def _extern(request: Request) -> ExternAanmelden | None:
    extern: ExternAanmelden | None = request.app.state.hub.extern_aanmelden
    return extern


@router.get("/aanmelden")
def aanmeldpagina(request: Request, volgende: str | None = None, p: Paginas = Depends(paginas)) -> Response:
    sessie = sessie_van(request) or request.app.state.sessies.nieuw()
    return p.toon(request, "aanmelden.html", sessie, volgende=_veilig_doel(volgende), extern=_extern(request))


@router.post("/aanmelden/extern")
def meld_extern_aan(request: Request, form: FormData = Depends(formulier), p: Paginas = Depends(paginas)) -> Response:
    """Naar de identiteitsprovider van de gemeente; een POST met CSRF-token, zodat geen andere site dit kan starten."""
    sessie = sessie_van(request)
    assert sessie is not None, "het formulier is gecontroleerd tegen de sessie"
    extern = _extern(request)
    if extern is None:
        raise NietGevonden("Aanmelden via de identiteitsprovider is niet ingesteld; meld u aan met uw wachtwoord.")
    try:
        url, aanvraag = extern.begin(str(request.url_for("extern_terug")))
    except Onuitvoerbaar as fout:
        return p.toon(request, "aanmelden.html", sessie, status=503, fout=str(fout), extern=extern,
                      volgende=_veilig_doel(veld(form, "volgende")))
    sessie.extern = aanvraag
    sessie.volgende = _veilig_doel(veld(form, "volgende"))
    antwoord = naar(url)
    zet_cookie(request, antwoord, sessie)
    return antwoord


@router.get("/aanmelden/extern/terug", name="extern_terug")
def extern_terug(request: Request, code: str = "", state: str = "", error: str = "",
                 p: Paginas = Depends(paginas)) -> Response:
    sessie = sessie_van(request) or request.app.state.sessies.nieuw()
    extern = _extern(request)
    if extern is None:
        raise NietGevonden("Aanmelden via de identiteitsprovider is niet ingesteld; meld u aan met uw wachtwoord.")
    aanvraag, sessie.extern = sessie.extern, None
    try:
        if error:
            raise Onuitvoerbaar(f"{extern.naam} meldde u niet aan ({error}); probeer het opnieuw of meld u aan met uw "
                                "wachtwoord.")
        profiel = extern.rond_af(aanvraag, code, state)
    except Onuitvoerbaar as fout:
        return p.toon(request, "aanmelden.html", sessie, status=403, fout=str(fout), extern=extern, volgende="/")
    nieuw = request.app.state.sessies.vervang(sessie, profiel.gebruikersnaam)
    antwoord = naar(sessie.volgende)
    zet_cookie(request, antwoord, nieuw)
    return antwoord


@router.post("/aanmelden")
def meld_aan(request: Request, form: FormData = Depends(formulier), p: Paginas = Depends(paginas)) -> Response:
    sessie = sessie_van(request)
    assert sessie is not None, "het formulier is gecontroleerd tegen de sessie"
    gebruikersnaam = veld(form, "gebruikersnaam")
    gebruikers = request.app.state.hub.gebruikers
    try:
        profiel = gebruikers.meld_aan(gebruikersnaam, str(form.get("wachtwoord") or ""), apparaat_van(request))
    except Onuitvoerbaar as fout:
        return p.toon(request, "aanmelden.html", sessie, status=401, fout=str(fout), gebruikersnaam=gebruikersnaam,
                      volgende=_veilig_doel(veld(form, "volgende")), extern=_extern(request))
    nieuw = request.app.state.sessies.vervang(sessie, profiel.gebruikersnaam)
    doel = _veilig_doel(veld(form, "volgende"))
    antwoord = naar(doel)
    zet_cookie(request, antwoord, nieuw)
    zet_apparaatcookie(request, antwoord, gebruikers.nieuw_apparaat(profiel))
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
    if ctx.profiel.heeft_rol(KLANTMANAGER):
        return naar("/klantmanager/trajecten")
    if ctx.profiel.heeft_rol(BEHEERDER):
        return naar("/beheer/gebruikers")
    if ctx.profiel.heeft_rol(AANBIEDER) and ctx.profiel.aanbieder:
        return naar("/portaal/aanleveren")
    return p.toon(ctx.request, "start.html", ctx.sessie, ctx.profiel)
