"""Berichten van een provider over zijn eigen trajecten en facturen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hub.aggregates.jobcoachperiode import Jobcoachperiode, Urenregel
from hub.aggregates.traject import Traject
from hub.berichten import (
    Beeindiging,
    Contactmoment,
    Intake,
    JobcoachAanvraag,
    Mutatie,
    Nazorg,
    NoShow,
    Oproep,
    Plaatsing,
    Plan,
    Urenverantwoording,
    Voortgang,
    Werkaanbieding,
)
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout
from hub.domein.kalender import plus_dagen
from hub.domein.termijnen import (
    JOBCOACHAANVRAAG_DAGEN,
    TERMIJN_OVERSCHREDEN,
    signalen_oproep,
    signalen_plan,
    signalen_urenverantwoording,
)
from hub.toepassing.verwerking.context import Verwerkingscontext
from hub.toepassing.verwerking.creditnota import creditnota
from hub.toepassing.verwerking.factuurintake import factuur
from hub.toepassing.verwerking.resultaat import Resultaat

KOPIE_ONTBREEKT = "KOPIE_ONTBREEKT"


def eigen_traject(v: Verwerkingscontext, bericht: Any) -> Traject:
    """Een traject van een andere provider krijgt hetzelfde antwoord als een traject dat niet bestaat."""
    traject = v.zoek_traject(bericht.gemeente, bericht.traject_id)
    if traject is None or traject.provider != bericht.afzender:
        raise f.onbekend_traject(bericht.gemeente, bericht.traject_id)
    return traject


def oproep(v: Verwerkingscontext, b: Oproep) -> Resultaat:
    traject = eigen_traject(v, b)
    traject.registreer_oproep(b.datum_uitnodiging, b.datum_gesprek, b.kopie_naar_klantmanager)
    signalen = [s.als_dict() for s in signalen_oproep(traject.datum_aanmelding, b.datum_uitnodiging, b.datum_gesprek)]
    if not b.kopie_naar_klantmanager and len(traject.oproepen) == 1:
        signalen.append({"code": KOPIE_ONTBREEKT, "melding": "Stuur een kopie van de eerste uitnodiging naar de klantmanager."})
    return Resultaat([traject], signalen)


def intake(v: Verwerkingscontext, b: Intake) -> Resultaat:
    traject = eigen_traject(v, b)
    traject.registreer_intake(b.datum)
    return Resultaat([traject])


def noshow(v: Verwerkingscontext, b: NoShow) -> Resultaat:
    traject = eigen_traject(v, b)
    traject.registreer_noshow(b.datum_afspraak, b.soort_afspraak)
    return Resultaat([traject])


def plan(v: Verwerkingscontext, b: Plan) -> Resultaat:
    traject = eigen_traject(v, b)
    traject.dien_plan_in(
        datum=b.datum,
        trajectbegeleider=b.trajectbegeleider.model_dump(by_alias=False),
        ondertekend_client=b.ondertekend_client,
        ondertekend_begeleider=b.ondertekend_begeleider,
        gericht_op_uitstroom=b.gericht_op_uitstroom,
        analyse=b.analyse,
        stappen=[s.model_dump(by_alias=False) for s in b.stappen],
        trede=b.trede,
    )
    return Resultaat([traject], [s.als_dict() for s in signalen_plan(traject.datum_aanmelding, b.datum)])


def voortgang(v: Verwerkingscontext, b: Voortgang) -> Resultaat:
    traject = eigen_traject(v, b)
    traject.rapporteer_voortgang(b.kwartaal, b.trede, b.toelichting)
    return Resultaat([traject])


def mutatie(v: Verwerkingscontext, b: Mutatie) -> Resultaat:
    traject = eigen_traject(v, b)
    bekend = v.catalogus.product(traject.provider, traject.gemeente, b.nieuw_product) is not None
    traject.vraag_mutatie_aan(b.reden, b.bijgesteld_doel, b.nieuw_product, b.nieuwe_prijs, b.planning, bekend)
    return Resultaat([traject])


def plaatsing(v: Verwerkingscontext, b: Plaatsing) -> Resultaat:
    traject = eigen_traject(v, b)
    traject.plaats(b.datum_indienst, b.werkgever, b.uren_per_week, b.contractduur_maanden, b.arbeidsovereenkomst_ref)
    return Resultaat([traject])


def nazorg(v: Verwerkingscontext, b: Nazorg) -> Resultaat:
    traject = eigen_traject(v, b)
    traject.lever_nazorgmaand(b.maand)
    return Resultaat([traject])


def contactmoment(v: Verwerkingscontext, b: Contactmoment) -> Resultaat:
    traject = eigen_traject(v, b)
    traject.registreer_contactmoment(b.datum, b.onderwerp)
    return Resultaat([traject])


def werkaanbieding(v: Verwerkingscontext, b: Werkaanbieding) -> Resultaat:
    traject = eigen_traject(v, b)
    traject.registreer_werkaanbieding(b.datum, b.werkgever, b.functie)
    return Resultaat([traject])


def beeindiging(v: Verwerkingscontext, b: Beeindiging) -> Resultaat:
    traject = eigen_traject(v, b)
    traject.beeindig(b.datum, b.reden, b.vervolgadvies)
    return Resultaat([traject])


def jobcoach_aanvraag(v: Verwerkingscontext, b: JobcoachAanvraag) -> Resultaat:
    traject = eigen_traject(v, b)
    if v.zoek_periode(b.gemeente, b.periode_id) is not None:
        raise DomeinFout(f.DUBBELE_MELDING, "periodeId", f"Periode {b.periode_id} bestaat al; kies een nieuw periodeId.")
    traject.koppel_jobcoachperiode(
        {"periode_id": b.periode_id, "soort": b.soort, "start": b.start, "eind": b.eind,
         "bijzondere_omstandigheden": b.bijzondere_omstandigheden}
    )
    ontvangen = b.verzonden.date()
    periode = Jobcoachperiode(
        gemeente=b.gemeente,
        periode_id=b.periode_id,
        traject_id=b.traject_id,
        provider=traject.provider,
        soort=b.soort,
        start=b.start,
        eind=b.eind,
        uren_gepland=b.uren_gepland,
        jobcoachplan_ref=b.jobcoachplan_ref,
        werkgever=b.werkgever,
        bijzondere_omstandigheden=b.bijzondere_omstandigheden,
        datum_aanvraag=ontvangen,
    )
    signalen = []
    if ontvangen > plus_dagen(b.start, JOBCOACHAANVRAAG_DAGEN):
        signalen.append({"code": TERMIJN_OVERSCHREDEN,
                         "melding": f"De aanvraag kwam op {ontvangen:%d-%m-%Y}, meer dan 4 weken na de start ({b.start:%d-%m-%Y})."})
    return Resultaat([traject, periode], signalen)


def urenverantwoording(v: Verwerkingscontext, b: Urenverantwoording) -> Resultaat:
    eigen_traject(v, b)
    periode = v.zoek_periode(b.gemeente, b.periode_id)
    if periode is None or periode.traject_id != b.traject_id:
        raise DomeinFout(f.ONGELDIGE_WAARDE, "periodeId", f"Periode {b.periode_id} hoort niet bij traject {b.traject_id}.")
    ontvangen = b.verzonden.date()
    periode.verantwoord_uren(
        [Urenregel(datum=r.datum, uren=r.uren, activiteit=r.activiteit) for r in b.regels],
        b.afwijkingen or "",
        b.ondertekend.model_dump(by_alias=False),
        b.doelen_bereikt,
        ontvangen,
    )
    return Resultaat([periode], [s.als_dict() for s in signalen_urenverantwoording(periode.eind, ontvangen)])


AFHANDELING: dict[str, Callable[..., Resultaat]] = {
    "oproep": oproep,
    "intake": intake,
    "noShow": noshow,
    "plan": plan,
    "voortgang": voortgang,
    "mutatie": mutatie,
    "plaatsing": plaatsing,
    "nazorg": nazorg,
    "beeindiging": beeindiging,
    "contactmoment": contactmoment,
    "werkaanbieding": werkaanbieding,
    "jobcoachAanvraag": jobcoach_aanvraag,
    "urenverantwoording": urenverantwoording,
    "factuur": factuur,
    "creditnota": creditnota,
}
