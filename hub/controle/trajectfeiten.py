"""Wat de leeskant van een traject weet: één toestand, gevoed door de events van `Traject`.

De factuurcontrole, de kwartaalfeiten en de termijnbewaking houden elk zo'n toestand per traject bij.
`deel` laat een projectie gelijke waarden één object laten delen (zie `hub.projections.waarden`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from hub.aggregates.traject import Traject
from hub.domein import termijnen
from hub.domein.trajectregels import binnen_bonusvenster, product_na_mutatiebesluit, startdatum

GESTART_NA_EINDE = ("afgerond", "uitstroomWerk", "zonderResultaat", "terugNaarSchool")
"""Een einde dat laat zien dat het traject liep; voortijdige uitval en uitstroom door handhaving doen dat niet."""


def _zelf(waarde: Any) -> Any:
    return waarde


@dataclass
class Trajectfeiten:
    """`datum_oproep` en `datum_plan` zijn de eerste; `plan_trede` is die van het laatste plan; `mutatieproducten` de
    nieuwe producten van goedgekeurde mutaties, in volgorde; `datum_plan_goedgekeurd` het eerste goedgekeurde plan."""

    gemeente: str
    traject_id: str
    provider: str
    product: str
    datum_aanmelding: date
    omzetting_van: str | None = None
    datum_oproep: date | None = None
    datum_intake: date | None = None
    noshows: dict[int, date] = field(default_factory=dict)
    datum_plan: date | None = None
    plan_trede: int | None = None
    plan_trede_datum: date | None = None
    datum_planbesluit: date | None = None
    datum_plan_goedgekeurd: date | None = None
    voortgang: list[tuple[str, int]] = field(default_factory=list)
    aangevraagd_product: str | None = None
    oorspronkelijk_product: str | None = None
    mutatieproducten: tuple[str, ...] = ()
    datum_indienst: date | None = None
    nazorgmaanden: list[str] = field(default_factory=list)
    einde: date | None = None
    reden_einde: str | None = None
    omgezet_naar: str | None = None
    omgezet_op: date | None = None
    opdrachtbedrag: Decimal | None = None
    loonwaarde: str | None = None
    contactmomenten: tuple[date, ...] = ()
    werkaanbiedingen: tuple[date, ...] = ()

    @classmethod
    def uit_aanmelding(cls, e: Traject.Aangemeld, deel: Callable[[Any], Any] = _zelf) -> Trajectfeiten:
        return cls(deel(e.gemeente), e.traject_id, deel(e.provider), deel(e.product), deel(e.datum_aanmelding),
                   omzetting_van=e.omzetting_van, opdrachtbedrag=getattr(e, "opdrachtbedrag", None),
                   loonwaarde=deel(getattr(e, "loonwaarde", None)))

    def verwerk(self, e: Any, deel: Callable[[Any], Any] = _zelf) -> None:
        """Een later event van dit traject; `AFHANDELING` zegt welke."""
        AFHANDELING[type(e)](self, e, deel)

    @property
    def gekochte_producten(self) -> set[str]:
        """Het product van de aanmelding en de nieuwe producten van goedgekeurde mutaties."""
        return {self.oorspronkelijk_product or self.product, self.product, *self.mutatieproducten}

    @property
    def startdatum(self) -> date:
        return startdatum(self.datum_aanmelding, self.datum_intake)

    @property
    def gestart(self) -> bool:
        return self.datum_intake is not None or self.datum_indienst is not None or self.reden_einde in GESTART_NA_EINDE

    @property
    def afgesloten(self) -> date | None:
        """Beëindigd of omgezet (een traject kan niet allebei)."""
        return self.einde or self.omgezet_op

    @property
    def oproep_op_tijd(self) -> bool | None:
        return None if self.datum_oproep is None else termijnen.oproep_op_tijd(self.datum_aanmelding, self.datum_oproep)

    @property
    def plan_op_tijd(self) -> bool | None:
        return None if self.datum_plan is None else termijnen.plan_op_tijd(self.datum_aanmelding, self.datum_plan)

    @property
    def binnen_bonusvenster(self) -> bool | None:
        """Geplaatst binnen drie maanden na de start."""
        return None if self.datum_indienst is None else binnen_bonusvenster(self.startdatum, self.datum_indienst)


def _oproep(t: Trajectfeiten, e: Traject.OproepGeregistreerd, deel: Callable[[Any], Any]) -> None:
    if t.datum_oproep is None:
        t.datum_oproep = deel(e.datum_uitnodiging)


def _intake(t: Trajectfeiten, e: Traject.IntakeGehouden, deel: Callable[[Any], Any]) -> None:
    t.datum_intake = deel(e.datum)


def _noshow(t: Trajectfeiten, e: Traject.NoShowGeregistreerd, deel: Callable[[Any], Any]) -> None:
    t.noshows[e.volgnummer] = deel(e.datum_afspraak)


def _plan(t: Trajectfeiten, e: Traject.PlanIngediend, deel: Callable[[Any], Any]) -> None:
    if t.datum_plan is None:
        t.datum_plan = deel(e.datum)
    t.plan_trede, t.plan_trede_datum = e.trede, deel(e.datum)


def _planbesluit(t: Trajectfeiten, e: Traject.PlanBeoordeeld, deel: Callable[[Any], Any]) -> None:
    if t.datum_planbesluit is None:
        t.datum_planbesluit = deel(e.datum)
    if t.datum_plan_goedgekeurd is None and e.besluit == "goedgekeurd":
        t.datum_plan_goedgekeurd = deel(e.datum)


def _voortgang(t: Trajectfeiten, e: Traject.VoortgangGerapporteerd, deel: Callable[[Any], Any]) -> None:
    t.voortgang.append(deel((e.kwartaal, e.trede)))


def _mutatie_aangevraagd(t: Trajectfeiten, e: Traject.MutatieAangevraagd, deel: Callable[[Any], Any]) -> None:
    t.aangevraagd_product = e.nieuw_product


def _mutatie_beoordeeld(t: Trajectfeiten, e: Traject.MutatieBeoordeeld, deel: Callable[[Any], Any]) -> None:
    product = product_na_mutatiebesluit(t.product, t.aangevraagd_product, e.besluit)
    if product != t.product:
        t.oorspronkelijk_product = t.oorspronkelijk_product or t.product
        t.product = deel(product)
        t.mutatieproducten = (*t.mutatieproducten, t.product)
    t.aangevraagd_product = None


def _geplaatst(t: Trajectfeiten, e: Traject.Geplaatst, deel: Callable[[Any], Any]) -> None:
    t.datum_indienst = deel(e.datum_indienst)


def _nazorg(t: Trajectfeiten, e: Traject.NazorgmaandGeleverd, deel: Callable[[Any], Any]) -> None:
    t.nazorgmaanden.append(deel(e.maand))


def _beeindigd(t: Trajectfeiten, e: Traject.Beeindigd, deel: Callable[[Any], Any]) -> None:
    t.einde, t.reden_einde = deel(e.datum), deel(e.reden)


def _omgezet(t: Trajectfeiten, e: Traject.Omgezet, deel: Callable[[Any], Any]) -> None:
    t.omgezet_naar, t.omgezet_op = e.naar_traject_id, deel(e.datum)


def _contactmoment(t: Trajectfeiten, e: Traject.ContactmomentGeregistreerd, deel: Callable[[Any], Any]) -> None:
    t.contactmomenten = (*t.contactmomenten, deel(e.datum))


def _werkaanbieding(t: Trajectfeiten, e: Traject.WerkaanbiedingGedaan, deel: Callable[[Any], Any]) -> None:
    t.werkaanbiedingen = (*t.werkaanbiedingen, deel(e.datum))


AFHANDELING: dict[type, Callable[[Trajectfeiten, Any, Callable[[Any], Any]], None]] = {
    Traject.OproepGeregistreerd: _oproep,
    Traject.IntakeGehouden: _intake,
    Traject.NoShowGeregistreerd: _noshow,
    Traject.PlanIngediend: _plan,
    Traject.PlanBeoordeeld: _planbesluit,
    Traject.VoortgangGerapporteerd: _voortgang,
    Traject.MutatieAangevraagd: _mutatie_aangevraagd,
    Traject.MutatieBeoordeeld: _mutatie_beoordeeld,
    Traject.Geplaatst: _geplaatst,
    Traject.NazorgmaandGeleverd: _nazorg,
    Traject.Beeindigd: _beeindigd,
    Traject.Omgezet: _omgezet,
    Traject.ContactmomentGeregistreerd: _contactmoment,
    Traject.WerkaanbiedingGedaan: _werkaanbieding,
}
LATERE_EVENTS = tuple(AFHANDELING)
"""De events na de aanmelding waar de toestand iets mee doet."""
