"""Het portaal voor aanbieders zonder eigen berichtensoftware: een bericht of factuur aanleveren en meteen de retour
zien, de eigen facturen met de factuurstatus per regel, en de eigen retouren downloaden.

De aanbieder is altijd die van de aangemelde gebruiker, nooit iets uit de URL of het bestand. Een factuur of retour
van een andere aanbieder bestaat voor hem niet (404), zodat hij niet kan afleiden dat ze er is.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData, UploadFile

from hub.aggregates.factuur import AFGEWEZEN, GOEDGEKEURD, VERWACHT_GOEDGEKEURD
from hub.aggregates.gebruiker import AANBIEDER
from hub.projections.oordeel import Factuuroordeel, Regeloordeel
from hub.toepassing.aanleveren import MAX_BYTES
from hub.toepassing.fouten import Onuitvoerbaar
from hub.web.gedeeld import Context, NietGevonden, Paginas, TeGroot, Verboden, formulier, met_rol, paginas, poging

router = APIRouter()
MAX_MB = MAX_BYTES // 1_000_000
TE_GROOT = (f"Het bestand is groter dan {MAX_MB} MB. Stuur één bericht of één factuur per bestand; "
            "splits een grote factuur in meer facturen.")
BESLUIT = {GOEDGEKEURD: "goedgekeurd", VERWACHT_GOEDGEKEURD: "verwacht bedrag goedgekeurd", AFGEWEZEN: "afgewezen"}


ALLEEN_AANBIEDER = met_rol(AANBIEDER)


def _aanbieder(ctx: Context = ALLEEN_AANBIEDER) -> Context:
    if not ctx.profiel.aanbieder:
        raise Verboden("Uw gebruiker hoort niet bij een aanbieder. Vraag de beheerder uw aanbieder in te stellen.")
    return ctx


AANBIEDER_CTX = Depends(_aanbieder)


def _begrensd(request: Request) -> None:
    """Vóór het lezen van het formulier: een te groot verzoek wordt niet eerst helemaal ontvangen."""
    lengte = request.headers.get("content-length", "")
    if lengte.isdigit() and int(lengte) > MAX_BYTES + 64_000:
        raise TeGroot(TE_GROOT)


def regelstatus(r: Regeloordeel) -> str:
    """De stand van een factuurregel in woorden, zoals de factuurstatus hem meldt."""
    if r.gecrediteerd:
        return f"gecrediteerd met creditnota {r.gecrediteerd}"
    if r.betaald_in:
        return "betaald"
    if r.besluit is None:
        return "wordt beoordeeld"
    return BESLUIT.get(r.besluit["besluit"], r.besluit["besluit"])


def factuur_url(oordeel: Factuuroordeel) -> str:
    return f"/portaal/facturen/{quote(oordeel.factuurnummer, safe='')}"


def _download(inhoud: Any, bestandsnaam: str) -> Response:
    tekst = json.dumps(inhoud, ensure_ascii=False, indent=2) + "\n"
    return Response(tekst.encode(), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{bestandsnaam}"'})


def _veilige_naam(tekst: str) -> str:
    return "".join(t if t.isalnum() or t in "-_." else "-" for t in tekst)[:80]


@router.get("/portaal/aanleveren")
def aanleverpagina(ctx: Context = AANBIEDER_CTX, p: Paginas = Depends(paginas)) -> Response:
    return p.toon(ctx.request, "portaal_aanleveren.html", ctx.sessie, ctx.profiel, max_mb=MAX_MB)


@router.post("/portaal/aanleveren", dependencies=[Depends(_begrensd)])
async def lever_aan(form: FormData = Depends(formulier), ctx: Context = AANBIEDER_CTX,
                    p: Paginas = Depends(paginas)) -> Response:
    bestand = form.get("bestand")
    fout, aanlevering, naam = None, None, None
    if not isinstance(bestand, UploadFile) or not bestand.filename:
        fout = "Kies eerst een bestand met een bericht of een factuur (JSON, XML of UBL)."
    else:
        naam = bestand.filename
        data = await bestand.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            fout = TE_GROOT
        else:
            with poging(ctx):
                aanlevering = ctx.hub.aanleveren.lever_aan(data, ctx.profiel.aanbieder or "")
    status = 400 if fout else 200
    return p.toon(ctx.request, "portaal_aanleveren.html", ctx.sessie, ctx.profiel, status=status, max_mb=MAX_MB,
                  fout=fout, a=aanlevering, bestandsnaam=naam)


@router.get("/portaal/facturen")
def facturen(ctx: Context = AANBIEDER_CTX, p: Paginas = Depends(paginas)) -> Response:
    lijst = ctx.hub.aanbiederportaal.facturen(ctx.profiel.aanbieder or "")
    return p.toon(ctx.request, "portaal_facturen.html", ctx.sessie, ctx.profiel, lijst=lijst, factuur_url=factuur_url)


def _eigen_factuur(ctx: Context, nummer: str) -> Factuuroordeel:
    try:
        return ctx.hub.aanbiederportaal.factuur(ctx.profiel.aanbieder or "", nummer)
    except Onuitvoerbaar as fout:
        raise NietGevonden(str(fout)) from None


@router.get("/portaal/facturen/{nummer}")
def factuur(nummer: str, ctx: Context = AANBIEDER_CTX, p: Paginas = Depends(paginas)) -> Response:
    oordeel = _eigen_factuur(ctx, nummer)
    return p.toon(ctx.request, "portaal_factuur.html", ctx.sessie, ctx.profiel, f=oordeel, regelstatus=regelstatus,
                  besluit_tekst=BESLUIT, url=factuur_url(oordeel))


@router.get("/portaal/facturen/{nummer}/factuurstatus.json")
def factuurstatus(nummer: str, ctx: Context = AANBIEDER_CTX) -> Response:
    _eigen_factuur(ctx, nummer)
    status = ctx.hub.aanbiederportaal.factuurstatus(ctx.profiel.aanbieder or "", nummer)
    return _download(status, f"factuurstatus-{_veilige_naam(nummer)}.json")


@router.get("/portaal/retouren")
def retouren(ctx: Context = AANBIEDER_CTX, p: Paginas = Depends(paginas)) -> Response:
    portaal = ctx.hub.aanbiederportaal
    aanbieder = ctx.profiel.aanbieder or ""
    return p.toon(ctx.request, "portaal_retouren.html", ctx.sessie, ctx.profiel, lijst=portaal.retouren(aanbieder),
                  totaal=portaal.aantal_retouren(aanbieder))


@router.get("/portaal/retouren.json")
def alle_retouren(ctx: Context = AANBIEDER_CTX) -> Response:
    aanbieder = ctx.profiel.aanbieder or ""
    regels = ctx.hub.aanbiederportaal.retouren(aanbieder, maximum=None)
    return _download([r.als_json() for r in regels], f"retouren-{_veilige_naam(aanbieder)}.json")


@router.get("/portaal/retouren/{bericht_id}.json")
def retour(bericht_id: str, ctx: Context = AANBIEDER_CTX) -> Response:
    try:
        regel = ctx.hub.aanbiederportaal.retour(ctx.profiel.aanbieder or "", bericht_id)
    except Onuitvoerbaar as fout:
        raise NietGevonden(str(fout)) from None
    return _download(regel.als_json(), f"retour-{_veilige_naam(regel.bericht_id)}.json")
