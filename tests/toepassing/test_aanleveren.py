"""Aanleveren in het portaal: dezelfde lezer en verwerker als de broker, met de aangemelde aanbieder als afzender; en
wat een aanbieder terugziet: alleen zijn eigen facturen en retouren."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hub.bootstrap import bootstrap
from hub.domein import fouten as f
from hub.toepassing.aanleveren import MAX_BYTES
from hub.toepassing.fouten import Onuitvoerbaar
from tests.factuur.wereld import regel
from tests.toepassing.aanlevering import UBL_TRAJECT, factuur_json, ubl_factuur
from tests.toepassing.conftest import START


@pytest.fixture
def onderdelen(instellingen, wereld):
    for traject in ("AV-1", UBL_TRAJECT):
        wereld.meld_aan(traject)
        wereld.doe(traject, "registreer_intake", START)
    wereld.meld_aan("AR-1", product="AREA-MED", provider="a-rea")
    wereld.factuur("AR-F1", regel(1, "AR-1", "AREA-MED", date(2024, 1, 10), date(2024, 1, 10), "225.00"),
                   afzender="a-rea")
    return bootstrap(instellingen)


def test_een_json_factuur_wordt_verwerkt_zoals_via_de_broker(onderdelen):
    data = factuur_json("MZ-P1", "AV-1")
    eerste = onderdelen.aanleveren.lever_aan(data, "matchez")
    assert eerste.geaccepteerd and eerste.soort == "factuur" and eerste.vorm == "json" and not eerste.herhaling
    assert eerste.vastgelegd
    assert onderdelen.eventstore.zoek_factuur("matchez", "MZ-P1") is not None
    opnieuw = onderdelen.aanleveren.lever_aan(data, "matchez")
    assert opnieuw.herhaling and opnieuw.retour == eerste.retour, "hetzelfde bestand opnieuw: dezelfde retour"


def test_een_ubl_factuur_krijgt_de_aangemelde_aanbieder_als_afzender(onderdelen):
    uitkomst = onderdelen.aanleveren.lever_aan(ubl_factuur(), "matchez")
    assert uitkomst.geaccepteerd and uitkomst.vorm == "ubl", uitkomst.retour
    assert onderdelen.eventstore.zoek_factuur("matchez", "MZ-2024-0012") is not None


def test_een_bestand_namens_een_andere_aanbieder_wordt_geweigerd_en_legt_niets_vast(onderdelen):
    data = factuur_json("MZ-P2", "AV-1", afzender="matchez")
    uitkomst = onderdelen.aanleveren.lever_aan(data, "a-rea")
    assert not uitkomst.geaccepteerd and not uitkomst.vastgelegd
    assert [fout["code"] for fout in uitkomst.retour["fouten"]] == [f.AFZENDER_ONBEVOEGD]
    assert onderdelen.eventstore.zoek_factuur("matchez", "MZ-P2") is None
    assert onderdelen.aanbiederportaal.retouren("a-rea") == [] and onderdelen.aanbiederportaal.retouren("matchez") == []


def test_een_onleesbaar_bestand_krijgt_een_retour_met_de_schemafouten(onderdelen):
    zonder_datum = factuur_json("MZ-P3", "AV-1", bericht_id="0b6e1f3a-2c4d-4e5f-8a9b-0c1d2e3f4a99").replace(
        b'"factuurdatum": "2024-04-02",', b"")
    uitkomst = onderdelen.aanleveren.lever_aan(zonder_datum, "matchez")
    assert uitkomst.retour["status"] == "afgewezen" and uitkomst.soort is None
    assert uitkomst.retour["berichtId"] == "0b6e1f3a-2c4d-4e5f-8a9b-0c1d2e3f4a99"
    assert [(fout["code"], fout["veld"]) for fout in uitkomst.retour["fouten"]] == [("SCHEMA", "factuurdatum")]
    kapot = onderdelen.aanleveren.lever_aan(b'{"berichtId": ', "matchez")
    assert "geen geldige JSON" in kapot.retour["fouten"][0]["melding"]
    assert onderdelen.eventstore.zoek_factuur("matchez", "MZ-P3") is None


def test_te_groot_of_leeg(onderdelen):
    groot = onderdelen.aanleveren.lever_aan(b"{" + b" " * MAX_BYTES + b"}", "matchez")
    assert "het maximum is" in groot.retour["fouten"][0]["melding"]
    with pytest.raises(Onuitvoerbaar, match="leeg"):
        onderdelen.aanleveren.lever_aan(b"  \n", "matchez")
    with pytest.raises(Onuitvoerbaar, match="aanbieder"):
        onderdelen.aanleveren.lever_aan(factuur_json("MZ-P4", "AV-1"), "")


def test_facturen_en_factuurstatus_alleen_van_de_eigen_aanbieder(onderdelen):
    onderdelen.aanleveren.lever_aan(factuur_json("MZ-P5", "AV-1"), "matchez")
    portaal = onderdelen.aanbiederportaal
    assert [o.factuurnummer for o in portaal.facturen("matchez")] == ["MZ-P5"]
    assert [o.factuurnummer for o in portaal.facturen("a-rea")] == ["AR-F1"]
    status = portaal.factuurstatus("matchez", "MZ-P5")
    assert status["factuurnummer"] == "MZ-P5" and status["regels"][0]["besluit"] is None
    with pytest.raises(Onuitvoerbaar, match="geen factuur met nummer AR-F1"):
        portaal.factuur("matchez", "AR-F1")


def test_retouren_van_de_eigen_aanbieder_nieuwste_eerst_en_bijgewerkt(onderdelen):
    portaal = onderdelen.aanbiederportaal
    eerste = onderdelen.aanleveren.lever_aan(factuur_json("MZ-P6", "AV-1"), "matchez")
    assert [r.bericht_id for r in portaal.retouren("matchez")] == [eerste.retour["berichtId"]]
    onbekend_traject = factuur_json("MZ-P7", "AV-404")
    afgewezen = onderdelen.aanleveren.lever_aan(onbekend_traject, "matchez")
    assert not afgewezen.geaccepteerd
    regels = portaal.retouren("matchez")
    assert [r.bericht_id for r in regels] == [afgewezen.retour["berichtId"], eerste.retour["berichtId"]]
    assert regels[0].fouten and not regels[0].geaccepteerd and regels[0].soort == "factuur"
    assert regels[0].betreft == "matchez/MZ-P7" and afgewezen.vastgelegd
    assert portaal.retouren("a-rea") == []
    assert portaal.retour("matchez", eerste.retour["berichtId"]).retour == eerste.retour
    for vreemd in ("a-rea", "gemeente"):
        with pytest.raises(Onuitvoerbaar, match="geen bericht met berichtId"):
            portaal.retour(vreemd, eerste.retour["berichtId"])
    with pytest.raises(Onuitvoerbaar):
        portaal.retour("matchez", "geen-uuid")


def test_een_nieuwe_poging_na_afwijzing_toont_de_laatste_retour(onderdelen, wereld):
    data = factuur_json("MZ-P8", "AV-9")
    assert not onderdelen.aanleveren.lever_aan(data, "matchez").geaccepteerd
    wereld.meld_aan("AV-9")
    wereld.doe("AV-9", "registreer_intake", START)
    tweede = onderdelen.aanleveren.lever_aan(data, "matchez")
    assert tweede.geaccepteerd
    [regel_] = onderdelen.aanbiederportaal.retouren("matchez")
    assert regel_.geaccepteerd and json.dumps(regel_.als_json())
