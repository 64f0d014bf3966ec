"""Een UBL-factuur wordt getoetst aan de standaard zelf: UBL 2.1-XSD en de officiële SI-UBL 2.0-schematron (NLCIUS).

Wat NLCIUS fataal noemt, wordt afgewezen met code EN16931, de regel en haar tekst; een waarschuwing wordt een signaal.
"""

import copy

import pytest
from lxml import etree

from hub.berichten.fouten import BerichtFout
from hub.koppelingen.formaten import efactuur
from hub.koppelingen.formaten.berichtparser import parse_bericht, vorm_van
from tests.factuurintake.test_ubl_en_json import VOORBEELDEN, _wereld
from tests.ubl.hulp import als_bytes, een, laad, verwijder

KVK = "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID"


def _afwijzing(wortel: etree._Element) -> dict[str, str]:
    with pytest.raises(BerichtFout) as fout:
        parse_bericht(als_bytes(wortel), afzender="matchez")
    meldingen = {}
    for f in fout.value.fouten:
        assert f.code == efactuur.CODE, f.melding
        regel = f.melding.split("regel ", 1)[1].split(" ", 1)[0]
        meldingen[regel] = f.melding
    return meldingen


def test_de_voorbeeldfacturen_zijn_geldige_nlcius_facturen_zonder_waarschuwingen():
    for naam in ("factuur", "factuur-area-noshow", "factuur-jobcoach"):
        oordeel = efactuur.toets(laad(naam).getroottree())
        assert oordeel.standaard == efactuur.SI_UBL
        assert oordeel.geldig, (naam, oordeel)
        assert not oordeel.waarschuwingen, (naam, oordeel.waarschuwingen)


def test_zonder_customizationid_wordt_de_factuur_afgewezen():
    wortel = laad()
    verwijder(wortel, "cbc:CustomizationID")
    meldingen = _afwijzing(wortel)
    assert {"BR-01", "BII2-T10-R001"} <= set(meldingen)
    assert "An invoice MUST have a customization identifier" in meldingen["BII2-T10-R001"]


def test_een_onbekende_customizationid_wordt_afgewezen():
    wortel = laad()
    een(wortel, "cbc:CustomizationID").text = "urn:example:eigen-formaat"
    assert "SI-V20-INV-R000" in _afwijzing(wortel)


def test_een_en16931_conforme_factuur_die_geen_nlcius_is_gaat_door_de_regels_van_cen():
    """Zoals een Peppol BIS 3-factuur: de Nederlandse CIUS geldt dan niet, de Europese norm wel."""
    wortel = laad()
    een(wortel, "cbc:CustomizationID").text = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    oordeel = efactuur.toets(wortel.getroottree())
    assert oordeel.standaard == efactuur.EN16931 and oordeel.geldig, [m.regel for m in oordeel.fouten]
    een(wortel, "cac:PaymentMeans/cbc:PaymentMeansCode").text = "99"
    assert "BR-CL-16" in {m.regel for m in efactuur.toets(wortel.getroottree()).fouten}


def test_onbekende_factuursoort_wordt_afgewezen():
    wortel = laad()
    een(wortel, "cbc:InvoiceTypeCode").text = "999"
    assert {"BR-CL-01", "BR-NL-7"} <= set(_afwijzing(wortel))


def test_onbekende_betaalwijze_wordt_afgewezen():
    wortel = laad()
    een(wortel, "cac:PaymentMeans/cbc:PaymentMeansCode").text = "99"
    assert {"BR-CL-16", "BR-NL-12"} <= set(_afwijzing(wortel))


def test_nederlandse_leverancier_zonder_kvk_wordt_afgewezen():
    wortel = laad()
    verwijder(wortel, KVK)
    meldingen = _afwijzing(wortel)
    assert set(meldingen) == {"BR-NL-1"}
    melding = meldingen["BR-NL-1"]
    assert melding.startswith("De e-factuur voldoet niet aan regel BR-NL-1 van SI-UBL 2.0 (NLCIUS)")
    assert "(bij /Invoice/AccountingSupplierParty/Party)" in melding
    assert "PartyLegalEntity/cbc:CompanyID with schemeID 0106 or 0190" in melding
    assert "Herstel dit en stuur de factuur opnieuw." in melding


def test_regelbedrag_dat_niet_optelt_tot_het_totaal_wordt_afgewezen():
    wortel = laad()
    een(wortel, "cac:InvoiceLine/cbc:LineExtensionAmount").text = "2000.00"
    assert "BR-CO-10" in _afwijzing(wortel)


def test_xsd_fout_wordt_in_het_nederlands_gemeld_met_code_schema():
    wortel = laad()
    naam = een(wortel, "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName")
    naam.addnext(copy.deepcopy(naam))
    with pytest.raises(BerichtFout) as fout:
        parse_bericht(als_bytes(wortel), afzender="matchez")
    [f] = fout.value.fouten
    assert f.code == "SCHEMA"
    assert f.melding.startswith("De e-factuur voldoet niet aan de UBL 2.1-XSD (regel ")
    assert "element cbc:RegistrationName" in f.melding and "verwacht: cbc:CompanyID" in f.melding


def test_een_afgebroken_toetsing_is_een_afwijzing_en_geen_crash(monkeypatch):
    class Kapot:
        def voer_uit(self, boom):
            raise RuntimeError("XPTY0004 A sequence of more than one item is not allowed\nen meer")

    monkeypatch.setattr(efactuur, "_schematron", lambda xslt: Kapot())
    with pytest.raises(BerichtFout) as fout:
        parse_bericht((VOORBEELDEN / "ubl" / "factuur.xml").read_bytes(), afzender="matchez")
    [f] = fout.value.fouten
    assert f.code == efactuur.CODE
    assert "kon niet volledig aan de regels van SI-UBL 2.0 (NLCIUS) worden getoetst" in f.melding
    assert f.melding.endswith("XPTY0004 A sequence of more than one item is not allowed")


def test_de_g_rekeningvariant_voor_een_factuur_met_die_customizationid():
    wortel = laad()
    een(wortel, "cbc:CustomizationID").text = efactuur.G_REKENING
    assert efactuur.standaard_voor(wortel.getroottree()) == efactuur.SI_UBL_G_REKENING


def test_waarschuwing_van_nlcius_wordt_een_signaal_in_de_retour(tmp_path, catalogus):
    wortel = laad()
    regel = een(wortel, "cac:InvoiceLine")
    toeslag = etree.fromstring(
        '<cac:AllowanceCharge xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"'
        ' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        "<cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>"
        "<cbc:AllowanceChargeReason>Korting</cbc:AllowanceChargeReason>"
        '<cbc:Amount currencyID="EUR">0.00</cbc:Amount></cac:AllowanceCharge>'
    )
    een(regel, "cac:Item").addprevious(toeslag)
    data = als_bytes(wortel)
    verwerker = _wereld(tmp_path, catalogus)
    retour = verwerker.verwerk(parse_bericht(data, afzender="matchez"), "matchez", vorm_van(data)).retour
    assert retour["status"] == "geaccepteerd"
    [signaal] = retour["signalen"]
    assert signaal["code"] == efactuur.CODE
    assert signaal["melding"].startswith("Waarschuwing volgens regel BR-NL-32-1 van SI-UBL 2.0 (NLCIUS)")
    assert "is not recommended" in signaal["melding"]
    assert "De factuur is aangenomen" in signaal["melding"]


def test_de_xslt_wordt_een_keer_per_proces_gecompileerd():
    efactuur.warm_op()
    eerste = efactuur._schematron(efactuur.SI_UBL.xslt)
    efactuur.toets(laad().getroottree())
    assert efactuur._schematron(efactuur.SI_UBL.xslt) is eerste
