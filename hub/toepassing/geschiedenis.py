"""Het bewijs achter een factuurregel: de events van haar traject en jobcoachperiode, met hun datum, zodat de
managementassistent ziet welke feiten de regel dragen of tegenspreken."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import DomainEvent

from hub.aggregates.jobcoachperiode import periode_uuid
from hub.aggregates.traject import traject_uuid
from hub.projections.oordeel import Factuuroordeel, Regeloordeel
from hub.toepassing.eventstore import Hub

PERSOONSGEGEVENS = {"client", "bsn", "naam", "geboortedatum", "adres", "clientnummer"}
"""Velden die niet in het overzicht komen: het bewijs gaat over wat er gebeurde, niet over wie de cliënt is."""

SOORT = {
    "Aangemeld": "Aanmelding", "OproepGeregistreerd": "Oproep", "IntakeGehouden": "Intake",
    "NoShowGeregistreerd": "No-show", "PlanIngediend": "Re-integratieplan ingediend", "PlanBeoordeeld": "Plan beoordeeld",
    "VoortgangGerapporteerd": "Voortgangsrapportage", "MutatieAangevraagd": "Mutatie aangevraagd",
    "MutatieBeoordeeld": "Mutatie beoordeeld", "Omgezet": "Omgezet", "Geplaatst": "Plaatsing",
    "NazorgmaandGeleverd": "Nazorgmaand geleverd", "Beeindigd": "Beëindiging",
    "JobcoachperiodeGekoppeld": "Jobcoachperiode gekoppeld", "Aangevraagd": "Jobcoachperiode aangevraagd",
    "Toegekend": "Jobcoachperiode toegekend", "UrenVerantwoord": "Uren verantwoord",
}


@dataclass(frozen=True)
class Gebeurtenis:
    soort: str
    datum: date | None
    """De datum die het feit zelf noemt (de intake op, de plaatsing per); anders die van het vastleggen."""
    vastgelegd: datetime
    details: list[tuple[str, str]]
    in_periode: bool
    """De datum valt in de periode van de factuurregel."""


@dataclass(frozen=True)
class Bewijs:
    traject_id: str | None
    traject: list[Gebeurtenis]
    periode_id: str | None
    periode: list[Gebeurtenis]


class Geschiedenis:
    def __init__(self, eventstore: Hub):
        self.eventstore = eventstore

    def bij_regel(self, factuur: Factuuroordeel, regel: Regeloordeel) -> Bewijs:
        return self._bij_regel(factuur, regel, self._periode_ids(factuur))

    def bij_factuur(self, factuur: Factuuroordeel) -> dict[int, Bewijs]:
        """Het bewijs bij elke regel; de factuur zelf wordt één keer gelezen, niet per regel."""
        periode_ids = self._periode_ids(factuur)
        return {r.regelnummer: self._bij_regel(factuur, r, periode_ids) for r in factuur.regels}

    def _bij_regel(self, factuur: Factuuroordeel, regel: Regeloordeel, periode_ids: dict[int, str | None]) -> Bewijs:
        traject = self._events(traject_uuid(factuur.gemeente, regel.traject_id), regel) if regel.traject_id else []
        periode_id = periode_ids.get(regel.regelnummer)
        periode = self._events(periode_uuid(factuur.gemeente, periode_id), regel) if periode_id else []
        return Bewijs(regel.traject_id, traject, periode_id, periode)

    def _periode_ids(self, factuur: Factuuroordeel) -> dict[int, str | None]:
        aggregate = self.eventstore.zoek_factuur(factuur.afzender, factuur.factuurnummer)
        return {r.regelnummer: r.periode_id for r in aggregate.regels} if aggregate is not None else {}

    def _events(self, id_: UUID, regel: Regeloordeel) -> list[Gebeurtenis]:
        uit = []
        for e in self.eventstore.events.get(id_):
            assert isinstance(e, DomainEvent)
            naam = type(e).__name__
            velden = {k: v for k, v in vars(e).items() if k not in ("originator_id", "originator_version", "timestamp")}
            datum = _datum(velden)
            uit.append(Gebeurtenis(
                soort=SOORT.get(naam, _woorden(naam)),
                datum=datum,
                vastgelegd=e.timestamp,
                details=[(_woorden(k).lower(), _tekst(v)) for k, v in velden.items()
                         if k not in PERSOONSGEGEVENS and not k.startswith("originator") and _tekst(v)],
                in_periode=_in_periode(datum, regel),
            ))
        return uit


def _datum(velden: dict[str, Any]) -> date | None:
    for sleutel in ("datum", "datum_indienst", "datum_aanmelding", "datum_ontvangen", "start", "maand_start"):
        waarde = velden.get(sleutel)
        if isinstance(waarde, date):
            return waarde.date() if isinstance(waarde, datetime) else waarde
    return None


def _in_periode(datum: date | None, regel: Regeloordeel) -> bool:
    if datum is None or regel.periode_start is None:
        return False
    return regel.periode_start <= datum <= (regel.periode_eind or regel.periode_start)


def _woorden(naam: str) -> str:
    """`NoShowGeregistreerd` → `No show geregistreerd`, `datum_indienst` → `Datum indienst`."""
    tekst = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", naam).replace("_", " ")
    return tekst[:1].upper() + tekst[1:].lower()


def _tekst(waarde: Any) -> str:
    if waarde is None or waarde == "" or waarde == [] or waarde == {}:
        return ""
    if isinstance(waarde, datetime):
        return f"{waarde.astimezone():%d-%m-%Y %H:%M}"
    if isinstance(waarde, date):
        return f"{waarde:%d-%m-%Y}"
    if isinstance(waarde, Decimal):
        return str(waarde).replace(".", ",")
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, (str, int)):
        return str(waarde)
    if isinstance(waarde, dict):
        return ", ".join(f"{k}: {t}" for k, v in waarde.items() if k not in PERSOONSGEGEVENS and (t := _tekst(v)))
    if isinstance(waarde, list):
        return f"{len(waarde)} item(s)"
    if is_dataclass(waarde):
        return ", ".join(f"{f.name}: {t}" for f in fields(waarde) if (t := _tekst(getattr(waarde, f.name))))
    return str(waarde)
