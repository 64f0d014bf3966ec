"""Een bedrag verdelen over gemeenten volgens een verdeelsleutel, in centen, zo dat de delen samen het geheel zijn.

Regel (grootste rest): elk deel is eerst zijn percentage van het geheel, naar beneden afgerond op centen; de centen
die dan overblijven gaan één voor één naar de delen met de grootste weggevallen rest (bij gelijke rest: het grootste
aandeel, dan de volgorde van de sleutel). Zo wijkt geen deel meer dan een cent af van zijn exacte aandeel en telt
de verdeling altijd op tot het geheel, ook bij negatieve bedragen (een creditering) en bij elk aantal gemeenten.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

CENT = Decimal("0.01")


def verdeel(geheel: Decimal, aandelen: dict[str, Decimal]) -> dict[str, Decimal]:
    """`aandelen` in procenten, samen 100; het geheel in euro met hooguit centen."""
    if sum(aandelen.values(), Decimal(0)) != 100:
        raise ValueError("de aandelen van een verdeelsleutel tellen op tot 100 %")
    geheel = Decimal(geheel).quantize(CENT)
    exact = {naam: geheel * aandeel / Decimal(100) for naam, aandeel in aandelen.items()}
    delen = {naam: waarde.quantize(CENT, rounding=ROUND_FLOOR) for naam, waarde in exact.items()}
    over = int((geheel - sum(delen.values(), Decimal(0))) / CENT)
    volgorde = list(aandelen)
    rangorde = sorted(volgorde, key=lambda n: (-(exact[n] - delen[n]), -aandelen[n], volgorde.index(n)))
    for naam in rangorde[:over]:
        delen[naam] += CENT
    return delen
