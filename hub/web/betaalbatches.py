"""Betaalbatches: voorstellen, vrijgeven door een tweede persoon (vier ogen), intrekken en het SEPA-bestand ophalen."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse, Response
from starlette.datastructures import FormData

from hub.aggregates.gebruiker import MANAGEMENTASSISTENT
from hub.toepassing.betalen import Voorstel
from hub.toepassing.fouten import Onuitvoerbaar
from hub.web.gedeeld import Context, NietGevonden, Paginas, Verboden, formulier, met_rol, naar, paginas, poging, veld

router = APIRouter()
MA = met_rol(MANAGEMENTASSISTENT)


@router.get("/betaalbatches")
def betaalbatches(ctx: Context = MA, p: Paginas = Depends(paginas)) -> Response:
    betalen = ctx.hub.betalen
    eigen = set(ctx.profiel.gemeenten)
    vrijgegeven = [b for b in betalen.batches() if set(b.gemeenten) & eigen]
    return p.toon(ctx.request, "betaalbatches.html", ctx.sessie, ctx.profiel,
                  voorstellen=betalen.voorstellen(ctx.profiel.gemeenten), vrijgegeven=list(reversed(vrijgegeven)))


@router.post("/betaalbatches")
def stel_voor(form: FormData = Depends(formulier), ctx: Context = MA) -> Response:
    tekst = veld(form, "uitvoeringsdatum")
    try:
        datum = date.fromisoformat(tekst) if tekst else None
    except ValueError:
        ctx.sessie.meld("fout", "De uitvoeringsdatum is geen datum; kies een datum of laat het veld leeg voor de volgende werkdag.")
        return naar("/betaalbatches")
    with poging(ctx):
        voorstellen = ctx.hub.betalen.stel_voor(ctx.hub.opdrachtgevers(), ctx.profiel.als_beslisser, datum,
                                                gemeenten=ctx.profiel.gemeenten)
        if voorstellen:
            ctx.sessie.meld("gelukt", f"Voorgesteld: {', '.join(v.batch_id for v in voorstellen)}. Een collega die niet "
                                      "over de regels besliste, geeft de batch vrij.")
        else:
            ctx.sessie.meld("fout", "Er is niets te betalen: geen goedgekeurde regels die nog niet in een betaalbatch staan.")
    return naar("/betaalbatches")


def _eigen_voorstel(ctx: Context, batch_id: str) -> Voorstel:
    try:
        voorstel = ctx.hub.betalen.voorstel(batch_id)
    except Onuitvoerbaar:
        raise NietGevonden(f"Betaalbatch {batch_id} wacht niet op vrijgave.") from None
    if not ctx.profiel.mag_gemeente(voorstel.gemeente):
        raise Verboden("Deze betaalbatch is van een gemeente waarvoor u niet werkt.")
    return voorstel


@router.post("/betaalbatches/{batch_id}/vrijgeven")
def geef_vrij(batch_id: str, form: FormData = Depends(formulier), ctx: Context = MA) -> Response:
    with poging(ctx):
        _eigen_voorstel(ctx, batch_id)
        batch = ctx.hub.betalen.geef_vrij(batch_id, ctx.profiel.als_beslisser, ctx.hub.opdrachtgevers(), ctx.hub.betaalmap())
        ctx.sessie.meld("gelukt", f"Betaalbatch {batch_id} is vrijgegeven; het SEPA-bestand staat klaar om te downloaden "
                                  f"(uit te voeren op {batch.uitvoeringsdatum:%d-%m-%Y}).")
    return naar("/betaalbatches")


@router.post("/betaalbatches/{batch_id}/intrekken")
def trek_in(batch_id: str, form: FormData = Depends(formulier), ctx: Context = MA) -> Response:
    with poging(ctx):
        _eigen_voorstel(ctx, batch_id)
        ctx.hub.betalen.trek_in(batch_id, ctx.profiel.als_beslisser, veld(form, "reden"))
        ctx.sessie.meld("gelukt", f"Betaalbatch {batch_id} is ingetrokken; de regels komen in het volgende voorstel.")
    return naar("/betaalbatches")


@router.get("/betaalbatches/{batch_id}/bestand")
def bestand(batch_id: str, ctx: Context = MA) -> Response:
    batch = next((b for b in ctx.hub.betalen.batches() if b.batch_id == batch_id), None)
    if batch is None:
        raise NietGevonden(f"Er is geen vrijgegeven betaalbatch {batch_id}.")
    if not set(batch.gemeenten) & set(ctx.profiel.gemeenten):
        raise Verboden("Deze betaalbatch is van een gemeente waarvoor u niet werkt.")
    try:
        pad = ctx.hub.betalen.betaalbestand(batch_id, ctx.hub.betaalmap())
    except Onuitvoerbaar as fout:
        raise NietGevonden(str(fout)) from None
    return FileResponse(pad, media_type="application/xml", filename=f"{batch_id}.xml")
