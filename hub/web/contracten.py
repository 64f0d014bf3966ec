"""Contracten voor de inkoper: de contracten van zijn gemeenten, het dossier van een contract (wie wijzigde wat,
wanneer en waarom) en een prijs vastleggen: eerst het voorbeeld van de open factuurregels die een ander oordeel
krijgen, dan bevestigen. Dezelfde use case als `hub contracten prijs`; een contract dat ook over andere gemeenten
gaat, kan hij bekijken maar niet wijzigen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.datastructures import FormData

from hub.aggregates.gebruiker import INKOPER
from hub.domein.fouten import DomeinFout
from hub.toepassing.contractbeheer import Contractoverzicht
from hub.toepassing.fouten import Onuitvoerbaar
from hub.web.gedeeld import Context, NietGevonden, Paginas, formulier, met_rol, naar, paginas, poging, veld

router = APIRouter()
INK = met_rol(INKOPER)
PRIJSVELDEN = ("product", "bedrag", "van", "tot", "reden")


@dataclass(frozen=True)
class Prijsinvoer:
    product: str
    bedrag: Decimal
    van: date
    tot: date | None
    reden: str


def _door(ctx: Context) -> str:
    return f"{ctx.profiel.naam} ({ctx.profiel.gebruikersnaam})"


def _zichtbaar(ctx: Context, contract_id: str) -> Contractoverzicht:
    gevonden = next((o for o in ctx.hub.contractbeheer.voor_gemeenten(ctx.profiel.gemeenten)
                     if o.contract.id == contract_id), None)
    if gevonden is None:
        raise NietGevonden(f"Er is geen contract {contract_id} voor uw gemeenten.")
    return gevonden


def _prijsinvoer(form: FormData, overzicht: Contractoverzicht) -> tuple[Prijsinvoer | None, dict[str, str], str | None]:
    """De invoer, de waarden om terug te zetten in het formulier, en wat er niet klopt."""
    waarden = {naam: veld(form, naam) for naam in PRIJSVELDEN}
    if overzicht.contract.product(waarden["product"]) is None:
        return None, waarden, "Kies een product uit het contract."
    try:
        bedrag = Decimal(waarden["bedrag"].replace("€", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        bedrag = Decimal("NaN")
    if not bedrag.is_finite() or bedrag < 0 or bedrag.as_tuple().exponent < -2:  # type: ignore[operator]
        return None, waarden, f"{waarden['bedrag']!r} is geen bedrag; schrijf het in euro's excl. BTW, bijv. 1500,00."
    try:
        van = date.fromisoformat(waarden["van"])
        tot = date.fromisoformat(waarden["tot"]) if waarden["tot"] else None
    except ValueError:
        return None, waarden, "Geef de eerste dag van de prijs als datum (en de laatste dag als datum, of laat die leeg)."
    if tot is not None and tot < van:
        return None, waarden, "De laatste dag ligt vóór de eerste dag; kies een latere laatste dag of laat die leeg."
    if not waarden["reden"]:
        return None, waarden, "Noem de reden of het besluit waarop de prijs berust."
    return Prijsinvoer(waarden["product"], bedrag, van, tot, waarden["reden"]), waarden, None


def _contractpagina(ctx: Context, p: Paginas, overzicht: Contractoverzicht, waarden: dict[str, str] | None = None,
                    fout: str | None = None) -> Response:
    return p.toon(ctx.request, "contract.html", ctx.sessie, ctx.profiel, status=422 if fout else 200,
                  overzicht=overzicht, dossier=ctx.hub.contractbeheer.dossier(overzicht.contract.id),
                  waarden=waarden or {}, fout=fout)


@router.get("/contracten")
def contracten(ctx: Context = INK, p: Paginas = Depends(paginas)) -> Response:
    return p.toon(ctx.request, "contracten.html", ctx.sessie, ctx.profiel,
                  contracten=ctx.hub.contractbeheer.voor_gemeenten(ctx.profiel.gemeenten))


@router.get("/contracten/{contract_id}")
def contract(contract_id: str, ctx: Context = INK, p: Paginas = Depends(paginas)) -> Response:
    return _contractpagina(ctx, p, _zichtbaar(ctx, contract_id))


@router.post("/contracten/{contract_id}/prijs")
def prijs_voorbeeld(contract_id: str, form: FormData = Depends(formulier), ctx: Context = INK,
                    p: Paginas = Depends(paginas)) -> Response:
    """Nog niets vastleggen: tonen welke open regels een ander oordeel krijgen, met een knop om te bevestigen."""
    overzicht = _zichtbaar(ctx, contract_id)
    invoer, waarden, fout = _prijsinvoer(form, overzicht)
    if invoer is None:
        return _contractpagina(ctx, p, overzicht, waarden, fout)
    try:
        wijziging = ctx.hub.contractbeheer.stel_prijs_vast(contract_id, invoer.product, invoer.bedrag, invoer.van, invoer.tot,
                                                           _door(ctx), invoer.reden, toepassen=False,
                                                           gemeenten=ctx.profiel.gemeenten)
    except Onuitvoerbaar as onuitvoerbaar:
        return _contractpagina(ctx, p, overzicht, waarden, str(onuitvoerbaar))
    except DomeinFout as domeinfout:
        return _contractpagina(ctx, p, overzicht, waarden, domeinfout.melding)
    return p.toon(ctx.request, "contract_voorbeeld.html", ctx.sessie, ctx.profiel, overzicht=overzicht,
                  wijziging=wijziging, waarden=waarden)


@router.post("/contracten/{contract_id}/prijs/vastleggen")
def prijs_vastleggen(contract_id: str, form: FormData = Depends(formulier), ctx: Context = INK,
                     p: Paginas = Depends(paginas)) -> Response:
    overzicht = _zichtbaar(ctx, contract_id)
    invoer, waarden, fout = _prijsinvoer(form, overzicht)
    if invoer is None:
        return _contractpagina(ctx, p, overzicht, waarden, fout)
    with poging(ctx):
        wijziging = ctx.hub.contractbeheer.stel_prijs_vast(contract_id, invoer.product, invoer.bedrag, invoer.van, invoer.tot,
                                                           _door(ctx), invoer.reden, toepassen=True,
                                                           gemeenten=ctx.profiel.gemeenten)
        regels = len(wijziging.regels)
        gevolg = ("geen open factuurregel kreeg een ander oordeel" if not regels
                  else "1 open factuurregel kreeg een ander oordeel" if regels == 1
                  else f"{regels} open factuurregels kregen een ander oordeel")
        ctx.sessie.meld("gelukt", f"Vastgelegd: {wijziging.omschrijving}; {gevolg}. Besliste regels houden het oordeel "
                                  "waarop besloten is.")
    return naar(f"/contracten/{contract_id}")
