"""`hub gebruiker maak` voor scripts (wachtwoord van stdin) en zijn meldingen."""

from __future__ import annotations

import io

from hub.bootstrap import bootstrap
from hub.cli import main


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
