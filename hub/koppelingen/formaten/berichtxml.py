"""Omzetting tussen de XML-vorm van een bericht en dezelfde dict die de JSON-vorm heeft."""

from typing import Any

from lxml import etree
from pydantic import BaseModel

from hub.berichten.bericht import BERICHTTYPEN
from hub.berichten.standaard import NAMESPACE, UITGAAND
from hub.berichten.velden import velden

ROOTMODELLEN: dict[str, type[BaseModel]] = {**BERICHTTYPEN, **UITGAAND}
_ROOTNAMEN = {model: naam for naam, model in ROOTMODELLEN.items()}
_WAAR = {"true": True, "1": True, "false": False, "0": False}


def _q(naam: str) -> str:
    return f"{{{NAMESPACE}}}{naam}"


def _vul(ouder: etree._Element, model: type[BaseModel], data: dict[str, Any]) -> None:
    for veld in velden(model):
        waarde = data.get(veld.alias)
        if waarde is None:
            continue
        element = etree.SubElement(ouder, _q(veld.alias))
        if veld.lijst:
            assert veld.model is not None
            for item in waarde:
                _vul(etree.SubElement(element, _q(veld.enkelvoud)), veld.model, item)
        elif veld.model is not None:
            _vul(element, veld.model, waarde)
        elif isinstance(waarde, bool):
            element.text = "true" if waarde else "false"
        else:
            element.text = str(waarde)


def naar_xml(bericht: BaseModel) -> bytes:
    """Het bericht (of een Retour / Factuurstatus) in de XML-vorm, UTF-8 met XML-declaratie."""
    model = type(bericht)
    wortel = etree.Element(_q(_ROOTNAMEN[model]), nsmap={None: NAMESPACE})
    _vul(wortel, model, bericht.model_dump(mode="json", by_alias=True))
    return etree.tostring(wortel, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _lokaal(element: etree._Element) -> str:
    return etree.QName(element).localname


def _kinderen(element: etree._Element) -> list[etree._Element]:
    return [kind for kind in element if isinstance(kind.tag, str)]


def _lees(element: etree._Element, model: type[BaseModel]) -> dict[str, Any]:
    per_alias = {v.alias: v for v in velden(model)}
    data: dict[str, Any] = {}
    for kind in _kinderen(element):
        naam = _lokaal(kind)
        veld = per_alias.get(naam)
        tekst = kind.text or ""
        if veld is None:
            data[naam] = tekst
        elif veld.lijst:
            assert veld.model is not None
            data[naam] = [_lees(item, veld.model) for item in _kinderen(kind)]
        elif veld.model is not None:
            data[naam] = _lees(kind, veld.model)
        elif veld.basis is bool:
            data[naam] = _WAAR.get(tekst.strip(), tekst)
        elif veld.basis is int:
            data[naam] = int(tekst.strip()) if tekst.strip().lstrip("+-").isdigit() else tekst
        elif veld.basis is str:
            data[naam] = tekst
        else:
            data[naam] = tekst.strip()
    return data


def xml_naar_dict(wortel: etree._Element) -> dict[str, Any]:
    """De JSON-vorm van een XSD-geldig bericht: camelCase-sleutels, waarden zoals in JSON."""
    model = ROOTMODELLEN[_lokaal(wortel)]
    return _lees(wortel, model)
