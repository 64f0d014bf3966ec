"""De pagina's van de beheerder: gebruikers zien, toevoegen, hun rollen en gemeenten wijzigen, vergrendelen en
ontgrendelen. De beheerder beslist niet over facturen of betalingen (die pagina's vragen de rol managementassistent),
en wijzigt zijn eigen rollen niet."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.datastructures import FormData

from hub.aggregates.gebruiker import BEHEERDER, ROLLEN
from hub.toepassing.gebruikers import Profiel
from hub.web.gedeeld import Context, NietGevonden, Paginas, formulier, met_rol, naar, paginas, poging, veld

router = APIRouter()
ALLEEN_BEHEERDER = met_rol(BEHEERDER)


def _opties(ctx: Context) -> dict[str, Any]:
    partijen = ctx.hub.catalogus.partijen
    return {"rollen": ROLLEN, "gemeenten": [(g, partijen.naam(g)) for g in sorted(partijen.gemeentecodes())],
            "aanbieders": [(a, partijen.naam(a)) for a in ctx.hub.catalogus.providers()],
            "extern": ctx.hub.instellingen.oidc_aan, "claim": ctx.hub.instellingen.oidc_claim}


@router.get("/beheer/gebruikers")
def gebruikers(ctx: Context = ALLEEN_BEHEERDER, p: Paginas = Depends(paginas)) -> Response:
    return p.toon(ctx.request, "beheer_gebruikers.html", ctx.sessie, ctx.profiel, actief="gebruikers",
                  gebruikers=ctx.hub.gebruikers.lijst(), nu=ctx.hub.klok(), **_opties(ctx))


@router.post("/beheer/gebruikers")
def voeg_toe(form: FormData = Depends(formulier), ctx: Context = ALLEEN_BEHEERDER, p: Paginas = Depends(paginas)) -> Response:
    gebruikersnaam = veld(form, "gebruikersnaam")
    wachtwoord = str(form.get("wachtwoord") or "")
    extern = veld(form, "extern")
    with poging(ctx):
        profiel = ctx.hub.gebruikers.maak(
            gebruikersnaam, veld(form, "naam"), wachtwoord or None, [str(r) for r in form.getlist("rol")],
            [str(g) for g in form.getlist("gemeente")], veld(form, "aanbieder") or None,
            (ctx.hub.instellingen.oidc_claim, extern) if extern else None)
        ctx.sessie.meld("gelukt", f"Gebruiker {profiel.gebruikersnaam} ({profiel.naam}) is toegevoegd met de rol "
                                  f"{', '.join(profiel.rollen)}.")
    return naar("/beheer/gebruikers")


def _bestaand(ctx: Context, gebruikersnaam: str) -> Profiel:
    profiel = ctx.hub.gebruikers.profiel(gebruikersnaam)
    if profiel is None:
        raise NietGevonden(f"Gebruiker {gebruikersnaam} bestaat niet; kies een gebruiker uit de lijst.")
    return profiel


@router.get("/beheer/gebruikers/{gebruikersnaam}")
def gebruiker(gebruikersnaam: str, ctx: Context = ALLEEN_BEHEERDER, p: Paginas = Depends(paginas)) -> Response:
    return p.toon(ctx.request, "beheer_gebruiker.html", ctx.sessie, ctx.profiel, actief="gebruikers",
                  g=_bestaand(ctx, gebruikersnaam), nu=ctx.hub.klok(), **_opties(ctx))


@router.post("/beheer/gebruikers/{gebruikersnaam}/rollen")
def wijzig_rollen(gebruikersnaam: str, form: FormData = Depends(formulier), ctx: Context = ALLEEN_BEHEERDER) -> Response:
    _bestaand(ctx, gebruikersnaam)
    with poging(ctx):
        profiel = ctx.hub.gebruikers.wijzig_rollen(gebruikersnaam, [str(r) for r in form.getlist("rol")],
                                                   [str(g) for g in form.getlist("gemeente")], ctx.profiel)
        ctx.sessie.meld("gelukt", f"{profiel.naam} heeft nu de rol {', '.join(profiel.rollen)}"
                                  f"{' voor ' + ', '.join(profiel.gemeenten) if profiel.gemeenten else ''}.")
    return naar(f"/beheer/gebruikers/{gebruikersnaam}")


@router.post("/beheer/gebruikers/{gebruikersnaam}/vergrendel")
def vergrendel(gebruikersnaam: str, form: FormData = Depends(formulier), ctx: Context = ALLEEN_BEHEERDER) -> Response:
    _bestaand(ctx, gebruikersnaam)
    with poging(ctx):
        profiel = ctx.hub.gebruikers.vergrendel(gebruikersnaam, ctx.profiel, veld(form, "reden"))
        ctx.sessie.meld("gelukt", f"{profiel.naam} is vergrendeld: aanmelden kan niet meer, en een lopende sessie vervalt.")
    return naar(f"/beheer/gebruikers/{gebruikersnaam}")


@router.post("/beheer/gebruikers/{gebruikersnaam}/ontgrendel")
def ontgrendel(gebruikersnaam: str, form: FormData = Depends(formulier), ctx: Context = ALLEEN_BEHEERDER) -> Response:
    _bestaand(ctx, gebruikersnaam)
    with poging(ctx):
        profiel = ctx.hub.gebruikers.ontgrendel(gebruikersnaam, ctx.profiel)
        ctx.sessie.meld("gelukt", f"{profiel.naam} is ontgrendeld en kan zich weer aanmelden.")
    return naar(f"/beheer/gebruikers/{gebruikersnaam}")
