"""CSV voor Nederlandse Excel: puntkomma als scheidingsteken, decimale komma, één regel per kengetal.

Tekst die een rekenblad als formule zou lezen (begint met =, +, -, @, tab of regelterugloop, zoals een naam
`=HYPERLINK(…)`), krijgt een apostrof ervoor: Excel en LibreOffice tonen hem dan als tekst."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from hub.rapportage.kengetallen import Kengetal, kengetallen
from hub.rapportage.model import Kwartaalrapport

FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def tekst(waarde: str) -> str:
    return f"'{waarde}" if waarde.startswith(FORMULETEKENS) else waarde


def _waarde(k: Kengetal) -> str:
    if isinstance(k.waarde, str):
        return tekst(k.waarde)
    if k.waarde is None:
        return ""
    if isinstance(k.waarde, bool):
        return "ja" if k.waarde else "nee"
    if isinstance(k.waarde, Decimal):
        return f"{k.waarde:f}".replace(".", ",")
    return str(k.waarde)


def _label(k: Kengetal) -> str:
    if k.eenheid == "euro":
        return f"{k.label} (€)"
    if k.eenheid == "uren" and "uren" not in k.label.lower():
        return f"{k.label} (uren)"
    return k.label


def als_csv(rapport: Kwartaalrapport) -> str:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(["provider", "kengetal", "waarde"])
    for c in rapport.providers:
        for k in kengetallen(c):
            schrijver.writerow([tekst(c.naam), tekst(_label(k)), _waarde(k)])
    return "\ufeff" + uit.getvalue()
