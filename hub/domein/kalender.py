"""Werkdagen (maandag–vrijdag zonder Nederlandse feestdagen), maanden en kwartalen.

Rekenen met datums loopt nooit over: een termijn die voorbij de laatste datum zou vallen, is `date.max` (en vóór
de eerste `date.min`). Een bericht met zo'n datum weigert de hub aan de voorkant; wat toch in de eventstore staat,
mag geen leesmodel of regel laten vastlopen. Feestdagen worden geteld tot en met `FEESTDAGEN_TOT`; daarna alleen
weekenddagen, want niemand plant zo ver vooruit en de feestdagen van duizenden jaren uitrekenen kost te veel.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta


@lru_cache(maxsize=64)
def _feestdagen(jaar: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=jaar).keys())


FEESTDAGEN_TOT = 2200
"""Tot en met dit jaar telt de hub Nederlandse feestdagen als niet-werkdag."""

LANGE_REEKS = 400
"""Vanaf zoveel dagen telt `werkdagen_tussen` weken in één keer in plaats van dag voor dag."""


def _feestdagen_van(jaar: int) -> frozenset[date]:
    return _feestdagen(jaar) if jaar <= FEESTDAGEN_TOT else frozenset()


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen_van(dag.year)


def plus_dagen(dag: date, dagen: int) -> date:
    """`dag` plus `dagen` (negatief: terug), begrensd op `date.min` en `date.max`."""
    try:
        return dag + timedelta(days=dagen)
    except OverflowError:
        return date.max if dagen > 0 else date.min


@lru_cache(maxsize=1 << 16)
def plus_werkdagen(start: date, aantal: int) -> date:
    """De datum `aantal` werkdagen na `start` (start zelf telt niet mee)."""
    dag = start
    stap = 1 if aantal >= 0 else -1
    te_gaan = abs(aantal)
    while te_gaan:
        volgende = plus_dagen(dag, stap)
        if volgende == dag:
            return dag
        dag = volgende
        if is_werkdag(dag):
            te_gaan -= 1
    return dag


def _weekdagen_tussen(van: date, tot: date) -> int:
    """Maandag t/m vrijdag na `van` tot en met `tot` (`tot` niet vóór `van`)."""
    dagen = (tot - van).days
    weken, rest = divmod(dagen, 7)
    return weken * 5 + sum(1 for n in range(1, rest + 1) if (van.weekday() + n) % 7 < 5)


@lru_cache(maxsize=1 << 16)
def werkdagen_tussen(van: date, tot: date) -> int:
    """Aantal werkdagen na `van` tot en met `tot`; negatief als `tot` vóór `van` ligt."""
    if tot < van:
        return -werkdagen_tussen(tot, van)
    if (tot - van).days < LANGE_REEKS:
        return sum(1 for n in range(1, (tot - van).days + 1) if is_werkdag(van + timedelta(days=n)))
    feestdagen = sum(1 for jaar in range(van.year, min(tot.year, FEESTDAGEN_TOT) + 1)
                     for f in _feestdagen(jaar) if van < f <= tot and f.weekday() < 5)
    return _weekdagen_tussen(van, tot) - feestdagen


def plus_maanden(dag: date, maanden: int) -> date:
    """Dezelfde dag `maanden` later; bestaat die niet, dan de laatste dag van die maand. Begrensd op `date.min`
    en `date.max`."""
    try:
        return dag + relativedelta(months=maanden)
    except (OverflowError, ValueError):
        return date.max if maanden > 0 else date.min


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
    laatste_maand = 3 * nummer
    return begin, date(jaar, laatste_maand, calendar.monthrange(jaar, laatste_maand)[1])


def vorige_kwartalen(kwartaal: str, aantal: int) -> list[str]:
    begin, _ = kwartaal_grenzen(kwartaal)
    return [kwartaal_van(plus_maanden(begin, -3 * n)) for n in range(aantal, 0, -1)]
