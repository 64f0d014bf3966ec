"""Elke publieke e-factuur (NLCIUS, Peppol, EN16931, OASIS) wordt gelezen of duidelijk geweigerd, nooit een crash.

De voorbeelden staan in ../shared/external (niet in de repository); zonder die map worden deze tests
overgeslagen. Het zijn buitenlandse of algemene facturen zonder trajectId of BSN: een weigering moet
zeggen wat er ontbreekt.
"""

import json
import re

import pytest

from hub.berichten import Creditnota, Factuur
from hub.berichten.fouten import BerichtFout
from hub.koppelingen.formaten.berichtparser import parse_bericht
from tests.ubl.hulp import EXTERN, extern

VERWACHT = EXTERN / "EXPECTED_RESULTS.json"
_ENGELS = re.compile(r"\b(missing|invalid|required|expected|error)\b", re.IGNORECASE)
_AANWIJZING = re.compile(r"\b(geef|zet|stuur|schrijf|laat|herstel|rond|controleer|neem contact op)\b")


def _documenten() -> list[dict]:
    if not VERWACHT.exists():
        return []
    return json.loads(VERWACHT.read_text(encoding="utf-8"))


DOCUMENTEN = _documenten()


def test_expected_results_noemt_precies_de_aanwezige_voorbeelden():
    extern("EXPECTED_RESULTS.json")
    aanwezig = {
        str(p.relative_to(EXTERN))
        for map in ("examples", "ubl21-oasis-examples")
        for p in (EXTERN / map).rglob("*")
        if p.suffix.lower() == ".xml"
    }
    assert {d["file"] for d in DOCUMENTEN} == aanwezig
    assert len(DOCUMENTEN) >= 100


@pytest.mark.parametrize("document", DOCUMENTEN, ids=[d["file"] for d in DOCUMENTEN])
def test_publiek_voorbeeld_wordt_gelezen_of_duidelijk_geweigerd(document: dict):
    pad = EXTERN / document["file"]
    if not pad.exists():
        pytest.skip(f"{document['file']} is niet meegeleverd in ../shared/external (zie SOURCES.md).")
    try:
        factuur = parse_bericht(pad.read_bytes(), afzender="matchez")
    except BerichtFout as fout:
        assert fout.fouten
        for f in fout.fouten:
            assert f.code in ("SCHEMA", "EN16931")
            if f.code == "EN16931":
                # de regel van de standaard in haar eigen (Engelse) woorden, met een Nederlandse inleiding
                assert f.melding.startswith("De e-factuur "), f.melding
            else:
                assert not _ENGELS.search(f.melding), f.melding
            assert _AANWIJZING.search(f.melding), f"melding zegt niet wat te doen: {f.melding}"
        return
    assert isinstance(factuur, Factuur if document["root"] == "Invoice" else Creditnota)


def test_buitenlandse_factuur_noemt_per_regel_wat_ontbreekt():
    pad = extern("examples", "si-ubl-2.0", "SI-UBL-2.0_ok_full.xml")
    with pytest.raises(BerichtFout) as fout:
        parse_bericht(pad.read_bytes(), afzender="matchez")
    meldingen = {f.veld: f.melding for f in fout.value.fouten}
    assert meldingen["regels[0].trajectId"].startswith(
        "cac:InvoiceLine[1]/cac:Item/cac:AdditionalItemProperty met cbc:Name 'trajectId' ontbreekt"
    )
    assert "regels[4].trajectId" in meldingen
    assert "Gemeente Amstelveen" in meldingen["gemeente"]


def test_factuur_in_deense_kronen_wordt_geweigerd():
    pad = extern("examples", "en16931-ubl", "BIS3_Invoice_positive.XML")
    with pytest.raises(BerichtFout) as fout:
        parse_bericht(pad.read_bytes(), afzender="matchez")
    eerste, *rest = fout.value.fouten
    assert eerste.melding == "cbc:DocumentCurrencyCode is 'DKK': de hub verwerkt alleen facturen in euro; stuur de factuur in EUR."
    assert rest == [], "een Peppol BIS 3-factuur voldoet aan EN 16931; alleen de valuta is voor de hub een bezwaar"
