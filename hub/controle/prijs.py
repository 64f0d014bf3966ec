"""Regels over de prijsafspraak: is er een prijs op de leverdatum, klopt de prijs, het BTW-tarief en het aantal."""

from __future__ import annotations

from decimal import Decimal

from hub.aggregates.factuur import Factuurregel
from hub.contracten.catalogus import Catalogus, Prijsafspraak
from hub.contracten.model import Prijs
from hub.controle.bevindingen import (
    GEEN_PRIJSAFSPRAAK,
    MAXIMUM_AANTAL,
    NUL,
    OPDRACHTBEDRAG_OVERSCHREDEN,
    PRIJS_AFWIJKING,
    REKENFOUT,
    Toets,
    dag,
    getal,
)
from hub.controle.feiten import Gefactureerd, Kop
from hub.controle.trajectfeiten import Trajectfeiten
from hub.domein.geld import euro

PER_TRAJECT = ("traject", "aanmelding")
"""Eenheden met één prijs per traject: niet per maand, uur of periode."""


def _geldigheid(afspraak_van, afspraak_tot) -> str:
    return f"van {dag(afspraak_van)} t/m {dag(afspraak_tot)}" if afspraak_tot else f"vanaf {dag(afspraak_van)}"


def _toewijzing(catalogus: Catalogus, kop: Kop, regel: Factuurregel,
                traject: Trajectfeiten | None) -> tuple[Prijsafspraak | None, Toets] | None:
    """Een product zonder prijs per eenheid: de prijs is het opdrachtbedrag uit de aanmelding van het traject."""
    assert regel.product is not None and regel.leverdatum is not None
    contract = catalogus.contract_voor(kop.afzender, kop.gemeente, regel.product, regel.leverdatum)
    product = contract.product(regel.product) if contract is not None else None
    if contract is None or product is None or not product.opdrachtbedrag:
        return None
    if traject is not None and traject.opdrachtbedrag is not None and traject.product == regel.product:
        prijs = Prijs(bedrag=traject.opdrachtbedrag, geldig_van=traject.datum_aanmelding,
                      bron=f"opdrachtbedrag bij de aanmelding van traject {traject.traject_id}")
        return Prijsafspraak(contract, product, prijs), Toets()
    return None, Toets().voeg_toe(
        GEEN_PRIJSAFSPRAAK,
        f"{regel.product} ({product.naam}) heeft geen prijs per eenheid: het bedrag is het opdrachtbedrag uit de "
        f"aanmelding, en de aanmelding van traject {regel.traject_id} voor dit product noemt er geen; wijs de regel "
        "af of vraag de klantmanager het toegewezen bedrag.",
        NUL,
    )


def opdrachtbedrag(afspraak: Prijsafspraak, regel: Gefactureerd, eerder: list[Gefactureerd]) -> Toets:
    """De regels van een toewijzing blijven samen binnen het opdrachtbedrag; het verwachte bedrag is wat er nog over is."""
    toets = Toets()
    if not afspraak.product.opdrachtbedrag:
        return toets
    code = afspraak.product.code
    al = sum((g.regel.bedrag or NUL for g in eerder if g.regel.product == code), NUL)
    gefactureerd = regel.regel.bedrag or NUL
    if al + gefactureerd <= afspraak.bedrag:
        return toets
    over = max(afspraak.bedrag - al, NUL)
    eerder_tekst = f"; eerder gefactureerd {euro(al)}" if al else ""
    return toets.voeg_toe(
        OPDRACHTBEDRAG_OVERSCHREDEN,
        f"Het opdrachtbedrag voor traject {regel.regel.traject_id} is {euro(afspraak.bedrag)}{eerder_tekst}; deze regel "
        f"vraagt {euro(gefactureerd)}, er is nog {euro(over)} over.",
        over,
    )


def zoek_afspraak(catalogus: Catalogus, kop: Kop, regel: Factuurregel,
                  traject: Trajectfeiten | None = None) -> tuple[Prijsafspraak | None, Toets]:
    toets = Toets()
    if regel.product is None or regel.leverdatum is None:
        return None, toets
    toegewezen = _toewijzing(catalogus, kop, regel, traject)
    if toegewezen is not None:
        return toegewezen
    afspraak = catalogus.prijsafspraak(kop.afzender, kop.gemeente, regel.product, regel.leverdatum)
    if afspraak is not None:
        return afspraak, toets
    aanbieder = catalogus.partijen.naam(kop.afzender)
    gemeente = catalogus.partijen.naam(kop.gemeente)
    product = catalogus.product(kop.afzender, kop.gemeente, regel.product)
    if product is None:
        melding = (
            f"Er is geen contract van {aanbieder} met {gemeente} voor product {regel.product}; "
            "wijs de regel af of vraag de inkoper het contract aan te vullen."
        )
    elif not product.prijzen:
        melding = (
            f"Voor {regel.product} ({product.naam}) van {aanbieder} is nog geen prijs afgesproken; "
            "vraag de inkoper eerst een prijs in te voeren."
        )
    else:
        bekend = "; ".join(f"{euro(p.bedrag)} {_geldigheid(p.geldig_van, p.geldig_tot)}" for p in product.prijzen)
        melding = (
            f"Op {dag(regel.leverdatum)} geldt geen prijsafspraak van {aanbieder} voor {regel.product} (bekend: {bekend}); "
            "vraag de inkoper een prijs voor deze datum in te voeren."
        )
    toets.voeg_toe(GEEN_PRIJSAFSPRAAK, melding, NUL)
    return None, toets


def eenheidsprijs(afspraak: Prijsafspraak, regel: Factuurregel) -> Decimal:
    """De contractprijs; bij een maximumprijs het gefactureerde als dat lager is. Het maximum van interne
    werkbegeleiding geldt per jaar, voor alle regels samen, en volgt uit de periode: dat toetst `werkbegeleiding`."""
    if (afspraak.product.werkbegeleidingsjaar or afspraak.product.opdrachtbedrag) and regel.prijs is not None:
        return regel.prijs
    if afspraak.product.prijs_is_maximum and regel.prijs is not None:
        return min(regel.prijs, afspraak.bedrag)
    return afspraak.bedrag


def prijs(catalogus: Catalogus, kop: Kop, afspraak: Prijsafspraak, regel: Factuurregel, ook_goed: Decimal | None = None) -> Toets:
    toets = Toets()
    if regel.prijs is None or regel.prijs == ook_goed or afspraak.product.werkbegeleidingsjaar or afspraak.product.opdrachtbedrag:
        return toets
    maximum = afspraak.product.prijs_is_maximum
    if regel.prijs == afspraak.bedrag or (maximum and regel.prijs <= afspraak.bedrag):
        return toets
    aanbieder = catalogus.partijen.naam(kop.afzender)
    hoogte = "ten hoogste " if maximum else ""
    return toets.voeg_toe(
        PRIJS_AFWIJKING,
        f"Gefactureerd {euro(regel.prijs)}, prijsafspraak {aanbieder} {afspraak.product.code} per "
        f"{dag(afspraak.prijs.geldig_van)} is {hoogte}{euro(afspraak.bedrag)}.",
    )


def btw(afspraak: Prijsafspraak, regel: Factuurregel) -> Toets:
    toets = Toets()
    tarief = afspraak.btw_percentage
    if regel.btw_percentage is None or regel.btw_percentage == tarief:
        return toets
    return toets.voeg_toe(
        REKENFOUT,
        f"De regel rekent {getal(regel.btw_percentage)} % BTW; het contract voor {afspraak.product.code} zegt {getal(tarief)} %.",
    )


def aantal_per_traject(afspraak: Prijsafspraak, regel: Factuurregel) -> Toets:
    """Een product per traject of per aanmelding is één eenheid; BAL-ADVIES dekt zo ten hoogste 3 gesprekken."""
    toets = Toets()
    product = afspraak.product
    if product.eenheid not in PER_TRAJECT or regel.noshow_volgnummer is not None or product.opdrachtbedrag:
        return toets
    if regel.aantal is None or regel.aantal <= 1:
        return toets
    dekt = f" en dekt ten hoogste {product.maximum_aantal} gesprekken" if product.maximum_aantal else ""
    return toets.voeg_toe(
        MAXIMUM_AANTAL,
        f"{product.code} ({product.naam}) is één prijs per {product.eenheid}{dekt}; gefactureerd aantal "
        f"{getal(regel.aantal)}, verwacht 1 × {euro(afspraak.bedrag)}.",
        afspraak.bedrag,
    )
