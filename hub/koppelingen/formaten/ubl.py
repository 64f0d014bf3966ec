"""Een e-factuur in UBL 2.1 (NLCIUS / SI-UBL 2.0) → dezelfde `Factuur` als de JSON-vorm.

Eerst toetst `efactuur` het document aan de standaard zelf (UBL 2.1-XSD, dan de SI-UBL 2.0-schematron):
een fatale regel is een afwijzing (code EN16931), een waarschuwing een signaal. Daarna controleert de lezer
wat de hub nodig heeft en antwoordt met een `BerichtFout` (code SCHEMA) die het UBL-element noemt. Wat een
UBL-factuur niet zelf draagt, volgt uit vaste regels:

- `afzender`: nooit uit het document, maar de identiteit die de aanroeper heeft vastgesteld (de broker);
  zonder die identiteit staat er `onbekend`, dat de aanroeper overschrijft.
- `gemeente`: de naam van de koper (`cac:PartyName/cbc:Name`, anders
  `cac:PartyLegalEntity/cbc:RegistrationName`) als 'Gemeente Amstelveen' → `amstelveen`; anders
  `cbc:BuyerReference` als die de vorm van een gemeentecode heeft.
- `berichtId`: `cbc:UUID` als dat een UUID is; anders een uuid5 uit de geauthenticeerde afzender, de leverancier
  (KvK/OIN of ander kenmerk) en de vingerafdruk van de gelezen inhoud: dezelfde factuur opnieuw krijgt dezelfde id,
  een andere factuur of een andere afzender een andere.
- `verzonden`: `cbc:IssueDate` met `cbc:IssueTime` (zonder tijdzone: Europe/Amsterdam), zonder tijd
  om 00:00 Europe/Amsterdam.
"""

from typing import Any

from lxml import etree

from hub.berichten.creditnota import Creditnota
from hub.berichten.factuur import Factuur
from hub.berichten.fouten import BerichtFout
from hub.koppelingen.formaten import efactuur
from hub.koppelingen.formaten.ubl_creditnota import lees_creditnota
from hub.koppelingen.formaten.ubl_envelop import ONBEKENDE_AFZENDER, lees_envelop, met_afgeleide_bericht_id
from hub.koppelingen.formaten.ubl_lezer import NS, UBL_CREDITNOTE, UBL_INVOICE, VALUTA, UblLezer, ingekort, valideer
from hub.koppelingen.formaten.ubl_regels import lees_regel

__all__ = ["CREDITNOTA_MELDING", "ONBEKENDE_AFZENDER", "UBL_CREDITNOTE", "UBL_INVOICE", "lees_ubl", "parse_ubl"]

CREDITNOTA_MELDING = (
    "Een factuur met een creditsoort wordt niet als creditnota verwerkt: stuur de creditnota als UBL-CreditNote "
    "(met cac:BillingReference naar de factuur) of als bericht 'creditnota'."
)

_CREDITSOORTEN = {"81", "83", "381", "396", "532"}
_REKENING = "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID"


def parse_ubl(boom: etree._ElementTree, afzender: str | None = None) -> Factuur | Creditnota:
    """De UBL-factuur als `Factuur` (of de creditnota als `Creditnota`), of een `BerichtFout` met alle gevonden
    fouten. `afzender` is de providercode waarmee de afzender is geauthenticeerd; het document zelf noemt die niet.
    """
    if boom.getroot().tag not in (UBL_INVOICE, UBL_CREDITNOTE):
        return lees_ubl(boom, afzender)
    oordeel = efactuur.toets(boom)
    standaardfouten = [] if oordeel.geldig else efactuur.fouten_van(oordeel)
    lees = lees_creditnota if boom.getroot().tag == UBL_CREDITNOTE else lees_ubl
    try:
        factuur = lees(boom, afzender)
    except BerichtFout as fout:
        raise BerichtFout([*fout.fouten, *standaardfouten]) from None
    if standaardfouten:
        raise BerichtFout(standaardfouten)
    return factuur.met_signalen(efactuur.signalen_van(oordeel))


def lees_ubl(boom: etree._ElementTree, afzender: str | None = None) -> Factuur:
    """Alleen de vertaling naar het factuurmodel, zonder toetsing aan de standaard."""
    wortel = boom.getroot()
    if wortel.tag == UBL_CREDITNOTE:
        raise BerichtFout.schema(CREDITNOTA_MELDING)
    if wortel.tag != UBL_INVOICE:
        raise BerichtFout.schema(
            "Dit is geen UBL-factuur: het root-element moet Invoice zijn in de UBL 2.1-namespace."
        )
    lezer = UblLezer()
    soort = lezer.tekst(wortel, "cbc:InvoiceTypeCode", "cbc:InvoiceTypeCode")
    if soort in _CREDITSOORTEN:
        raise BerichtFout.schema(CREDITNOTA_MELDING)
    valuta = lezer.tekst(wortel, "cbc:DocumentCurrencyCode", "cbc:DocumentCurrencyCode")
    if valuta is not None and valuta != VALUTA:
        raise BerichtFout.schema(
            f"cbc:DocumentCurrencyCode is '{ingekort(valuta, 10)}': de hub verwerkt alleen facturen in euro; "
            "stuur de factuur in EUR."
        )
    data = lees_envelop(lezer, wortel, afzender)
    data.update(_kop(lezer, wortel))
    data["regels"] = _regels(lezer, wortel)
    factuur = valideer(lezer, Factuur, data)
    return met_afgeleide_bericht_id(factuur, wortel)


def _belasting(lezer: UblLezer, wortel: etree._Element) -> Any:
    lezer.onthoud("btwBedrag", "cac:TaxTotal/cbc:TaxAmount")
    in_euro = [
        totaal
        for totaal in wortel.findall("cac:TaxTotal", NS)
        if any(bedrag.get("currencyID", VALUTA) == VALUTA for bedrag in totaal.findall("cbc:TaxAmount", NS))
    ]
    if len(in_euro) > 1:
        lezer.fout("cac:TaxTotal komt meer dan eens in euro voor: geef het btw-totaal één keer op.", "btwBedrag")
        return None
    if not in_euro:
        lezer.fout("cac:TaxTotal/cbc:TaxAmount ontbreekt: geef het totale btw-bedrag in euro op.", "btwBedrag")
        return None
    return lezer.decimaal(in_euro[0], "cbc:TaxAmount", "cac:TaxTotal/cbc:TaxAmount", veld="btwBedrag", bedrag=True)


def _kop(lezer: UblLezer, wortel: etree._Element) -> dict[str, Any]:
    rekeningen = [e for e in wortel.findall(_REKENING, NS) if (e.text or "").strip()]
    lezer.onthoud("iban", _REKENING)
    data: dict[str, Any] = {}
    if rekeningen:
        data["iban"] = "".join((rekeningen[0].text or "").split()).upper()
    else:
        lezer.fout(f"{_REKENING} ontbreekt: geef het IBAN op waarop de gemeente moet betalen.", "iban")
    totaal = lezer.element(wortel, "cac:LegalMonetaryTotal", "cac:LegalMonetaryTotal")
    for ubl, veld, wat in (
        ("TaxExclusiveAmount", "totaalExclBtw", "het totaal excl. btw"),
        ("TaxInclusiveAmount", "totaalInclBtw", "het totaal incl. btw"),
    ):
        data[veld] = lezer.decimaal(
            totaal, f"cbc:{ubl}", f"cac:LegalMonetaryTotal/cbc:{ubl}", veld=veld, ontbreekt=f"geef {wat} op.",
            bedrag=True,
        )
    data["btwBedrag"] = _belasting(lezer, wortel)
    return data


def _regels(lezer: UblLezer, wortel: etree._Element) -> list[dict[str, Any]]:
    lezer.onthoud("regels", "cac:InvoiceLine")
    regels = wortel.findall("cac:InvoiceLine", NS)
    if not regels:
        lezer.fout("cac:InvoiceLine ontbreekt: een factuur heeft minstens één regel.", "regels")
    periode = {}
    for ubl in ("StartDate", "EndDate"):
        waarde = lezer.tekst(wortel, f"cac:InvoicePeriod/cbc:{ubl}", f"cac:InvoicePeriod/cbc:{ubl}")
        if waarde is not None:
            periode[ubl] = waarde
    return [lees_regel(lezer, regel, nummer, periode) for nummer, regel in enumerate(regels, start=1)]
