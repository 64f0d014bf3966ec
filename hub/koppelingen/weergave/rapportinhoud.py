"""De inhoud van het kwartaalrapport als HTML-fragment: eerst een samenvatting per aanbieder, dan de kengetallen naast
elkaar (één kop per groep, rijen die voor iedereen nul zijn ingeklapt) en per aanbieder grafieken, trend, bevindingen
en termijnen. Het HTML-bestand en de webpagina tonen dit ene fragment; alle tekst gaat door `escape`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from hub.domein.bevinding import naam as bevinding_naam
from hub.domein.geld import euro
from hub.koppelingen.weergave import grafieken
from hub.koppelingen.weergave.opmaak import getal, leesbaar
from hub.rapportage.kengetallen import TERMIJNEN, TREND, Kengetal, kengetallen
from hub.rapportage.model import Kwartaalrapport, Providercijfers
from hub.rapportage.samenvatting import Samenvatting, samenvatting

STIJL = """
.rapport { --rapport-rand: #c9d3de; --rapport-kop: #154273; --rapport-vlak: #eef2f7; }
.rapport h2 { color: var(--rapport-kop); border-bottom: 2px solid var(--rapport-kop); padding-bottom: 3px; margin-top: 2rem; }
.rapport h3 { margin: 1.25rem 0 0.4rem; }
.rapport table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.8rem; }
.rapport caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
.rapport th, .rapport td { border: 1px solid var(--rapport-rand); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
.rapport td.getal, .rapport th.getal { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.rapport thead th { background: var(--rapport-vlak); }
.rapport tr.groep th { background: #f6f8fa; color: var(--rapport-kop); font-weight: bold; }
.rapport table.smal { width: auto; min-width: 26rem; }
.rapport .kaarten { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 1rem; }
.rapport .kaart { border: 1px solid var(--rapport-rand); border-top: 5px solid var(--rapport-kop); padding: 0.5rem 1rem 0.75rem; }
.rapport .kaart.gehaald { border-top-color: #2d7a4a; }
.rapport .kaart.niet-gehaald { border-top-color: #a5651a; }
.rapport .kaart h3 { margin: 0.25rem 0 0.5rem; font-size: 1.15rem; }
.rapport .kaart dl { margin: 0; }
.rapport .kaart dt { font-weight: bold; margin-top: 0.5rem; }
.rapport .kaart dd { margin: 0.1rem 0 0; }
.rapport .kaart ol { margin: 0.1rem 0 0; padding-left: 1.3rem; }
.rapport .oordeel { font-size: 1.1rem; }
.rapport .goed { color: #275937; font-weight: bold; }
.rapport .matig { color: #8a4b00; font-weight: bold; }
.rapport .leeg { color: #535353; font-style: italic; }
.rapport .nulrijen { color: #535353; margin: 0 0 1rem; }
.rapport .nulrijen summary { cursor: pointer; }
.rapport .nulrijen ul { columns: 2 20rem; margin: 0.4rem 0; }
.rapport .grafieken { display: grid; grid-template-columns: repeat(auto-fill, minmax(28rem, 1fr)); gap: 1rem; margin: 1rem 0; }
.rapport .grafieken figure { margin: 0; border: 1px solid var(--rapport-rand); }
.rapport .grafieken svg { width: 100%; height: auto; display: block; }
.rapport .schuif { overflow-x: auto; }
.rapport footer { margin-top: 2rem; font-size: 0.85rem; color: #444; border-top: 1px solid var(--rapport-rand); padding-top: 0.5rem; }
@media print {
  .rapport section.aanbieder { break-before: page; }
  .rapport figure, .rapport table, .rapport tr, .rapport .kaart { break-inside: avoid; }
  .rapport .grafieken { grid-template-columns: 1fr 1fr; }
  .rapport .nulrijen[open] ul, .rapport .nulrijen ul { display: block; }
  .rapport * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


@dataclass(frozen=True)
class Rij:
    sleutel: str
    label: str
    cellen: list[Kengetal | None]


def is_nul(k: Kengetal | None) -> bool:
    """Niets te melden: nul, of niet te berekenen. `nee` (doelstelling niet gehaald) is wel iets."""
    if k is None or k.waarde is None:
        return True
    return not isinstance(k.waarde, bool | str) and Decimal(k.waarde) == 0


def per_groep(per_kolom: list[list[Kengetal]]) -> tuple[list[tuple[str, list[Rij]]], list[Rij]]:
    """De rijen per groep, elke groep één keer in de volgorde waarin ze voor het eerst voorkomt; de rijen die in
    elke kolom nul zijn apart."""
    kolommen = [{k.sleutel: k for k in lijst} for lijst in per_kolom]
    eerste: dict[str, Kengetal] = {}
    for lijst in per_kolom:
        for k in lijst:
            eerste.setdefault(k.sleutel, k)
    groepen: dict[str, list[Rij]] = {}
    nul: list[Rij] = []
    for sleutel, k in eerste.items():
        rij = Rij(sleutel, k.label, [kolom.get(sleutel) for kolom in kolommen])
        if all(is_nul(c) for c in rij.cellen):
            nul.append(rij)
        else:
            groepen.setdefault(k.groep, []).append(rij)
    return list(groepen.items()), nul


def _cel(k: Kengetal | None) -> str:
    if k is None:
        return '<td class="getal leeg">–</td>'
    klasse = "getal"
    if k.sleutel == "uitstroom_doel_gehaald" and k.waarde is not None:
        klasse += " goed" if k.waarde else " matig"
    return f'<td class="{klasse}">{escape(leesbaar(k))}</td>'


def _nulrijen(rijen: list[Rij], wie: str) -> str:
    if not rijen:
        return ""
    namen = "".join(f"<li>{escape(r.label)}</li>" for r in rijen)
    aantal = "1 kengetal is" if len(rijen) == 1 else f"{len(rijen)} kengetallen zijn"
    return (f'<details class="nulrijen"><summary>{aantal} {wie} nul of niet te berekenen en '
            f"{'staat' if len(rijen) == 1 else 'staan'} niet in de tabel</summary><ul>{namen}</ul></details>")


def _tabel(bijschrift: str, koppen: Iterable[str], groepen: list[tuple[str, list[Rij]]], met_groepen: bool = True) -> str:
    koppen = list(koppen)
    kop = "".join(f'<th scope="col" class="getal">{escape(k)}</th>' for k in koppen)
    delen = []
    for groep, rijen in groepen:
        inhoud = "".join(f'<tr><th scope="row">{escape(r.label)}</th>{"".join(_cel(c) for c in r.cellen)}</tr>' for r in rijen)
        groepkop = (f'<tr class="groep"><th scope="colgroup" colspan="{1 + len(koppen)}">{escape(groep)}</th></tr>'
                    if met_groepen else "")
        delen.append(f"<tbody>{groepkop}{inhoud}</tbody>")
    return (f'<div class="schuif" role="region" aria-label="{escape(bijschrift)}" tabindex="0"><table>'
            f"<caption>{escape(bijschrift)}</caption>"
            f'<thead><tr><th scope="col">Kengetal</th>{kop}</tr></thead>{"".join(delen)}</table></div>')


def _doelregel(s: Samenvatting) -> str:
    if s.doel is None:
        return '<span class="leeg">geen doelstelling in het contract</span>'
    if s.gehaald is None:
        return f'<span class="leeg">niet te meten: geen beëindigde trajecten</span> (doel {escape(s.doel)})'
    oordeel = '<span class="goed">gehaald</span>' if s.gehaald else '<span class="matig">niet gehaald</span>'
    return (f"{oordeel}: {escape(getal(s.uitstroom_procent or 0))} % naar werk ({s.naar_werk} van {s.beeindigd} "
            f"beëindigd), doel {escape(s.doel)}")


def _budgetregel(s: Samenvatting) -> str:
    b = s.budget
    if b is None or b.plafond is None:
        return '<span class="leeg">geen budgetplafond voor dit jaar in het contract</span>'
    procent = f"{getal(b.procent)} %" if b.procent is not None else "–"
    waarvan = b.omschrijving if str(b.jaar) in b.omschrijving else f"{b.omschrijving}, {b.jaar}"
    return f"{escape(procent)}: {escape(euro(b.besteed))} van {escape(euro(b.plafond))} ({escape(waarvan)})"


def _bevindingenregel(s: Samenvatting) -> str:
    if s.bevindingen is None:
        return '<span class="leeg">niet beschikbaar: de factuurcontrole draait niet in deze hub</span>'
    if not s.bevindingen:
        return "geen bevindingen op de facturen van dit kwartaal"
    return "<ol>" + "".join(
        f"<li>{escape(b.naam)} ({b.regels} {'regel' if b.regels == 1 else 'regels'})</li>" for b in s.bevindingen) + "</ol>"


def _kaart(s: Samenvatting) -> str:
    klasse = {True: " gehaald", False: " niet-gehaald", None: ""}[s.gehaald]
    return (f'<article class="kaart{klasse}"><h3>{escape(s.naam)}</h3><dl>'
            f"<dt>Doelstelling uitstroom naar werk</dt><dd>{_doelregel(s)}</dd>"
            f"<dt>Budget gebruikt</dt><dd>{_budgetregel(s)}</dd>"
            f"<dt>Belangrijkste bevindingen op facturen</dt><dd>{_bevindingenregel(s)}</dd>"
            "</dl></article>")


def _samenvatting(rapport: Kwartaalrapport) -> str:
    kaarten = "".join(_kaart(samenvatting(c)) for c in rapport.providers)
    return (f'<section class="samenvatting" aria-labelledby="rapport-samenvatting"><h2 id="rapport-samenvatting">'
            f'Samenvatting per aanbieder</h2><div class="kaarten">{kaarten}</div></section>')


def _overzicht(rapport: Kwartaalrapport) -> str:
    groepen, nul = per_groep([kengetallen(c) for c in rapport.providers])
    return ('<section aria-labelledby="rapport-naast-elkaar"><h2 id="rapport-naast-elkaar">De aanbieders naast elkaar</h2>'
            + _tabel(f"Kengetallen {rapport.kwartaal} per aanbieder", (c.naam for c in rapport.providers), groepen)
            + _nulrijen(nul, "voor alle aanbieders") + "</section>")


def grafieken_van(rapport: Kwartaalrapport, c: Providercijfers) -> list[str]:
    """De grafieken van één aanbieder als losse SVG-elementen (alle tekst ge-escaped): trend, uitstroom, budget."""
    reeks = rapport.trend_van(c.provider)
    kwartalen = [t.kwartaal for t in reeks]
    figuren = [grafieken.trend(kwartalen, [
        ("aanmeldingen", [t.aanmeldingen for t in reeks]),
        ("beëindigd", [t.uitstroom.beeindigd for t in reeks]),
        ("naar werk", [t.uitstroom.naar_werk for t in reeks]),
    ])]
    doel = c.uitstroom.doel
    figuren.append(grafieken.uitstroom(
        kwartalen, [t.uitstroom.procent for t in reeks], doel.uitstroom_werk_procent if doel else None,
        f"{doel.vergelijking} {doel.uitstroom_werk_procent} %".replace(">=", "≥") if doel else "", [t.uitstroom.gehaald for t in reeks]))
    for b in c.budget:
        if b.plafond is not None:
            waarvan = b.omschrijving if str(b.jaar) in b.omschrijving else f"{b.omschrijving} ({b.jaar})"
            figuren.append(grafieken.budget(waarvan, b.besteed, b.plafond, b.procent,
                                            f"{euro(b.besteed)} van {euro(b.plafond)}"))
    return figuren


def _trend(rapport: Kwartaalrapport, c: Providercijfers) -> str:
    reeks = rapport.trend_van(c.provider)
    if not reeks:
        return ""
    per_kwartaal = [[k for k in kengetallen(t) if k.sleutel in TREND] for t in reeks]
    groepen, nul = per_groep(per_kwartaal)
    rijen = [r for _, g in groepen for r in g]
    tabel = _tabel(f"Trend van {c.naam}, {reeks[0].kwartaal} t/m {reeks[-1].kwartaal}", (t.kwartaal for t in reeks),
                   [("", rijen)], met_groepen=False) if rijen else '<p class="leeg">In deze kwartalen is er niets te tellen.</p>'
    return "<h3>Trend over de vier voorgaande kwartalen</h3>" + tabel + _nulrijen(nul, "in elk kwartaal")


def _bevindingen(c: Providercijfers) -> str:
    if c.bevindingen is None:
        return '<p class="leeg">Bevindingen niet beschikbaar: de factuurcontrole draait (nog) niet in deze hub.</p>'
    gevonden = [(code, n) for code, n in sorted(c.bevindingen, key=lambda b: (-b[1], b[0])) if n]
    if not gevonden:
        return '<p class="leeg">Geen bevindingen op de facturen van dit kwartaal.</p>'
    rijen = "".join(f'<tr><th scope="row">{escape(bevinding_naam(code))}</th><td class="getal">{n}</td></tr>' for code, n in gevonden)
    return (f'<table class="smal"><caption>Bevindingen van {escape(c.naam)}</caption><thead><tr><th scope="col">Bevinding</th>'
            f'<th scope="col" class="getal">Factuurregels</th></tr></thead><tbody>{rijen}</tbody></table>')


def _termijnen(c: Providercijfers) -> str:
    rijen = []
    for t, tekst in TERMIJNEN.items():
        te_laat = c.te_late_berichten.get(t, 0)
        open_ = c.openstaand.get(t, 0) if t in ("oproep", "plan", "besluit") else None
        if te_laat or open_:
            rijen.append(f'<tr><th scope="row">{escape(tekst)}</th><td class="getal">{te_laat}</td>'
                         f'<td class="getal">{"–" if open_ is None else open_}</td></tr>')
    if not rijen:
        return '<p class="leeg">Geen berichten te laat en geen termijnen verstreken.</p>'
    return (f'<table class="smal"><caption>Termijnen van {escape(c.naam)}</caption><thead><tr><th scope="col">Termijn</th>'
            '<th scope="col" class="getal">Te laat ontvangen</th><th scope="col" class="getal">Verstreken zonder bericht '
            f'(einde kwartaal)</th></tr></thead><tbody>{"".join(rijen)}</tbody></table>')


def _aanbieder(rapport: Kwartaalrapport, c: Providercijfers, nummer: int) -> str:
    s = samenvatting(c)
    kop = f"rapport-aanbieder-{nummer}"
    return (f'<section class="aanbieder" aria-labelledby="{kop}"><h2 id="{kop}">{escape(c.naam)}</h2>'
            f'<p class="oordeel">Doelstelling uitstroom naar werk: {_doelregel(s)}.</p>'
            '<div class="grafieken">' + "".join(f"<figure>{f}</figure>" for f in grafieken_van(rapport, c)) + "</div>"
            + _trend(rapport, c)
            + "<h3>Bevindingen op facturen</h3>" + _bevindingen(c)
            + "<h3>Termijnen</h3>" + _termijnen(c) + "</section>")


def rapportinhoud(rapport: Kwartaalrapport) -> str:
    """Het rapport zonder pagina eromheen, in een `<div class="rapport">` die `STIJL` opmaakt."""
    if not rapport.providers:
        return (f'<div class="rapport"><p>Er zijn in dit kwartaal geen aanbieders met gegevens bij '
                f"{escape(rapport.gemeentenaam)}.</p></div>")
    voetnoten = "".join(f"<li>{escape(v)}</li>" for v in rapport.voetnoten)
    toelichting = f"<footer><h2>Toelichting</h2><ol>{voetnoten}</ol></footer>" if voetnoten else ""
    return ('<div class="rapport">' + _samenvatting(rapport) + _overzicht(rapport)
            + "".join(_aanbieder(rapport, c, i) for i, c in enumerate(rapport.providers, start=1))
            + toelichting + "</div>")
