"""Een bevinding van de factuurcontrole: een code uit DOMEIN.md en een zin die de managementassistent begrijpt."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Controlebevinding:
    code: str
    melding: str

    def als_dict(self) -> dict[str, str]:
        return {"code": self.code, "melding": self.melding}


NAMEN = {
    "PRIJS_AFWIJKING": "prijs wijkt af van de prijsafspraak",
    "GEEN_PRIJSAFSPRAAK": "geen prijsafspraak",
    "GEEN_PRESTATIE": "geen geleverde dienst",
    "DUBBEL_GEFACTUREERD": "dubbel gefactureerd",
    "BONUS_NIET_VERDIEND": "bonus niet verdiend",
    "NOSHOW_STAFFEL": "no-showbedrag volgt de staffel niet",
    "NAZORG_MAXIMUM": "meer nazorgmaanden dan toegestaan",
    "MAXIMUM_AANTAL": "meer dan het maximum aantal",
    "UREN_NIET_VERANTWOORD": "uren niet verantwoord",
    "UREN_BOVEN_TOEKENNING": "meer uren dan toegekend",
    "BUITEN_PERIODE": "buiten de periode",
    "PRODUCT_NIET_TOEGEWEZEN": "product niet toegewezen",
    "MAXIMUM_BEDRAG": "boven het maximumbedrag",
    "OMZETTING_VERREKEND": "omzetting verrekend",
    "REKENFOUT": "rekenfout",
    "VERPLICHT_VELD": "verplicht veld ontbreekt",
    "BSN_ONGELDIG": "BSN ongeldig",
    "TE_LAAT": "te laat gefactureerd",
    "BUDGETPLAFOND": "budgetplafond bereikt",
}
"""De Nederlandse naam van elke code, voor wie filtert of een rapport leest."""


def naam(code: str) -> str:
    """Een onbekende code toont zichzelf."""
    return NAMEN.get(code, code)
