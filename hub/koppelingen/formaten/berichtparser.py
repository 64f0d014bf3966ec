"""Bytes van buiten (JSON of XML) → een gevalideerd `Bericht`, of een `BerichtFout` met redenen.

Alles wat niet te lezen is, wordt een `BerichtFout` met code SCHEMA; geen andere uitzondering
komt hier naar buiten. XML wordt gelezen zonder DTD, entiteiten, XInclude of netwerk, en tegen de XSD
gecontroleerd voordat er iets mee gebeurt.

Vijandige invoer wordt geweigerd voordat ze duur wordt: hoogstens `max_bytes`, `MAX_DIEPTE` niveaus
nesting en `MAX_VELDEN` velden per object, voordat pydantic of de XSD het bericht ziet.
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
    berichtfout_uit_validatie,
    melding_onbekend,
    melding_ongeldig,
    melding_ontbreekt,
    pad_tekst,
)
from hub.berichten.retour import Fout
from hub.berichten.standaard import NAMESPACE
from hub.berichten.velden import ENKELVOUD, zoek_veld
from hub.koppelingen.formaten.berichtxml import ROOTMODELLEN, naar_xml, xml_naar_dict
from hub.koppelingen.formaten.ubl_lezer import UBL_CREDITNOTE, UBL_INVOICE, ingekort

__all__ = ["MAX_DIEPTE", "MAX_VELDEN", "XSD_PAD", "BerichtFout", "naar_xml", "parse_bericht"]

MAX_DIEPTE = 32
"""Zoveel niveaus nesting mag een bericht hebben (JSON en XML; de standaard gebruikt er hoogstens vijf)."""
MAX_VELDEN = 100
"""Zoveel velden mag één JSON-object hebben (het grootste berichttype heeft er minder dan twintig)."""
XINCLUDE = "http://www.w3.org/2001/XInclude"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_TE_DIEP = f"Het bericht is dieper genest dan {MAX_DIEPTE} niveaus: volg de opbouw van de berichtenstandaard."

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
    if len(paren) > MAX_VELDEN:
        raise BerichtFout.schema(
            f"Een object in het bericht heeft {len(paren)} velden; meer dan {MAX_VELDEN} velden in één object "
            "worden niet gelezen: stuur alleen de velden van de berichtenstandaard."
        )
    uitkomst: dict[str, Any] = {}
    for sleutel, waarde in paren:
        if sleutel in uitkomst:
            veld = pad_tekst([sleutel])
            raise BerichtFout.schema(f"Veld '{veld}' komt twee keer voor in één object: geef elk veld één keer op.", veld)
        uitkomst[sleutel] = waarde
    return uitkomst


def _binnen_diepte(data: Any) -> bool:
    """Laag voor laag, zodat een te diep bericht na `MAX_DIEPTE` lagen stopt; kost hooguit één keer elke waarde."""
    laag = [data]
    for _ in range(MAX_DIEPTE):
        volgende: list[Any] = []
        for waarde in laag:
            kinderen = waarde.values() if isinstance(waarde, dict) else waarde
            volgende.extend(kind for kind in kinderen if isinstance(kind, (dict, list)))
        if not volgende:
            return True
        laag = volgende
    return False


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
        raise BerichtFout.schema(_TE_DIEP) from None
    except ValueError:
        raise BerichtFout.schema(
            "Het JSON-bericht bevat een getal van duizenden cijfers: geef getallen zoals de berichtenstandaard ze "
            "beschrijft, bedragen als tekst met twee decimalen."
        ) from None
    if not isinstance(data, dict):
        raise BerichtFout.schema("Het bericht is geen JSON-object: stuur één object per bericht.")
    if not _binnen_diepte(data):
        raise BerichtFout.schema(_TE_DIEP)
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
        raise berichtfout_uit_validatie(fout) from None


_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _parse_xml(data: bytes, afzender: str | None = None) -> Bericht:
    if _DOCTYPE.search(data):
        raise BerichtFout.schema(
            "XML met een DOCTYPE of ENTITY wordt niet geaccepteerd: verwijder de DOCTYPE-declaratie."
        )
    try:
        wortel = etree.fromstring(data, _xml_parser())
    except etree.XMLSyntaxError as fout:
        if "depth" in (fout.msg or "").lower():
            raise BerichtFout.schema(_TE_DIEP) from None
        regel = f" (regel {fout.lineno})" if fout.lineno else ""
        raise BerichtFout.schema(f"Het bericht is geen goedgevormde XML{regel}: controleer de opbouw.") from None
    boom = wortel.getroottree()
    if boom.docinfo.doctype:
        raise BerichtFout.schema("XML met een DOCTYPE wordt niet geaccepteerd: verwijder de DOCTYPE-declaratie.")
    _geen_xinclude_of_diepte(wortel)
    if wortel.tag in (UBL_INVOICE, UBL_CREDITNOTE):
        return _parse_ubl(boom, afzender)
    naam = etree.QName(wortel)
    if naam.namespace != NAMESPACE or naam.localname not in ROOTMODELLEN:
        raise BerichtFout.schema(
            f"Root-element '{ingekort(naam.localname)}' in namespace '{ingekort(naam.namespace or '')}' is geen "
            f"bericht van de standaard: gebruik het berichttype als root-element in namespace '{NAMESPACE}'."
        )
    _alleen_de_standaard(wortel)
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


def _geen_xinclude_of_diepte(wortel: etree._Element) -> None:
    """Voor elke XML, ook UBL: XInclude wordt nooit uitgevoerd, en wat er staat wordt geweigerd, niet genegeerd."""
    if next(wortel.iter(f"{{{XINCLUDE}}}*"), None) is not None:
        raise BerichtFout.schema(
            "XInclude wordt niet ondersteund en niet uitgevoerd: neem de inhoud zelf op in het bericht."
        )
    if wortel.xpath(f"boolean(/{'*/' * MAX_DIEPTE}*)"):
        raise BerichtFout.schema(_TE_DIEP)


def _alleen_de_standaard(wortel: etree._Element) -> None:
    """Alleen elementen uit de namespace van de standaard, en geen attributen: de standaard kent er geen, en xsi:type
    of xsi:nil zouden de XSD-controle veranderen. xsi:schemaLocation (door veel programma's gezet) wordt genegeerd."""
    vreemd = wortel.xpath("(//*[namespace-uri() != $ns])[1]", ns=NAMESPACE)
    if vreemd:
        naam = etree.QName(vreemd[0])
        raise BerichtFout.schema(
            f"Element '{ingekort(naam.localname)}' in namespace '{ingekort(naam.namespace or '')}' hoort niet in een "
            f"bericht: gebruik alleen elementen uit namespace '{NAMESPACE}' en laat andere weg."
        )
    attribuut = wortel.xpath(
        "(//@*[not(namespace-uri() = $xsi and (local-name() = 'schemaLocation' or local-name() = 'noNamespaceSchemaLocation'))])[1]",
        xsi=_XSI,
    )
    if attribuut:
        naam = etree.QName(attribuut[0].attrname)
        raise BerichtFout.schema(
            f"Attribuut '{ingekort(naam.localname)}' op element '{ingekort(etree.QName(attribuut[0].getparent()).localname)}' "
            "hoort niet in een bericht: de berichtenstandaard kent geen attributen; laat het weg."
        )


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
    try:
        gevonden = boom.xpath(fout.path) if fout.path else []
    except etree.XPathError:
        gevonden = []
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
