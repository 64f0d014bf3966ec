"""Het kwartaalrapport als één zelfstandig, printbaar HTML-bestand met inline SVG-grafieken. De inhoud is dezelfde als
op de webpagina (`rapportinhoud`); hier komt alleen de pagina eromheen."""

from __future__ import annotations

from html import escape

from hub.koppelingen.weergave.rapportinhoud import STIJL as RAPPORTSTIJL
from hub.koppelingen.weergave.rapportinhoud import rapportinhoud
from hub.rapportage.model import Kwartaalrapport

PAGINASTIJL = """
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 24px auto; max-width: 1200px; padding: 0 24px;
       font-size: 15px; line-height: 1.45; }
h1 { color: #154273; font-size: 26px; margin: 0 0 4px; }
.sub { color: #444; margin: 0 0 16px; font-size: 16px; }
@page { size: A4; margin: 14mm; }
@media print { body { margin: 0; padding: 0; max-width: none; font-size: 10.5px; } }
"""


def als_html(rapport: Kwartaalrapport) -> str:
    titel = f"Kwartaalrapportage re-integratie {rapport.gemeentenaam} {rapport.kwartaal}"
    namen = ", ".join(c.naam for c in rapport.providers) or "geen aanbieders"
    return (
        f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>{escape(titel)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{PAGINASTIJL}{RAPPORTSTIJL}</style>'
        f"</head><body><header><h1>Kwartaalrapportage re-integratie</h1>"
        f'<p class="sub">{escape(rapport.gemeentenaam)} · {escape(rapport.kwartaal)} '
        f"({rapport.begin:%d-%m-%Y} t/m {rapport.eind:%d-%m-%Y}) · {escape(namen)}</p></header>"
        f"<main>{rapportinhoud(rapport)}</main></body></html>\n"
    )
