"""Zet de regels achter elkaar: per factuurregel het verwachte bedrag en de bevindingen.

Prijzen komen uit het contract dat geldt op de leverdatum: het einde van de gefactureerde periode
(anders het begin). Het verwachte bedrag is het contractbedrag, begrensd door wat de prestatie en de
eerdere facturen toelaten; een regel zonder prijsafspraak of zonder prestatie verwacht € 0,00.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from hub.contracten.catalogus import Catalogus
from hub.contracten.model import Product
from hub.controle import eerdere_facturen, formulier, jobcoach, prestatie, prijs, werkbegeleiding
from hub.controle.bevindingen import NUL, Controlebevinding, Regeluitkomst, Toets
from hub.controle.feiten import Gefactureerd, Kop, Periodefeiten
from hub.controle.ontvangen_regels import ingangen
from hub.controle.overheveling import toegekend_na_overheveling
from hub.controle.trajectfeiten import Trajectfeiten
from hub.domein.geld import bedrag, maal
from hub.domein.trajectregels import noshow_bedrag


class Feiten(Protocol):
    def traject(self, gemeente: str, traject_id: str) -> Trajectfeiten | None: ...

    def periode(self, gemeente: str, periode_id: str) -> Periodefeiten | None: ...

    def periodes_op_traject(self, gemeente: str, traject_id: str) -> list[Periodefeiten]: ...

    def regels_van(self, afzender: str, gemeente: str) -> list[Gefactureerd]:
        """Alle ontvangen regels van deze aanbieder voor deze gemeente, in volgorde van ontvangst."""
        ...


def _basis(regel: Gefactureerd, product: Product, eenheidsprijs: Decimal) -> Decimal:
    r = regel.regel
    aantal = r.aantal if r.aantal is not None else Decimal(1)
    if r.noshow_volgnummer is None:
        return maal(aantal, eenheidsprijs)
    percentage = prestatie.noshow_percentage(product, r.noshow_volgnummer) or Decimal(0)
    return noshow_bedrag(aantal, eenheidsprijs, percentage)


def _prestatie(kop: Kop, regel: Gefactureerd, product: Product, eenheidsprijs: Decimal, traject: Trajectfeiten | None,
               feiten: Feiten, op_periode: list[Gefactureerd], catalogus: Catalogus) -> list[Toets]:
    r = regel.regel
    if r.periode_id is not None or product.eenheid == "uur" or product.werkbegeleidingsjaar:
        periode = feiten.periode(kop.gemeente, r.periode_id) if r.periode_id else None
        toegekend = (toegekend_na_overheveling(periode, feiten.periodes_op_traject(kop.gemeente, periode.traject_id))
                     if periode is not None else None)
        return [jobcoach.periode(regel, periode, product, eenheidsprijs, op_periode, toegekend)]
    bestaat = prestatie.bestaat(r, traject, kop.afzender, kop.gemeente)
    if traject is None or bestaat.bevindingen:
        return [bestaat]
    gekocht = prestatie.toegewezen(r, traject, catalogus.gekocht_met(kop.afzender, kop.gemeente, traject.gekochte_producten))
    if gekocht.bevindingen:
        return [gekocht]
    if r.noshow_volgnummer is not None or product.eenheid == "noshow":
        return [prestatie.noshow(r, traject, product, eenheidsprijs)]
    if product.bonus is not None:
        return [prestatie.bonus(r, traject, product)]
    if product.nazorg_maximum_maanden:
        return [prestatie.nazorgmaand(r, traject), prestatie.nazorg_in_venster(r, traject, product),
                prestatie.binnen_traject(r, traject, product)]
    toetsen = [prestatie.binnen_traject(r, traject, product)]
    if product.code in (traject.product, traject.oorspronkelijk_product):
        toetsen.append(prestatie.gestart(r, traject))
    toetsen.append(prestatie.verplichtingen(r, traject, product))
    return toetsen


def _eigen(regels: list[Gefactureerd], regel: Gefactureerd) -> list[Gefactureerd]:
    """Andere regels die meetellen: niet afgewezen of gecrediteerd."""
    return [g for g in regels if g is not regel and not g.vervallen]


def _eerder(regels: list[Gefactureerd], regel: Gefactureerd) -> list[Gefactureerd]:
    return [g for g in regels if g is not regel and not g.vervallen and g.voor(regel)]


def controleer_regel(kop: Kop, regel: Gefactureerd, feiten: Feiten, catalogus: Catalogus) -> Regeluitkomst:
    r = regel.regel
    bevindingen = formulier.verplichte_velden(kop, r) + formulier.bsn(r) + formulier.rekenwerk_regel(r)
    traject = feiten.traject(kop.gemeente, r.traject_id) if r.traject_id else None
    afspraak, geen_afspraak = prijs.zoek_afspraak(catalogus, kop, r, traject)
    bevindingen += geen_afspraak.bevindingen
    bevindingen += formulier.te_laat(kop, r)
    leverdatum = r.leverdatum
    if afspraak is None or leverdatum is None:
        return Regeluitkomst(NUL, bevindingen, None)
    product = afspraak.product
    eenheidsprijs = prijs.eenheidsprijs(afspraak, r)
    basis = _basis(regel, product, eenheidsprijs)
    regels = ingangen(feiten)

    toetsen: list[Toets] = []
    ook_goed = None
    if traject is not None and traject.omzetting_van:
        oud = feiten.traject(kop.gemeente, traject.omzetting_van)
        regels_oud = _eigen(regels.op_traject(kop.afzender, kop.gemeente, traject.omzetting_van), regel)
        verrekening, ook_goed = eerdere_facturen.omzetting(regel, traject, afspraak.contract, basis, regels_oud, oud)
        toetsen.append(verrekening)
    toetsen += [
        prijs.prijs(catalogus, kop, afspraak, r, ook_goed),
        prijs.btw(afspraak, r),
        prijs.aantal_per_traject(afspraak, r),
    ]
    op_periode = _eerder(regels.op_periode(kop.afzender, kop.gemeente, r.periode_id), regel) if r.periode_id else []
    toetsen += _prestatie(kop, regel, product, eenheidsprijs, traject, feiten, op_periode, catalogus)

    def product_van(code: str) -> Product | None:
        return catalogus.product(kop.afzender, kop.gemeente, code)

    op_traject = _eerder(regels.op_traject(kop.afzender, kop.gemeente, r.traject_id), regel)
    toetsen.append(eerdere_facturen.dubbel(regel, product, op_traject, product_van))
    toetsen.append(prijs.opdrachtbedrag(afspraak, regel, op_traject))
    toetsen.append(eerdere_facturen.nazorgmaximum(regel, product, op_traject, traject))
    periode = feiten.periode(kop.gemeente, r.periode_id) if product.werkbegeleidingsjaar and r.periode_id else None
    if periode is not None:
        # De toegekende periode zegt bij welk traject de werkbegeleiding hoort.
        toetsen.append(werkbegeleiding.jaarmaximum(
            regel, product, periode, feiten.periodes_op_traject(kop.gemeente, periode.traject_id),
            _eigen(regels.op_traject(kop.afzender, kop.gemeente, periode.traject_id), regel), product_van,
            lambda jaar: catalogus.jaarmaximum(kop.afzender, kop.gemeente, jaar, leverdatum), basis,
        ))

    jaar = leverdatum.year
    plafonds = [p for p in catalogus.plafonds(kop.afzender, kop.gemeente, jaar) if not p.producten or r.product in p.producten]
    if plafonds:
        al, clienten = regels.goedgekeurd(regel, jaar)
        aanbieder, gemeente = catalogus.partijen.naam(kop.afzender), catalogus.partijen.naam(kop.gemeente)
        algemeen = [p for p in plafonds if not p.producten]
        if algemeen:
            toetsen.append(eerdere_facturen.plafonds(regel, algemeen, jaar, al, clienten, aanbieder, gemeente))
        for plafond in (p for p in plafonds if p.producten):
            # Een budget voor bepaalde producten (zoals Participatietrajecten) telt alleen het goedgekeurde op die producten.
            op_producten = sum((g.goedgekeurd_bedrag or Decimal(0) for g in feiten.regels_van(kop.afzender, kop.gemeente)
                                if g is not regel and g.goedgekeurd_bedrag is not None and g.regel.leverdatum is not None
                                and g.regel.leverdatum.year == jaar and g.regel.product in plafond.producten), Decimal(0))
            toetsen.append(eerdere_facturen.plafonds(regel, [plafond], jaar, op_producten, clienten, aanbieder, gemeente))
    verwacht = basis
    for toets in toetsen:
        bevindingen += toets.bevindingen
        if toets.plafond is not None:
            verwacht = min(verwacht, toets.plafond)
    return Regeluitkomst(bedrag(verwacht), _uniek(bevindingen), afspraak.btw_percentage, afspraak)


def _uniek(bevindingen: list[Controlebevinding]) -> list[Controlebevinding]:
    gezien: list[Controlebevinding] = []
    for b in bevindingen:
        if b not in gezien:
            gezien.append(b)
    return gezien


def controleer_factuur(
    kop: Kop, regels: list[Gefactureerd], feiten: Feiten, catalogus: Catalogus, alleen: set[int] | None = None
) -> dict[int, Regeluitkomst]:
    """Regeluitkomst per regelnummer; `alleen` beperkt tot die regels (de onbesliste). Fouten in de totalen staan bij de eerste regel."""
    eerste = min(g.regel.regelnummer for g in regels)
    uitkomsten = {}
    for g in regels:
        n = g.regel.regelnummer
        if alleen is not None and n not in alleen:
            continue
        uitkomst = controleer_regel(kop, g, feiten, catalogus)
        totalen = formulier.rekenwerk_totalen(kop, [g.regel for g in regels]) if n == eerste else []
        if totalen:
            uitkomst = Regeluitkomst(uitkomst.verwacht, uitkomst.bevindingen + totalen, uitkomst.btw_verwacht)
        uitkomsten[n] = uitkomst
    return uitkomsten
