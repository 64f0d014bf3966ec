"""Geldbedragen: altijd `Decimal`, afgerond op centen, half naar boven (ROUND_HALF_UP).

Dat is de ene afrondingsregel van de hub: een regelbedrag, een BTW-bedrag en een percentage van een
prijs worden elk zo afgerond, zodat de controle hetzelfde rekent als de boekhouding van de aanbieder.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
NUL = Decimal("0.00")


def bedrag(waarde: Decimal | int | str) -> Decimal:
    """Maakt een bedrag in centen; een float wordt geweigerd omdat die al onnauwkeurig is."""
    if isinstance(waarde, float):
        raise TypeError("bedragen nooit als float opgeven; gebruik een tekst als '2250.00' of een Decimal")
    try:
        getal = Decimal(waarde)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"geen geldig bedrag: {waarde!r}") from exc
    if not getal.is_finite():
        raise ValueError(f"geen geldig bedrag: {waarde!r}")
    return getal.quantize(CENT, rounding=ROUND_HALF_UP)


def percentage_van(basis: Decimal, percentage: Decimal | int | str) -> Decimal:
    return bedrag(Decimal(basis) * Decimal(percentage) / Decimal(100))


def maal(aantal: Decimal | int | str, prijs: Decimal) -> Decimal:
    return bedrag(Decimal(aantal) * Decimal(prijs))


def euro(waarde: Decimal) -> str:
    """Schrijft een bedrag zoals een Nederlandse lezer het verwacht: € 2.250,00."""
    q = bedrag(waarde)
    teken = "-" if q < 0 else ""
    geheel, _, centen = f"{abs(q):.2f}".partition(".")
    groepen: list[str] = []
    while len(geheel) > 3:
        groepen.insert(0, geheel[-3:])
        geheel = geheel[:-3]
    groepen.insert(0, geheel)
    return f"{teken}€ {'.'.join(groepen)},{centen}"
