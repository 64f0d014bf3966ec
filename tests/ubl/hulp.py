"""Hulp voor de UBL-tests: de voorbeeldfacturen laden, aanpassen en weer als bytes aanbieden."""

from pathlib import Path

import pytest
from lxml import etree

from hub.berichten.factuur import Factuur
from hub.berichten.fouten import BerichtFout
from hub.koppelingen.formaten import efactuur
from hub.koppelingen.formaten.berichtparser import parse_bericht
from hub.koppelingen.formaten.ubl import lees_ubl
from hub.koppelingen.formaten.ubl_lezer import NS

PROJECT = Path(__file__).resolve().parents[2]
UBL_VOORBEELDEN = PROJECT / "berichten" / "voorbeelden" / "ubl"
JSON_VOORBEELDEN = PROJECT / "berichten" / "voorbeelden" / "geldig"
EXTERN = PROJECT / ".." / "shared" / "external"
AFZENDERS = {"factuur": "matchez", "factuur-area-noshow": "a-rea", "factuur-jobcoach": "jobcoach-org"}


def extern(*delen: str) -> Path:
    pad = EXTERN.joinpath(*delen)
    if not pad.exists():
        pytest.skip(f"{pad} ontbreekt: de publieke UBL-voorbeelden staan in ../shared/external naast de repository.")
    return pad


def laad(naam: str = "factuur") -> etree._Element:
    return etree.fromstring((UBL_VOORBEELDEN / f"{naam}.xml").read_bytes())


def als_bytes(wortel: etree._Element) -> bytes:
    return etree.tostring(wortel, xml_declaration=True, encoding="UTF-8")


def een(wortel: etree._Element, pad: str) -> etree._Element:
    (element,) = wortel.findall(pad, NS)
    return element


def verwijder(wortel: etree._Element, pad: str) -> None:
    for element in wortel.findall(pad, NS):
        element.getparent().remove(element)


def eigenschap(regel: etree._Element, naam: str) -> etree._Element:
    for element in regel.findall("cac:Item/cac:AdditionalItemProperty", NS):
        if element.findtext("cbc:Name", namespaces=NS) == naam:
            return element
    raise KeyError(naam)


def weigering(data: bytes, afzender: str | None = "matchez") -> BerichtFout:
    """De weigering van de hub, met alleen de fouten van de UBL-lezer: wat de standaard zelf afkeurt, valt weg.

    Deze tests gaan over de vertaling naar het factuurmodel; een verminkte voorbeeldfactuur breekt meestal ook
    regels van NLCIUS, en die toetsing heeft haar eigen tests in tests/efactuur.
    """
    with pytest.raises(BerichtFout) as fout:
        parse_bericht(data, afzender=afzender)
    assert fout.value.fouten, "een weigering noemt minstens één reden"
    assert all(f.code in ("SCHEMA", efactuur.CODE) and f.melding for f in fout.value.fouten)
    try:
        van_de_standaard = efactuur.fouten_van(efactuur.toets(etree.fromstring(data).getroottree()))
    except etree.XMLSyntaxError:
        van_de_standaard = []
    return BerichtFout([f for f in fout.value.fouten if f not in van_de_standaard])


def lees(data: bytes, afzender: str = "matchez") -> Factuur:
    """Alleen de UBL-lezer, zonder toetsing aan de standaard: voor eigenschappen van de vertaling zelf."""
    return lees_ubl(etree.fromstring(data).getroottree(), afzender=afzender)
