"""De gegenereerde schema's in berichten/ zijn bij en de veldnamen volgen BERICHTEN.md."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from hub.berichten import BERICHTTYPEN, lees_json
from hub.berichten.json_schema import json_schemas
from hub.berichten.xsd import xsd_tekst
from hub.koppelingen.formaten.berichtparser import XSD_PAD

BERICHTEN = Path(__file__).resolve().parents[2] / "berichten"
ENVELOP = ["berichtId", "type", "versie", "afzender", "gemeente", "verzonden"]
TRAJECT = [*ENVELOP, "trajectId"]

VELDEN_VOLGENS_STANDAARD = {
    "aanmelding": [*TRAJECT, "provider", "product", "datumAanmelding", "klantmanager", "redenVerwijzing", "client", "omzettingVan",
                   "opdrachtbedrag", "loonwaarde"],
    "planBesluit": [*TRAJECT, "datum", "besluit", "toelichting"],
    "mutatieBesluit": [*TRAJECT, "datum", "besluit", "toelichting"],
    "jobcoachToekenning": [*TRAJECT, "periodeId", "start", "eind", "urenToegekend", "soort"],
    "urenOverheveling": [*TRAJECT, "periodeId", "uren", "dienstbetrekkingMaanden", "intentieVerlenging", "toelichting"],
    "oproep": [*TRAJECT, "datumUitnodiging", "datumGesprek", "kopieNaarKlantmanager"],
    "intake": [*TRAJECT, "datum"],
    "noShow": [*TRAJECT, "datumAfspraak", "soortAfspraak"],
    "plan": [*TRAJECT, "datum", "trajectbegeleider", "ondertekendClient", "ondertekendBegeleider",
             "gerichtOpUitstroom", "analyse", "stappen", "trede"],
    "voortgang": [*TRAJECT, "kwartaal", "trede", "toelichting"],
    "mutatie": [*TRAJECT, "reden", "bijgesteldDoel", "nieuwProduct", "nieuwePrijs", "planning"],
    "contactmoment": [*TRAJECT, "datum", "onderwerp"],
    "werkaanbieding": [*TRAJECT, "datum", "werkgever", "functie"],
    "plaatsing": [*TRAJECT, "datumIndienst", "werkgever", "urenPerWeek", "contractduurMaanden", "arbeidsovereenkomstRef"],
    "nazorg": [*TRAJECT, "maand"],
    "beeindiging": [*TRAJECT, "datum", "reden", "vervolgadvies"],
    "jobcoachAanvraag": [*TRAJECT, "periodeId", "start", "eind", "urenGepland", "soort", "jobcoachplanRef",
                         "werkgever", "bijzondereOmstandigheden"],
    "urenverantwoording": [*TRAJECT, "periodeId", "regels", "afwijkingen", "ondertekend", "doelenBereikt"],
    "factuur": [*ENVELOP, "factuurnummer", "factuurdatum", "iban", "regels", "totaalExclBtw", "btwBedrag", "totaalInclBtw"],
    "creditnota": [*ENVELOP, "creditnotanummer", "creditnotadatum", "factuurnummer", "reden", "regels", "totaalExclBtw",
                   "btwBedrag", "totaalInclBtw"],
}


def test_vastgelegde_json_schemas_zijn_gelijk_aan_de_gegenereerde():
    vastgelegd = {p.name: p.read_text(encoding="utf-8") for p in (BERICHTEN / "schema").glob("*.json")}
    assert vastgelegd == json_schemas(), "draai: python -m hub.berichten.schema"


def test_vastgelegde_xsd_is_gelijk_aan_de_gegenereerde():
    assert XSD_PAD.read_text(encoding="utf-8") == xsd_tekst(), "draai: python -m hub.berichten.schema"


def test_veldnamen_en_volgorde_volgen_de_standaard():
    gevonden = {
        naam: [info.alias for info in model.model_fields.values()] for naam, model in BERICHTTYPEN.items()
    }
    assert gevonden == VELDEN_VOLGENS_STANDAARD


def test_factuurregel_velden_volgen_het_json_voorbeeld():
    regel = BERICHTTYPEN["factuur"].model_fields["regels"].annotation.__args__[0]
    assert [i.alias for i in regel.model_fields.values()] == [
        "regelnummer", "trajectId", "product", "periodeStart", "periodeEind", "aantal", "prijs", "bedrag",
        "btwPercentage", "client", "datumAanmelding", "klantmanager", "noShowVolgnummer", "percentage", "periodeId",
    ]


def test_model_dumpt_camelcase_met_bedragen_als_tekst():
    factuur = lees_json(json.loads((BERICHTEN / "voorbeelden/geldig/factuur.json").read_text(encoding="utf-8")))
    assert factuur.regels[0].bedrag == Decimal("2250.00")
    data = factuur.model_dump(mode="json")
    assert data["totaalInclBtw"] == "2722.50"
    assert data["regels"][0]["datumAanmelding"] == "2024-01-02"
    assert "totaal_incl_btw" not in data


def test_attributen_zijn_nederlandse_snake_case():
    oproep = BERICHTTYPEN["oproep"]
    assert list(oproep.model_fields)[-3:] == ["datum_uitnodiging", "datum_gesprek", "kopie_naar_klantmanager"]


def _factuur_zonder(*velden: str, client: dict | None = None) -> dict:
    data = json.loads((BERICHTEN / "voorbeelden/geldig/factuur.json").read_text(encoding="utf-8"))
    for veld in velden:
        del data["regels"][0][veld]
    if client is not None:
        data["regels"][0]["client"] = client
    return data


def test_werkafspraakvelden_op_een_factuurregel_zijn_optioneel():
    regel = lees_json(_factuur_zonder("client", "datumAanmelding", "klantmanager")).regels[0]
    assert (regel.client, regel.datum_aanmelding, regel.klantmanager) == (None, None, None)
    gedeeltelijk = lees_json(_factuur_zonder(client={"naam": "Fatima el Amrani"})).regels[0].client
    assert gedeeltelijk is not None and gedeeltelijk.naam == "Fatima el Amrani" and gedeeltelijk.bsn is None


def test_werkafspraakvelden_zijn_optioneel_in_json_schema_en_xsd():
    schema = json.loads((BERICHTEN / "schema/factuur.json").read_text(encoding="utf-8"))
    regel = schema["$defs"]["Factuurregel"]
    assert {"client", "datumAanmelding", "klantmanager"}.isdisjoint(regel["required"])
    assert {"trajectId", "product", "periodeStart", "periodeEind", "aantal", "prijs", "bedrag"} <= set(
        regel["required"]
    )
    assert not schema["$defs"]["Factuurclient"].get("required")
    xsd = XSD_PAD.read_text(encoding="utf-8")
    for naam in ("client", "datumAanmelding", "klantmanager", "bsn", "naam", "geboortedatum", "adres"):
        assert f'<xs:element name="{naam}" minOccurs="0"' in xsd


def test_trajectid_en_bedragen_op_een_factuurregel_blijven_verplicht():
    for veld in ("trajectId", "product", "periodeStart", "periodeEind", "aantal", "prijs", "bedrag"):
        with pytest.raises(ValidationError):
            lees_json(_factuur_zonder(veld))
