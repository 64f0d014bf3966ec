"""`hub gebruiker maak` voor scripts (wachtwoord van stdin) en zijn meldingen."""

from __future__ import annotations

import io

import pytest

from hub.bootstrap import bootstrap
from hub.cli import main
from hub.toepassing.fouten import Onuitvoerbaar


def test_gebruiker_maken_met_het_wachtwoord_uit_stdin(instellingen, monkeypatch, capsys):
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setattr("sys.stdin", io.StringIO("correct paard batterij nietje\n"))
    assert main(["gebruiker", "maak", "mdeboer", "--naam", "M. de Boer", "--rol", "managementassistent",
                 "--gemeente", "amstelveen", "--wachtwoord-uit-stdin"]) == 0
    assert "Gebruiker mdeboer (M. de Boer) gemaakt met de rol managementassistent voor amstelveen" in capsys.readouterr().out
    assert bootstrap(instellingen).gebruikers.meld_aan("mdeboer", "correct paard batterij nietje").naam == "M. de Boer"
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main(["gebruiker", "maak", "jvisser", "--naam", "J. Visser", "--rol", "managementassistent",
                 "--gemeente", "amstelveen", "--wachtwoord-uit-stdin"]) == 1
    assert "ten minste 12 tekens" in capsys.readouterr().err


def test_gebruiker_alleen_via_de_identiteitsprovider(instellingen, monkeypatch, capsys):
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setenv("HUB_OIDC_CLAIM", "sub")
    assert main(["gebruiker", "maak", "sdevries", "--naam", "S. de Vries", "--rol", "klantmanager", "--gemeente",
                 "amstelveen", "--zonder-wachtwoord"]) == 1
    assert "--zonder-wachtwoord kan alleen met --extern" in capsys.readouterr().err
    assert main(["gebruiker", "maak", "sdevries", "--naam", "S. de Vries", "--rol", "klantmanager", "--gemeente",
                 "amstelveen", "--extern", "Ab-12", "--zonder-wachtwoord"]) == 0
    gebruikers = bootstrap(instellingen).gebruikers
    assert gebruikers.meld_aan_extern("sub", "Ab-12", "de gemeente").gebruikersnaam == "sdevries"
    with pytest.raises(Onuitvoerbaar, match="geen gebruiker van de hub"):
        gebruikers.meld_aan_extern("sub", "ab-12", "de gemeente")  # een sub is hoofdlettergevoelig
