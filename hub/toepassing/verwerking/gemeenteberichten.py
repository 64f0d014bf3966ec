"""Berichten van de gemeente: aanmelding, besluiten en toekenningen. Elk wordt doorgestuurd naar de provider."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hub.aggregates.jobcoachperiode import Jobcoachperiode
from hub.aggregates.traject import Traject
from hub.berichten import Aanmelding, JobcoachToekenning, MutatieBesluit, PlanBesluit
from hub.domein import fouten as f
from hub.domein.clientgegevens import Clientgegevens
from hub.domein.fouten import DomeinFout
from hub.domein.termijnen import signalen_besluit
from hub.toepassing.verwerking.context import Verwerkingscontext
from hub.toepassing.verwerking.resultaat import Resultaat


def _door(bericht: Any, provider: str) -> list[tuple[str, dict[str, Any]]]:
    return [(provider, bericht.model_dump(mode="json"))]


def _persoon(v: Verwerkingscontext) -> tuple[str | None, str | None]:
    return (v.door.naam, v.door.gebruiker) if v.door is not None else (None, None)


def aanmelding(v: Verwerkingscontext, b: Aanmelding) -> Resultaat:
    if v.zoek_traject(b.gemeente, b.traject_id) is not None:
        raise DomeinFout(f.TRAJECT_BESTAAT, "trajectId", f"Traject {b.traject_id} bestaat al bij {b.gemeente}; kies een nieuw trajectId.")
    if b.provider not in v.catalogus.partijen.providercodes():
        raise DomeinFout(f.ONGELDIGE_WAARDE, "provider", f"Provider {b.provider!r} is onbekend; gebruik de code uit het contract.")
    traject = Traject.meld_aan(
        gemeente=b.gemeente,
        traject_id=b.traject_id,
        provider=b.provider,
        product=b.product,
        datum_aanmelding=b.datum_aanmelding,
        klantmanager=b.klantmanager,
        reden_verwijzing=b.reden_verwijzing,
        client=Clientgegevens(**b.client.model_dump(by_alias=False)),
        product_bekend=v.catalogus.product(b.provider, b.gemeente, b.product) is not None,
        omzetting_van=b.omzetting_van,
    )
    aggregates: list[Any] = []
    if b.omzetting_van:
        oud = v.traject(b.gemeente, b.omzetting_van)
        if oud.provider != b.provider:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "omzettingVan", "Omzetten kan alleen naar een product van dezelfde provider.")
        oud.zet_om(b.traject_id, b.datum_aanmelding)
        aggregates.append(oud)
    return Resultaat([traject, *aggregates], doorsturen=_door(b, b.provider))


def plan_besluit(v: Verwerkingscontext, b: PlanBesluit) -> Resultaat:
    traject = v.traject(b.gemeente, b.traject_id)
    traject.beoordeel_plan(b.datum, b.besluit, b.toelichting or "", *_persoon(v))
    plan = traject.plan
    signalen = [s.als_dict() for s in signalen_besluit(plan["datum"], b.datum)] if plan is not None else []
    return Resultaat([traject], signalen, _door(b, traject.provider))


def mutatie_besluit(v: Verwerkingscontext, b: MutatieBesluit) -> Resultaat:
    traject = v.traject(b.gemeente, b.traject_id)
    traject.beoordeel_mutatie(b.datum, b.besluit, b.toelichting or "", *_persoon(v))
    return Resultaat([traject], doorsturen=_door(b, traject.provider))


def jobcoach_toekenning(v: Verwerkingscontext, b: JobcoachToekenning) -> Resultaat:
    traject = v.traject(b.gemeente, b.traject_id)
    periode = v.zoek_periode(b.gemeente, b.periode_id)
    if periode is None:
        raise DomeinFout(
            f.ONGELDIGE_VOLGORDE, "periodeId", f"Periode {b.periode_id} is niet aangevraagd; wacht op de jobcoachaanvraag."
        )
    if periode.traject_id != b.traject_id:
        raise DomeinFout(f.ONGELDIGE_WAARDE, "periodeId", f"Periode {b.periode_id} hoort bij traject {periode.traject_id}.")
    periode.ken_toe(b.start, b.eind, b.uren_toegekend, b.soort, *_persoon(v))
    return Resultaat([periode], doorsturen=_door(b, traject.provider))


AFHANDELING: dict[str, Callable[..., Resultaat]] = {
    "aanmelding": aanmelding,
    "planBesluit": plan_besluit,
    "mutatieBesluit": mutatie_besluit,
    "jobcoachToekenning": jobcoach_toekenning,
}

__all__ = ["AFHANDELING", "Jobcoachperiode"]
