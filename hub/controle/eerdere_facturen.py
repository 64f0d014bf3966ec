"""Regels over eerdere facturen: dubbel gefactureerd, nazorgmaximum, omzetting en plafonds."""

from __future__ import annotations

from collections.abc import Callable, Collection
from decimal import Decimal

from hub.contracten.model import Contract, Plafond, Product
from hub.controle.bevindingen import BUDGETPLAFOND, DUBBEL_GEFACTUREERD, NAZORG_MAXIMUM, NUL, OMZETTING_VERREKEND, Toets, dag
from hub.controle.feiten import Gefactureerd
from hub.controle.prijs import PER_TRAJECT
from hub.controle.trajectfeiten import Trajectfeiten
from hub.domein.geld import euro
from hub.domein.trajectregels import nazorgmaanden


def sleutel(regel: Gefactureerd, product: Product) -> tuple:
    """Wat niet twee keer gefactureerd mag worden: per traject, per maand of per periode, naar de eenheid."""
    r = regel.regel
    if r.noshow_volgnummer is not None:
        return (r.traject_id, r.product, "noshow", r.noshow_volgnummer)
    if product.nazorg_maximum_maanden or product.eenheid == "maand":
        return (r.traject_id, r.product, "maand", r.maand)
    if product.opdrachtbedrag:
        # Een toewijzing mag in delen gefactureerd worden, elke periode één keer; samen binnen het opdrachtbedrag.
        return (r.traject_id, r.product, r.periode_start, r.periode_eind)
    if product.eenheid in PER_TRAJECT:
        return (r.traject_id, r.product)
    if product.werkbegeleidingsjaar:
        # Het jaar volgt uit de periode, niet uit de code: dezelfde periode onder een andere jaarcode is ook dubbel.
        return (r.traject_id, "werkbegeleiding", r.periode_id, r.periode_start, r.periode_eind)
    return (r.traject_id, r.product, r.periode_id, r.periode_start, r.periode_eind)


def _periode(regel: Gefactureerd) -> str:
    r = regel.regel
    if r.periode_start and r.periode_eind:
        return f" ({dag(r.periode_start)} t/m {dag(r.periode_eind)})"
    return ""


def dubbel(regel: Gefactureerd, product: Product, eerder: list[Gefactureerd], product_van: Callable[[str], Product | None]) -> Toets:
    """`eerder`: niet-afgewezen regels van dezelfde aanbieder en gemeente die vóór deze binnenkwamen."""
    toets = Toets()
    mijn = sleutel(regel, product)
    for ander in eerder:
        ander_product = product_van(ander.regel.product) if ander.regel.product else None
        if ander_product is None or sleutel(ander, ander_product) != mijn:
            continue
        return toets.voeg_toe(
            DUBBEL_GEFACTUREERD,
            f"Traject {regel.regel.traject_id}, {regel.regel.product}{_periode(regel)} is al gefactureerd op factuur "
            f"{ander.factuurnummer} regel {ander.regel.regelnummer}.",
            NUL,
        )
    return toets


def nazorgmaximum(regel: Gefactureerd, product: Product, eerder: list[Gefactureerd], traject: Trajectfeiten | None) -> Toets:
    """Alleen maanden binnen het nazorgvenster tellen mee; een maand erbuiten is `BUITEN_PERIODE` en neemt geen plaats in."""
    toets = Toets()
    maximum = product.nazorg_maximum_maanden
    if not maximum:
        return toets
    r = regel.regel
    venster = None
    if product.nazorg_venster_maanden and traject is not None and traject.datum_indienst is not None:
        venster = set(nazorgmaanden(traject.datum_indienst, product.nazorg_venster_maanden))
        if r.maand not in venster:
            return toets
    maanden = sorted(
        {e.regel.maand for e in eerder if e.regel.product == r.product and e.regel.maand and e.regel.maand != r.maand
         and (venster is None or e.regel.maand in venster)}
    )
    if len(maanden) < maximum:
        return toets
    return toets.voeg_toe(
        NAZORG_MAXIMUM,
        f"Voor traject {r.traject_id} zijn al {len(maanden)} nazorgmaanden gefactureerd ({', '.join(maanden)}); "
        f"het contract vergoedt ten hoogste {maximum}.",
        NUL,
    )


def al_betaald(oud: Trajectfeiten, regels: list[Gefactureerd]) -> Decimal:
    """Wat voor het oude traject is goedgekeurd, of gefactureerd zolang er nog geen besluit is."""
    totaal = Decimal(0)
    for g in regels:
        if g.vervallen or g.regel.product != oud.product:
            continue
        totaal += (g.goedgekeurd_bedrag or Decimal(0)) if g.besluit is not None else g.gefactureerd
    return totaal


def omzetting(
    regel: Gefactureerd, traject: Trajectfeiten, contract: Contract, basis: Decimal, regels_oud: list[Gefactureerd], oud: Trajectfeiten | None
) -> tuple[Toets, Decimal | None]:
    """Geeft de toets en de verlaagde prijs per eenheid die de aanbieder ook mag noemen."""
    toets = Toets()
    r = regel.regel
    if not contract.omzetting_verrekenen or traject.omzetting_van is None or oud is None or r.product != traject.product:
        return toets, None
    betaald = al_betaald(oud, regels_oud)
    if betaald <= 0:
        return toets, None
    verlaagd = max(NUL, basis - betaald)
    if r.bedrag is not None and r.bedrag <= verlaagd:
        toets.plafond = verlaagd
        return toets, verlaagd
    toets.voeg_toe(
        OMZETTING_VERREKEND,
        f"Traject {traject.traject_id} is een omzetting van {traject.omzetting_van}; daarvoor is al {euro(betaald)} "
        f"gefactureerd of goedgekeurd. Verwacht {euro(basis)} − {euro(betaald)} = {euro(verlaagd)}.",
        verlaagd,
    )
    return toets, verlaagd


def plafonds(
    regel: Gefactureerd, plafonds_: list[Plafond], jaar: int, al: Decimal, clienten: Collection[str], aanbieder: str, gemeente: str
) -> Toets:
    """`al` en `clienten`: het goedgekeurde bedrag (excl. BTW) en de cliënten van de andere goedgekeurde regels van deze
    aanbieder en gemeente met een leverdatum in `jaar`."""
    toets = Toets()
    bedrag = regel.gefactureerd
    for plafond in plafonds_:
        if plafond.bedrag is not None and al + bedrag > plafond.bedrag:
            toets.voeg_toe(
                BUDGETPLAFOND,
                f"Goedgekeurd in {jaar} voor {aanbieder} bij {gemeente}: {euro(al)}; met deze regel ({euro(bedrag)}) "
                f"komt het op {euro(al + bedrag)}, boven het budget van {euro(plafond.bedrag)}. Overleg vóór goedkeuren.",
            )
        if (plafond.aantal is not None and regel.regel.client_sleutel not in clienten
                and len(clienten) + 1 > plafond.aantal):
            toets.voeg_toe(
                BUDGETPLAFOND,
                f"In {jaar} zijn al {len(clienten)} cliënten van {aanbieder} bij {gemeente} goedgekeurd; het plafond is "
                f"{plafond.aantal} per jaar. Overleg vóór goedkeuren.",
            )
    return toets
