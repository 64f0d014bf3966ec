"""Contracttest: de JSON- en XML-vorm van elk voorbeeldbericht geven hetzelfde model."""

import json
from pathlib import Path

import pytest
from lxml import etree
from stdnum.nl import bsn

from hub.berichten import BERICHTTYPEN
from hub.koppelingen.formaten.berichtparser import XSD_PAD, BerichtFout, parse_bericht

VOORBEELDEN = Path(__file__).resolve().parents[2] / "berichten" / "voorbeelden"
GELDIG = sorted((VOORBEELDEN / "geldig").glob("*.json"))
VERWACHT = json.loads((VOORBEELDEN / "ongeldig" / "verwacht.json").read_text(encoding="utf-8"))


def test_elk_berichttype_heeft_een_geldig_voorbeeld_in_beide_vormen():
    typen = {json.loads(p.read_text(encoding="utf-8"))["type"] for p in GELDIG}
    assert typen == set(BERICHTTYPEN)
    assert all(p.with_suffix(".xml").exists() for p in GELDIG)


@pytest.mark.parametrize("pad", GELDIG, ids=lambda p: p.stem)
def test_json_en_xml_geven_hetzelfde_model(pad: Path):
    uit_json = parse_bericht(pad.read_bytes())
    uit_xml = parse_bericht(pad.with_suffix(".xml").read_bytes())
    assert uit_json == uit_xml
    assert type(uit_json).__name__ == type(uit_xml).__name__


@pytest.mark.parametrize("pad", GELDIG, ids=lambda p: p.stem)
def test_json_vorm_komt_ongewijzigd_terug_uit_het_model(pad: Path):
    data = json.loads(pad.read_text(encoding="utf-8"))
    assert parse_bericht(pad.read_bytes()).model_dump(mode="json", exclude_none=True) == data


@pytest.mark.parametrize("pad", GELDIG, ids=lambda p: p.stem)
def test_xsd_accepteert_het_xml_voorbeeld(pad: Path):
    schema = etree.XMLSchema(etree.parse(str(XSD_PAD)))
    assert schema.validate(etree.parse(str(pad.with_suffix(".xml")))), schema.error_log


@pytest.mark.parametrize("pad", GELDIG, ids=lambda p: p.stem)
def test_voorbeeld_bsns_doorstaan_de_elfproef(pad: Path):
    def bsns(waarde):
        if isinstance(waarde, dict):
            yield from ([waarde["bsn"]] if "bsn" in waarde else [])
            for kind in waarde.values():
                yield from bsns(kind)
        elif isinstance(waarde, list):
            for kind in waarde:
                yield from bsns(kind)

    for nummer in bsns(json.loads(pad.read_text(encoding="utf-8"))):
        assert bsn.is_valid(nummer), nummer


@pytest.mark.parametrize("bestand", sorted(VERWACHT), ids=str)
def test_ongeldig_voorbeeld_wordt_afgewezen_met_code_en_veld(bestand: str):
    verwacht = VERWACHT[bestand]
    with pytest.raises(BerichtFout) as fout:
        parse_bericht((VOORBEELDEN / "ongeldig" / bestand).read_bytes())
    assert (verwacht["code"], verwacht["veld"]) in [(f.code, f.veld) for f in fout.value.fouten]
    assert all(f.melding for f in fout.value.fouten)


def test_elk_ongeldig_voorbeeld_staat_in_de_index():
    bestanden = {p.name for p in (VOORBEELDEN / "ongeldig").iterdir() if p.name != "verwacht.json"}
    assert bestanden == set(VERWACHT)
