"""Termijnbewaking: welke berichten te laat kwamen, en welke termijnen verstreken zonder bericht.

De regels zelf staan in `hub.domein.termijnen`; deze projectie past ze toe op de events en bewaart
elk signaal met de datum van het te late feit, zodat het in het kwartaal van die datum telt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from hub.aggregates.factuur import Factuur
from hub.aggregates.jobcoachperiode import Jobcoachperiode
from hub.aggregates.traject import Traject
from hub.controle.trajectfeiten import LATERE_EVENTS, Trajectfeiten
from hub.domein import termijnen as t
from hub.domein.kalender import plus_dagen
from hub.projections import termijnregels as r
from hub.projections.basis import Projectie
from hub.projections.waarden import gedeeld

TERMIJNEN = ("oproep", "uitnodiging", "plan", "besluit", "jobcoachaanvraag", "urenverantwoording", "factuur")
VAN_DE_GEMEENTE = ("besluit",)


@dataclass(frozen=True)
class Termijnsignaal:
    gemeente: str
    provider: str
    kenmerk: str
    termijn: str
    datum: date
    melding: str


@dataclass(frozen=True)
class LopendeTermijn:
    """Een termijn die nog op een bericht wacht; `uiterlijk` None als er geen termijn voor staat (een mutatie)."""

    gemeente: str
    provider: str
    traject_id: str
    termijn: str
    uiterlijk: date | None
    aan_zet: str
    """`aanbieder` of `klantmanager`"""
    periode_id: str | None = None
    """bij een jobcoachaanvraag die op toekenning wacht"""


@dataclass
class Periode:
    gemeente: str
    provider: str
    periode_id: str
    eind: date
    traject_id: str = ""
    datum_aanvraag: date | None = None
    toegekend: bool = False


def _voor(dag: date | None, op: date) -> bool:
    return dag is not None and dag <= op


class Termijnbewaking(Projectie):
    naam = "termijnbewaking"
    versie = 5

    def __init__(self) -> None:
        super().__init__()
        self.signalen: dict[tuple[str, str], list[Termijnsignaal]] = {}
        self.trajecten: dict[int, Trajectfeiten] = {}
        self.trajecten_per_partij: dict[tuple[str, str], list[Trajectfeiten]] = {}
        self.periodes: dict[int, Periode] = {}

    def signalen_van(self, gemeente: str, provider: str) -> list[Termijnsignaal]:
        return self.signalen.get((gemeente, provider), [])

    def openstaand(self, gemeente: str, provider: str, op: date) -> list[Termijnsignaal]:
        """Termijnen die op `op` verstreken waren zonder bericht; het signaal draagt de uiterste datum."""
        uit: list[Termijnsignaal] = []
        for traject in self.trajecten_per_partij.get((gemeente, provider), []):
            if traject.datum_aanmelding > op or _voor(traject.afgesloten, op):
                continue
            uiterlijk = plus_dagen(traject.datum_aanmelding, t.OPROEP_DAGEN)
            if not _voor(traject.datum_oproep, op) and uiterlijk < op:
                uit.append(self._open(traject, "oproep", uiterlijk, f"Nog geen oproep; die moest uiterlijk {uiterlijk:%d-%m-%Y} verstuurd zijn."))
            if traject.datum_plan is None or not _voor(traject.datum_plan, op):
                uiterlijk = r.uiterlijk_plan(traject.datum_aanmelding)
                if uiterlijk < op:
                    uit.append(self._open(traject, "plan", uiterlijk, f"Nog geen re-integratieplan; dat moest er uiterlijk {uiterlijk:%d-%m-%Y} zijn."))
            elif not _voor(traject.datum_planbesluit, op):
                uiterlijk = r.uiterlijk_besluit(traject.datum_plan)
                if uiterlijk < op:
                    uit.append(self._open(traject, "besluit", uiterlijk, f"Het plan wacht op een besluit; uiterlijk was {uiterlijk:%d-%m-%Y}."))
        return uit

    def lopend(self, gemeente: str, op: date) -> list[LopendeTermijn]:
        """Per traject van de gemeente dat op `op` loopt, wat nog op een bericht wacht, verstreken of niet: de oproep
        en het plan van de aanbieder, het besluit van de klantmanager over het plan of een mutatie, en de toekenning van
        een aangevraagde jobcoachperiode."""
        uit: list[LopendeTermijn] = []
        for (g, provider), trajecten in self.trajecten_per_partij.items():
            if g != gemeente:
                continue
            for traject in trajecten:
                if traject.datum_aanmelding > op or _voor(traject.afgesloten, op):
                    continue
                wacht: list[tuple[str, date | None, str]] = []
                if not _voor(traject.datum_oproep, op):
                    wacht.append(("oproep", plus_dagen(traject.datum_aanmelding, t.OPROEP_DAGEN), "aanbieder"))
                if not _voor(traject.datum_plan, op):
                    wacht.append(("plan", r.uiterlijk_plan(traject.datum_aanmelding), "aanbieder"))
                elif traject.datum_plan is not None and not _voor(traject.datum_planbesluit, op):
                    wacht.append(("besluit", r.uiterlijk_besluit(traject.datum_plan), "klantmanager"))
                if traject.aangevraagd_product is not None:
                    wacht.append(("mutatiebesluit", None, "klantmanager"))
                uit.extend(LopendeTermijn(gemeente, provider, traject.traject_id, *w) for w in wacht)
        uit.extend(LopendeTermijn(gemeente, p.provider, p.traject_id, "jobcoachtoekenning", None, "klantmanager", p.periode_id)
                   for p in self.periodes.values()
                   if p.gemeente == gemeente and not p.toegekend and _voor(p.datum_aanvraag, op))
        return uit

    @staticmethod
    def _open(traject: Trajectfeiten, termijn: str, uiterlijk: date, melding: str) -> Termijnsignaal:
        return Termijnsignaal(traject.gemeente, traject.provider, traject.traject_id, termijn, uiterlijk, melding)

    def _meld(self, gemeente: str, provider: str, kenmerk: str, datum: date, signalen: list[t.Signaal]) -> None:
        if not signalen:
            return
        lijst = self.signalen.setdefault((gemeente, provider), [])
        lijst.extend(Termijnsignaal(gemeente, provider, kenmerk, gedeeld(s.termijn), gedeeld(datum), s.melding) for s in signalen)

    def afhandelaars(self) -> dict[type, Callable[[Any], None]]:
        return {
            Traject.Aangemeld: self._aangemeld,
            **{soort: self._traject_feit for soort in LATERE_EVENTS},
            Traject.OproepGeregistreerd: self._oproep,
            Traject.PlanIngediend: self._plan,
            Traject.PlanBeoordeeld: self._planbesluit,
            Jobcoachperiode.Aangevraagd: self._aangevraagd,
            Jobcoachperiode.Toegekend: self._toegekend,
            Jobcoachperiode.UrenVerantwoord: self._uren,
            Factuur.FactuurOntvangen: self._factuur,
        }

    def _aangemeld(self, e: Any) -> None:
        traject = Trajectfeiten.uit_aanmelding(e, gedeeld)
        self.trajecten[e.originator_id.int] = traject
        self.trajecten_per_partij.setdefault((e.gemeente, e.provider), []).append(traject)

    def _traject_feit(self, e: Any) -> None:
        self.trajecten[e.originator_id.int].verwerk(e, gedeeld)

    def _oproep(self, e: Any) -> None:
        traject = self.trajecten[e.originator_id.int]
        eerste = traject.datum_oproep is None
        traject.verwerk(e, gedeeld)
        aanmelding = traject.datum_aanmelding
        if (not eerste or r.oproep_op_tijd(aanmelding, e.datum_uitnodiging)) and r.uitnodiging_op_tijd(
            e.datum_uitnodiging, e.datum_gesprek
        ):
            return
        signalen = t.signalen_oproep(aanmelding, e.datum_uitnodiging, e.datum_gesprek)
        if not eerste:
            signalen = [s for s in signalen if s.termijn != "oproep"]
        self._meld(traject.gemeente, traject.provider, traject.traject_id, e.datum_uitnodiging, signalen)

    def _plan(self, e: Any) -> None:
        traject = self.trajecten[e.originator_id.int]
        eerste = traject.datum_plan is None
        traject.verwerk(e, gedeeld)
        if eerste and not r.plan_op_tijd(traject.datum_aanmelding, e.datum):
            signalen = t.signalen_plan(traject.datum_aanmelding, e.datum)
            self._meld(traject.gemeente, traject.provider, traject.traject_id, e.datum, signalen)

    def _planbesluit(self, e: Any) -> None:
        traject = self.trajecten[e.originator_id.int]
        eerste = traject.datum_planbesluit is None
        traject.verwerk(e, gedeeld)
        if eerste and traject.datum_plan is not None and not r.besluit_op_tijd(traject.datum_plan, e.datum):
            self._meld(traject.gemeente, traject.provider, traject.traject_id, e.datum, t.signalen_besluit(traject.datum_plan, e.datum))

    def _aangevraagd(self, e: Any) -> None:
        self.periodes[e.originator_id.int] = Periode(e.gemeente, e.provider, e.periode_id, e.eind, e.traject_id,
                                                     e.datum_aanvraag)
        uiterlijk = plus_dagen(e.start, t.JOBCOACHAANVRAAG_DAGEN)
        if e.datum_aanvraag > uiterlijk:
            melding = (f"De aanvraag ({e.datum_aanvraag:%d-%m-%Y}) kwam meer dan 4 weken na de start van de periode "
                       f"({e.start:%d-%m-%Y}); uiterlijk was {uiterlijk:%d-%m-%Y}.")
            self._meld(e.gemeente, e.provider, e.periode_id, e.datum_aanvraag, [t.Signaal(t.TERMIJN_OVERSCHREDEN, "jobcoachaanvraag", melding)])

    def _toegekend(self, e: Any) -> None:
        periode = self.periodes[e.originator_id.int]
        periode.eind = e.eind
        periode.toegekend = True

    def _uren(self, e: Any) -> None:
        periode = self.periodes[e.originator_id.int]
        ontvangen = e.datum_ontvangen
        if not t.urenverantwoording_op_tijd(periode.eind, ontvangen):
            self._meld(periode.gemeente, periode.provider, periode.periode_id, ontvangen,
                       t.signalen_urenverantwoording(periode.eind, ontvangen))

    def _factuur(self, e: Any) -> None:
        laat = []
        for regel in e.regels:
            einde = regel.periode_eind
            if einde is not None and not t.factuur_op_tijd(einde, e.factuurdatum):
                laat.append((regel.regelnummer, einde))
        if laat:
            nummers = ", ".join(str(n) for n, _ in laat)
            vroegste = min(d for _, d in laat)
            melding = (f"Factuur {e.factuurnummer} ({e.factuurdatum:%d-%m-%Y}) kwam meer dan {t.FACTUUR_DAGEN} dagen na het einde "
                       f"van de prestatie (regel {nummers}; vroegste einde {vroegste:%d-%m-%Y}).")
            self._meld(e.gemeente, e.afzender, e.factuurnummer, e.factuurdatum, [t.Signaal(t.TERMIJN_OVERSCHREDEN, "factuur", melding)])
