"""Regels over jobcoachregels: toegekende periode, verantwoorde uren en toegekende uren."""

from __future__ import annotations

from decimal import Decimal

from hub.contracten.model import Product
from hub.controle.bevindingen import (
    BUITEN_PERIODE,
    GEEN_PRESTATIE,
    NUL,
    UREN_BOVEN_TOEKENNING,
    UREN_NIET_VERANTWOORD,
    VERPLICHT_VELD,
    Toets,
    dag,
    getal,
)
from hub.controle.feiten import Gefactureerd, Periodefeiten
from hub.domein.geld import maal


def periode(regel: Gefactureerd, feiten: Periodefeiten | None, product: Product, prijs: Decimal, eerder: list[Gefactureerd],
            toegekend_nu: Decimal | None = None) -> Toets:
    """`eerder`: regels op dezelfde periode die vóór deze regel binnenkwamen en niet zijn afgewezen; `toegekend_nu`: de
    toegekende uren na overheveling tussen de jaren (zonder: die van de toekenning)."""
    toets = Toets()
    r = regel.regel
    if r.periode_id is None:
        if product.eenheid == "uur" or product.werkbegeleidingsjaar:
            toets.voeg_toe(
                VERPLICHT_VELD,
                "Een regel voor jobcoaching of interne werkbegeleiding noemt de toegekende periode (periodeId); "
                "vraag de aanbieder die aan te vullen.",
                NUL,
            )
        return toets
    if feiten is None:
        return toets.voeg_toe(GEEN_PRESTATIE, f"Jobcoachperiode {r.periode_id} is onbekend; controleer de periodeId.", NUL)
    if feiten.provider != regel.afzender:
        return toets.voeg_toe(
            GEEN_PRESTATIE, f"Jobcoachperiode {r.periode_id} hoort bij {feiten.provider}, niet bij {regel.afzender}; wijs de regel af.", NUL
        )
    toegekend = toegekend_nu if toegekend_nu is not None else feiten.uren_toegekend
    if toegekend is None:
        return toets.voeg_toe(
            GEEN_PRESTATIE, f"Jobcoachperiode {r.periode_id} is aangevraagd maar niet toegekend; wacht op de toekenning.", NUL
        )
    van, tot = r.periode_start or feiten.start, r.periode_eind or feiten.eind
    if van < feiten.start or tot > feiten.eind:
        buiten = tot < feiten.start or van > feiten.eind
        toets.voeg_toe(
            BUITEN_PERIODE,
            f"De regel loopt van {dag(van)} t/m {dag(tot)}; toegekend is {dag(feiten.start)} t/m {dag(feiten.eind)}.",
            NUL if buiten else None,
        )
    if product.eenheid != "uur" or r.aantal is None:
        return toets
    verantwoord = feiten.verantwoord_tussen(max(van, feiten.start), min(tot, feiten.eind))
    if r.aantal > verantwoord:
        toets.voeg_toe(
            UREN_NIET_VERANTWOORD,
            f"Gefactureerd {getal(r.aantal)} uur van {dag(van)} t/m {dag(tot)}; in de urenverantwoording staat voor die dagen "
            f"{getal(verantwoord)} uur.",
        )
    al = sum((e.regel.aantal or Decimal(0) for e in eerder), Decimal(0))
    if al + r.aantal > toegekend:
        toets.voeg_toe(
            UREN_BOVEN_TOEKENNING,
            f"Met deze regel komt periode {r.periode_id} op {getal(al + r.aantal)} uur (eerder {getal(al)}, nu {getal(r.aantal)}); "
            f"toegekend is {getal(toegekend)} uur.",
        )
    uren = min(r.aantal, verantwoord, max(Decimal(0), toegekend - al))
    if uren < r.aantal:
        toets.plafond = maal(uren, prijs) if toets.plafond is None else min(toets.plafond, maal(uren, prijs))
    return toets
