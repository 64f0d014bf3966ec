"""De werkvoorraad en de factuurpagina van de managementassistent, met de besluiten per regel."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.datastructures import FormData

from hub.aggregates.factuur import AFGEWEZEN, GOEDGEKEURD, VERWACHT_GOEDGEKEURD
from hub.aggregates.gebruiker import MANAGEMENTASSISTENT
from hub.projections.oordeel import Factuuroordeel
from hub.toepassing.fouten import Onuitvoerbaar
from hub.web.gedeeld import Context, NietGevonden, Paginas, Verboden, formulier, met_rol, naar, paginas, poging, veld

router = APIRouter()
MA = met_rol(MANAGEMENTASSISTENT)
BESLUIT_TEKST = {GOEDGEKEURD: "goedgekeurd", VERWACHT_GOEDGEKEURD: "verwacht bedrag goedgekeurd", AFGEWEZEN: "afgewezen"}
OP_DE_PAGINA = 100
"""Zoveel open facturen (de oudste) toont de werkvoorraad; de rest na 'toon alle'. Duizenden rijen maken de pagina
megabytes groot en traag voor iedereen die tegelijk werkt."""


def factuur_url(oordeel: Factuuroordeel) -> str:
    return f"/facturen/{quote(oordeel.afzender, safe='')}/{quote(oordeel.factuurnummer, safe='')}"


def _getal(tekst: str | None) -> int | None:
    return int(tekst) if tekst and tekst.strip().isdigit() else None


@router.get("/werkvoorraad")
def werkvoorraad(gemeente: str | None = None, aanbieder: str | None = None, bevinding: str | None = None,
                 ouder_dan: str | None = None, alle: str | None = None, ctx: Context = MA,
                 p: Paginas = Depends(paginas)) -> Response:
    filters = {"gemeente": gemeente or None, "aanbieder": aanbieder or None, "bevinding": bevinding or None,
               "ouder_dan": _getal(ouder_dan)}
    partijen = ctx.hub.catalogus.partijen
    maximum = 0 if alle else OP_DE_PAGINA
    try:
        lijst = ctx.hub.facturen.werkvoorraad(gemeente or None, aanbieder or None, maximum, bevinding or None,
                                              _getal(ouder_dan), gemeenten=ctx.profiel.gemeenten)
        fout = None
    except Onuitvoerbaar as reden:
        lijst, fout = ctx.hub.facturen.werkvoorraad(maximum=maximum, gemeenten=ctx.profiel.gemeenten), str(reden)
    alle_url = "/werkvoorraad?" + urlencode({**{k: v for k, v in filters.items() if v is not None}, "alle": "ja"})
    return p.toon(ctx.request, "werkvoorraad.html", ctx.sessie, ctx.profiel, lijst=lijst, filters=filters, fout=fout,
                  alle_url=alle_url,
                  gemeenten=sorted(ctx.profiel.gemeenten), aanbieders=sorted(partijen.providercodes()), factuur_url=factuur_url)


def _oordeel(ctx: Context, aanbieder: str, nummer: str) -> Factuuroordeel:
    try:
        oordeel = ctx.hub.facturen.factuur(nummer, aanbieder)
    except Onuitvoerbaar as fout:
        raise NietGevonden(str(fout)) from None
    if not ctx.profiel.mag_gemeente(oordeel.gemeente):
        raise Verboden("Deze factuur is aan een gemeente waarvoor u niet werkt.")
    return oordeel


@router.get("/facturen/{aanbieder}/{nummer}")
def factuur(aanbieder: str, nummer: str, ctx: Context = MA, p: Paginas = Depends(paginas)) -> Response:
    oordeel = _oordeel(ctx, aanbieder, nummer)
    bewijs = ctx.hub.geschiedenis.bij_factuur(oordeel)
    return p.toon(ctx.request, "factuur.html", ctx.sessie, ctx.profiel, f=oordeel, bewijs=bewijs,
                  besluit_tekst=BESLUIT_TEKST, url=factuur_url(oordeel))


@router.post("/facturen/{aanbieder}/{nummer}/besluit")
def besluit(aanbieder: str, nummer: str, form: FormData = Depends(formulier), ctx: Context = MA) -> Response:
    oordeel = _oordeel(ctx, aanbieder, nummer)
    besluiten = ctx.hub.besluiten
    neem = {GOEDGEKEURD: besluiten.keur_goed, VERWACHT_GOEDGEKEURD: besluiten.keur_verwacht_goed,
            AFGEWEZEN: besluiten.wijs_af}.get(veld(form, "besluit"))
    regel = _getal(veld(form, "regel"))
    if neem is None or regel is None:
        ctx.sessie.meld("fout", "Kies een besluit voor de regel: goedkeuren, het verwachte bedrag goedkeuren of afwijzen.")
    else:
        with poging(ctx):
            uitkomst = neem(nummer, [regel], ctx.profiel.naam, veld(form, "reden"), aanbieder,
                            door_id=ctx.profiel.gebruikersnaam)
            ctx.sessie.meld("gelukt", f"Regel {regel}: {BESLUIT_TEKST[uitkomst.besluit or '']}.")
    return naar(f"{factuur_url(oordeel)}#regel-{regel or ''}")


@router.post("/facturen/{aanbieder}/{nummer}/schoon")
def keur_schoon_goed(aanbieder: str, nummer: str, form: FormData = Depends(formulier), ctx: Context = MA) -> Response:
    oordeel = _oordeel(ctx, aanbieder, nummer)
    with poging(ctx):
        uitkomst = ctx.hub.besluiten.keur_schoon_goed(nummer, ctx.profiel.naam, veld(form, "reden"), aanbieder,
                                                      door_id=ctx.profiel.gebruikersnaam)
        if uitkomst.regelnummers:
            ctx.sessie.meld("gelukt", f"Goedgekeurd: regel {', '.join(map(str, uitkomst.regelnummers))}.")
        else:
            ctx.sessie.meld("fout", "Er zijn geen open regels zonder bevindingen; besluit per regel.")
    return naar(factuur_url(oordeel))


@router.post("/facturen/{aanbieder}/{nummer}/corrigeer")
def corrigeer(aanbieder: str, nummer: str, form: FormData = Depends(formulier), ctx: Context = MA) -> Response:
    oordeel = _oordeel(ctx, aanbieder, nummer)
    regel = _getal(veld(form, "regel"))
    if regel is None:
        ctx.sessie.meld("fout", "Kies de regel waarvan u het besluit intrekt.")
    else:
        with poging(ctx):
            ctx.hub.besluiten.corrigeer(nummer, [regel], ctx.profiel.naam, veld(form, "reden"), aanbieder,
                                        door_id=ctx.profiel.gebruikersnaam)
            ctx.sessie.meld("gelukt", f"Het besluit over regel {regel} is ingetrokken; besluit opnieuw.")
    return naar(f"{factuur_url(oordeel)}#regel-{regel or ''}")
