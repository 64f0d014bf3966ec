"""De inkoper houdt contracten bij als events: een prijs voor AM Match, een indexatie van het jobcoachtarief, een
einddatum. Eerst een voorbeeld van de open regels die een ander oordeel krijgen; vastgelegd toetst de hub open
regels opnieuw, besliste regels houden hun grondslag."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hub.bootstrap import bootstrap
from hub.domein.fouten import DomeinFout
from hub.toepassing.fouten import Onuitvoerbaar
from tests.factuur.wereld import Wereld, regel

NU = datetime(2024, 4, 19, 10, 0, tzinfo=UTC)
START, EIND = date(2024, 1, 8), date(2024, 6, 30)
INKOPER = "R. Visser"


@pytest.fixture
def wereld(hub, catalogus, instellingen) -> Wereld:
    return Wereld(hub, catalogus, instellingen.data)


def _am_match_factuur(wereld):
    """Twee trajecten Regulier 0-70 % bij AM Match, € 1.500,00 per traject gefactureerd: er is nog geen prijs."""
    for traject in ("AV-1", "AV-2"):
        wereld.meld_aan(traject, product="AM-REGULIER", provider="am-match")
        wereld.doe(traject, "registreer_intake", START)
    wereld.factuur("AMM-1", regel(1, "AV-1", "AM-REGULIER", START, EIND, "1500.00"),
                   regel(2, "AV-2", "AM-REGULIER", START, EIND, "1500.00"), afzender="am-match",
                   iban="NL37BUNQ2025550101")


def test_een_nieuwe_prijs_toetst_open_regels_opnieuw_maar_besliste_niet(wereld, instellingen):
    _am_match_factuur(wereld)
    hub = bootstrap(instellingen, klok=lambda: NU)
    voor = hub.facturen.factuur("AMM-1")
    assert [b.code for b in voor.regel(1).bevindingen] == ["GEEN_PRIJSAFSPRAAK"]
    hub.besluiten.wijs_af("AMM-1", [2], "M. de Boer", "Nog geen prijsafspraak")

    voorbeeld = hub.contractbeheer.stel_prijs_vast("am-match-aa", "AM-REGULIER", Decimal("1500.00"), date(2019, 1, 1),
                                                   None, INKOPER, "Prijsafspraak AM Match 2024", toepassen=False)
    assert [(r.factuurnummer, r.regelnummer) for r in voorbeeld.regels] == [("AMM-1", 1)]
    gewijzigd = voorbeeld.regels[0]
    assert gewijzigd.bevindingen_nu == ["GEEN_PRIJSAFSPRAAK"] and gewijzigd.bevindingen_straks == []
    assert gewijzigd.verwacht_nu == Decimal("0.00") and gewijzigd.verwacht_straks == Decimal("1500.00")
    assert hub.facturen.factuur("AMM-1").regel(1).bevindingen, "een voorbeeld legt niets vast"

    hub.contractbeheer.stel_prijs_vast("am-match-aa", "AM-REGULIER", Decimal("1500.00"), date(2019, 1, 1), None,
                                       INKOPER, "Prijsafspraak AM Match 2024", toepassen=True)
    for onderdelen in (hub, bootstrap(instellingen, klok=lambda: NU)):
        na = onderdelen.facturen.factuur("AMM-1")
        assert na.regel(1).bevindingen == [] and na.regel(1).verwacht == Decimal("1500.00")
        assert na.regel(1).prijsafspraak.prijs == Decimal("1500.00")
        besloten = na.regel(2)
        assert [b.code for b in besloten.bevindingen] == ["GEEN_PRIJSAFSPRAAK"]
        assert besloten.verwacht == Decimal("0.00") and besloten.prijsafspraak is None


def test_indexatie_van_het_jobcoachtarief_voor_2025(wereld, instellingen):
    """€ 77,59 in 2024; met 2,9 % per 1-1-2025 wordt het 77,59 × 1,029 = 79,84011 → € 79,84 (centen, half naar boven)."""
    hub = bootstrap(instellingen, klok=lambda: NU)
    assert hub.catalogus.prijsafspraak("jobcoach-org", "heemstede", "JC-UUR", date(2025, 3, 1)) is None
    hub.contractbeheer.indexeer("jobcoaching-heemstede-2024", "JC-UUR", Decimal("2.9"), date(2025, 1, 1), None,
                                INKOPER, "CPI 2025", toepassen=True)
    for catalogus in (hub.catalogus, bootstrap(instellingen).catalogus):
        assert catalogus.prijsafspraak("jobcoach-org", "heemstede", "JC-UUR", date(2024, 12, 31)).bedrag == Decimal("77.59")
        nieuw = catalogus.prijsafspraak("jobcoach-org", "heemstede", "JC-UUR", date(2025, 3, 1))
        assert nieuw.bedrag == Decimal("79.84") and nieuw.prijs.geldig_tot == date(2025, 12, 31)
    dossier = hub.contractbeheer.dossier("jobcoaching-heemstede-2024")
    assert [(r.door, r.reden) for r in dossier][-1] == (INKOPER, "CPI 2025")


def test_een_beeindigd_contract_prijst_geen_latere_regel(wereld, instellingen):
    for traject in ("AV-1", "AV-2"):
        wereld.meld_aan(traject)
        wereld.doe(traject, "registreer_intake", START)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", date(2024, 1, 8), date(2024, 4, 7), "2250.00"),
                   regel(2, "AV-2", "MZ-BNW3", date(2024, 5, 1), date(2024, 7, 31), "2250.00"))
    hub = bootstrap(instellingen, klok=lambda: NU)
    wijziging = hub.contractbeheer.beeindig("matchez-aa", date(2024, 4, 30), INKOPER, "Contract opgezegd",
                                            toepassen=True)
    assert [(r.regelnummer, r.bevindingen_straks) for r in wijziging.regels] == [(2, ["GEEN_PRIJSAFSPRAAK"])]
    oordeel = hub.facturen.factuur("MZ-1")
    assert oordeel.regel(1).bevindingen == []
    assert [b.code for b in oordeel.regel(2).bevindingen] == ["GEEN_PRIJSAFSPRAAK"]


@pytest.mark.parametrize("door, reden", [("", "reden"), ("R. Visser", " ")])
def test_een_wijziging_zonder_wie_of_waarom_legt_niets_vast(instellingen, door, reden):
    hub = bootstrap(instellingen, klok=lambda: NU)
    with pytest.raises(DomeinFout):
        hub.contractbeheer.stel_prijs_vast("am-match-aa", "AM-VTA", Decimal("400"), date(2019, 1, 1), None, door, reden,
                                           toepassen=True)
    assert hub.contractbeheer.dossier("am-match-aa") == []


def test_een_overlappende_prijs_wordt_geweigerd(instellingen):
    hub = bootstrap(instellingen, klok=lambda: NU)
    with pytest.raises(DomeinFout) as fout:
        hub.contractbeheer.stel_prijs_vast("matchez-aa", "MZ-BNW3", Decimal("2300"), date(2024, 1, 1), None, INKOPER,
                                           "Nieuwe prijs", toepassen=True)
    assert fout.value.code == "PERIODE_OVERLAPT"
    assert hub.catalogus.prijsafspraak("matchez", "amstelveen", "MZ-BNW3", date(2024, 6, 1)).bedrag == Decimal("2250.00")


def test_een_inkoper_wijzigt_alleen_contracten_van_zijn_eigen_gemeenten(instellingen):
    hub = bootstrap(instellingen, klok=lambda: NU)
    with pytest.raises(Onuitvoerbaar) as fout:
        hub.contractbeheer.stel_prijs_vast("am-match-aa", "AM-VTA", Decimal("400"), date(2019, 1, 1), None, INKOPER,
                                           "Prijs", toepassen=True, gemeenten=["amstelveen"])
    assert "aalsmeer" in str(fout.value)
    assert hub.contractbeheer.dossier("am-match-aa") == []
    hub.contractbeheer.stel_prijs_vast("am-match-aa", "AM-VTA", Decimal("400"), date(2019, 1, 1), None, INKOPER, "Prijs",
                                       toepassen=True, gemeenten=["amstelveen", "aalsmeer"])
    assert hub.catalogus.prijsafspraak("am-match", "aalsmeer", "AM-VTA", date(2024, 1, 1)).bedrag == Decimal("400.00")


def test_het_rekeningnummer_is_geen_afspraak_die_de_inkoper_wijzigt(instellingen):
    hub = bootstrap(instellingen, klok=lambda: NU)
    with pytest.raises(DomeinFout):
        hub.contractbeheer.stel_afspraak_vast("matchez-aa", "iban", "NL20INGB0001234567", INKOPER, "Nieuwe rekening",
                                              toepassen=True)
    assert hub.catalogus.contract("matchez-aa").iban == "NL91ABNA0417164300"


def test_een_verdeelsleutel_die_niet_op_100_uitkomt_legt_niets_vast(instellingen):
    hub = bootstrap(instellingen, klok=lambda: NU)
    sleutel = {"penvoerder": "leidschendam-voorburg",
               "aandelen": {"leidschendam-voorburg": "74", "wassenaar": "14", "voorschoten": "10"}}
    with pytest.raises(DomeinFout) as fout:
        hub.contractbeheer.stel_afspraak_vast("participatie-lvw-2024", "verdeelsleutel", sleutel, INKOPER, "Nieuwe sleutel",
                                              toepassen=True)
    assert "100" in fout.value.melding
    assert hub.contractbeheer.dossier("participatie-lvw-2024") == []


def test_op_de_opdrachtregel_eerst_een_voorbeeld_dan_vastgelegd_met_wie_en_waarom(instellingen, monkeypatch, capsys):
    from hub.cli import main
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setenv("HUB_CONTRACTEN", str(instellingen.contracten))
    monkeypatch.setenv("COLUMNS", "200")
    opdracht = ["contracten", "prijs", "am-match-aa", "AM-REGULIER", "1500,00", "--van", "01-01-2019", "--door", INKOPER,
                "--reden", "Prijsafspraak 2024"]
    assert main(opdracht) == 0
    assert "Nog niets vastgelegd" in capsys.readouterr().out
    assert main(["contracten", "dossier", "am-match-aa"]) == 0
    assert "er is in de hub niets aan gewijzigd" in capsys.readouterr().out
    assert main([*opdracht, "--toepassen"]) == 0
    assert "Vastgelegd." in capsys.readouterr().out
    assert main(["contracten", "dossier", "am-match-aa"]) == 0
    uit = capsys.readouterr().out
    assert "prijs AM-REGULIER € 1.500,00 vanaf 01-01-2019" in uit and "Prijsafspraak 2024" in uit and INKOPER in uit
    assert main([*opdracht[:4], "-5", *opdracht[5:], "--toepassen"]) == 1


def test_een_ander_proces_neemt_de_wijziging_over_ook_in_leesmodellen_die_al_open_staan(wereld, instellingen):
    """Zoals een draaiende hub: zijn factuurcontrole blijft in het geheugen; na `ververs` toetst ze de open regels
    tegen de nieuwe prijs, de besliste regel niet."""
    _am_match_factuur(wereld)
    inkoper = bootstrap(instellingen, klok=lambda: NU)
    inkoper.besluiten.wijs_af("AMM-1", [2], "M. de Boer", "Nog geen prijsafspraak")
    draaiend = bootstrap(instellingen, klok=lambda: NU)
    volging = draaiend.leesmodellen.volg_factuurcontroles()
    assert [b.code for b in volging.facturen.oordeel("am-match", "AMM-1").regel(1).bevindingen] == ["GEEN_PRIJSAFSPRAAK"]

    inkoper.contractbeheer.stel_prijs_vast("am-match-aa", "AM-REGULIER", Decimal("1500.00"), date(2019, 1, 1), None,
                                           INKOPER, "Prijsafspraak", toepassen=True)
    assert draaiend.contractbeheer.ververs() is True
    assert draaiend.contractbeheer.ververs() is False, "niets nieuws: de catalogus blijft zoals ze is"
    oordeel = volging.facturen.oordeel("am-match", "AMM-1")
    assert oordeel.regel(1).bevindingen == [] and oordeel.regel(1).verwacht == Decimal("1500.00")
    assert [b.code for b in oordeel.regel(2).bevindingen] == ["GEEN_PRIJSAFSPRAAK"]
