"""Regels over de geleverde prestatie van een traject: gekocht product, gestart, binnen de periode, no-show, bonus,
nazorg en de verplichtingen binnen een termijn (Werk boven Uitkering)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from hub.aggregates.factuur import Factuurregel
from hub.contracten.model import Product
from hub.controle.bevindingen import (
    BONUS_NIET_VERDIEND,
    BUITEN_PERIODE,
    GEEN_PRESTATIE,
    NOSHOW_STAFFEL,
    NUL,
    PRODUCT_NIET_TOEGEWEZEN,
    VERPLICHTINGEN_NIET_NAGEKOMEN,
    Toets,
    dag,
    getal,
)
from hub.controle.trajectfeiten import Trajectfeiten
from hub.domein.geld import euro
from hub.domein.trajectregels import (
    binnen_bonusvenster,
    nazorgmaanden,
    nazorgvenster,
    noshow_bedrag,
    uiterlijke_bonusplaatsing,
)


def noshow_percentage(product: Product, volgnummer: int) -> Decimal | None:
    """Het staffelpercentage voor de n-de no-show; een no-showproduct zonder staffel telt voor 100 %."""
    if product.noshow_staffel:
        return product.noshow_percentage(volgnummer)
    return Decimal(100) if product.eenheid == "noshow" else None


def bestaat(regel: Factuurregel, traject: Trajectfeiten | None, afzender: str, gemeente: str) -> Toets:
    toets = Toets()
    if regel.traject_id is None:
        return toets.voeg_toe(GEEN_PRESTATIE, "De regel noemt geen traject; zonder trajectId is geen prestatie na te gaan.", NUL)
    if traject is None:
        return toets.voeg_toe(
            GEEN_PRESTATIE,
            f"Traject {regel.traject_id} van gemeente {gemeente} is onbekend: er is geen aanmelding. "
            "Controleer het trajectId; goedkeuren kan pas als de aanmelding er is.",
            NUL,
        )
    if traject.provider != afzender:
        toets.voeg_toe(
            GEEN_PRESTATIE,
            f"Traject {regel.traject_id} is aangemeld bij {traject.provider}, niet bij {afzender}; wijs de regel af.",
            NUL,
        )
    return toets


def toegewezen(regel: Factuurregel, traject: Trajectfeiten, gekocht: set[str]) -> Toets:
    """`gekocht`: wat de gemeente voor het traject kocht (aanmelding, goedgekeurde mutaties) met wat er volgens het
    contract bij hoort. Een omzetting is een nieuw traject met een eigen aanmelding; haar product hoort op dat traject."""
    toets = Toets()
    if regel.product is None or regel.product in gekocht:
        return toets
    aangemeld = traject.oorspronkelijk_product or traject.product
    mutaties = f", na goedgekeurde mutatie {', '.join(traject.mutatieproducten)}" if traject.mutatieproducten else ""
    omgezet = (
        f" Het traject is op {dag(traject.omgezet_op)} omgezet naar {traject.omgezet_naar}; een nieuw product hoort op dat traject."
        if traject.omgezet_naar else ""
    )
    return toets.voeg_toe(
        PRODUCT_NIET_TOEGEWEZEN,
        f"{regel.product} is niet gekocht voor traject {traject.traject_id}: aangemeld voor {aangemeld}{mutaties}; op dit "
        f"traject horen {', '.join(sorted(gekocht))}.{omgezet} Wijs de regel af; alleen een aanmelding, goedgekeurde "
        f"mutatie of omzetting naar {regel.product} maakt deze regel betaalbaar.",
        NUL,
    )


def gestart(regel: Factuurregel, traject: Trajectfeiten) -> Toets:
    toets = Toets()
    if traject.gestart:
        return toets
    return toets.voeg_toe(
        GEEN_PRESTATIE,
        f"Traject {traject.traject_id} is niet gestart: er is geen intake, plaatsing of afronding gemeld. "
        "Wacht op dat bericht of wijs de regel af.",
        NUL,
    )


def verplichtingen(regel: Factuurregel, traject: Trajectfeiten, product: Product) -> Toets:
    """Contactmomenten en werkaanbiedingen binnen de termijn na de start; zonder die is er (nog) niets te betalen."""
    toets = Toets()
    eisen = product.verplichtingen
    if eisen is None:
        return toets
    start = traject.startdatum
    eind = start + timedelta(days=eisen.termijn_dagen - 1)
    contacten = sum(1 for d in traject.contactmomenten if start <= d <= eind)
    aanbiedingen = sum(1 for d in traject.werkaanbiedingen if start <= d <= eind)
    tekort = []
    if contacten < eisen.contactmomenten:
        tekort.append(f"{contacten} van de {eisen.contactmomenten} contactmomenten")
    if aanbiedingen < eisen.werkaanbiedingen:
        tekort.append(f"{aanbiedingen} van de ten minste {eisen.werkaanbiedingen} werkaanbiedingen")
    if not tekort:
        return toets
    return toets.voeg_toe(
        VERPLICHTINGEN_NIET_NAGEKOMEN,
        f"{product.code} ({product.naam}) vraagt in de {eisen.termijn_dagen} dagen van {dag(start)} t/m {dag(eind)} "
        f"{eisen.contactmomenten} contactmomenten en ten minste {eisen.werkaanbiedingen} werkaanbiedingen; gemeld zijn "
        f"{' en '.join(tekort)}. Betaal pas als de aanbieder ze meldt, of wijs de regel af.",
        NUL,
    )


def binnen_traject(regel: Factuurregel, traject: Trajectfeiten, product: Product) -> Toets:
    toets = Toets()
    start = regel.periode_start
    if start is None:
        return toets
    if start < traject.datum_aanmelding:
        toets.voeg_toe(
            BUITEN_PERIODE,
            f"De periode begint op {dag(start)}, vóór de aanmelding van traject {traject.traject_id} op "
            f"{dag(traject.datum_aanmelding)}.",
        )
    if product.nazorg_maximum_maanden:
        return toets
    if traject.omgezet_op is not None and start > traject.omgezet_op:
        toets.voeg_toe(
            BUITEN_PERIODE,
            f"De periode begint op {dag(start)}, na de omzetting van traject {traject.traject_id} op "
            f"{dag(traject.omgezet_op)} naar {traject.omgezet_naar}.",
        )
    elif traject.einde is not None and start > traject.einde:
        toets.voeg_toe(
            BUITEN_PERIODE,
            f"De periode begint op {dag(start)}, na het einde van traject {traject.traject_id} op {dag(traject.einde)}.",
        )
    return toets


def noshow(regel: Factuurregel, traject: Trajectfeiten, product: Product, prijs: Decimal) -> Toets:
    toets = Toets()
    n = regel.noshow_volgnummer
    if n is None:
        if product.eenheid == "noshow" and not traject.noshows:
            toets.voeg_toe(
                GEEN_PRESTATIE, f"Voor traject {traject.traject_id} is geen no-show gemeld; wacht op het no-showbericht of wijs af.", NUL
            )
        return toets
    percentage = noshow_percentage(product, n)
    if percentage is None:
        return toets.voeg_toe(
            NOSHOW_STAFFEL, f"{product.code} ({product.naam}) kent geen no-showtarief; een no-show wordt niet vergoed.", NUL
        )
    if n not in traject.noshows:
        gemeld = ", ".join(f"{v}e op {dag(d)}" for v, d in sorted(traject.noshows.items())) or "geen"
        toets.voeg_toe(
            GEEN_PRESTATIE,
            f"Er is geen {n}e no-show gemeld voor traject {traject.traject_id} (gemeld: {gemeld}); "
            "wacht op het no-showbericht of wijs de regel af.",
            NUL,
        )
    aantal = regel.aantal if regel.aantal is not None else Decimal(1)
    gefactureerde_prijs = regel.prijs if regel.prijs is not None else prijs
    juist = noshow_bedrag(aantal, gefactureerde_prijs, percentage)
    afwijkend_percentage = regel.percentage is not None and regel.percentage != percentage
    if afwijkend_percentage or (regel.bedrag is not None and regel.bedrag != juist):
        gefactureerd = euro(regel.bedrag) if regel.bedrag is not None else "geen bedrag"
        genoemd = f" ({getal(regel.percentage)} %)" if regel.percentage is not None else ""
        toets.voeg_toe(
            NOSHOW_STAFFEL,
            f"No-show {n} van traject {traject.traject_id}: gefactureerd {gefactureerd}{genoemd}; de staffel geeft "
            f"{getal(percentage)} % van {euro(gefactureerde_prijs)} = {euro(juist)}.",
        )
    return toets


def bonus(regel: Factuurregel, traject: Trajectfeiten, product: Product) -> Toets:
    toets = Toets()
    if product.bonus is None:
        return toets
    voor = product.bonus.voor_product
    if traject.product != voor and traject.oorspronkelijk_product != voor:
        return toets.voeg_toe(
            BONUS_NIET_VERDIEND,
            f"De plaatsingsbonus {product.code} hoort bij {voor}; traject {traject.traject_id} is {traject.product}.",
            NUL,
        )
    maanden = product.bonus.binnen_maanden
    uiterlijk = uiterlijke_bonusplaatsing(traject.startdatum, maanden)
    start = "de intake" if traject.datum_intake else "de aanmelding"
    venster = f"uiterlijk {dag(uiterlijk)} ({maanden} maanden na de start op {dag(traject.startdatum)}, {start})"
    if traject.datum_indienst is None:
        return toets.voeg_toe(
            BONUS_NIET_VERDIEND,
            f"Voor traject {traject.traject_id} is geen plaatsing gemeld; de bonus geldt bij plaatsing {venster}.",
            NUL,
        )
    if not binnen_bonusvenster(traject.startdatum, traject.datum_indienst, maanden):
        toets.voeg_toe(
            BONUS_NIET_VERDIEND,
            f"Geplaatst op {dag(traject.datum_indienst)}, te laat voor de bonus: die geldt bij plaatsing {venster}.",
            NUL,
        )
    return toets


def nazorgmaand(regel: Factuurregel, traject: Trajectfeiten) -> Toets:
    toets = Toets()
    maand = regel.maand
    if maand is None or maand in traject.nazorgmaanden:
        return toets
    return toets.voeg_toe(
        GEEN_PRESTATIE,
        f"Nazorgmaand {maand} van traject {traject.traject_id} is niet gemeld; wacht op het nazorgbericht of wijs de regel af.",
        NUL,
    )


def nazorg_in_venster(regel: Factuurregel, traject: Trajectfeiten, product: Product) -> Toets:
    """Een nazorgmaand is een kalendermaand die het venster na de datum in dienst raakt (DOMEIN.md, Nazorg)."""
    toets = Toets()
    maanden, maand, indienst = product.nazorg_venster_maanden, regel.maand, traject.datum_indienst
    if not maanden or maand is None or indienst is None or maand in nazorgmaanden(indienst, maanden):
        return toets
    van, tot = nazorgvenster(indienst, maanden)
    venster = nazorgmaanden(indienst, maanden)
    return toets.voeg_toe(
        BUITEN_PERIODE,
        f"Nazorgmaand {maand} valt buiten de nazorg van traject {traject.traject_id}: in dienst op {dag(indienst)}, nazorg "
        f"van {dag(van)} t/m {dag(tot)} (maanden {venster[0]} t/m {venster[-1]}, ten hoogste "
        f"{product.nazorg_maximum_maanden or len(venster)} vergoed). Wijs de regel af.",
        NUL,
    )
