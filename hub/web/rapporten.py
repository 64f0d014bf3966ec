"""De kwartaalrapportage voor de inkoper: dezelfde cijfers als de bestanden (`Rapportage.kwartaal`), de aanbieders
naast elkaar en per aanbieder met de grafieken en de trend, en de downloads in HTML, CSV, XLSX en JSON."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from markupsafe import Markup

from hub.aggregates.gebruiker import INKOPER
from hub.domein.kalender import kwartaal_grenzen, kwartaal_van, plus_maanden
from hub.koppelingen.weergave import FORMATEN, MEDIATYPEN, grafieken_van, leesbaar
from hub.rapportage import Kwartaalrapport
from hub.rapportage.kengetallen import TERMIJNEN, TREND, Kengetal, kengetallen
from hub.rapportage.model import Providercijfers
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.werkvoorraad import bevinding_naam
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


@dataclass(frozen=True)
class Rij:
    label: str
    waarden: list[str]
    klassen: list[str]


def _klasse(k: Kengetal | None) -> str:
    if k is not None and k.sleutel == "uitstroom_doel_gehaald" and k.waarde is not None:
        return "goed" if k.waarde else "matig"
    return ""


def naast_elkaar(rapport: Kwartaalrapport) -> list[tuple[str, list[Rij]]]:
    """De kengetallen per groep, de aanbieders in kolommen (zoals de tabel in het HTML-bestand)."""
    per_provider = [{k.sleutel: k for k in kengetallen(c)} for c in rapport.providers]
    volgorde: dict[str, Kengetal] = {}
    for lijst in per_provider:
        for sleutel, k in lijst.items():
            volgorde.setdefault(sleutel, k)
    groepen: dict[str, list[Rij]] = {}
    for sleutel, k in volgorde.items():
        cellen = [lijst.get(sleutel) for lijst in per_provider]
        groepen.setdefault(k.groep, []).append(
            Rij(k.label, [leesbaar(c) if c else "–" for c in cellen], [_klasse(c) for c in cellen]))
    return list(groepen.items())


def trend(rapport: Kwartaalrapport, c: Providercijfers) -> tuple[list[str], list[Rij]]:
    reeks = rapport.trend_van(c.provider)
    per_kwartaal = [{k.sleutel: k for k in kengetallen(t)} for t in reeks]
    rijen = [Rij(per_kwartaal[0][s].label, [leesbaar(r[s]) for r in per_kwartaal], ["" for _ in reeks])
             for s in TREND] if reeks else []
    return [t.kwartaal for t in reeks], rijen


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
    grafieken = {c.provider: [Markup(svg) for svg in grafieken_van(r, c)] for c in r.providers}
    return _bekijk(ctx, p, keuze, r=r, overzicht=naast_elkaar(r), grafieken=grafieken, trend=trend,
                   termijnen=TERMIJNEN, bevinding=bevinding_naam)


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
