"""Vijandige of kapotte invoer geeft altijd een duidelijke BerichtFout, nooit iets anders."""

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hub.koppelingen.formaten.berichtparser import BerichtFout, parse_bericht

GELDIG = Path(__file__).resolve().parents[2] / "berichten" / "voorbeelden" / "geldig"
INTAKE_XML = (GELDIG / "intake.xml").read_bytes()
FACTUUR_JSON = json.loads((GELDIG / "factuur.json").read_text(encoding="utf-8"))


def schema_fout(data: bytes, **kwargs) -> BerichtFout:
    with pytest.raises(BerichtFout) as fout:
        parse_bericht(data, **kwargs)
    assert fout.value.fouten and all(f.code == "SCHEMA" and f.melding for f in fout.value.fouten)
    return fout.value


def test_externe_entiteit_wordt_niet_gelezen():
    xxe = INTAKE_XML.replace(
        b"<intake ",
        b'<!DOCTYPE intake [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<intake ',
    ).replace(b"<afzender>matchez</afzender>", b"<afzender>&xxe;</afzender>")
    fout = schema_fout(xxe)
    assert "root" not in str(fout)
    assert "DOCTYPE" in fout.fouten[0].melding


def test_billion_laughs_wordt_geweigerd():
    entiteiten = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    bom = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{entiteiten}]>'
        f'<intake xmlns="urn:reintegratie-hub:berichten:1"><afzender>&lol9;</afzender></intake>'
    ).encode()
    schema_fout(bom)


def test_doctype_zonder_entiteiten_wordt_geweigerd():
    schema_fout(INTAKE_XML.replace(b"<intake ", b"<!DOCTYPE intake>\n<intake "))


def test_te_groot_bericht_wordt_geweigerd_voor_het_lezen():
    fout = schema_fout(b"{" + b" " * 2_000 + b"}", max_bytes=1_000)
    assert "maximum" in fout.fouten[0].melding


def test_geen_utf8_wordt_geweigerd():
    fout = schema_fout(b'{"type": "intake", "naam": "Jos\xe9"}')
    assert "UTF-8" in fout.fouten[0].melding


@pytest.mark.parametrize(
    "data",
    [b"", b"   ", b"hallo", b"\x00\x01\x02", b"<intake", b"{\"type\": ", b"[1, 2]", b"{}", b"<a/>", b"{\"a\": NaN}"],
    ids=["leeg", "spaties", "tekst", "binair", "halve-xml", "halve-json", "lijst", "leeg-object", "vreemde-xml", "nan"],
)
def test_rommel_geeft_een_schemafout(data: bytes):
    schema_fout(data)


def test_json_getal_met_breuk_als_bedrag_wordt_geweigerd():
    data = {**FACTUUR_JSON, "totaalInclBtw": 2722.5}
    fout = schema_fout(json.dumps(data).encode())
    assert [f.veld for f in fout.fouten] == ["totaalInclBtw"]


def test_geheel_getal_als_bedrag_mag():
    data = {**FACTUUR_JSON, "totaalExclBtw": 2250}
    assert str(parse_bericht(json.dumps(data).encode()).totaal_excl_btw) == "2250"


def test_dubbel_veld_in_json_wordt_geweigerd():
    tekst = json.dumps(FACTUUR_JSON)[:-1] + ', "iban": "NL20INGB0001234567"}'
    assert schema_fout(tekst.encode()).fouten[0].veld == "iban"


def test_diep_geneste_json_wordt_geweigerd():
    schema_fout(b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", max_bytes=1_000_000)


def test_getal_van_duizenden_cijfers_wordt_geweigerd():
    schema_fout(b'{"trede": ' + b"9" * 5_000 + b"}")


def test_ubl_factuur_zonder_ubl_koppeling_krijgt_een_duidelijk_antwoord(monkeypatch):
    import importlib

    echte_import = importlib.import_module

    def zonder_ubl(naam, *args):
        if naam == "hub.koppelingen.formaten.ubl":
            raise ModuleNotFoundError(name=naam)
        return echte_import(naam, *args)

    monkeypatch.setattr(importlib, "import_module", zonder_ubl)
    ubl = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID xmlns="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">1</ID></Invoice>'
    assert "UBL" in schema_fout(ubl).fouten[0].melding


def test_antwoord_van_de_hub_is_geen_binnenkomend_bericht():
    retour = b'<retour xmlns="urn:reintegratie-hub:berichten:1"><berichtId>0b6e1f3a-2c4d-4e5f-8a9b-0c1d2e3f4a01</berichtId><status>geaccepteerd</status></retour>'
    schema_fout(retour)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_willekeurige_bytes_geven_nooit_een_andere_uitzondering(data: bytes):
    with contextlib.suppress(BerichtFout):
        parse_bericht(data)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(INTAKE_XML) - 1), st.binary(min_size=1, max_size=5))
def test_beschadigde_xml_geeft_nooit_een_andere_uitzondering(positie: int, rommel: bytes):
    with contextlib.suppress(BerichtFout):
        parse_bericht(INTAKE_XML[:positie] + rommel + INTAKE_XML[positie + 1 :])


@pytest.mark.parametrize("veld, waarde", [("bedrag", "-2250.00"), ("aantal", "-1"), ("prijs", "-2250.00")])
def test_negatief_bedrag_of_aantal_op_een_factuur_wordt_geweigerd(veld, waarde):
    """Een factuur corrigeren gaat met een creditnota, niet met negatieve regels."""
    data = json.loads((GELDIG / "factuur.json").read_text(encoding="utf-8"))
    data["regels"][0][veld] = waarde
    with pytest.raises(BerichtFout) as fout:
        parse_bericht(json.dumps(data).encode(), afzender="matchez")
    assert [f.veld for f in fout.value.fouten] == [f"regels[0].{veld}"]
    assert "niet negatief" in fout.value.fouten[0].melding


@pytest.mark.parametrize("pad, waarde", [(("datum",), "9999-12-31"), (("datum",), "1899-12-31")])
def test_datum_buiten_de_horizon_is_een_invoerfout(pad, waarde):
    data = json.loads((GELDIG / "intake.json").read_text(encoding="utf-8"))
    data[pad[0]] = waarde
    with pytest.raises(BerichtFout) as fout:
        parse_bericht(json.dumps(data).encode(), afzender="matchez")
    [gevonden] = fout.value.fouten
    assert gevonden.veld == "datum" and "1900 t/m 2199" in gevonden.melding


def test_datum_buiten_de_horizon_in_xml_wordt_door_de_xsd_geweigerd():
    xml = (GELDIG / "intake.xml").read_bytes().replace(b"<datum>2024-01-15</datum>", b"<datum>9999-12-31</datum>")
    assert b"9999-12-31" in xml
    with pytest.raises(BerichtFout) as fout:
        parse_bericht(xml, afzender="matchez")
    assert fout.value.fouten[0].veld == "datum"
