"""Gelijke waarden één keer in het geheugen, zodat een bewaard leesmodel sneller laadt.

Pickle schrijft een object dat het al tegenkwam als verwijzing; duizenden gelijke datums, codes, bedragen en
bevindingen die elk een eigen object zijn, worden anders elk apart weggeschreven en bij het laden apart
opgebouwd. Projecties halen zulke waarden daarom door `gedeeld`. Een Decimal telt met zijn exponent mee,
zodat `2250.00` niet `2250` wordt.
"""

from __future__ import annotations

import copy
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

T = TypeVar("T")
GRENS = 200_000
_WAARDEN: dict[Any, Any] = {}
_VELDEN: dict[type, tuple[str, ...]] = {}


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


def met_gedeelde_velden(object_: T, *overslaan: str) -> T:
    """Een kopie van een (bevroren) dataclass waarvan elk veld met een onveranderlijke waarde gedeeld is."""
    namen = _VELDEN.get(type(object_))
    if namen is None:
        namen = _VELDEN[type(object_)] = tuple(v.name for v in fields(object_))  # type: ignore[arg-type]
    kopie = copy.copy(object_)
    for naam in namen:
        if naam in overslaan:
            continue
        waarde = getattr(object_, naam)
        if not isinstance(waarde, (dict, list, set)):
            object.__setattr__(kopie, naam, gedeeld(waarde))
    return kopie
