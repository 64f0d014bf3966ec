"""Een onvolledige of afwijkende UBL-factuur wordt geweigerd met een melding die het UBL-element noemt."""

import copy
from decimal import Decimal

import pytest
from lxml import etree

import hub.koppelingen.formaten.ubl as ubl
from hub.koppelingen.formaten.berichtparser import parse_bericht
from hub.koppelingen.formaten.ubl import CREDITNOTA_MELDING
from hub.koppelingen.formaten.ubl_lezer import CBC, NS
from tests.ubl.hulp import als_bytes, een, eigenschap, laad, lees, verwijder, weigering

REGEL = "cac:InvoiceLine"


def twee_regels() -> etree._Element:
    wortel = laad()
    tweede = copy.deepcopy(een(wortel, REGEL))
    een(tweede, "cbc:ID").text = "2"
    wortel.append(tweede)
    return wortel


def test_regel_zonder_trajectid_noemt_de_regel():
    wortel = twee_regels()
    tweede = wortel.findall(REGEL, NS)[1]
    tweede.find("cac:Item", NS).remove(eigenschap(tweede, "trajectId"))
    fout = weigering(als_bytes(wortel))
    assert [(f.veld, f.melding) for f in fout.fouten] == [
        (
            "regels[1].trajectId",
            "cac:InvoiceLine[2]/cac:Item/cac:AdditionalItemProperty met cbc:Name 'trajectId' ontbreekt: geef bij "
            "elke regel het trajectId uit de aanmelding van de gemeente op.",
        )
    ]


def test_regel_zonder_prijs():
    wortel = twee_regels()
    verwijder(wortel.findall(REGEL, NS)[1], "cac:Price/cbc:PriceAmount")
    fout = weigering(als_bytes(wortel))
    assert [f.melding for f in fout.fouten] == [
        "cac:InvoiceLine[2]/cac:Price/cbc:PriceAmount ontbreekt: geef de prijs per eenheid op."
    ]
    assert fout.fouten[0].veld == "regels[1].prijs"


def test_regelnummer_moet_een_geheel_getal_zijn():
    wortel = laad()
    een(wortel, f"{REGEL}/cbc:ID").text = "1a"
    fout = weigering(als_bytes(wortel))
    assert [f.melding for f in fout.fouten] == [
        "cac:InvoiceLine[1]/cbc:ID is '1a': het regelnummer moet een geheel getal vanaf 1 zijn (1, 2, 3 …)."
    ]


def test_factuur_in_dollars_wordt_geweigerd():
    wortel = laad()
    een(wortel, "cbc:DocumentCurrencyCode").text = "USD"
    fout = weigering(als_bytes(wortel))
    assert [f.melding for f in fout.fouten] == [
        "cbc:DocumentCurrencyCode is 'USD': de hub verwerkt alleen facturen in euro; stuur de factuur in EUR."
    ]


def test_bedrag_in_andere_valuta_wordt_geweigerd_met_het_element():
    wortel = laad()
    een(wortel, f"{REGEL}/cbc:LineExtensionAmount").set("currencyID", "GBP")
    fout = weigering(als_bytes(wortel))
    assert [f.melding for f in fout.fouten] == [
        "cac:InvoiceLine[1]/cbc:LineExtensionAmount is in 'GBP': de hub verwerkt alleen bedragen in euro; "
        "zet currencyID op 'EUR'."
    ]


def test_factuur_met_soort_creditnota_wordt_geweigerd_met_de_weg_naar_een_creditnota():
    wortel = laad()
    een(wortel, "cbc:InvoiceTypeCode").text = "381"
    assert [f.melding for f in weigering(als_bytes(wortel)).fouten] == [CREDITNOTA_MELDING]
    assert "CreditNote" in CREDITNOTA_MELDING


def test_bedrag_met_drie_decimalen_noemt_het_ubl_element():
    wortel = laad()
    een(wortel, f"{REGEL}/cbc:LineExtensionAmount").text = "2250.005"
    fout = weigering(als_bytes(wortel))
    assert [(f.veld, f.melding) for f in fout.fouten] == [
        (
            "regels[0].bedrag",
            "cac:InvoiceLine[1]/cbc:LineExtensionAmount heeft meer dan twee decimalen of meer dan twaalf cijfers "
            "voor de punt: rond het af op twee decimalen, bijv. 2250.00.",
        )
    ]


def test_bedrag_met_komma_wordt_geweigerd():
    wortel = laad()
    een(wortel, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount").text = "2.250,00"
    fout = weigering(als_bytes(wortel))
    assert fout.fouten[0].veld == "totaalExclBtw"
    assert fout.fouten[0].melding.startswith("cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount is '2.250,00'")


def test_ongeldige_productcode_noemt_het_ubl_element():
    wortel = laad()
    een(wortel, f"{REGEL}/cac:Item/cac:SellersItemIdentification/cbc:ID").text = "mz bnw3"
    fout = weigering(als_bytes(wortel))
    assert [f.veld for f in fout.fouten] == ["regels[0].product"]
    assert fout.fouten[0].melding.startswith(
        "cac:InvoiceLine[1]/cac:Item/cac:SellersItemIdentification/cbc:ID heeft een ongeldige waarde"
    )
    assert "geef een productcode uit het contract" in fout.fouten[0].melding


def test_koper_die_geen_gemeente_is_wordt_geweigerd():
    wortel = laad()
    for pad in ("cac:PartyName/cbc:Name", "cac:PartyLegalEntity/cbc:RegistrationName"):
        een(wortel, f"cac:AccountingCustomerParty/cac:Party/{pad}").text = "Bakkerij Jansen"
    fout = weigering(als_bytes(wortel))
    assert [f.veld for f in fout.fouten] == ["gemeente"]
    assert "Gemeente Amstelveen" in fout.fouten[0].melding


def test_prijs_per_meer_eenheden_wordt_geweigerd():
    wortel = laad()
    basis = etree.SubElement(een(wortel, f"{REGEL}/cac:Price"), f"{{{CBC}}}BaseQuantity")
    basis.text = "10"
    fout = weigering(als_bytes(wortel))
    assert fout.fouten[0].melding.startswith("cac:InvoiceLine[1]/cac:Price/cbc:BaseQuantity is 10")


def test_dubbele_eigenschap_op_een_regel_wordt_geweigerd():
    wortel = laad()
    regel = een(wortel, REGEL)
    regel.find("cac:Item", NS).append(copy.deepcopy(eigenschap(regel, "bsn")))
    fout = weigering(als_bytes(wortel))
    assert "eigenschap 'bsn' komt meer dan eens voor" in fout.fouten[0].melding


def test_zonder_iban_en_totalen_komen_alle_fouten_tegelijk():
    wortel = laad()
    verwijder(wortel, "cac:PaymentMeans")
    verwijder(wortel, "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount")
    fout = weigering(als_bytes(wortel))
    assert [f.veld for f in fout.fouten] == ["iban", "totaalInclBtw"]


def test_factuur_zonder_regels():
    wortel = laad()
    verwijder(wortel, REGEL)
    assert [f.veld for f in weigering(als_bytes(wortel)).fouten] == ["regels"]


def test_werkafspraakvelden_mogen_ontbreken_want_dat_is_een_bevinding():
    wortel = laad()
    regel = een(wortel, REGEL)
    for naam in ("bsn", "naam", "geboortedatum", "clientnummer", "adres", "datumAanmelding", "klantmanager"):
        regel.find("cac:Item", NS).remove(eigenschap(regel, naam))
    factuurregel = parse_bericht(als_bytes(wortel), afzender="matchez").regels[0]
    assert (factuurregel.client, factuurregel.datum_aanmelding, factuurregel.klantmanager) == (None, None, None)


def test_periode_van_de_factuur_geldt_als_de_regel_er_geen_heeft():
    wortel = laad()
    regelperiode = een(wortel, f"{REGEL}/cac:InvoicePeriod")
    regelperiode.getparent().remove(regelperiode)
    een(wortel, "cbc:BuyerReference").addnext(regelperiode)
    regel = parse_bericht(als_bytes(wortel), afzender="matchez").regels[0]
    assert (str(regel.periode_start), str(regel.periode_eind)) == ("2024-01-08", "2024-04-07")


def test_btw_categorie_o_zonder_percentage_is_nul_procent():
    wortel = laad()
    categorie = een(wortel, f"{REGEL}/cac:Item/cac:ClassifiedTaxCategory")
    een(categorie, "cbc:ID").text = "O"
    verwijder(categorie, "cbc:Percent")
    assert lees(als_bytes(wortel)).regels[0].btw_percentage == Decimal("0")


def test_iban_met_spaties_wordt_zonder_spaties_gelezen():
    wortel = laad()
    een(wortel, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID").text = "NL91 ABNA 0417 1643 00"
    assert parse_bericht(als_bytes(wortel), afzender="matchez").iban == "NL91ABNA0417164300"


def test_doctype_in_een_ubl_factuur_wordt_geweigerd_voordat_de_ubl_lezer_hem_ziet(monkeypatch):
    def niet_aanroepen(*args, **kwargs):
        pytest.fail("parse_ubl mag een document met DOCTYPE nooit te zien krijgen")

    monkeypatch.setattr(ubl, "parse_ubl", niet_aanroepen)
    wortel = laad()
    een(wortel, "cbc:ID").text = "XXE"
    data = als_bytes(wortel).replace(
        b"<Invoice ", b'<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Invoice ', 1
    ).replace(b">XXE<", b">&xxe;<", 1)
    fout = weigering(data)
    assert "DOCTYPE" in fout.fouten[0].melding
    assert "root:" not in str(fout)


@pytest.mark.parametrize(
    "pad", ["cac:InvoiceLine/cbc:ID", "cbc:IssueDate", "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount"]
)
def test_onleesbare_tekens_in_een_waarde_komen_niet_in_de_melding(pad: str):
    wortel = laad()
    een(wortel, pad).text = "1\x7fa\x85b"
    fout = weigering(als_bytes(wortel))
    assert "'1?a b'" in fout.fouten[0].melding
