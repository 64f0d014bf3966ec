"""BSN (elfproef) en IBAN, via python-stdnum in plaats van eigen rekenwerk."""

from __future__ import annotations

from stdnum import iban as _iban
from stdnum.exceptions import ValidationError
from stdnum.nl import bsn as _bsn


def bsn_geldig(bsn: str) -> bool:
    if not isinstance(bsn, str) or len(bsn.strip()) != 9:
        return False
    try:
        _bsn.validate(bsn)
    except ValidationError:
        return False
    return True


def iban_geldig(iban: str) -> bool:
    try:
        _iban.validate(iban)
    except ValidationError:
        return False
    return True


def normaliseer_iban(iban: str) -> str:
    return _iban.compact(iban)


def masker_bsn(bsn: str) -> str:
    """Voor logregels: alleen de laatste drie cijfers blijven zichtbaar."""
    return "******" + bsn[-3:] if len(bsn) >= 3 else "***"
