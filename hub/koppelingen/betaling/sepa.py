"""SEPA-overboekingen als ISO 20022 pain.001.001.03, getoetst aan het officiële schema vóór het wegschrijven.

Alleen vertalen: welke regels betaald worden en voor welk bedrag beslist `hub.projections.betaalvoorstel` en `hub.toepassing.betalen`.
Namen en omschrijvingen gaan door de SEPA-tekenset (Latijnse letters, cijfers en / - ? : ( ) . , ' +).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from lxml import etree

from hub.domein.betaling import Opdrachtgever, Overboeking
from hub.domein.geld import bedrag
from hub.domein.identificatie import iban_geldig, normaliseer_iban

MAP = Path(__file__).resolve().parent / "pain001"
XSD = MAP / "pain.001.001.03.xsd"
OPDRACHTGEVERS = MAP / "opdrachtgevers.toml"
NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
_NIET_SEPA = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")


class SepaFout(Exception):
    pass


def laad_opdrachtgevers(bestand: Path = OPDRACHTGEVERS) -> dict[str, Opdrachtgever]:
    try:
        gegevens = tomllib.loads(bestand.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SepaFout(f"{bestand} is niet te lezen ({exc}); geef per gemeente naam, iban en bic op.") from exc
    opdrachtgevers = {}
    for gemeente, velden in gegevens.items():
        try:
            opdrachtgevers[gemeente] = Opdrachtgever(gemeente, velden["naam"], normaliseer_iban(velden["iban"]), velden.get("bic"))
        except (KeyError, TypeError) as exc:
            raise SepaFout(f"{bestand}: gemeente {gemeente} mist naam of iban; vul die aan.") from exc
    return opdrachtgevers


def sepa_tekst(tekst: str, lengte: int) -> str:
    zonder_accenten = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"\s+", " ", _NIET_SEPA.sub(" ", zonder_accenten)).strip()[:lengte]


def _bedrag(waarde: Decimal) -> str:
    return f"{bedrag(waarde):.2f}"


def _sub(ouder: etree._Element, naam: str, tekst: str | None = None, **attributen: str) -> etree._Element:
    element = etree.SubElement(ouder, f"{{{NS}}}{naam}", **attributen)
    if tekst is not None:
        element.text = tekst
    return element


def _pad(ouder: etree._Element, *namen: str, tekst: str) -> None:
    for naam in namen[:-1]:
        ouder = _sub(ouder, naam)
    _sub(ouder, namen[-1], tekst)


def _controleer(opdrachtgever: Opdrachtgever, overboekingen: list[Overboeking]) -> None:
    if not overboekingen:
        raise SepaFout("Een betaalbatch zonder overboekingen heeft geen zin; er is niets te betalen.")
    if not iban_geldig(opdrachtgever.iban):
        raise SepaFout(f"Het IBAN van {opdrachtgever.naam} ({opdrachtgever.iban}) klopt niet; verbeter het in de opdrachtgevers.")
    for o in overboekingen:
        if not iban_geldig(o.iban):
            raise SepaFout(f"Het IBAN van {o.naam} ({o.iban}) klopt niet; laat de inkoper het contract verbeteren.")
        if o.bedrag <= 0:
            raise SepaFout(f"Overboeking {o.kenmerk} heeft geen positief bedrag ({_bedrag(o.bedrag)}).")


def schrijf_pain001(
    batch_id: str, aangemaakt: datetime, uitvoeringsdatum: date, opdrachtgever: Opdrachtgever, overboekingen: list[Overboeking]
) -> bytes:
    """Eén betaalopdracht (PmtInf) van de gemeente met één overboeking per factuur."""
    _controleer(opdrachtgever, overboekingen)
    aantal, totaal = str(len(overboekingen)), _bedrag(sum((o.bedrag for o in overboekingen), Decimal(0)))
    document = etree.Element(f"{{{NS}}}Document", nsmap={None: NS})
    opdracht = _sub(document, "CstmrCdtTrfInitn")
    kop = _sub(opdracht, "GrpHdr")
    _sub(kop, "MsgId", batch_id)
    _sub(kop, "CreDtTm", aangemaakt.replace(microsecond=0, tzinfo=None).isoformat())
    _sub(kop, "NbOfTxs", aantal)
    _sub(kop, "CtrlSum", totaal)
    _pad(kop, "InitgPty", "Nm", tekst=sepa_tekst(opdrachtgever.naam, 70))
    betaling = _sub(opdracht, "PmtInf")
    _sub(betaling, "PmtInfId", batch_id)
    _sub(betaling, "PmtMtd", "TRF")
    _sub(betaling, "BtchBookg", "true")
    _sub(betaling, "NbOfTxs", aantal)
    _sub(betaling, "CtrlSum", totaal)
    _pad(betaling, "PmtTpInf", "SvcLvl", "Cd", tekst="SEPA")
    _sub(betaling, "ReqdExctnDt", uitvoeringsdatum.isoformat())
    _pad(betaling, "Dbtr", "Nm", tekst=sepa_tekst(opdrachtgever.naam, 70))
    _pad(betaling, "DbtrAcct", "Id", "IBAN", tekst=opdrachtgever.iban)
    if opdrachtgever.bic:
        _pad(betaling, "DbtrAgt", "FinInstnId", "BIC", tekst=opdrachtgever.bic)
    else:
        _pad(betaling, "DbtrAgt", "FinInstnId", "Othr", "Id", tekst="NOTPROVIDED")
    _sub(betaling, "ChrgBr", "SLEV")
    for o in overboekingen:
        transactie = _sub(betaling, "CdtTrfTxInf")
        _pad(transactie, "PmtId", "EndToEndId", tekst=sepa_tekst(o.kenmerk, 35) or "NOTPROVIDED")
        _sub(_sub(transactie, "Amt"), "InstdAmt", _bedrag(o.bedrag), Ccy="EUR")
        _pad(transactie, "Cdtr", "Nm", tekst=sepa_tekst(o.naam, 70))
        _pad(transactie, "CdtrAcct", "Id", "IBAN", tekst=normaliseer_iban(o.iban))
        _pad(transactie, "RmtInf", "Ustrd", tekst=sepa_tekst(o.omschrijving, 140))
    xml = etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    valideer(xml)
    return xml


@lru_cache(maxsize=1)
def _schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(XSD), parser))


def valideer(xml: bytes) -> None:
    """Toetst aan pain.001.001.03; een fout noemt regel en reden."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        document = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise SepaFout(f"Het betaalbestand is geen geldige XML: {exc}") from exc
    schema = _schema()
    if not schema.validate(document):
        fout = schema.error_log.last_error
        raise SepaFout(f"Het betaalbestand voldoet niet aan pain.001.001.03 (regel {fout.line}): {fout.message}")
