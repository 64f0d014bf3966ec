"""Inline SVG-grafieken zonder externe bibliotheek: trend, uitstroom tegen doel en budgetgebruik."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from hub.koppelingen.weergave.opmaak import getal

BREED, HOOG = 560, 320
LINKS, RECHTS, BOVEN, ONDER = 56, 16, 56, 58
KLEUREN = ("#2f6f9f", "#9bbbd6", "#3c9a5f", "#d08a2c", "#b8473d")
GOED, MATIG, NEUTRAAL = "#3c9a5f", "#d08a2c", "#2f6f9f"


def _tekst(x: float, y: float, inhoud: str, grootte: int = 14, anker: str = "middle", **extra: str) -> str:
    attrs = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in extra.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{grootte}" text-anchor="{anker}"{attrs}>{escape(inhoud)}</text>'


def _kader(titel: str, inhoud: list[str], hoog: int = HOOG) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BREED} {hoog}" role="img" aria-label="{escape(titel)}" '
            f'class="grafiek" font-family="Helvetica, Arial, sans-serif">'
            f'<rect width="{BREED}" height="{hoog}" fill="#fff"/>'
            + _tekst(BREED / 2, 24, titel, 17, font_weight="bold") + "".join(inhoud) + "</svg>")


def _schaal(maximum: float) -> tuple[float, list[float]]:
    if maximum <= 0:
        return 1.0, [0, 1]
    for stap in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 25000, 50000, 100000):
        if maximum / stap <= 5:
            top = stap * -(-maximum // stap)
            return top, [stap * i for i in range(int(top / stap) + 1)]
    return maximum, [0, maximum]


def _assen(top: float, lijnen: list[float], achter: str = "") -> list[str]:
    plot_h = HOOG - BOVEN - ONDER
    uit = []
    for waarde in lijnen:
        y = BOVEN + plot_h - waarde / top * plot_h
        uit.append(f'<line x1="{LINKS}" x2="{BREED - RECHTS}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        uit.append(_tekst(LINKS - 6, y + 5, f"{getal(waarde, 0)}{achter}", 13, "end", fill="#444"))
    return uit


def trend(kwartalen: list[str], reeksen: list[tuple[str, list[int | Decimal | None]]]) -> str:
    """Gegroepeerde staven per kwartaal, één kleur per reeks."""
    plot_b, plot_h = BREED - LINKS - RECHTS, HOOG - BOVEN - ONDER
    top, lijnen = _schaal(max((float(w or 0) for _, ws in reeksen for w in ws), default=0))
    uit = _assen(top, lijnen)
    groep = plot_b / max(len(kwartalen), 1)
    staaf = groep * 0.8 / max(len(reeksen), 1)
    for i, kwartaal in enumerate(kwartalen):
        x0 = LINKS + i * groep + groep * 0.1
        for j, (_, waarden) in enumerate(reeksen):
            w = float(waarden[i] or 0)
            h = w / top * plot_h
            x = x0 + j * staaf
            uit.append(f'<rect x="{x:.1f}" y="{BOVEN + plot_h - h:.1f}" width="{staaf - 1:.1f}" height="{h:.1f}" '
                       f'fill="{KLEUREN[j % len(KLEUREN)]}"><title>{escape(kwartaal)}: {getal(w, 0)}</title></rect>')
            if w:
                uit.append(_tekst(x + staaf / 2, BOVEN + plot_h - h - 4, getal(w, 0), 13, fill="#222"))
        uit.append(_tekst(x0 + groep * 0.4, HOOG - ONDER + 19, kwartaal, 13))
    x = LINKS
    for j, (naam, _) in enumerate(reeksen):
        uit.append(f'<rect x="{x}" y="{HOOG - 22}" width="14" height="14" fill="{KLEUREN[j % len(KLEUREN)]}"/>')
        uit.append(_tekst(x + 19, HOOG - 10, naam, 14, "start"))
        x += 34 + len(naam) * 7.8
    return _kader("Trend per kwartaal", uit)


def uitstroom(kwartalen: list[str], procenten: list[Decimal | None], doel: Decimal | None, doeltekst: str,
              gehaald: list[bool | None]) -> str:
    """Uitstroom naar werk als percentage per kwartaal, met de doelstelling als gestippelde lijn."""
    plot_b, plot_h = BREED - LINKS - RECHTS, HOOG - BOVEN - ONDER
    top = 100.0
    uit = _assen(top, [0, 25, 50, 75, 100], " %")
    groep = plot_b / max(len(kwartalen), 1)
    for i, (kwartaal, p) in enumerate(zip(kwartalen, procenten, strict=False)):
        x = LINKS + i * groep + groep * 0.2
        if p is None:
            uit.append(_tekst(x + groep * 0.3, BOVEN + plot_h - 6, "geen", 12, fill="#666"))
        else:
            h = float(p) / top * plot_h
            kleur = NEUTRAAL if doel is None or gehaald[i] is None else GOED if gehaald[i] else MATIG
            uit.append(f'<rect x="{x:.1f}" y="{BOVEN + plot_h - h:.1f}" width="{groep * 0.6:.1f}" height="{h:.1f}" fill="{kleur}">'
                       f'<title>{escape(kwartaal)}: {getal(p)} %</title></rect>')
            uit.append(_tekst(x + groep * 0.3, BOVEN + plot_h - h - 4, f"{getal(p)} %", 13))
        uit.append(_tekst(x + groep * 0.3, HOOG - ONDER + 19, kwartaal, 13))
    if doel is not None:
        y = BOVEN + plot_h - float(doel) / top * plot_h
        uit.append(f'<line x1="{LINKS}" x2="{BREED - RECHTS}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b8473d" '
                   f'stroke-width="2" stroke-dasharray="6 4"/>')
    legenda = (f"groen: gehaald · oranje: niet gehaald · rode stippellijn: doel {doeltekst}" if doel is not None
               else "geen doelstelling in het contract")
    uit.append(_tekst(BREED / 2, HOOG - 10, legenda, 13, fill="#444"))
    return _kader("Uitstroom naar werk (% van beëindigd)", uit)


def budget(omschrijving: str, besteed: Decimal, plafond: Decimal, procent: Decimal | None, bedragtekst: str) -> str:
    """Een horizontale balk: het gebruikte deel van het budgetplafond."""
    hoog = 150
    breedte = BREED - 2 * 20
    aandeel = min(float(procent or 0) / 100, 1.0)
    kleur = "#b8473d" if (procent or 0) > 100 else MATIG if (procent or 0) >= 90 else GOED
    uit = [
        f'<rect x="20" y="48" width="{breedte}" height="34" fill="#eee" stroke="#999"/>',
        f'<rect x="20" y="48" width="{breedte * aandeel:.1f}" height="34" fill="{kleur}"/>',
        _tekst(BREED / 2, 71, f"{getal(procent) if procent is not None else '–'} % gebruikt", 16, font_weight="bold"),
        _tekst(20, 108, bedragtekst, 14, "start"),
        _tekst(20, 130, omschrijving, 14, "start", fill="#444"),
    ]
    return _kader("Budgetgebruik (goedgekeurd, excl. btw)", uit, hoog)
