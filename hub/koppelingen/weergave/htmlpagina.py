"""Het kwartaalrapport als één zelfstandig, printbaar HTML-bestand met inline SVG-grafieken."""

from __future__ import annotations

from html import escape

from hub.domein.geld import euro
from hub.koppelingen.weergave import grafieken
from hub.koppelingen.weergave.opmaak import leesbaar
from hub.rapportage.kengetallen import TERMIJNEN, Kengetal, kengetallen
from hub.rapportage.model import Kwartaalrapport, Providercijfers

STIJL = """
:root { --rand: #c9d3de; --kop: #1f4e79; }
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 24px; font-size: 13px; line-height: 1.4; }
h1 { color: var(--kop); font-size: 22px; margin: 0 0 4px; }
h2 { color: var(--kop); font-size: 18px; border-bottom: 2px solid var(--kop); padding-bottom: 3px; margin-top: 28px; }
h3 { font-size: 14px; margin: 16px 0 6px; }
.sub { color: #555; margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--rand); padding: 3px 6px; text-align: left; vertical-align: top; }
td.getal, th.getal { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
thead th { background: #e8eef5; }
tr.groep th { background: #f3f6f9; color: var(--kop); }
.grafieken { display: flex; flex-wrap: wrap; gap: 12px; }
.grafieken figure { margin: 0; flex: 1 1 340px; max-width: 390px; border: 1px solid var(--rand); }
.grafieken svg { width: 100%; height: auto; display: block; }
.goed { color: #2d7a4a; font-weight: bold; }
.matig { color: #a5651a; font-weight: bold; }
.leeg { color: #777; font-style: italic; }
footer { margin-top: 28px; font-size: 11px; color: #444; border-top: 1px solid var(--rand); padding-top: 8px; }
footer ol { padding-left: 18px; }
@page { size: A4; margin: 14mm; }
@media print {
  body { margin: 0; font-size: 10.5px; }
  section.aanbieder { break-before: page; }
  figure, table, tr { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _cel(k: Kengetal | None) -> str:
    if k is None:
        return '<td class="getal leeg">–</td>'
    klasse = "getal"
    if k.sleutel == "uitstroom_doel_gehaald" and k.waarde is not None:
        klasse += " goed" if k.waarde else " matig"
    return f'<td class="{klasse}">{escape(leesbaar(k))}</td>'


def _overzicht(rapport: Kwartaalrapport) -> str:
    per_provider = [{k.sleutel: k for k in kengetallen(c)} for c in rapport.providers]
    volgorde: dict[str, Kengetal] = {}
    for lijst in per_provider:
        for sleutel, k in lijst.items():
            volgorde.setdefault(sleutel, k)
    koppen = "".join(f'<th class="getal">{escape(c.naam)}</th>' for c in rapport.providers)
    rijen, groep = [], None
    for sleutel, k in volgorde.items():
        if k.groep != groep:
            groep = k.groep
            rijen.append(f'<tr class="groep"><th colspan="{1 + len(rapport.providers)}">{escape(groep)}</th></tr>')
        cellen = "".join(_cel(lijst.get(sleutel)) for lijst in per_provider)
        rijen.append(f"<tr><td>{escape(k.label)}</td>{cellen}</tr>")
    return f'<table class="overzicht"><thead><tr><th>Kengetal</th>{koppen}</tr></thead><tbody>{"".join(rijen)}</tbody></table>'


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
            figuren.append(grafieken.budget(f"{b.omschrijving} ({b.jaar})", b.besteed, b.plafond, b.procent,
                                            f"{euro(b.besteed)} van {euro(b.plafond)}"))
    return figuren


def _grafieken(rapport: Kwartaalrapport, c: Providercijfers) -> str:
    return '<div class="grafieken">' + "".join(f"<figure>{f}</figure>" for f in grafieken_van(rapport, c)) + "</div>"


def _bevindingen(rapport: Kwartaalrapport, c: Providercijfers) -> str:
    if c.bevindingen is None:
        return '<p class="leeg">Bevindingen niet beschikbaar: de factuurcontrole draait (nog) niet in deze hub.</p>'
    if not c.bevindingen:
        return '<p class="leeg">Geen bevindingen op de facturen van dit kwartaal.</p>'
    rijen = "".join(f'<tr><td>{escape(code)}</td><td class="getal">{n}</td></tr>' for code, n in c.bevindingen[:8])
    return f'<table><thead><tr><th>Bevinding</th><th class="getal">Factuurregels</th></tr></thead><tbody>{rijen}</tbody></table>'


def _termijnen(c: Providercijfers) -> str:
    rijen = "".join(
        f'<tr><td>{escape(tekst)}</td><td class="getal">{c.te_late_berichten.get(t, 0)}</td>'
        f'<td class="getal">{c.openstaand.get(t, 0) if t in ("oproep", "plan", "besluit") else "–"}</td></tr>'
        for t, tekst in TERMIJNEN.items()
    )
    return ('<table><thead><tr><th>Termijn</th><th class="getal">Te laat ontvangen</th>'
            f'<th class="getal">Verstreken zonder bericht (einde kwartaal)</th></tr></thead><tbody>{rijen}</tbody></table>')


def _trendtabel(rapport: Kwartaalrapport, c: Providercijfers) -> str:
    reeks = [{k.sleutel: k for k in kengetallen(t)} for t in rapport.trend_van(c.provider)]
    if not reeks:
        return ""
    sleutels = ("aanmeldingen", "oproep_op_tijd_pct", "plan_op_tijd_pct", "beeindigd", "uitstroom_werk",
                "uitstroom_werk_pct", "goedgekeurd", "budget_gebruikt_pct")
    kop = "".join(f'<th class="getal">{escape(t.kwartaal)}</th>' for t in rapport.trend_van(c.provider))
    rijen = "".join(f"<tr><td>{escape(reeks[0][s].label)}</td>{''.join(_cel(r.get(s)) for r in reeks)}</tr>" for s in sleutels)
    return f"<table><thead><tr><th>Kengetal</th>{kop}</tr></thead><tbody>{rijen}</tbody></table>"


def _aanbieder(rapport: Kwartaalrapport, c: Providercijfers) -> str:
    u = c.uitstroom
    if u.gehaald is None:
        oordeel = "geen doelstelling of geen beëindigingen"
        klasse = "leeg"
    else:
        oordeel, klasse = ("doelstelling gehaald", "goed") if u.gehaald else ("doelstelling niet gehaald", "matig")
    return (f'<section class="aanbieder"><h2>{escape(c.naam)}</h2>'
            f'<p>Uitstroom naar werk: {u.naar_werk} van {u.beeindigd} beëindigde trajecten — <span class="{klasse}">{oordeel}</span>.</p>'
            + _grafieken(rapport, c)
            + "<h3>Trend over de vier voorgaande kwartalen</h3>" + _trendtabel(rapport, c)
            + "<h3>Belangrijkste bevindingen op facturen</h3>" + _bevindingen(rapport, c)
            + "<h3>Termijnen</h3>" + _termijnen(c) + "</section>")


def als_html(rapport: Kwartaalrapport) -> str:
    titel = f"Kwartaalrapportage re-integratie {rapport.gemeentenaam} {rapport.kwartaal}"
    namen = ", ".join(c.naam for c in rapport.providers) or "geen aanbieders"
    voetnoten = "".join(f"<li>{escape(v)}</li>" for v in rapport.voetnoten)
    return (
        f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>{escape(titel)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STIJL}</style></head><body>'
        f"<header><h1>Kwartaalrapportage re-integratie</h1>"
        f'<p class="sub">{escape(rapport.gemeentenaam)} · {escape(rapport.kwartaal)} '
        f"({rapport.begin:%d-%m-%Y} t/m {rapport.eind:%d-%m-%Y}) · {escape(namen)}</p></header>"
        f"<h2>Overzicht</h2>{_overzicht(rapport)}"
        + "".join(_aanbieder(rapport, c) for c in rapport.providers)
        + f"<footer><h3>Toelichting</h3><ol>{voetnoten}</ol></footer></body></html>\n"
    )
