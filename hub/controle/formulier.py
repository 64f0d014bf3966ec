"""Regels over de factuur zelf: verplichte velden, BSN, rekenwerk en de termijn van twee weken."""

from __future__ import annotations

from decimal import Decimal

from hub.aggregates.factuur import Clientgegevens, Factuurregel
from hub.controle.bevindingen import BSN_ONGELDIG, REKENFOUT, TE_LAAT, VERPLICHT_VELD, Controlebevinding, dag, getal
from hub.controle.feiten import Kop, leeg
from hub.domein.geld import bedrag, euro, percentage_van
from hub.domein.identificatie import bsn_geldig, masker_bsn
from hub.domein.termijnen import FACTUUR_DAGEN, factuur_op_tijd
from hub.domein.trajectregels import noshow_bedrag


def _regelvelden(regel: Factuurregel) -> list[tuple[str, object]]:
    client = regel.client or Clientgegevens()
    return [
        ("trajectId", regel.traject_id),
        ("soort product", regel.product),
        ("begindatum", regel.periode_start),
        ("einddatum", regel.periode_eind),
        ("aantal", regel.aantal),
        ("prijs", regel.prijs),
        ("kosten (bedrag)", regel.bedrag),
        ("naam cliënt", client.naam),
        ("geboortedatum cliënt", client.geboortedatum),
        ("BSN cliënt", client.bsn),
        ("cliëntnummer", client.clientnummer),
        ("adres cliënt", client.adres),
        ("datum aanmelding gemeente", regel.datum_aanmelding),
        ("naam klantmanager", regel.klantmanager),
    ]


def verplichte_velden(kop: Kop, regel: Factuurregel) -> list[Controlebevinding]:
    ontbreekt = [naam for naam, waarde in _regelvelden(regel) if leeg(waarde)]
    if kop.verzonden is None:
        ontbreekt.insert(0, "datum verzenden")
    if not ontbreekt:
        return []
    return [
        Controlebevinding(
            VERPLICHT_VELD,
            f"Ontbreekt volgens de werkafspraken: {', '.join(ontbreekt)}. Vraag de aanbieder om een aangevulde factuur.",
        )
    ]


def bsn(regel: Factuurregel) -> list[Controlebevinding]:
    nummer = regel.client.bsn if regel.client is not None else None
    if leeg(nummer) or bsn_geldig(str(nummer).strip()):
        return []
    return [
        Controlebevinding(
            BSN_ONGELDIG,
            f"BSN {masker_bsn(str(nummer).strip())} van de cliënt voldoet niet aan de elfproef; "
            "vraag de aanbieder het BSN te controleren.",
        )
    ]


def regelbedrag(regel: Factuurregel) -> Decimal | None:
    """Aantal × prijs (× percentage / 100 bij een no-show), afgerond op centen."""
    if regel.aantal is None or regel.prijs is None:
        return None
    if regel.percentage is not None:
        return noshow_bedrag(regel.aantal, regel.prijs, regel.percentage)
    return bedrag(regel.aantal * regel.prijs)


def rekenwerk_regel(regel: Factuurregel) -> list[Controlebevinding]:
    if regel.noshow_volgnummer is not None and regel.percentage is None:
        return []
    uitkomst = regelbedrag(regel)
    if uitkomst is None or regel.aantal is None or regel.prijs is None or regel.bedrag is None or uitkomst == regel.bedrag:
        return []
    som = f"{getal(regel.aantal)} × {euro(regel.prijs)}"
    if regel.percentage is not None:
        som += f" × {getal(regel.percentage)} %"
    return [Controlebevinding(REKENFOUT, f"{som} = {euro(uitkomst)}, maar de regel noemt {euro(regel.bedrag)}.")]


def _btw_per_regel(regels: list[Factuurregel]) -> Decimal:
    return sum((percentage_van(r.bedrag, r.btw_percentage) for r in regels if r.bedrag is not None and r.btw_percentage is not None), Decimal(0))


def _btw_per_tarief(regels: list[Factuurregel]) -> Decimal:
    per_tarief: dict[Decimal, Decimal] = {}
    for r in regels:
        if r.bedrag is not None and r.btw_percentage is not None:
            per_tarief[r.btw_percentage] = per_tarief.get(r.btw_percentage, Decimal(0)) + r.bedrag
    return sum((percentage_van(b, p) for p, b in per_tarief.items()), Decimal(0))


def rekenwerk_totalen(kop: Kop, regels: list[Factuurregel]) -> list[Controlebevinding]:
    """Totalen en BTW; de BTW mag per regel of per tarief zijn afgerond."""
    bevindingen = []
    som = bedrag(sum((r.bedrag for r in regels if r.bedrag is not None), Decimal(0)))
    if kop.totaal_excl_btw is not None and kop.totaal_excl_btw != som:
        bevindingen.append(
            Controlebevinding(REKENFOUT, f"De regels tellen op tot {euro(som)}, maar het totaal excl. BTW is {euro(kop.totaal_excl_btw)}.")
        )
    mogelijk = {bedrag(_btw_per_regel(regels)), bedrag(_btw_per_tarief(regels))}
    if kop.btw_bedrag is not None and kop.btw_bedrag not in mogelijk:
        bevindingen.append(
            Controlebevinding(REKENFOUT, f"De BTW over de regels is {euro(min(mogelijk))}, maar de factuur noemt {euro(kop.btw_bedrag)}.")
        )
    excl, btw, incl = kop.totaal_excl_btw, kop.btw_bedrag, kop.totaal_incl_btw
    if excl is not None and btw is not None and incl is not None and excl + btw != incl:
        bevindingen.append(
            Controlebevinding(
                REKENFOUT,
                f"{euro(excl)} + BTW {euro(btw)} = {euro(excl + btw)}, maar het totaal incl. BTW is {euro(incl)}.",
            )
        )
    return bevindingen


def te_laat(kop: Kop, regel: Factuurregel) -> list[Controlebevinding]:
    einde = regel.leverdatum
    if einde is None or factuur_op_tijd(einde, kop.factuurdatum):
        return []
    return [
        Controlebevinding(
            TE_LAAT,
            f"Gefactureerd op {dag(kop.factuurdatum)}, meer dan {FACTUUR_DAGEN} dagen na het einde van de prestatie "
            f"({dag(einde)}). Dit is een signaal voor de rapportage; het bedrag zelf kan worden goedgekeurd.",
        )
    ]
