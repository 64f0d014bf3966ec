"""Gelijke waarden één keer in het geheugen, zodat een bewaard leesmodel sneller laadt.

Pickle schrijft een object dat het al tegenkwam als verwijzing; duizenden gelijke datums, codes, bedragen en
bevindingen die elk een eigen object zijn, worden anders elk apart weggeschreven en bij het laden apart
opgebouwd. Projecties halen zulke waarden daarom door `gedeeld`. Een Decimal telt met zijn exponent mee,
zodat `2250.00` niet `2250` wordt.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

T = TypeVar("T")
GRENS = 200_000
_WAARDEN: dict[Any, Any] = {}


def gedeeld(waarde: T) -> T:
    soort = type(waarde)
    if soort is str or soort is date:
        sleutel: Any = waarde
    elif waarde is None or soort is datetime:
        return waarde
    elif soort is Decimal:
        sleutel = (soort, waarde.as_tuple())  # type: ignore[attr-defined]
    else:
        sleutel = (soort, waarde)
    gevonden = _WAARDEN.get(sleutel)
    if gevonden is not None:
        return gevonden
    if len(_WAARDEN) > GRENS:
        _WAARDEN.clear()
    _WAARDEN[sleutel] = waarde
    return waarde
