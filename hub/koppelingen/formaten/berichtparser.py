"""Bytes van buiten (JSON of XML) → een gevalideerd `Bericht`, of een `BerichtFout` met redenen.

Alles wat niet te lezen is, wordt een `BerichtFout` met code SCHEMA; geen andere uitzondering
komt hier naar buiten. XML wordt gelezen zonder DTD, entiteiten of netwerk, en tegen de XSD
gecontroleerd voordat er iets mee gebeurt.
"""

import importlib
import json
import re
import threading
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree
from pydantic import ValidationError

from hub.berichten.bericht import BERICHTTYPEN, Bericht, lees_json
from hub.berichten.fouten import (
    BerichtFout,
    fouten_uit_validatie,
    melding_onbekend,
    melding_ongeldig,
    melding_ontbreekt,
    pad_tekst,
)
from hub.berichten.retour import Fout
from hub.berichten.standaard import NAMESPACE
from hub.berichten.velden import ENKELVOUD, zoek_veld
from hub.koppelingen.formaten.berichtxml import ROOTMODELLEN, naar_xml, xml_naar_dict
from hub.koppelingen.formaten.ubl_lezer import UBL_CREDITNOTE, UBL_INVOICE

__all__ = ["XSD_PAD", "BerichtFout", "naar_xml", "parse_bericht"]

XSD_PAD = Path(__file__).resolve().parents[3] / "berichten" / "xsd" / "berichten-1.xsd"
_XSD_SLOT = threading.Lock()


@cache
def _xsd() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(XSD_PAD), parser))


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        encoding="utf-8",
    )


def vorm_van(data: bytes) -> str:
    """`json`, `xml` (de eigen standaard) of `ubl` (e-factuur), voor de herkomst van een feit."""
    begin = bytes(data[:64]).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if begin == b"{":
        return "json"
    return "ubl" if b"urn:oasis:names:specification:ubl:schema:xsd:" in data[:4096] else "xml"


def parse_bericht(data: bytes, max_bytes: int = 1_000_000, *, afzender: str | None = None) -> Bericht:
    """`afzender`: de geauthenticeerde identiteit, voor formaten die hem zelf niet dragen (UBL)."""
    if not isinstance(data, (bytes, bytearray)):
        raise BerichtFout.schema("Het bericht moet als bytes worden aangeboden.")
    if len(data) > max_bytes:
        raise BerichtFout.schema(
            f"Het bericht is {len(data)} bytes; het maximum is {max_bytes}: splits het op of verklein het."
        )
    try:
        tekst = bytes(data).decode("utf-8")
    except UnicodeDecodeError as fout:
        raise BerichtFout.schema(
            f"Het bericht is geen geldige UTF-8 (byte {fout.start}): stuur het in UTF-8-codering."
        ) from None
    begin = tekst.lstrip("\ufeff \t\r\n")[:1]
    if begin == "{":
        return _parse_json(tekst)
    if begin == "<":
        return _parse_xml(bytes(data), afzender)
    raise BerichtFout.schema("Het bericht is geen JSON-object en geen XML: stuur één van beide.")


def _geen_dubbele(paren: list[tuple[str, Any]]) -> dict[str, Any]:
    uitkomst: dict[str, Any] = {}
    for sleutel, waarde in paren:
        if sleutel in uitkomst:
            raise BerichtFout.schema(
                f"Veld '{sleutel}' komt twee keer voor in één object: geef elk veld één keer op.", sleutel
            )
        uitkomst[sleutel] = waarde
    return uitkomst


def _geen_constante(naam: str) -> Any:
    raise BerichtFout.schema(f"'{naam}' is geen geldig JSON-getal: geef bedragen als tekst, bijv. \"2250.00\".")


def _parse_json(tekst: str) -> Bericht:
    try:
        data = json.loads(tekst.lstrip("\ufeff"), object_pairs_hook=_geen_dubbele, parse_constant=_geen_constante)
    except json.JSONDecodeError as fout:
        raise BerichtFout.schema(
            f"Het bericht is geen geldige JSON (regel {fout.lineno}, kolom {fout.colno}): {_json_reden(fout.msg)}."
        ) from None
    except RecursionError:
        raise BerichtFout.schema("Het JSON-bericht is te diep genest: volg de berichtenstandaard.") from None
    except ValueError:
        raise BerichtFout.schema("Het JSON-bericht bevat een getal dat te lang is: geef bedragen als tekst.") from None
    if not isinstance(data, dict):
        raise BerichtFout.schema("Het bericht is geen JSON-object: stuur één object per bericht.")
    return _valideer(data)


def _json_reden(bericht: str) -> str:
    return {
        "Expecting value": "waarde verwacht",
        "Extra data": "tekst na het einde van het object",
        "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
        "Expecting property name enclosed in double quotes": "veldnaam tussen dubbele aanhalingstekens verwacht",
        "Expecting ',' delimiter": "komma verwacht",
        "Expecting ':' delimiter": "dubbele punt verwacht",
    }.get(bericht, "controleer de opbouw")


def _valideer(data: dict[str, Any]) -> Bericht:
    try:
        return lees_json(data)
    except ValidationError as fout:
        raise BerichtFout(fouten_uit_validatie(fout)) from None


_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _parse_xml(data: bytes, afzender: str | None = None) -> Bericht:
    if _DOCTYPE.search(data):
        raise BerichtFout.schema(
            "XML met een DOCTYPE of ENTITY wordt niet geaccepteerd: verwijder de DOCTYPE-declaratie."
        )
    try:
        wortel = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as fout:
        regel = f" (regel {fout.lineno})" if fout.lineno else ""
        raise BerichtFout.schema(f"Het bericht is geen goedgevormde XML{regel}: controleer de opbouw.") from None
    boom = wortel.getroottree()
    if boom.docinfo.doctype:
        raise BerichtFout.schema("XML met een DOCTYPE wordt niet geaccepteerd: verwijder de DOCTYPE-declaratie.")
    if wortel.tag in (UBL_INVOICE, UBL_CREDITNOTE):
        return _parse_ubl(boom, afzender)
    naam = etree.QName(wortel)
    if naam.namespace != NAMESPACE or naam.localname not in ROOTMODELLEN:
        raise BerichtFout.schema(
            f"Root-element '{naam.localname}' in namespace '{naam.namespace or ''}' is geen bericht van "
            f"de standaard: gebruik het berichttype als root-element in namespace '{NAMESPACE}'."
        )
    if naam.localname not in BERICHTTYPEN:
        raise BerichtFout.schema(f"'{naam.localname}' is een antwoord van de hub en geen bericht aan de hub.")
    schema = _xsd()
    with _XSD_SLOT:
        geldig = schema.validate(boom)
        log = list(schema.error_log)
    if not geldig:
        per_veld: dict[str | None, Fout] = {}
        for regel in log[:20]:
            gevonden = _xsd_fout(regel, boom, naam.localname)
            per_veld.setdefault(gevonden.veld, gevonden)
        raise BerichtFout(per_veld.values())
    return _valideer(xml_naar_dict(wortel))


def _parse_ubl(boom: etree._ElementTree, afzender: str | None = None) -> Bericht:
    try:
        ubl = importlib.import_module("hub.koppelingen.formaten.ubl")
    except ModuleNotFoundError as fout:
        if fout.name != "hub.koppelingen.formaten.ubl":
            raise
        raise BerichtFout.schema("UBL-facturen worden nog niet ondersteund: stuur de factuur als JSON of XML.") from None
    return ubl.parse_ubl(boom, afzender=afzender)


_VERWACHT = re.compile(r"Expected is(?: one of)? \( (.+?) \)")
_ELEMENTNAAM = re.compile(r"\{[^}]*\}(\w+)")


def _veldpad(element: etree._Element) -> list[str | int]:
    """Het camelCase-pad van een element, met lijstindexen: ['regels', 0, 'bedrag']."""
    keten = [element, *element.iterancestors()][:-1]
    pad: list[str | int] = []
    for el in reversed(keten):
        naam = etree.QName(el).localname
        ouder = el.getparent()
        if ouder is not None and ENKELVOUD.get(etree.QName(ouder).localname) == naam:
            pad.append(sum(1 for _ in el.itersiblings(preceding=True, tag=el.tag)))
        else:
            pad.append(naam)
    return pad


def _xsd_fout(fout: Any, boom: etree._ElementTree, type_naam: str) -> Fout:
    model = ROOTMODELLEN[type_naam]
    gevonden = boom.xpath(fout.path) if fout.path else []
    element = gevonden[0] if gevonden else None
    pad = _veldpad(element) if element is not None else []
    bericht = fout.message or ""
    verwacht = _VERWACHT.search(bericht)
    verwachte_naam = None
    if verwacht:
        naam = _ELEMENTNAAM.search(verwacht.group(1))
        verwachte_naam = naam.group(1) if naam else None
    if "Missing child element" in bericht and verwachte_naam:
        pad = [*pad, verwachte_naam]
        tekst = pad_tekst(pad)
        return Fout(code="SCHEMA", veld=tekst, melding=melding_ontbreekt(tekst, zoek_veld(model, pad)))
    if "This element is not expected" in bericht and element is not None:
        ouder = element.getparent()
        broers = {etree.QName(k).localname for k in ouder} if ouder is not None else set()
        if verwachte_naam and verwachte_naam not in broers:
            pad = [*pad[:-1], verwachte_naam]
            tekst = pad_tekst(pad)
            return Fout(code="SCHEMA", veld=tekst, melding=melding_ontbreekt(tekst, zoek_veld(model, pad)))
        tekst = pad_tekst(pad)
        if zoek_veld(model, pad) is None:
            return Fout(code="SCHEMA", veld=tekst, melding=melding_onbekend(tekst))
        return Fout(
            code="SCHEMA",
            veld=tekst,
            melding=f"Element '{tekst}' staat op de verkeerde plaats: houd de volgorde van de berichtenstandaard aan.",
        )
    tekst = pad_tekst(pad)
    if not tekst:
        return Fout(code="SCHEMA", veld=None, melding="Het XML-bericht voldoet niet aan de XSD: controleer de opbouw.")
    return Fout(code="SCHEMA", veld=tekst, melding=melding_ongeldig(tekst, zoek_veld(model, pad)))
