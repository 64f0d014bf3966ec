"""Hoe een kengetal er voor een Nederlandse lezer uitziet."""

from __future__ import annotations

from decimal import Decimal

from hub.domein.geld import euro
from hub.rapportage.kengetallen import Kengetal, Waarde


def getal(waarde: Decimal | int | float | str, decimalen: int = 1) -> str:
    tekst = f"{Decimal(waarde):,.{decimalen}f}"
    return tekst.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def uren(waarde: Decimal) -> str:
    tekst = f"{waarde.normalize():f}" if waarde == waarde.to_integral() else f"{waarde:f}"
    return tekst.replace(".", ",")


def leesbaar(k: Kengetal) -> str:
    return toon(k.waarde, k.eenheid)


def toon(waarde: Waarde, eenheid: str) -> str:
    if waarde is None:
        return "–"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if eenheid == "euro":
        return euro(Decimal(waarde))
    if eenheid == "procent":
        return f"{getal(waarde)} %"
    if eenheid == "trede":
        return getal(waarde)
    if eenheid == "uren":
        return uren(Decimal(waarde))
    return str(waarde)
