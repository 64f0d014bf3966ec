"""Het auditspoor van een factuur en van een traject: wie deed wat en wanneer, voor de managementassistent, de
inkoper en de beheerder, alleen voor de eigen gemeenten."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from hub.aggregates.gebruiker import BEHEERDER, INKOPER, KLANTMANAGER, MANAGEMENTASSISTENT
from hub.toepassing.audit import Auditspoor
from hub.toepassing.fouten import Onuitvoerbaar
from hub.web.gedeeld import Context, NietGevonden, Paginas, Verboden, met_rol, paginas

router = APIRouter()
LEZERS = met_rol(MANAGEMENTASSISTENT, INKOPER, KLANTMANAGER, BEHEERDER)


def traject_audit_url(gemeente: str, traject_id: str) -> str:
    return f"/trajecten/{quote(gemeente, safe='')}/{quote(traject_id, safe='')}/audit"


def _eigen(ctx: Context, gemeente: str) -> None:
    if not ctx.profiel.mag_gemeente(gemeente):
        raise Verboden("Dit spoor hoort bij een gemeente waarvoor u niet werkt.")


@router.get("/facturen/{aanbieder}/{nummer}/audit")
def factuur(aanbieder: str, nummer: str, ctx: Context = LEZERS, p: Paginas = Depends(paginas)) -> Response:
    try:
        spoor = ctx.hub.audit.factuur(aanbieder, nummer)
    except Onuitvoerbaar as fout:
        raise NietGevonden(str(fout)) from None
    _eigen(ctx, spoor.gemeente)
    terug = f"/facturen/{quote(aanbieder, safe='')}/{quote(nummer, safe='')}"
    return _toon(ctx, p, spoor, f"Factuur {nummer}", aanbieder, terug if ctx.profiel.heeft_rol(MANAGEMENTASSISTENT) else None)


@router.get("/trajecten/{gemeente}/{traject_id}/audit")
def traject(gemeente: str, traject_id: str, ctx: Context = LEZERS, p: Paginas = Depends(paginas)) -> Response:
    _eigen(ctx, gemeente)
    try:
        spoor = ctx.hub.audit.traject(gemeente, traject_id)
    except Onuitvoerbaar as fout:
        raise NietGevonden(str(fout)) from None
    return _toon(ctx, p, spoor, f"Traject {traject_id}", None, None)


def _toon(ctx: Context, p: Paginas, spoor: Auditspoor, titel: str, aanbieder: str | None, terug: str | None) -> Response:
    return p.toon(ctx.request, "audit.html", ctx.sessie, ctx.profiel, spoor=spoor, titel=titel, aanbieder=aanbieder,
                  terug=terug, trajecten=[(t, traject_audit_url(spoor.gemeente, t)) for t in spoor.trajecten])
