"""Vijandige invoer bij het lezen: een begrensde, duidelijke SCHEMA-fout, goedkoop gevonden, nooit een andere uitzondering."""

import json
import re
import time
from pathlib import Path

import pytest

from hub.berichten import lees_json
from hub.berichten.fouten import MAX_FOUTEN, BerichtFout
from hub.berichten.retour import Fout
from hub.koppelingen.formaten.berichtparser import MAX_DIEPTE, MAX_VELDEN, parse_bericht
from hub.koppelingen.formaten.berichtxml import naar_xml

PROJECT = Path(__file__).resolve().parents[2]
GELDIG = PROJECT / "berichten" / "voorbeelden" / "geldig"
INTAKE = json.loads((GELDIG / "intake.json").read_text(encoding="utf-8"))
INTAKE_XML = (GELDIG / "intake.xml").read_bytes()
UBL = (PROJECT / "berichten" / "voorbeelden" / "ubl" / "factuur.xml").read_bytes()


def schema_fout(data: bytes, binnen: float = 0.5) -> list[Fout]:
    begin = time.perf_counter()
    with pytest.raises(BerichtFout) as fout:
        parse_bericht(data, afzender="matchez")
    assert time.perf_counter() - begin < binnen
    fouten = fout.value.fouten
    assert fouten and all(f.melding for f in fouten)
    assert "SCHEMA" in {f.code for f in fouten}
    assert len(fouten) <= MAX_FOUTEN + 1
    return fouten


def met(**velden) -> bytes:
    return json.dumps({**INTAKE, **velden}).encode()


@pytest.mark.parametrize("diepte", [MAX_DIEPTE + 1, 1_000, 100_000])
def test_te_diep_geneste_json(diepte):
    [fout] = schema_fout(json.dumps(INTAKE)[:-1].encode() + b', "x": ' + b"[" * diepte + b"]" * diepte + b"}")
    assert f"{MAX_DIEPTE} niveaus" in fout.melding


def test_diep_genest_object_in_een_veld():
    diep = b'{"a": ' * 500 + b"1" + b"}" * 500
    [fout] = schema_fout(json.dumps(INTAKE).encode().replace(b'"2024-01-15"', diep))
    assert "genest" in fout.melding


@pytest.mark.parametrize("diepte", [300, 1_000, 100_000])
def test_te_diep_geneste_xml(diepte):
    [fout] = schema_fout(INTAKE_XML.replace(b"</intake>", b"<x>" * diepte + b"</x>" * diepte + b"</intake>"))
    assert "genest" in fout.melding


def test_tienduizenden_onbekende_velden_kort_beantwoord():
    fouten = schema_fout(met(**{f"veld{i}": i for i in range(50_000)}), binnen=0.3)
    assert len(fouten) == 1 and f"meer dan {MAX_VELDEN} velden" in fouten[0].melding


def test_meer_dan_duizend_schemafouten_begrensd_met_slotregel():
    factuur = json.loads((GELDIG / "factuur.json").read_text(encoding="utf-8"))
    factuur["regels"] = [{"onbekend": i} for i in range(1_000)]
    *fouten, slot = schema_fout(json.dumps(factuur).encode())
    assert len(fouten) == MAX_FOUTEN
    assert slot.veld is None and re.match(r"En nog \d+ fouten", slot.melding)


def test_begrenzing_van_fouten_geldt_voor_elke_berichtfout():
    fout = BerichtFout(Fout(code="SCHEMA", veld=f"v{i}", melding="m") for i in range(5_000))
    assert len(fout.fouten) == MAX_FOUTEN + 1 and "4900" in fout.fouten[-1].melding


@pytest.mark.parametrize("lengte", [201, 5_000])
def test_lange_veldnaam_geeft_een_ingekorte_melding(lengte):
    [fout] = schema_fout(met(**{"x" * lengte: 1}))
    assert fout.veld is not None and len(fout.veld) <= 200 and len(fout.melding) < 400


def test_dubbele_lange_veldnaam():
    tekst = json.dumps(INTAKE)[:-1] + ', "' + "y" * 500 + '": 1, "' + "y" * 500 + '": 2}'
    [fout] = schema_fout(tekst.encode())
    assert fout.veld is not None and len(fout.veld) <= 200 and "twee keer" in fout.melding


def test_lange_elementnaam_in_xml():
    [fout] = schema_fout(INTAKE_XML.replace(b"</intake>", b"<" + b"e" * 300 + b"/></intake>"))
    assert fout.veld is not None and len(fout.veld) <= 200


@pytest.mark.parametrize(
    "waarde",
    [b"9" * 5_000, b"-" + b"9" * 5_000, b"1" + b"0" * 4_000, b"1e999999", b"1." + b"9" * 5_000],
    ids=["5000-cijfers", "negatief", "4001-cijfers", "exponent", "breuk"],
)
def test_getal_van_duizenden_cijfers_in_json(waarde):
    [fout] = schema_fout(json.dumps(INTAKE)[:-1].encode() + b', "datum": ' + waarde + b"}")
    assert fout.veld in ("datum", None)


@pytest.mark.parametrize("veld", ["bedrag", "prijs", "aantal", "btwPercentage"])
def test_bedrag_van_duizenden_cijfers_als_tekst(veld):
    factuur = json.loads((GELDIG / "factuur.json").read_text(encoding="utf-8"))
    factuur["regels"][0][veld] = "9" * 5_000 + ".00"
    [fout] = schema_fout(json.dumps(factuur).encode())
    assert fout.veld == f"regels[0].{veld}"


def test_getal_van_duizenden_cijfers_in_xml():
    xml = (GELDIG / "factuur.xml").read_bytes()
    for element in (b"bedrag", b"regelnummer"):
        gewijzigd = re.sub(rb"<%s>[^<]*</%s>" % (element, element), b"<%s>%s</%s>" % (element, b"9" * 5_000, element), xml, count=1)
        [fout] = schema_fout(gewijzigd)
        assert fout.veld == f"regels[0].{element.decode()}"


def test_xinclude_wordt_geweigerd_en_niet_uitgevoerd():
    xml = INTAKE_XML.replace(
        b"</intake>", b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/></intake>'
    )
    [fout] = schema_fout(xml)
    assert "XInclude" in fout.melding and "root" not in fout.melding


def test_xinclude_in_een_veld_wordt_geweigerd():
    xml = INTAKE_XML.replace(
        b"<datum>2024-01-15</datum>",
        b'<datum><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/hostname" parse="text"/></datum>',
    )
    assert "XInclude" in schema_fout(xml)[0].melding


@pytest.mark.parametrize(
    "element",
    [b'<v:opdracht xmlns:v="urn:vreemd">1</v:opdracht>', b'<opdracht xmlns="urn:vreemd"/>', b"<opdracht xmlns=''/>"],
    ids=["voorvoegsel", "standaardnamespace", "geen-namespace"],
)
def test_element_in_een_vreemde_namespace_wordt_geweigerd(element):
    [fout] = schema_fout(INTAKE_XML.replace(b"</intake>", element + b"</intake>"))
    assert "namespace" in fout.melding and "urn:reintegratie-hub:berichten:1" in fout.melding


@pytest.mark.parametrize("attribuut", [b'xsi:type="xs:string"', b'xsi:nil="true"'])
def test_xsi_attribuut_dat_de_validatie_verandert_wordt_geweigerd(attribuut):
    xml = INTAKE_XML.replace(
        b"<datum>", b'<datum xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ' + attribuut + b">"
    )
    assert "attribu" in schema_fout(xml)[0].melding


def test_geldige_xml_blijft_geldig():
    assert parse_bericht(naar_xml(lees_json(INTAKE)), afzender="matchez").type == "intake"


def test_ubl_zonder_leverancier_noemt_de_leverancier():
    zonder = re.sub(rb"<cac:AccountingSupplierParty>.*?</cac:AccountingSupplierParty>", b"", UBL, flags=re.S)
    for document in (zonder, zonder.replace(b"<cbc:ID>MZ", b"<cbc:UUID>0b6e1f3a-2c4d-4e5f-8a9b-0c1d2e3f4aff</cbc:UUID><cbc:ID>MZ", 1)):
        fouten = schema_fout(document, binnen=5)
        assert any("cac:AccountingSupplierParty" in f.melding and "ontbreekt" in f.melding for f in fouten), fouten


@pytest.mark.parametrize(
    "wijzig",
    [
        lambda u: re.sub(rb"<cac:AccountingSupplierParty>.*?</cac:AccountingSupplierParty>", b"<cac:AccountingSupplierParty/>", u, flags=re.S),
        lambda u: re.sub(rb"<cac:InvoiceLine>.*</cac:InvoiceLine>", b"", u, flags=re.S),
        lambda u: re.sub(rb"(<cbc:InvoicedQuantity[^>]*>)[^<]*", rb"\g<1>" + b"9" * 5_000, u),
        lambda u: re.sub(rb"(<cbc:InvoicedQuantity[^>]*>)[^<]*", rb"\g<1>1E99999", u),
        lambda u: re.sub(rb"<cbc:EndDate>[^<]*", b"<cbc:EndDate>9999-12-31", u),
        lambda u: re.sub(rb"<cbc:IssueDate>[^<]*", b"<cbc:IssueDate>9999-12-31", u),
        lambda u: u.replace(b"</Invoice>", b"<a>" * 300 + b"</a>" * 300 + b"</Invoice>"),
        lambda u: b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
    ],
    ids=["lege-leverancier", "zonder-regels", "aantal-5000-cijfers", "aantal-exponent", "periode-9999", "factuurdatum-9999", "diep", "leeg"],
)
def test_ubl_vormen_die_de_lezer_kunnen_breken(wijzig):
    schema_fout(wijzig(UBL), binnen=5)
