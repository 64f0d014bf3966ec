"""De managementassistent op de opdrachtregel: werkvoorraad, tonen, besluiten en corrigeren."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from hub.cli import main
from tests.factuur.wereld import regel

START, EIND = date(2024, 1, 8), date(2024, 4, 7)


@pytest.fixture
def cli(instellingen, monkeypatch, medewerkers):
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setenv("HUB_CONTRACTEN", str(instellingen.contracten))
    monkeypatch.setenv("COLUMNS", "200")
    return main


@pytest.fixture
def twee_regels(wereld):
    """Regel 1 is schoon, regel 2 heeft een prijsafwijking."""
    for traject in ("AV-1", "AV-2"):
        wereld.meld_aan(traject)
        wereld.doe(traject, "registreer_intake", START)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", START, EIND, "2250.00"), regel(2, "AV-2", "MZ-BNW3", START, EIND, "2300.00"))
    return wereld


def _besluiten(wereld, nummer="MZ-1", afzender="matchez"):
    return {r.regelnummer: r.besluit for r in wereld.oordeel(nummer, afzender).regels}


def test_lijst_toont_de_open_factuur_met_totalen_en_bevindingen(cli, twee_regels, capsys):
    assert cli(["factuur", "lijst"]) == 0
    uit = capsys.readouterr().out
    assert "MZ-1" in uit and "€ 4.550,00" in uit and "€ 4.500,00" in uit and "2 van 2" in uit


@pytest.fixture
def drie_facturen(wereld):
    """Matchez aan Amstelveen (MZ-1, MZ-2) en A-rea aan Aalsmeer (AR-1), in die volgorde ontvangen."""
    for traject in ("AV-1", "AV-2"):
        wereld.meld_aan(traject)
    wereld.meld_aan("AA-1", product="AREA-MED", provider="a-rea", gemeente="aalsmeer")
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", START, EIND, "2250.00"))
    wereld.factuur("AR-1", regel(1, "AA-1", "AREA-MED", START, EIND, "1000.00"), afzender="a-rea", gemeente="aalsmeer")
    wereld.factuur("MZ-2", regel(1, "AV-2", "MZ-BNW3", START, EIND, "2250.00"))
    return wereld


def _rijen(uit: str) -> list[str]:
    return [nummer for regel in uit.splitlines() for nummer in ("MZ-1", "MZ-2", "AR-1") if f"│ {nummer} " in regel]


def test_lijst_oudste_eerst_met_filters_en_een_maximum(cli, drie_facturen, capsys):
    assert cli(["factuur", "lijst"]) == 0
    assert _rijen(capsys.readouterr().out) == ["MZ-1", "AR-1", "MZ-2"]
    assert cli(["factuur", "lijst", "--gemeente", "aalsmeer"]) == 0
    assert _rijen(capsys.readouterr().out) == ["AR-1"]
    assert cli(["factuur", "lijst", "--aanbieder", "matchez"]) == 0
    assert _rijen(capsys.readouterr().out) == ["MZ-1", "MZ-2"]
    assert cli(["factuur", "lijst", "--max", "2"]) == 0
    uit = capsys.readouterr().out
    assert _rijen(uit) == ["MZ-1", "AR-1"]
    assert "2 van 3 open" in uit and "Nog 1 open facturen niet getoond" in uit
    assert cli(["factuur", "lijst", "--gemeente", "uithoorn"]) == 0
    assert "Geen open facturen met dit filter." in capsys.readouterr().out


def test_lijst_met_onbekende_gemeente_zegt_welke_er_zijn(cli, drie_facturen, capsys):
    assert cli(["factuur", "lijst", "--gemeente", "amsterdam"]) == 1
    fout = capsys.readouterr().err
    assert "--gemeente 'amsterdam' is onbekend" in fout and "amstelveen" in fout


def test_toon_als_json_zonder_draaiende_hub(cli, twee_regels, capsys):
    assert cli(["factuur", "toon", "MZ-1", "--json"]) == 0
    gegevens = json.loads(capsys.readouterr().out)
    assert gegevens["totaalGefactureerd"] == "4550.00" and gegevens["totaalVerwacht"] == "4500.00"
    assert next(r["bevindingen"] for r in gegevens["regels"]) == []
    assert gegevens["regels"][1]["bevindingen"][0]["code"] == "PRIJS_AFWIJKING"


def test_schoon_goedkeuren_laat_regels_met_bevindingen_open(cli, twee_regels, capsys):
    assert cli(["factuur", "keur-goed", "MZ-1", "--schoon", "--gebruiker", "mdeboer", "--reden", "Conform afspraak"]) == 0
    besluiten = _besluiten(twee_regels)
    assert besluiten[1]["besluit"] == "goedgekeurd" and besluiten[1]["bedrag"] == Decimal("2250.00")
    assert besluiten[1]["door"] == "M. de Boer" and besluiten[1]["reden"] == "Conform afspraak"
    assert besluiten[2] is None
    assert twee_regels.oordeel("MZ-1").status == "deels besloten"


def test_verwacht_bedrag_goedkeuren_bij_een_prijsafwijking(cli, twee_regels):
    assert cli(["factuur", "keur-verwacht-goed", "MZ-1", "--regel", "2", "--gebruiker", "mdeboer", "--reden", "Prijs volgens contract"]) == 0
    assert _besluiten(twee_regels)[2]["bedrag"] == Decimal("2250.00")


def test_twee_keer_besluiten_wordt_geweigerd_tot_de_correctie(cli, twee_regels, capsys):
    assert cli(["factuur", "wijs-af", "MZ-1", "--regel", "2", "--gebruiker", "mdeboer", "--reden", "Te hoge prijs"]) == 0
    assert cli(["factuur", "keur-goed", "MZ-1", "--regel", "2", "--gebruiker", "mdeboer", "--reden", "Toch goed"]) == 1
    assert "al besloten" in capsys.readouterr().err
    assert _besluiten(twee_regels)[2]["besluit"] == "afgewezen"
    assert cli(["factuur", "corrigeer", "MZ-1", "--regel", "2", "--gebruiker", "mdeboer", "--reden", "Verkeerde regel"]) == 0
    assert _besluiten(twee_regels)[2] is None
    assert cli(["factuur", "keur-goed", "MZ-1", "--regel", "2", "--gebruiker", "mdeboer", "--reden", "Akkoord inkoper"]) == 0
    assert _besluiten(twee_regels)[2]["bedrag"] == Decimal("2300.00")


def test_keur_goed_zonder_regels_of_schoon_vraagt_om_een_keuze(cli, twee_regels, capsys):
    assert cli(["factuur", "keur-goed", "MZ-1", "--gebruiker", "mdeboer", "--reden", "x"]) == 1
    assert "--schoon" in capsys.readouterr().err


def test_hetzelfde_factuurnummer_bij_twee_aanbieders_vraagt_om_de_afzender(cli, twee_regels, capsys):
    twee_regels.meld_aan("AV-7", product="AREA-MED", provider="a-rea")
    twee_regels.factuur("MZ-1", regel(1, "AV-7", "AREA-MED", date(2024, 4, 1), date(2024, 4, 1), "225.00"), afzender="a-rea")
    assert cli(["factuur", "toon", "MZ-1"]) == 1
    assert "--aanbieder" in capsys.readouterr().err
    assert cli(["factuur", "toon", "MZ-1", "--aanbieder", "a-rea", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["afzender"] == "a-rea"


def test_onbekende_factuur(cli, twee_regels, capsys):
    assert cli(["factuur", "toon", "XX-9"]) == 1
    assert "onbekend" in capsys.readouterr().err


def test_toon_vindt_de_factuur_via_de_eventstore_en_vraagt_de_aanbieder_bij_twijfel(cli, drie_facturen, capsys):
    drie_facturen.meld_aan("AA-2", product="AREA-MED", provider="a-rea", gemeente="aalsmeer")
    drie_facturen.factuur("MZ-1", regel(1, "AA-2", "AREA-MED", START, EIND, "1000.00"), afzender="a-rea", gemeente="aalsmeer")
    assert cli(["factuur", "toon", "MZ-1"]) == 1
    assert "komt voor bij a-rea, matchez; kies de aanbieder met --aanbieder" in capsys.readouterr().err
    assert cli(["factuur", "toon", "MZ-1", "--aanbieder", "a-rea", "--json"]) == 0
    gegevens = json.loads(capsys.readouterr().out)
    assert gegevens["totaalGefactureerd"] == "1000.00"
    assert cli(["factuur", "toon", "AR-1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["totaalGefactureerd"] == "1000.00"
    assert cli(["factuur", "toon", "XX-9"]) == 1
    assert "Factuur XX-9 is onbekend" in capsys.readouterr().err
