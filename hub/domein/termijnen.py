"""De termijnen uit de Standaard werkafspraken (Bijlage 4) en de jobcoachregels.

Een gemiste termijn is een signaal voor de rapportage, nooit een reden om een bericht te weigeren.
Lezing van de hub waar de stukken zwijgen: de 20 werkdagen voor het plan tellen vanaf de aanmelding;
de 4 weken voor de urenverantwoording vanaf het einde van de periode; de 2 weken voor een factuur
vanaf het einde van de gefactureerde periode.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hub.domein.kalender import plus_dagen, plus_werkdagen, werkdagen_tussen

OPROEP_DAGEN = 14
UITNODIGING_WERKDAGEN = 5
PLAN_WERKDAGEN = 20
KLANTMANAGER_WERKDAGEN = 5
FACTUUR_DAGEN = 14
URENVERANTWOORDING_DAGEN = 28
JOBCOACHAANVRAAG_DAGEN = 28

TERMIJN_OVERSCHREDEN = "TERMIJN_OVERSCHREDEN"


@dataclass(frozen=True)
class Signaal:
    code: str
    termijn: str
    melding: str

    def als_dict(self) -> dict[str, str]:
        return {"code": self.code, "melding": self.melding}


def _signaal(termijn: str, melding: str) -> Signaal:
    return Signaal(TERMIJN_OVERSCHREDEN, termijn, melding)


def oproep_op_tijd(datum_aanmelding: date, datum_uitnodiging: date) -> bool:
    return datum_uitnodiging <= plus_dagen(datum_aanmelding, OPROEP_DAGEN)


def uitnodiging_op_tijd(datum_uitnodiging: date, datum_gesprek: date) -> bool:
    return werkdagen_tussen(datum_uitnodiging, datum_gesprek) >= UITNODIGING_WERKDAGEN


def plan_op_tijd(datum_aanmelding: date, datum_plan: date) -> bool:
    return datum_plan <= plus_werkdagen(datum_aanmelding, PLAN_WERKDAGEN)


def besluit_op_tijd(datum_plan: date, datum_besluit: date) -> bool:
    return datum_besluit <= plus_werkdagen(datum_plan, KLANTMANAGER_WERKDAGEN)


def factuur_op_tijd(einde_prestatie: date, factuurdatum: date) -> bool:
    return factuurdatum <= plus_dagen(einde_prestatie, FACTUUR_DAGEN)


def urenverantwoording_op_tijd(einde_periode: date, ontvangen: date) -> bool:
    return ontvangen <= plus_dagen(einde_periode, URENVERANTWOORDING_DAGEN)


def signalen_oproep(datum_aanmelding: date, datum_uitnodiging: date, datum_gesprek: date) -> list[Signaal]:
    signalen = []
    if not oproep_op_tijd(datum_aanmelding, datum_uitnodiging):
        uiterlijk = plus_dagen(datum_aanmelding, OPROEP_DAGEN)
        signalen.append(
            _signaal("oproep", f"Cliënt opgeroepen op {datum_uitnodiging:%d-%m-%Y}, meer dan {OPROEP_DAGEN} dagen na de aanmelding "
                     f"({datum_aanmelding:%d-%m-%Y}); uiterlijk was {uiterlijk:%d-%m-%Y}.")
        )
    if not uitnodiging_op_tijd(datum_uitnodiging, datum_gesprek):
        werkdagen = werkdagen_tussen(datum_uitnodiging, datum_gesprek)
        signalen.append(
            _signaal("uitnodiging", f"De uitnodiging ({datum_uitnodiging:%d-%m-%Y}) lag {werkdagen} werkdagen vóór het gesprek "
                     f"({datum_gesprek:%d-%m-%Y}); dat moeten er ten minste {UITNODIGING_WERKDAGEN} zijn.")
        )
    return signalen


def signalen_plan(datum_aanmelding: date, datum_plan: date) -> list[Signaal]:
    if plan_op_tijd(datum_aanmelding, datum_plan):
        return []
    uiterlijk = plus_werkdagen(datum_aanmelding, PLAN_WERKDAGEN)
    return [_signaal("plan", f"Het plan ({datum_plan:%d-%m-%Y}) kwam na {PLAN_WERKDAGEN} werkdagen; uiterlijk was {uiterlijk:%d-%m-%Y}.")]


def signalen_besluit(datum_plan: date, datum_besluit: date) -> list[Signaal]:
    if besluit_op_tijd(datum_plan, datum_besluit):
        return []
    uiterlijk = plus_werkdagen(datum_plan, KLANTMANAGER_WERKDAGEN)
    return [_signaal("besluit", f"De klantmanager besloot op {datum_besluit:%d-%m-%Y}, na {KLANTMANAGER_WERKDAGEN} werkdagen; "
                     f"uiterlijk was {uiterlijk:%d-%m-%Y}.")]


def signalen_urenverantwoording(einde_periode: date, ontvangen: date) -> list[Signaal]:
    if urenverantwoording_op_tijd(einde_periode, ontvangen):
        return []
    return [_signaal("urenverantwoording", f"De urenverantwoording kwam op {ontvangen:%d-%m-%Y}, meer dan 4 weken na het einde "
                     f"van de periode ({einde_periode:%d-%m-%Y}).")]
