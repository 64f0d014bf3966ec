"""Interne werkbegeleiding: alle regels van één jaar van werkbegeleiding samen blijven binnen het maximum van dat jaar.

Het jaar van een regel volgt uit haar periode (`hub.domein.werkbegeleiding`), gerekend vanaf de start van de eerste
toegekende periode interne werkbegeleiding op het traject; welke code (JC-INTERN-J1/J2/J3) de aanbieder noemt, doet
daarvoor niet ter zake (DOMEIN.md). Een andere code dan het jaar geeft geen eigen bevinding: het maximum en dus het
bedrag volgen al uit de periode, en een bevinding die geen euro verandert zou alleen het goedkeuren in één keer
blokkeren. Wel noemt de bevinding over het maximum het jaar en de code, zodat de managementassistent het verschil ziet.

Wat meetelt, in de volgorde van de andere optelregels (uren, nazorg): elke niet-afgewezen regel van hetzelfde jaar die
eerder binnenkwam, goedgekeurd of nog open (open met het gefactureerde bedrag, goedgekeurd met het goedgekeurde), en
daarnaast een later binnengekomen regel die al is goedgekeurd: dat geld is toegezegd.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from hub.contracten.catalogus import Prijsafspraak
from hub.contracten.model import Product
from hub.controle.bevindingen import MAXIMUM_BEDRAG, NUL, PRODUCT_NIET_TOEGEWEZEN, Toets, dag
from hub.controle.feiten import Gefactureerd, Periodefeiten
from hub.domein.geld import euro
from hub.domein.werkbegeleiding import jaar_van_periode, jaargrenzen

INTERN = "interneWerkbegeleiding"
"""De soort jobcoachperiode waarvoor de maxima per jaar gelden."""


def _start(g: Gefactureerd, periodes: dict[str, Periodefeiten]) -> date | None:
    if g.regel.periode_start is not None:
        return g.regel.periode_start
    periode = periodes.get(g.regel.periode_id or "")
    return periode.start if periode is not None else None


def _meegeteld(g: Gefactureerd) -> Decimal:
    bedrag = g.goedgekeurd_bedrag
    return bedrag if bedrag is not None else g.gefactureerd


def jaarmaximum(
    regel: Gefactureerd,
    product: Product,
    periode: Periodefeiten | None,
    periodes: list[Periodefeiten],
    op_traject: list[Gefactureerd],
    product_van: Callable[[str], Product | None],
    maximum_van: Callable[[int], Prijsafspraak | None],
    basis: Decimal,
) -> Toets:
    """`periodes`: de jobcoachperiodes van het traject; `op_traject`: de andere regels van deze aanbieder op het traject;
    `maximum_van(jaar)`: het maximum van dat jaar op de leverdatum van deze regel; `basis`: wat de regel zonder dit
    maximum zou krijgen."""
    toets = Toets()
    r = regel.regel
    if not product.werkbegeleidingsjaar or periode is None or not periode.toegekend:
        return toets
    if periode.soort != INTERN:
        return toets.voeg_toe(
            PRODUCT_NIET_TOEGEWEZEN,
            f"Periode {periode.periode_id} is toegekend voor {periode.soort}, niet voor interne werkbegeleiding; "
            f"{r.product} hoort daar niet bij. Wijs de regel af.",
            NUL,
        )
    intern = {p.periode_id: p for p in [*periodes, periode] if p.soort == INTERN and p.toegekend}
    eerste = min(p.start for p in intern.values())
    start = r.periode_start or periode.start
    jaar = jaar_van_periode(eerste, start)
    van, tot = jaargrenzen(eerste, jaar)
    wat = (
        f"Interne werkbegeleiding traject {periode.traject_id}, jaar {jaar} ({dag(van)} t/m {dag(tot)}, gerekend vanaf de eerste "
        f"toegekende periode op {dag(eerste)})"
    )
    if product.werkbegeleidingsjaar != jaar:
        wat += f"; de periode begint op {dag(start)} en valt dus in jaar {jaar}, ook al is {r.product} gefactureerd"
    afspraak = maximum_van(jaar)
    if afspraak is None:
        return toets.voeg_toe(
            MAXIMUM_BEDRAG,
            f"{wat}: voor jaar {jaar} is op {dag(r.leverdatum)} geen maximumbedrag afgesproken (art. 12.5 noemt jaar 1 t/m 3). "
            "Wijs de regel af, of vraag de inkoper het maximum voor dit jaar in te voeren.",
            NUL,
        )
    maximum = afspraak.bedrag
    tellen = []
    for g in op_traject:
        ander = product_van(g.regel.product) if g.regel.product else None
        if g is regel or g.afgewezen or ander is None or not ander.werkbegeleidingsjaar:
            continue
        if not (g.voor(regel) or g.goedgekeurd_bedrag is not None):
            continue
        begin = _start(g, intern)
        if begin is not None and jaar_van_periode(eerste, begin) == jaar:
            tellen.append(g)
    al = sum((_meegeteld(g) for g in tellen), Decimal(0))
    ruimte = max(NUL, maximum - al)
    if basis <= ruimte:
        return toets
    eerder = (
        f"al {euro(al)} gefactureerd of goedgekeurd ("
        + ", ".join(f"factuur {g.factuurnummer} regel {g.regel.regelnummer}" for g in tellen)
        + ")"
        if tellen
        else "nog niets anders gefactureerd"
    )
    return toets.voeg_toe(
        MAXIMUM_BEDRAG,
        f"{wat}: het maximum is {euro(maximum)} en er is {eerder}. Deze regel van {euro(basis)} gaat "
        f"{euro(basis - ruimte)} over het maximum; keur ten hoogste {euro(ruimte)} goed.",
        ruimte,
    )
