"""De factuur van een doorbelasting als UBL 2.1-e-factuur (NLCIUS) van de penvoerder aan een deelnemende gemeente.

De gemeente boekt haar als elke inkomende e-factuur. Het bedrag is haar deel van wat de penvoerder in het kwartaal
goedkeurde en betaalde (excl. BTW; de BTW op de facturen van de aanbieder compenseert de penvoerder zelf). Tussen
gemeenten onderling valt de doorbelasting buiten de BTW: categorie O. Vóór het document de hub verlaat, toetst
`efactuur` het aan de UBL 2.1-XSD en de SI-UBL 2.0-schematron; welke regels gelden, staat daar en niet hier.
"""

from __future__ import annotations

import os
import re
import tempfile
from decimal import Decimal
from pathlib import Path

from lxml import etree

from hub.contracten.model import Partij
from hub.domein.geld import euro
from hub.koppelingen.formaten.efactuur import NLCIUS, Oordeel, toets
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.poorten import Doorbelastingsfactuur

_NS = "urn:oasis:names:specification:ubl:schema:xsd:"
INVOICE = f"{_NS}Invoice-2"
CAC = f"{_NS}CommonAggregateComponents-2"
CBC = f"{_NS}CommonBasicComponents-2"
_NSMAP = {None: INVOICE, "cac": CAC, "cbc": CBC}

OIN_SCHEMA = "0190"
KVK_SCHEMA = "0106"
SEPA_OVERBOEKING = "58"
NIET_ONDERWORPEN = "O"
BESTANDSNAAM = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*\.xml")
VRIJSTELLING = "Niet onderworpen aan BTW: doorbelasting tussen gemeenten van een gezamenlijk budget"


def _el(ouder: etree._Element, ns: str, naam: str, tekst: str | None = None, **attributen: str) -> etree._Element:
    element = etree.SubElement(ouder, f"{{{ns}}}{naam}", attributen)
    if tekst is not None:
        element.text = tekst
    return element


def _cbc(ouder: etree._Element, naam: str, tekst: str | None = None, **attributen: str) -> etree._Element:
    return _el(ouder, CBC, naam, tekst, **attributen)


def _cac(ouder: etree._Element, naam: str) -> etree._Element:
    return _el(ouder, CAC, naam)


def _bedrag(ouder: etree._Element, naam: str, waarde: Decimal) -> None:
    _cbc(ouder, naam, f"{waarde:.2f}", currencyID="EUR")


def _partij(ouder: etree._Element, rol: str, partij: Partij) -> None:
    p = _cac(_cac(ouder, rol), "Party")
    schema, nummer = (OIN_SCHEMA, partij.oin) if partij.oin else (KVK_SCHEMA, partij.kvk)
    if nummer:
        _cbc(_cac(p, "PartyIdentification"), "ID", nummer, schemeID=schema)
    _cbc(_cac(p, "PartyName"), "Name", partij.naam)
    adres = _cac(p, "PostalAddress")
    for naam, waarde in (("StreetName", partij.straat), ("CityName", partij.plaats), ("PostalZone", partij.postcode)):
        if waarde:
            _cbc(adres, naam, waarde)
    _cbc(_cac(adres, "Country"), "IdentificationCode", "NL")
    juridisch = _cac(p, "PartyLegalEntity")
    _cbc(juridisch, "RegistrationName", partij.naam)
    if nummer:
        _cbc(juridisch, "CompanyID", nummer, schemeID=schema)


def _btw_categorie(ouder: etree._Element, naam: str, met_reden: bool) -> None:
    categorie = _cac(ouder, naam)
    _cbc(categorie, "ID", NIET_ONDERWORPEN)
    if met_reden:
        _cbc(categorie, "TaxExemptionReason", VRIJSTELLING)
    _cbc(_cac(categorie, "TaxScheme"), "ID", "VAT")


def dekking(factuur: Doorbelastingsfactuur) -> str:
    """Welke regels van welke facturen van de aanbieder de doorbelasting dekt, en welke eerder doorbelaste regels er
    gecrediteerd weer af gaan."""
    delen = []
    for correctie, wat in ((False, ""), (True, "gecrediteerd en eraf: ")):
        per_factuur: dict[tuple[str, str], list[int]] = {}
        for regel in factuur.regels:
            if regel.correctie == correctie:
                per_factuur.setdefault((regel.afzender, regel.factuurnummer), []).append(regel.regelnummer)
        if per_factuur:
            delen.append(wat + "; ".join(f"factuur {nummer} van {afzender} regel {', '.join(map(str, sorted(n)))}"
                                         for (afzender, nummer), n in sorted(per_factuur.items())))
    return "; ".join(delen)


def ubl_document(factuur: Doorbelastingsfactuur) -> etree._ElementTree:
    f = factuur
    wortel = etree.Element(f"{{{INVOICE}}}Invoice", nsmap=_NSMAP)
    _cbc(wortel, "CustomizationID", NLCIUS)
    _cbc(wortel, "ID", f.factuurnummer)
    _cbc(wortel, "IssueDate", f.factuurdatum.isoformat())
    _cbc(wortel, "InvoiceTypeCode", "380")
    _cbc(wortel, "Note", f"Doorbelasting {f.kwartaal} van contract {f.contract}: uw aandeel van {f.aandeel} % in "
                         f"{euro(f.totaal)} (excl. BTW) die {f.penvoerder.naam} als penvoerder goedkeurde en betaalde. "
                         f"Dekt {dekking(f)}.")
    _cbc(wortel, "DocumentCurrencyCode", "EUR")
    _cbc(wortel, "BuyerReference", f.contract)
    periode = _cac(wortel, "InvoicePeriod")
    _cbc(periode, "StartDate", f.begin.isoformat())
    _cbc(periode, "EndDate", f.eind.isoformat())
    _partij(wortel, "AccountingSupplierParty", f.penvoerder)
    _partij(wortel, "AccountingCustomerParty", f.gemeente)
    if f.penvoerder.iban:
        betaling = _cac(wortel, "PaymentMeans")
        _cbc(betaling, "PaymentMeansCode", SEPA_OVERBOEKING)
        _cbc(betaling, "PaymentID", f.factuurnummer)
        _cbc(_cac(betaling, "PayeeFinancialAccount"), "ID", f.penvoerder.iban)
    _cbc(_cac(wortel, "PaymentTerms"), "Note", "Betaling volgens de afspraken van de gemeenten over het gezamenlijke "
                                                "budget, onder vermelding van het factuurnummer.")
    btw = _cac(wortel, "TaxTotal")
    _bedrag(btw, "TaxAmount", Decimal("0.00"))
    sub = _cac(btw, "TaxSubtotal")
    _bedrag(sub, "TaxableAmount", f.bedrag)
    _bedrag(sub, "TaxAmount", Decimal("0.00"))
    _btw_categorie(sub, "TaxCategory", met_reden=True)
    totaal = _cac(wortel, "LegalMonetaryTotal")
    for naam in ("LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount", "PayableAmount"):
        _bedrag(totaal, naam, f.bedrag)
    regel = _cac(wortel, "InvoiceLine")
    _cbc(regel, "ID", "1")
    _cbc(regel, "InvoicedQuantity", "-1" if f.bedrag < 0 else "1", unitCode="C62")
    _bedrag(regel, "LineExtensionAmount", f.bedrag)
    item = _cac(regel, "Item")
    _cbc(item, "Description", f"{len(f.regels)} factuurregel(s) van de aanbieder, samen {euro(f.totaal)}")
    _cbc(item, "Name", f"Aandeel {f.aandeel} % {f.contract} {f.kwartaal}")
    _btw_categorie(item, "ClassifiedTaxCategory", met_reden=False)
    _bedrag(_cac(regel, "Price"), "PriceAmount", abs(f.bedrag))
    return etree.ElementTree(wortel)


def _melding(factuur: Doorbelastingsfactuur, oordeel: Oordeel) -> str:
    redenen = ([f"regel {x.regel}: {x.reden}" for x in oordeel.xsd_fouten]
               or [f"{m.regel} ({m.plaats}): {m.tekst}" for m in oordeel.fouten]
               or [oordeel.afgebroken or "onbekende fout"])
    return (f"De doorbelastingsfactuur {factuur.factuurnummer} aan {factuur.gemeente.naam} voldoet niet aan "
            f"{'de UBL 2.1-XSD' if oordeel.xsd_fouten else oordeel.standaard.naam} en is niet vastgelegd: "
            f"{' | '.join(redenen[:10])}. Controleer de gegevens van de penvoerder en de gemeente in contracts/partijen.toml "
            "(OIN of KvK-nummer, straat, postcode, plaats, IBAN van de penvoerder) en probeer het opnieuw; klopt daar "
            "alles, meld deze regel dan aan de beheerder van de hub.")


class UblDoorbelasting:
    """Stelt de factuur op en laat de standaard oordelen."""

    def opstellen(self, factuur: Doorbelastingsfactuur) -> bytes:
        return self.toets(factuur, ubl_document(factuur))

    def toets(self, factuur: Doorbelastingsfactuur, boom: etree._ElementTree) -> bytes:
        oordeel = toets(boom)
        if not oordeel.geldig:
            raise Onuitvoerbaar(_melding(factuur, oordeel))
        return etree.tostring(boom, xml_declaration=True, encoding="UTF-8", pretty_print=True)


class Doorbelastingmap:
    """Schrijft een vastgelegd document: eerst onder een tijdelijke naam, dan in één keer onder de echte."""

    def __init__(self, map_: Path):
        self.map = map_

    def schrijf(self, naam: str, inhoud: bytes) -> Path:
        if not BESTANDSNAAM.fullmatch(naam):
            raise ValueError(f"ongeldige bestandsnaam voor een doorbelasting: {naam!r}")
        self.map.mkdir(parents=True, exist_ok=True)
        doel = self.map / naam
        fd, tijdelijk = tempfile.mkstemp(dir=self.map, prefix=f".{naam}.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(inhoud)
        os.replace(tijdelijk, doel)
        return doel
