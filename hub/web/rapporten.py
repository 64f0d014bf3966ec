"""De kwartaalrapportage voor de inkoper: dezelfde cijfers en dezelfde opmaak als het HTML-bestand (het fragment uit
`rapportinhoud`), met de keuze van gemeente, kwartaal en aanbieders en de downloads in HTML, CSV, XLSX en JSON."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from markupsafe import Markup

from hub.aggregates.gebruiker import INKOPER
from hub.domein.kalender import kwartaal_grenzen, kwartaal_van, plus_maanden
from hub.koppelingen.weergave import FORMATEN, MEDIATYPEN, RAPPORTSTIJL, rapportinhoud
from hub.rapportage import Kwartaalrapport
from hub.toepassing.fouten import Onuitvoerbaar
from hub.web.gedeeld import Context, Paginas, Verboden, met_rol, paginas

router = APIRouter()
INK = met_rol(INKOPER)
KWARTAAL = re.compile(r"\d{4}-Q[1-4]")
AANBIEDERS = Query(default=[])


@dataclass
class Keuze:
    """Wat de inkoper in het formulier koos; `fout` als het niet klopt."""

    gemeente: str
    kwartaal: str
    aanbieders: list[str]
    mogelijk: list[str] = field(default_factory=list)
    fout: str | None = None

    def query(self, **extra: str) -> list[tuple[str, str]]:
        return [("gemeente", self.gemeente), ("kwartaal", self.kwartaal),
                *(("aanbieder", a) for a in self.aanbieders), *extra.items()]


def _vorig_kwartaal(ctx: Context) -> str:
    begin, _ = kwartaal_grenzen(kwartaal_van(ctx.hub.klok().astimezone().date()))
    return kwartaal_van(plus_maanden(begin, -3))


def _keuze(ctx: Context, gemeente: str | None, kwartaal: str | None, aanbieder: list[str]) -> Keuze:
    eigen = sorted(ctx.profiel.gemeenten)
    gemeente = gemeente or (eigen[0] if eigen else "")
    if not ctx.profiel.mag_gemeente(gemeente):
        raise Verboden("Dit rapport is van een gemeente waarvoor u niet werkt. Kies een van uw eigen gemeenten.")
    catalogus = ctx.hub.catalogus
    mogelijk = [p for p in catalogus.providers() if catalogus.contracten_van(p, gemeente)]
    keuze = Keuze(gemeente, (kwartaal or "").strip().upper() or _vorig_kwartaal(ctx),
                  [a for a in aanbieder if a in mogelijk], mogelijk)
    if not KWARTAAL.fullmatch(keuze.kwartaal):
        keuze.fout = f"{keuze.kwartaal!r} is geen kwartaal. Schrijf het als jaar-Q en het nummer, bijvoorbeeld 2024-Q2."
    elif len(keuze.aanbieders) < len(aanbieder):
        keuze.fout = "Kies alleen aanbieders met een contract bij deze gemeente."
    return keuze


def _rapport(ctx: Context, keuze: Keuze) -> Kwartaalrapport:
    return ctx.hub.rapportage.kwartaal(keuze.gemeente, keuze.kwartaal, keuze.aanbieders or None)


def _bekijk(ctx: Context, p: Paginas, keuze: Keuze, status: int = 200, **extra: Any) -> Response:
    return p.toon(ctx.request, "rapport.html", ctx.sessie, ctx.profiel, status=status, keuze=keuze,
                  gemeenten=sorted(ctx.profiel.gemeenten), formaten=list(FORMATEN), **extra)


@router.get("/rapporten")
def rapport(gemeente: str | None = None, kwartaal: str | None = None, aanbieder: list[str] = AANBIEDERS,
            ctx: Context = INK, p: Paginas = Depends(paginas)) -> Response:
    keuze = _keuze(ctx, gemeente, kwartaal, aanbieder)
    if keuze.fout:
        return _bekijk(ctx, p, keuze, status=400)
    try:
        r = _rapport(ctx, keuze)
    except Onuitvoerbaar as fout:
        keuze.fout = str(fout)
        return _bekijk(ctx, p, keuze, status=400)
    # het fragment is door `rapportinhoud` zelf ge-escaped; het is hetzelfde als in het HTML-bestand
    return _bekijk(ctx, p, keuze, r=r, inhoud=Markup(rapportinhoud(r)))


@router.get("/rapporten/rapport.css")
def stijl(ctx: Context = INK) -> Response:
    """De opmaak van het rapportfragment, dezelfde als in het HTML-bestand (zoals elke pagina alleen na aanmelden)."""
    return Response(RAPPORTSTIJL, media_type="text/css; charset=utf-8")


@router.get("/rapporten/bestand")
def bestand(formaat: str, gemeente: str | None = None, kwartaal: str | None = None,
            aanbieder: list[str] = AANBIEDERS, ctx: Context = INK, p: Paginas = Depends(paginas)) -> Response:
    keuze = _keuze(ctx, gemeente, kwartaal, aanbieder)
    if formaat not in FORMATEN:
        keuze.fout = f"Kies een formaat uit {', '.join(FORMATEN)}."
    if keuze.fout:
        return _bekijk(ctx, p, keuze, status=400)
    try:
        inhoud = FORMATEN[formaat](_rapport(ctx, keuze))
    except Onuitvoerbaar as fout:
        keuze.fout = str(fout)
        return _bekijk(ctx, p, keuze, status=400)
    naam = f"kwartaalrapportage-{keuze.gemeente}-{keuze.kwartaal}.{formaat}"
    return Response(inhoud.encode() if isinstance(inhoud, str) else inhoud, media_type=MEDIATYPEN[formaat],
                    headers={"Content-Disposition": f'attachment; filename="{naam}"'})
