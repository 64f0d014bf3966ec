"""Hulp voor de UBL-tests: de voorbeeldfacturen laden, aanpassen en weer als bytes aanbieden."""

from pathlib import Path

import pytest
from lxml import etree

from hub.berichten.fouten import BerichtFout
from hub.koppelingen.formaten.berichtparser import parse_bericht
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
    with pytest.raises(BerichtFout) as fout:
        parse_bericht(data, afzender=afzender)
    assert fout.value.fouten, "een weigering noemt minstens één reden"
    assert all(f.code == "SCHEMA" and f.melding for f in fout.value.fouten)
    return fout.value
