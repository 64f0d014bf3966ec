"""Een UBL 2.1-`CreditNote` (NLCIUS) naar het model `Creditnota` van de berichtenstandaard.

Naast de velden van de standaard: `cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID` is de gecrediteerde
factuur, en elke `cac:CreditNoteLine` noemt de regel van die factuur die ze annuleert als
`cac:Item/cac:AdditionalItemProperty` met `cbc:Name` `factuurregel` (zoals de trajectgegevens op een factuurregel).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from hub.berichten.creditnota import Creditnota
from hub.koppelingen.formaten.ubl_envelop import lees_envelop, met_afgeleide_bericht_id
from hub.koppelingen.formaten.ubl_lezer import NS, UblLezer, valideer

_FACTUUR = "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"
_EIGENSCHAP = "cac:Item/cac:AdditionalItemProperty"


def lees_creditnota(boom: etree._ElementTree, afzender: str | None = None) -> Creditnota:
    wortel = boom.getroot()
    lezer = UblLezer()
    data = lees_envelop(lezer, wortel, afzender)
    data["type"] = "creditnota"
    data["creditnotanummer"] = data.pop("factuurnummer", None)
    data["creditnotadatum"] = data.pop("factuurdatum", None)
    lezer.onthoud("creditnotanummer", "cbc:ID")
    lezer.onthoud("creditnotadatum", "cbc:IssueDate")
    data["factuurnummer"] = lezer.tekst(
        wortel, _FACTUUR, _FACTUUR, veld="factuurnummer",
        ontbreekt="geef het nummer van de factuur die u crediteert.",
    )
    data["reden"] = lezer.tekst(wortel, "cbc:Note", "cbc:Note")
    data.update(_totalen(lezer, wortel))
    data["regels"] = [_regel(lezer, regel, n) for n, regel in enumerate(wortel.findall("cac:CreditNoteLine", NS), start=1)]
    if not data["regels"]:
        lezer.fout("cac:CreditNoteLine ontbreekt: een creditnota crediteert minstens één regel.", "regels")
    return met_afgeleide_bericht_id(valideer(lezer, Creditnota, data), wortel)


def _totalen(lezer: UblLezer, wortel: etree._Element) -> dict[str, Any]:
    totaal = lezer.element(wortel, "cac:LegalMonetaryTotal", "cac:LegalMonetaryTotal")
    data = {
        veld: lezer.decimaal(totaal, f"cbc:{ubl}", f"cac:LegalMonetaryTotal/cbc:{ubl}", veld=veld,
                             ontbreekt=f"geef {wat} op.", bedrag=True)
        for ubl, veld, wat in (("TaxExclusiveAmount", "totaalExclBtw", "het totaal excl. btw"),
                               ("TaxInclusiveAmount", "totaalInclBtw", "het totaal incl. btw"))
    }
    belasting = lezer.element(wortel, "cac:TaxTotal", "cac:TaxTotal")
    data["btwBedrag"] = lezer.decimaal(belasting, "cbc:TaxAmount", "cac:TaxTotal/cbc:TaxAmount", veld="btwBedrag",
                                       ontbreekt="geef het totale btw-bedrag op.", bedrag=True)
    return data


def _regel(lezer: UblLezer, regel: etree._Element, nummer: int) -> dict[str, Any]:
    p, v = f"cac:CreditNoteLine[{nummer}]", f"regels[{nummer - 1}]"
    data: dict[str, Any] = {
        "regelnummer": _geheel(lezer, lezer.tekst(regel, "cbc:ID", f"{p}/cbc:ID", veld=f"{v}.regelnummer",
                                                  ontbreekt="geef het regelnummer op."), f"{p}/cbc:ID",
                               f"{v}.regelnummer"),
        "bedrag": lezer.decimaal(regel, "cbc:LineExtensionAmount", f"{p}/cbc:LineExtensionAmount", veld=f"{v}.bedrag",
                                 ontbreekt="geef het gecrediteerde bedrag op.", bedrag=True),
        "btwPercentage": lezer.decimaal(regel, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent",
                                        f"{p}/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent",
                                        veld=f"{v}.btwPercentage", ontbreekt="geef het btw-percentage op."),
    }
    verwijzing = None
    for eigenschap in regel.findall(_EIGENSCHAP, NS):
        if (eigenschap.findtext("cbc:Name", namespaces=NS) or "").strip().lower() == "factuurregel":
            verwijzing = (eigenschap.findtext("cbc:Value", namespaces=NS) or "").strip()
    if verwijzing is None:
        lezer.fout(f"{p}: geef de regel van de factuur die deze regel crediteert, als {_EIGENSCHAP} met cbc:Name "
                   "'factuurregel' en het regelnummer als cbc:Value.", f"{v}.factuurregel")
    else:
        data["factuurregel"] = _geheel(lezer, verwijzing, f"{p}/{_EIGENSCHAP}", f"{v}.factuurregel")
    return data


def _geheel(lezer: UblLezer, tekst: str | None, ubl_pad: str, veld: str) -> int | None:
    if tekst is None:
        return None
    if tekst.isdigit() and int(tekst) >= 1:
        return int(tekst)
    lezer.fout(f"{ubl_pad} is '{tekst[:40]}': geef een regelnummer als geheel getal vanaf 1.", veld)
    return None
