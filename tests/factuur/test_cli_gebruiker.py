"""Besluiten op de opdrachtregel als geregistreerde gebruiker: niemand besluit namens een ander. Het wachtwoord wordt
gecontroleerd zoals bij het aanmelden in de webapplicatie (blokkade na mislukte pogingen), de rol en de gemeenten
tellen, en het besluit draagt naam en gebruikersnaam; de vier ogen bij de betaalbatch blijven werken."""

from __future__ import annotations

import io
from datetime import date

import pytest

from hub.aggregates.gebruiker import MAX_MISLUKT
from hub.bootstrap import bootstrap
from hub.cli import main
from tests.factuur.conftest import WACHTWOORD
from tests.factuur.wereld import regel

START, EIND = date(2024, 1, 8), date(2024, 4, 7)


@pytest.fixture
def cli(instellingen, monkeypatch, medewerkers):
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setenv("HUB_CONTRACTEN", str(instellingen.contracten))
    monkeypatch.setenv("COLUMNS", "200")
    return main


@pytest.fixture
def factuur(wereld):
    wereld.meld_aan("AV-1")
    wereld.doe("AV-1", "registreer_intake", START)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", START, EIND, "2250.00"))
    return wereld


def _besluit(wereld):
    return wereld.hub.zoek_factuur("matchez", "MZ-1").besluiten.get(1)


def test_zonder_gebruiker_geen_besluit(cli, factuur, capsys):
    assert cli(["factuur", "keur-goed", "MZ-1", "--schoon", "--reden", "Conform"]) == 1
    assert "geef --gebruiker NAAM" in capsys.readouterr().err
    assert _besluit(factuur) is None


def test_een_verkeerd_wachtwoord_besluit_niet_en_telt_mee_voor_de_blokkade(cli, factuur, instellingen, monkeypatch, capsys):
    monkeypatch.setenv("HUB_WACHTWOORD", "niet het goede wachtwoord")
    for _ in range(MAX_MISLUKT):
        assert cli(["factuur", "keur-goed", "MZ-1", "--schoon", "--gebruiker", "mdeboer", "--reden", "Conform"]) == 1
    assert "Te veel mislukte pogingen" in capsys.readouterr().err.splitlines()[-1]
    monkeypatch.setenv("HUB_WACHTWOORD", WACHTWOORD)
    assert cli(["factuur", "keur-goed", "MZ-1", "--schoon", "--gebruiker", "mdeboer", "--reden", "Conform"]) == 1
    assert "Te veel mislukte pogingen" in capsys.readouterr().err, "ook met het goede wachtwoord tijdens de blokkade"
    assert _besluit(factuur) is None


def test_het_wachtwoord_wordt_gevraagd_zonder_hub_wachtwoord(cli, factuur, monkeypatch, capsys):
    monkeypatch.delenv("HUB_WACHTWOORD")
    gevraagd = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: gevraagd.append(prompt) or WACHTWOORD)
    assert cli(["factuur", "keur-goed", "MZ-1", "--schoon", "--gebruiker", "jvisser", "--reden", "Conform"]) == 0
    assert gevraagd == ["Wachtwoord van jvisser: "]
    assert "Factuur MZ-1, regel 1: goedgekeurd door J. Visser." in capsys.readouterr().out
    besluit = _besluit(factuur)
    assert besluit["door"] == "J. Visser" and besluit["door_id"] == "jvisser"


def test_zonder_de_rol_of_voor_een_andere_gemeente_geen_besluit(cli, factuur, medewerkers, capsys):
    medewerkers.maak("pjansen", "P. Jansen", WACHTWOORD, ["inkoper"], ["amstelveen"])
    medewerkers.maak("hberg", "H. van den Berg", WACHTWOORD, ["managementassistent"], ["heemstede"])
    assert cli(["factuur", "keur-goed", "MZ-1", "--schoon", "--gebruiker", "pjansen", "--reden", "Conform"]) == 1
    assert "P. Jansen (pjansen) heeft niet de rol managementassistent" in capsys.readouterr().err
    assert cli(["factuur", "keur-goed", "MZ-1", "--schoon", "--gebruiker", "hberg", "--reden", "Conform"]) == 1
    assert "u besluit alleen over facturen aan Gemeente Heemstede" in capsys.readouterr().err
    assert cli(["betaalbatch", "maak", "--gebruiker", "pjansen"]) == 1
    assert _besluit(factuur) is None


def test_vier_ogen_met_geregistreerde_gebruikers(cli, factuur, instellingen, tmp_path, capsys):
    assert cli(["factuur", "keur-goed", "MZ-1", "--schoon", "--gebruiker", "mdeboer", "--reden", "Conform"]) == 0
    assert cli(["betaalbatch", "maak", "--gebruiker", "mdeboer"]) == 0
    [voorstel] = bootstrap(instellingen).betalen.voorstellen()
    assert voorstel.voorgesteld_door.gebruiker == "mdeboer"
    uit = tmp_path / "batches"
    assert cli(["betaalbatch", "geef-vrij", voorstel.batch_id, "--gebruiker", "mdeboer", "--uit", str(uit)]) == 1
    assert "vier ogen" in capsys.readouterr().err and not uit.exists()
    assert cli(["betaalbatch", "geef-vrij", voorstel.batch_id, "--gebruiker", "jvisser", "--uit", str(uit)]) == 0
    assert "vrijgegeven door J. Visser" in capsys.readouterr().out
    assert len(list(uit.glob("*.xml"))) == 1


def test_gebruiker_maak_en_besluiten_in_een_script(cli, factuur, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(WACHTWOORD + "\n"))
    assert cli(["gebruiker", "maak", "sdijk", "--naam", "S. Dijk", "--rol", "managementassistent", "--gemeente", "Amstelveen",
                "--wachtwoord-uit-stdin"]) == 0
    monkeypatch.setenv("HUB_GEBRUIKER", "sdijk")
    assert cli(["factuur", "wijs-af", "MZ-1", "--regel", "1", "--reden", "Dubbel gefactureerd"]) == 0
    assert _besluit(factuur)["door_id"] == "sdijk"
