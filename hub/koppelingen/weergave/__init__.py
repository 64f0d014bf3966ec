"""Het kwartaalrapport naar HTML, CSV, XLSX en JSON. Alleen opmaak; de cijfers komen uit `hub.rapportage`."""

from __future__ import annotations

from collections.abc import Callable

from hub.koppelingen.weergave.csvbestand import als_csv
from hub.koppelingen.weergave.htmlpagina import als_html
from hub.koppelingen.weergave.jsonbestand import als_json
from hub.koppelingen.weergave.opmaak import leesbaar
from hub.koppelingen.weergave.rapportinhoud import STIJL as RAPPORTSTIJL
from hub.koppelingen.weergave.rapportinhoud import grafieken_van, rapportinhoud
from hub.koppelingen.weergave.xlsxbestand import als_xlsx
from hub.rapportage.model import Kwartaalrapport

FORMATEN: dict[str, Callable[[Kwartaalrapport], str | bytes]] = {
    "html": als_html,
    "csv": als_csv,
    "xlsx": als_xlsx,
    "json": als_json,
}

MEDIATYPEN = {
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}

__all__ = ["FORMATEN", "MEDIATYPEN", "RAPPORTSTIJL", "als_csv", "als_html", "als_json", "als_xlsx", "grafieken_van", "leesbaar",
           "rapportinhoud"]
