"""De UBL-versies van de voorbeeldfacturen geven hetzelfde model als de JSON-vorm."""

import copy
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from hub.berichten import Factuur
from hub.koppelingen.formaten.berichtparser import parse_bericht
from hub.koppelingen.formaten.ubl import ONBEKENDE_AFZENDER
from tests.ubl.hulp import AFZENDERS, JSON_VOORBEELDEN, UBL_VOORBEELDEN, als_bytes, een, extern, laad

NLCIUS = "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_elke_json_factuur_heeft_een_ubl_versie():
    json_namen = {p.stem for p in JSON_VOORBEELDEN.glob("factuur*.json")}
    assert json_namen == {p.stem for p in UBL_VOORBEELDEN.glob("factuur*.xml")} == set(AFZENDERS)


@pytest.mark.parametrize("naam", sorted(AFZENDERS))
def test_ubl_factuur_geeft_hetzelfde_model_als_de_json_factuur(naam: str):
    uit_json = parse_bericht((JSON_VOORBEELDEN / f"{naam}.json").read_bytes())
    uit_ubl = parse_bericht((UBL_VOORBEELDEN / f"{naam}.xml").read_bytes(), afzender=AFZENDERS[naam])
    assert isinstance(uit_ubl, Factuur)
    envelop = {"bericht_id", "verzonden"}
    assert uit_ubl.model_dump(mode="json", exclude=envelop) == uit_json.model_dump(mode="json", exclude=envelop)
    assert uit_ubl.model_copy(update={"bericht_id": uit_json.bericht_id, "verzonden": uit_json.verzonden}) == uit_json


@pytest.mark.parametrize("naam", sorted(AFZENDERS))
def test_ubl_voorbeelden_volgen_nlcius_en_de_ubl_xsd(naam: str):
    wortel = laad(naam)
    assert een(wortel, "cbc:CustomizationID").text == NLCIUS
    assert een(wortel, "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID").get(
        "schemeID"
    ) == "0106"
    assert een(wortel, "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID").get(
        "schemeID"
    ) == "0190"
    xsd_pad = extern("ubl21-xsd", "maindoc", "UBL-Invoice-2.1.xsd")
    xsd = etree.XMLSchema(etree.parse(str(xsd_pad), etree.XMLParser(no_network=True, resolve_entities=False)))
    assert xsd.validate(etree.ElementTree(wortel)), xsd.error_log


def test_afzender_komt_van_de_aanroeper_en_anders_een_plaatshouder():
    data = (UBL_VOORBEELDEN / "factuur.xml").read_bytes()
    assert parse_bericht(data, afzender="matchez").afzender == "matchez"
    assert parse_bericht(data).afzender == ONBEKENDE_AFZENDER


def test_gemeente_komt_uit_de_naam_van_de_koper():
    assert parse_bericht(als_bytes(laad("factuur-jobcoach")), afzender="jobcoach-org").gemeente == "heemstede"


def test_gemeente_uit_buyerreference_als_de_koper_geen_gemeentenaam_heeft():
    wortel = laad()
    for pad in ("cac:PartyName/cbc:Name", "cac:PartyLegalEntity/cbc:RegistrationName"):
        een(wortel, f"cac:AccountingCustomerParty/cac:Party/{pad}").text = "Werkplein Amstelveen-Aalsmeer"
    een(wortel, "cbc:BuyerReference").text = "aalsmeer"
    assert parse_bericht(als_bytes(wortel), afzender="matchez").gemeente == "aalsmeer"


def test_bericht_id_is_stabiel_bij_opnieuw_sturen_en_hangt_af_van_afzender_leverancier_en_inhoud():
    wortel = laad()
    eerste = parse_bericht(als_bytes(wortel), afzender="matchez").bericht_id
    anders_opgemaakt = etree.tostring(wortel, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    assert parse_bericht(anders_opgemaakt, afzender="matchez").bericht_id == eerste
    # Een andere aanbieder met precies hetzelfde document krijgt een andere berichtId.
    assert parse_bericht(als_bytes(wortel), afzender="a-rea").bericht_id != eerste
    for pad, waarde in (
        ("cbc:ID", "MZ-2024-0013"),
        ("cbc:IssueDate", "2024-04-03"),
        ("cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID", "87654321"),
        ("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", "NL20INGB0001234567"),
        ("cac:InvoiceLine/cac:InvoicePeriod/cbc:EndDate", "2024-04-06"),
    ):
        ander = copy.deepcopy(wortel)
        een(ander, pad).text = waarde
        assert parse_bericht(als_bytes(ander), afzender="matchez").bericht_id != eerste, pad


def test_bericht_id_komt_uit_cbc_uuid_als_die_er_staat():
    wortel = laad()
    eigen = uuid.UUID("9a1f7c52-3e0b-4f4e-8d1c-2b6a5e4f3d21")
    nieuw = etree.Element(f"{{{wortel.nsmap['cbc']}}}UUID")
    nieuw.text = str(eigen)
    een(wortel, "cbc:ID").addnext(nieuw)
    assert parse_bericht(als_bytes(wortel), afzender="matchez").bericht_id == eigen


def test_verzonden_is_de_factuurdatum_om_middernacht_in_nederland():
    factuur = parse_bericht((UBL_VOORBEELDEN / "factuur.xml").read_bytes(), afzender="matchez")
    assert factuur.verzonden == datetime(2024, 4, 2, tzinfo=AMSTERDAM)
    assert factuur.model_dump(mode="json")["verzonden"] == "2024-04-02T00:00:00+02:00"


def test_verzonden_neemt_issuetime_mee():
    wortel = laad()
    tijd = etree.Element(f"{{{wortel.nsmap['cbc']}}}IssueTime")
    tijd.text = "09:00:00"
    een(wortel, "cbc:IssueDate").addnext(tijd)
    assert parse_bericht(als_bytes(wortel), afzender="matchez").verzonden == datetime(2024, 4, 2, 9, tzinfo=AMSTERDAM)
