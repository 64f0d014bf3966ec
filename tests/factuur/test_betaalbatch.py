"""Betalen: per gemeente een pain.001-bestand met de besloten bedragen incl. BTW, elke regel precies één keer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from hub.bootstrap import bootstrap
from hub.cli import main
from hub.koppelingen.betaling.sepa import NS, Opdrachtgever, Overboeking, SepaFout, schrijf_pain001, sepa_tekst, valideer
from tests.factuur.wereld import regel

START, EIND = date(2024, 1, 8), date(2024, 4, 7)
N = {"p": NS}


@pytest.fixture
def cli(instellingen, monkeypatch, medewerkers):
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setenv("HUB_CONTRACTEN", str(instellingen.contracten))
    monkeypatch.setenv("COLUMNS", "200")
    return main


@pytest.fixture
def betaal(cli, instellingen):
    """`hub betaalbatch maak` en daarna `geef-vrij` van elk voorstel door een collega die niet besliste."""

    def betaal(uit) -> int:
        assert cli(["betaalbatch", "maak", "--gebruiker", "mdeboer"]) == 0
        for voorstel in bootstrap(instellingen).betalen.voorstellen():
            assert cli(["betaalbatch", "geef-vrij", voorstel.batch_id, "--gebruiker", "jvisser", "--uit", str(uit)]) == 0
        return 0

    return betaal


@pytest.fixture
def besloten(wereld):
    """Matchez: regel 1 goedgekeurd, regel 2 verwacht goedgekeurd, regel 3 afgewezen; A-rea: een no-show goedgekeurd."""
    for traject in ("AV-1", "AV-2", "AV-3"):
        wereld.meld_aan(traject)
        wereld.doe(traject, "registreer_intake", START)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", START, EIND, "2250.00"), regel(2, "AV-2", "MZ-BNW3", START, EIND, "2300.00"),
                   regel(3, "AV-3", "MZ-BNW3-BONUS", START, EIND, "500.00"))
    wereld.meld_aan("AV-7", product="AREA-MED", provider="a-rea")
    wereld.doe("AV-7", "registreer_noshow", date(2024, 4, 2), "onderzoek")
    wereld.factuur("AR-1", regel(1, "AV-7", "AREA-MED", date(2024, 4, 2), date(2024, 4, 2), "225.00", noshow_volgnummer=1,
                                 percentage="50"), afzender="a-rea")
    wereld.oordeel("MZ-1")
    wereld.besluit("MZ-1", 1, "goedgekeurd", "2250.00")
    wereld.besluit("MZ-1", 2, "verwachtGoedgekeurd", "2250.00")
    wereld.besluit("MZ-1", 3, "afgewezen", "0")
    wereld.besluit("AR-1", 1, "goedgekeurd", "112.50", afzender="a-rea")
    return wereld


def _lees(bestand) -> etree._Element:
    xml = bestand.read_bytes()
    valideer(xml)
    return etree.fromstring(xml)


def test_betaalbatch_betaalt_besloten_bedragen_incl_btw_aan_het_iban_uit_het_contract(cli, besloten, tmp_path, capsys,
                                                                                       instellingen):
    uit = tmp_path / "batches"
    assert cli(["betaalbatch", "maak", "--gebruiker", "mdeboer", "--uitvoeringsdatum", "2099-04-22"]) == 0
    [voorstel] = bootstrap(instellingen).betalen.voorstellen()
    assert "besloten door M. de Boer" in capsys.readouterr().out
    assert not uit.exists(), "een voorstel heeft nog geen bestand voor de bank"
    assert cli(["betaalbatch", "geef-vrij", voorstel.batch_id, "--gebruiker", "mdeboer", "--uit", str(uit)]) == 1
    assert "vier ogen" in capsys.readouterr().err and not uit.exists()
    assert cli(["betaalbatch", "geef-vrij", voorstel.batch_id, "--gebruiker", "jvisser", "--uit", str(uit)]) == 0
    [bestand] = list(uit.glob("*.xml"))
    doc = _lees(bestand)
    assert doc.findtext("p:CstmrCdtTrfInitn/p:PmtInf/p:DbtrAcct/p:Id/p:IBAN", namespaces=N) == "NL82BNGH0285010001"
    assert doc.findtext("p:CstmrCdtTrfInitn/p:PmtInf/p:ReqdExctnDt", namespaces=N) == "2099-04-22"
    betalingen = {
        t.findtext("p:PmtId/p:EndToEndId", namespaces=N): (
            t.findtext("p:Amt/p:InstdAmt", namespaces=N),
            t.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=N),
            t.findtext("p:RmtInf/p:Ustrd", namespaces=N),
        )
        for t in doc.iterfind(".//p:CdtTrfTxInf", namespaces=N)
    }
    assert betalingen == {
        "MZ-1": ("5445.00", "NL91ABNA0417164300", "Factuur MZ-1 regel 1, 2"),
        "AR-1": ("136.13", "NL20INGB0001234567", "Factuur AR-1 regel 1"),
    }
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=N) == "5581.13"
    assert doc.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=N) == "2"
    factuur = besloten.hub.zoek_factuur("matchez", "MZ-1")
    assert set(factuur.betaald) == {1, 2} and factuur.betaald[1] == bestand.stem
    assert besloten.oordeel("MZ-1").status == "betaald"


def test_tweede_betaalbatch_betaalt_niets_twee_keer(cli, betaal, besloten, tmp_path, capsys):
    uit = tmp_path / "batches"
    assert betaal(uit) == 0
    capsys.readouterr()
    assert betaal(uit) == 0
    assert "niets te betalen" in capsys.readouterr().out
    assert len(list(uit.glob("*.xml"))) == 1


def test_gecorrigeerde_regel_komt_in_de_volgende_batch(cli, betaal, besloten, tmp_path):
    uit = tmp_path / "batches"
    assert cli(["factuur", "corrigeer", "MZ-1", "--regel", "3", "--gebruiker", "mdeboer", "--reden", "Plaatsing aangetoond"]) == 0
    assert betaal(uit) == 0
    besloten.plaats("AV-3", date(2024, 3, 1))
    assert cli(["factuur", "keur-goed", "MZ-1", "--regel", "3", "--gebruiker", "mdeboer", "--reden", "Bonus verdiend"]) == 0
    assert betaal(uit) == 0
    bedragen = sorted(
        t.findtext("p:Amt/p:InstdAmt", namespaces=N) for f in uit.glob("*.xml") for t in _lees(f).iterfind(".//p:CdtTrfTxInf", namespaces=N)
    )
    assert bedragen == ["136.13", "5445.00", "605.00"]


def test_een_gemeente_per_bestand(cli, betaal, besloten, tmp_path):
    besloten.jobcoachperiode("HMS-JC-1", "HMS-1", date(2024, 1, 1), date(2024, 6, 30), "40")
    besloten.verantwoord("HMS-JC-1", [(date(2024, 3, 4), "6")])
    besloten.factuur("JC-1", regel(1, "HMS-1", "JC-UUR", date(2024, 1, 1), date(2024, 6, 30), "77.59", aantal="6",
                                   periode_id="HMS-JC-1"), afzender="jobcoach-org", gemeente="heemstede", factuurdatum=date(2024, 7, 5))
    assert cli(["factuur", "keur-goed", "JC-1", "--schoon", "--gebruiker", "mdeboer", "--reden", "Conform"]) == 0
    uit = tmp_path / "batches"
    assert betaal(uit) == 0
    debiteuren = sorted(_lees(f).findtext(".//p:Dbtr/p:Nm", namespaces=N) for f in uit.glob("*.xml"))
    assert debiteuren == ["Gemeente Amstelveen", "Gemeente Heemstede"]


def test_toon_noemt_de_batch_met_aanbieders_en_totaal(cli, betaal, besloten, tmp_path, capsys):
    assert betaal(tmp_path) == 0
    capsys.readouterr()
    assert cli(["betaalbatch", "toon"]) == 0
    uit = capsys.readouterr().out
    assert "A-rea" in uit and "Matchez" in uit and "€ 5.581,13" in uit


def test_bestand_dat_niet_aan_het_schema_voldoet_wordt_geweigerd():
    opdrachtgever = Opdrachtgever("amstelveen", "Gemeente Amstelveen", "NL82BNGH0285010001", "BNGHNL2G")
    xml = schrijf_pain001("B-1", __import__("datetime").datetime(2024, 4, 20, 10, 0), date(2024, 4, 22), opdrachtgever,
                          [Overboeking("MZ-1", Decimal("10.00"), "Matchez", "NL91ABNA0417164300", "Factuur MZ-1")])
    kapot = xml.replace(b"<MsgId>B-1</MsgId>", b"")
    with pytest.raises(SepaFout, match=r"pain\.001\.001\.03"):
        valideer(kapot)


def test_ongeldig_iban_komt_niet_in_een_bestand():
    opdrachtgever = Opdrachtgever("amstelveen", "Gemeente Amstelveen", "NL82BNGH0285010001", "BNGHNL2G")
    with pytest.raises(SepaFout, match="IBAN"):
        schrijf_pain001("B-1", __import__("datetime").datetime(2024, 4, 20), date(2024, 4, 22), opdrachtgever,
                        [Overboeking("MZ-1", Decimal("10.00"), "Matchez", "NL91ABNA0417164301", "Factuur MZ-1")])


def test_namen_gaan_door_de_sepa_tekenset():
    assert sepa_tekst("Cliënt & Zoon — Ærø", 70) == "Client Zoon r"
