"""De codes van de bevindingen (DOMEIN.md, "What an invoice line is checked against") en hun vorm."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from hub.contracten.catalogus import Prijsafspraak
from hub.domein.bevinding import Controlebevinding as Controlebevinding

PRIJS_AFWIJKING = "PRIJS_AFWIJKING"
GEEN_PRIJSAFSPRAAK = "GEEN_PRIJSAFSPRAAK"
GEEN_PRESTATIE = "GEEN_PRESTATIE"
DUBBEL_GEFACTUREERD = "DUBBEL_GEFACTUREERD"
BONUS_NIET_VERDIEND = "BONUS_NIET_VERDIEND"
NOSHOW_STAFFEL = "NOSHOW_STAFFEL"
NAZORG_MAXIMUM = "NAZORG_MAXIMUM"
MAXIMUM_AANTAL = "MAXIMUM_AANTAL"
UREN_NIET_VERANTWOORD = "UREN_NIET_VERANTWOORD"
UREN_BOVEN_TOEKENNING = "UREN_BOVEN_TOEKENNING"
BUITEN_PERIODE = "BUITEN_PERIODE"
PRODUCT_NIET_TOEGEWEZEN = "PRODUCT_NIET_TOEGEWEZEN"
MAXIMUM_BEDRAG = "MAXIMUM_BEDRAG"
OMZETTING_VERREKEND = "OMZETTING_VERREKEND"
REKENFOUT = "REKENFOUT"
VERPLICHT_VELD = "VERPLICHT_VELD"
BSN_ONGELDIG = "BSN_ONGELDIG"
TE_LAAT = "TE_LAAT"
BUDGETPLAFOND = "BUDGETPLAFOND"
OPDRACHTBEDRAG_OVERSCHREDEN = "OPDRACHTBEDRAG_OVERSCHREDEN"
VERPLICHTINGEN_NIET_NAGEKOMEN = "VERPLICHTINGEN_NIET_NAGEKOMEN"
"""Het product vraagt contactmomenten of werkaanbiedingen binnen een termijn, en die zijn niet (alle) gemeld."""
"""De regels van een traject met een opdrachtbedrag (toewijzing) vragen samen meer dan dat bedrag."""

NUL = Decimal("0.00")
"""Het verwachte bedrag van een regel zonder prijsafspraak of prestatie."""


@dataclass
class Toets:
    """Wat één regel over een factuurregel zegt: bevindingen en eventueel een bovengrens voor het verwachte bedrag."""

    bevindingen: list[Controlebevinding] = field(default_factory=list)
    plafond: Decimal | None = None

    def voeg_toe(self, code: str, melding: str, plafond: Decimal | None = None) -> Toets:
        self.bevindingen.append(Controlebevinding(code, melding))
        if plafond is not None:
            self.plafond = plafond if self.plafond is None else min(self.plafond, plafond)
        return self


@dataclass(frozen=True)
class Regeluitkomst:
    verwacht: Decimal
    bevindingen: list[Controlebevinding]
    btw_verwacht: Decimal | None = None
    prijsafspraak: Prijsafspraak | None = None
    """De prijsafspraak op de leverdatum waarmee is gerekend, als er een is."""


def dag(d: date | None) -> str:
    return f"{d:%d-%m-%Y}" if d is not None else "(geen datum)"


def getal(waarde: Decimal) -> str:
    """Een aantal zoals een Nederlandse lezer het schrijft: 12,5 of 40."""
    tekst = format(waarde, "f")
    if "." in tekst:
        tekst = tekst.rstrip("0").rstrip(".")
    return tekst.replace(".", ",")
