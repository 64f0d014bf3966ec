"""Doorbelastingen: de managementassistent van de penvoerder bekijkt het voorstel per contract en kwartaal, stelt de
doorbelasting vast na een bevestiging, downloadt de facturen en markeert ze als verzonden of trekt de doorbelasting
in. De managementassistent van een andere gemeente ziet alleen wat haar is doorbelast en alleen haar eigen factuur."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.datastructures import FormData

from hub.aggregates.gebruiker import MANAGEMENTASSISTENT
from hub.domein.kalender import kwartaal_van
from hub.toepassing.doorbelasten import Doorbelastingstand
from hub.toepassing.fouten import Onuitvoerbaar
from hub.web.gedeeld import Context, NietGevonden, Paginas, Verboden, formulier, met_rol, naar, paginas, poging, veld

router = APIRouter()
MA = met_rol(MANAGEMENTASSISTENT)


def _zichtbaar(ctx: Context) -> list[Doorbelastingstand]:
    """Van de penvoerder: alle doorbelastingen van zijn contracten; van een andere gemeente: wat haar is doorbelast."""
    return [s for s in ctx.hub.doorbelasten.lijst(ctx.profiel.gemeenten)
            if ctx.profiel.mag_gemeente(s.doorbelasting.penvoerder)
            or any(ctx.profiel.mag_gemeente(g) for g in s.doorbelasting.delen)]


def _eigen_contracten(ctx: Context) -> list[str]:
    return [c.id for c in ctx.hub.doorbelasten.contracten()
            if c.verdeelsleutel is not None and ctx.profiel.mag_gemeente(c.verdeelsleutel.penvoerder)]


def _dit_kwartaal(ctx: Context) -> str:
    return kwartaal_van(ctx.hub.klok().astimezone().date())


def _als_penvoerder(ctx: Context, doorbelasting_id: str) -> Doorbelastingstand:
    stand = next((s for s in _zichtbaar(ctx) if s.doorbelasting.doorbelasting_id == doorbelasting_id), None)
    if stand is None:
        raise NietGevonden(f"Er is geen doorbelasting {doorbelasting_id} voor uw gemeente.")
    if not ctx.profiel.mag_gemeente(stand.doorbelasting.penvoerder):
        raise Verboden(f"Doorbelasting {doorbelasting_id} beheert de penvoerder "
                       f"({ctx.hub.catalogus.partijen.naam(stand.doorbelasting.penvoerder)}); u ziet alleen uw eigen "
                       "factuur.")
    return stand


@router.get("/doorbelastingen")
def doorbelastingen(ctx: Context = MA, p: Paginas = Depends(paginas)) -> Response:
    standen = list(reversed(_zichtbaar(ctx)))
    return p.toon(ctx.request, "doorbelastingen.html", ctx.sessie, ctx.profiel, standen=standen,
                  contracten=_eigen_contracten(ctx), kwartaal_standaard=_dit_kwartaal(ctx))


@router.get("/doorbelastingen/voorstel")
def voorstel(contract: str = "", kwartaal: str = "", ctx: Context = MA, p: Paginas = Depends(paginas)) -> Response:
    if contract not in _eigen_contracten(ctx):
        raise Verboden("Alleen de managementassistent van de penvoerder van een contract met een verdeelsleutel stelt "
                       "een doorbelasting voor; kies een contract uit de lijst op de pagina Doorbelastingen.")
    try:
        v = ctx.hub.doorbelasten.voorstel(contract, kwartaal, ctx.profiel)
    except Onuitvoerbaar as fout:
        ctx.sessie.meld("fout", str(fout))
        return naar("/doorbelastingen")
    return p.toon(ctx.request, "doorbelasting_voorstel.html", ctx.sessie, ctx.profiel, v=v)


@router.post("/doorbelastingen/vaststellen")
def stel_vast(form: FormData = Depends(formulier), ctx: Context = MA) -> Response:
    contract, kwartaal = veld(form, "contract"), veld(form, "kwartaal")
    if contract not in _eigen_contracten(ctx):
        raise Verboden("Alleen de managementassistent van de penvoerder stelt een doorbelasting vast.")
    with poging(ctx):
        nu = ctx.hub.doorbelasten.voorstel(contract, kwartaal, ctx.profiel)
        if f"{nu.totaal}" != veld(form, "totaal") or str(len(nu.regels)) != veld(form, "regels"):
            ctx.sessie.meld("fout", "Het voorstel is veranderd sinds u het bekeek (er is intussen betaald of "
                                    "doorbelast); er is niets vastgelegd. Bekijk het voorstel opnieuw.")
            return naar("/doorbelastingen")
        vastgesteld = ctx.hub.doorbelasten.stel_vast(contract, kwartaal, ctx.profiel, ctx.hub.doorbelastingsfacturen(),
                                                     ctx.hub.doorbelastingmap())
        d = vastgesteld.doorbelasting
        ctx.sessie.meld("gelukt", f"Doorbelasting {d.doorbelasting_id} is vastgesteld: {len(d.documenten)} factuur/facturen "
                                  "staan klaar om te downloaden. Stuur ze naar de gemeenten en markeer de "
                                  "doorbelasting dan als verzonden.")
    return naar("/doorbelastingen")


@router.post("/doorbelastingen/{doorbelasting_id}/verzonden")
def verzonden(doorbelasting_id: str, form: FormData = Depends(formulier), ctx: Context = MA) -> Response:
    _als_penvoerder(ctx, doorbelasting_id)
    with poging(ctx):
        ctx.hub.doorbelasten.markeer_verzonden(doorbelasting_id, ctx.profiel)
        ctx.sessie.meld("gelukt", f"Doorbelasting {doorbelasting_id} staat als verzonden; een correctie gaat nu met een "
                                  "creditnota.")
    return naar("/doorbelastingen")


@router.post("/doorbelastingen/{doorbelasting_id}/intrekken")
def trek_in(doorbelasting_id: str, form: FormData = Depends(formulier), ctx: Context = MA) -> Response:
    _als_penvoerder(ctx, doorbelasting_id)
    with poging(ctx):
        d = ctx.hub.doorbelasten.trek_in(doorbelasting_id, ctx.profiel, veld(form, "reden"))
        ctx.sessie.meld("gelukt", f"Doorbelasting {doorbelasting_id} is ingetrokken; haar {len(d.regels)} regel(s) komen "
                                  "in de volgende doorbelasting. Gooi de gedownloade facturen ervan weg.")
    return naar("/doorbelastingen")


@router.get("/doorbelastingen/{doorbelasting_id}/factuur/{gemeente}")
def factuur(doorbelasting_id: str, gemeente: str, ctx: Context = MA) -> Response:
    stand = next((s for s in _zichtbaar(ctx) if s.doorbelasting.doorbelasting_id == doorbelasting_id), None)
    if stand is None:
        raise NietGevonden(f"Er is geen doorbelasting {doorbelasting_id} voor uw gemeente.")
    if not (ctx.profiel.mag_gemeente(stand.doorbelasting.penvoerder) or ctx.profiel.mag_gemeente(gemeente)):
        raise Verboden("Deze factuur is aan een andere gemeente; u kunt alleen de factuur aan uw eigen gemeente "
                       "downloaden.")
    try:
        document = ctx.hub.doorbelasten.document(doorbelasting_id, gemeente, ctx.profiel)
    except Onuitvoerbaar as fout:
        raise NietGevonden(str(fout)) from None
    return Response(document.inhoud.encode("utf-8"), media_type="application/xml",
                    headers={"Content-Disposition": f'attachment; filename="{document.factuurnummer}.xml"'})
