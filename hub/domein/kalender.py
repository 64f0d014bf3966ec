"""Werkdagen (maandag–vrijdag zonder Nederlandse feestdagen), maanden en kwartalen."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta


@lru_cache(maxsize=64)
def _feestdagen(jaar: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=jaar).keys())


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


@lru_cache(maxsize=1 << 16)
def plus_werkdagen(start: date, aantal: int) -> date:
    """De datum `aantal` werkdagen na `start` (start zelf telt niet mee)."""
    dag = start
    stap = 1 if aantal >= 0 else -1
    te_gaan = abs(aantal)
    while te_gaan:
        dag += timedelta(days=stap)
        if is_werkdag(dag):
            te_gaan -= 1
    return dag


@lru_cache(maxsize=1 << 16)
def werkdagen_tussen(van: date, tot: date) -> int:
    """Aantal werkdagen na `van` tot en met `tot`; negatief als `tot` vóór `van` ligt."""
    if tot < van:
        return -werkdagen_tussen(tot, van)
    return sum(1 for n in range(1, (tot - van).days + 1) if is_werkdag(van + timedelta(days=n)))


def plus_maanden(dag: date, maanden: int) -> date:
    """Dezelfde dag `maanden` later; bestaat die niet, dan de laatste dag van die maand."""
    return dag + relativedelta(months=maanden)


def maand_van(tekst: str) -> tuple[int, int]:
    jaar, maand = tekst.split("-")
    j, m = int(jaar), int(maand)
    if not 1 <= m <= 12:
        raise ValueError(f"geen geldige maand: {tekst!r}")
    return j, m


def maanden_na(eerder: date, jaar: int, maand: int) -> int:
    """Hoeveel kalendermaanden (jaar, maand) na de maand van `eerder` ligt."""
    return (jaar - eerder.year) * 12 + (maand - eerder.month)


def kwartaal_van(dag: date) -> str:
    return f"{dag.year}-Q{(dag.month - 1) // 3 + 1}"


def kwartaal_grenzen(kwartaal: str) -> tuple[date, date]:
    """Eerste en laatste dag van een kwartaal als '2024-Q2'."""
    jaar_tekst, _, q = kwartaal.partition("-Q")
    jaar, nummer = int(jaar_tekst), int(q)
    if not 1 <= nummer <= 4:
        raise ValueError(f"geen geldig kwartaal: {kwartaal!r}; gebruik JJJJ-Q1 t/m JJJJ-Q4")
    begin = date(jaar, 3 * nummer - 2, 1)
    return begin, plus_maanden(begin, 3) - timedelta(days=1)


def vorige_kwartalen(kwartaal: str, aantal: int) -> list[str]:
    begin, _ = kwartaal_grenzen(kwartaal)
    return [kwartaal_van(plus_maanden(begin, -3 * n)) for n in range(aantal, 0, -1)]
