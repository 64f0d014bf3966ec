"""Regels over een traject die de aggregate, de factuurcontrole en de rapportage delen (DOMEIN.md)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hub.domein.geld import bedrag
from hub.domein.kalender import maanden_na, plus_maanden

BONUSVENSTER_MAANDEN = 3
"""Plaatsing 'binnen 3 maanden': het venster van de plaatsingsbonus en van het kengetal in de rapportage."""

GOEDGEKEURD = "goedgekeurd"


def startdatum(datum_aanmelding: date, datum_intake: date | None) -> date:
    """De start van een traject: de intake, of de aanmelding als er geen intake is gemeld."""
    return datum_intake or datum_aanmelding


def uiterlijke_bonusplaatsing(start: date, maanden: int = BONUSVENSTER_MAANDEN) -> date:
    """Tot en met dezelfde dag `maanden` later telt een plaatsing voor de bonus."""
    return plus_maanden(start, maanden)


def binnen_bonusvenster(start: date, datum_indienst: date, maanden: int = BONUSVENSTER_MAANDEN) -> bool:
    return datum_indienst <= uiterlijke_bonusplaatsing(start, maanden)


def noshow_bedrag(aantal: Decimal, prijs: Decimal, percentage: Decimal) -> Decimal:
    """Het bedrag van een no-show: het staffelpercentage van aantal × prijs, afgerond op centen."""
    return bedrag(aantal * prijs * percentage / Decimal(100))


def product_na_mutatiebesluit(product: str, nieuw_product: str | None, besluit: str) -> str:
    """Na een goedgekeurde mutatie loopt het traject op het nieuwe product; anders blijft het product."""
    return nieuw_product if besluit == GOEDGEKEURD and nieuw_product else product


def nazorgvenster(datum_indienst: date, maanden: int) -> tuple[date, date]:
    """Eerste en laatste dag van de nazorg: vanaf de datum in dienst tot (niet t/m) dezelfde dag `maanden` later."""
    return datum_indienst, plus_maanden(datum_indienst, maanden) - timedelta(days=1)


def nazorgmaanden(datum_indienst: date, maanden: int) -> list[str]:
    """De kalendermaanden (JJJJ-MM) die het nazorgvenster raken; in dienst op 15-03 geeft maart t/m juni."""
    van, tot = nazorgvenster(datum_indienst, maanden)
    return [f"{plus_maanden(van.replace(day=1), n):%Y-%m}" for n in range(maanden_na(van, tot.year, tot.month) + 1)]
