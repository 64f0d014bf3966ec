"""Domeinfouten met de codes uit de berichtenstandaard."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fout:
    code: str
    veld: str
    melding: str

    def als_dict(self) -> dict[str, str]:
        return {"code": self.code, "veld": self.veld, "melding": self.melding}


class DomeinFout(Exception):
    """Een geschonden regel: het commando legt niets vast."""

    def __init__(self, code: str, veld: str, melding: str):
        super().__init__(f"{code} ({veld}): {melding}")
        self.fout = Fout(code, veld, melding)

    @property
    def code(self) -> str:
        return self.fout.code

    @property
    def veld(self) -> str:
        return self.fout.veld

    @property
    def melding(self) -> str:
        return self.fout.melding


ONBEKEND_TRAJECT = "ONBEKEND_TRAJECT"
AFZENDER_ONBEVOEGD = "AFZENDER_ONBEVOEGD"
ONGELDIGE_VOLGORDE = "ONGELDIGE_VOLGORDE"
BSN_ONGELDIG = "BSN_ONGELDIG"
IBAN_ONGELDIG = "IBAN_ONGELDIG"
ONBEKEND_PRODUCT = "ONBEKEND_PRODUCT"
PERIODE_OVERLAPT = "PERIODE_OVERLAPT"
MAXIMUM_PERIODES = "MAXIMUM_PERIODES"
VERPLICHT_VELD = "VERPLICHT_VELD"
DUBBELE_MELDING = "DUBBELE_MELDING"
TRAJECT_BESTAAT = "TRAJECT_BESTAAT"
FACTUUR_BESTAAT = "FACTUUR_BESTAAT"
ONGELDIGE_WAARDE = "ONGELDIGE_WAARDE"
AL_BESLOTEN = "AL_BESLOTEN"
ONBEKENDE_FACTUUR = "ONBEKENDE_FACTUUR"
BERICHT_ID_HERGEBRUIKT = "BERICHT_ID_HERGEBRUIKT"
NIET_VERWERKT = "NIET_VERWERKT"
NIET_VERWERKT_MELDING = (
    "De hub kon dit bericht door een storing niet verwerken; het beheer van de gemeente is gewaarschuwd. Er is niets "
    "vastgelegd: stuur het bericht ongewijzigd opnieuw zodra het beheer de storing heeft opgelost."
)


def onbekend_traject(gemeente: str, traject_id: str, veld: str = "trajectId") -> DomeinFout:
    """Ook het antwoord als het traject van een andere provider is: niemand leert zo welke trajecten anderen hebben."""
    return DomeinFout(
        ONBEKEND_TRAJECT,
        veld,
        f"Traject {traject_id!r} van gemeente {gemeente} is onbekend; controleer het trajectId uit de aanmelding.",
    )
VIER_OGEN = "VIER_OGEN"
