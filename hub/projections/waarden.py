"""Gelijke waarden één keer in het geheugen, zodat een bewaard leesmodel sneller laadt.

Pickle schrijft een object dat het al tegenkwam als verwijzing; duizenden gelijke datums, codes, bedragen en
bevindingen die elk een eigen object zijn, worden anders elk apart weggeschreven en bij het laden apart
opgebouwd. Projecties halen zulke waarden daarom door `gedeeld`. Een Decimal telt met zijn exponent mee,
zodat `2250.00` niet `2250` wordt.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

T = TypeVar("T")
GRENS = 200_000
_WAARDEN: dict[Any, Any] = {}


def gedeeld(waarde: T) -> T:
    if waarde is None or isinstance(waarde, datetime):
        return waarde
    sleutel = (type(waarde), waarde.as_tuple() if isinstance(waarde, Decimal) else waarde)
    if len(_WAARDEN) > GRENS:
        _WAARDEN.clear()
    return _WAARDEN.setdefault(sleutel, waarde)


def met_gedeelde_velden(object_: T, *overslaan: str) -> T:
    """Een kopie van een (bevroren) dataclass waarvan elk veld met een onveranderlijke waarde gedeeld is."""
    return replace(object_, **{  # type: ignore[type-var]
        v.name: gedeeld(getattr(object_, v.name)) for v in fields(object_)  # type: ignore[arg-type]
        if v.name not in overslaan and not isinstance(getattr(object_, v.name), (dict, list, set))
    })
