"""`hub doorbelasting` als de managementassistent van Leidschendam-Voorburg (penvoerder) het typt: voorstel,
vaststellen met een e-factuur per gemeente, lijst, intrekken; een managementassistent van Wassenaar wordt geweigerd."""

from __future__ import annotations

import pytest

from hub.bootstrap import bootstrap
from hub.cli import main
from hub.domein.kalender import kwartaal_van
from tests.factuur.wereld import Wereld
from tests.toepassing.test_doorbelasten import CONTRACT, PENVOERDER, WACHTWOORD, _betaald


@pytest.fixture
def kwartaal(instellingen, hub, catalogus, monkeypatch) -> str:
    """€ 50.000 goedgekeurd en betaald (nu, met de klok van de opdrachtregel); het kwartaal van die betaling."""
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setenv("HUB_CONTRACTEN", str(instellingen.contracten))
    monkeypatch.setenv("COLUMNS", "200")
    onderdelen = bootstrap(instellingen)
    _betaald(Wereld(hub, catalogus, instellingen.data), onderdelen, "PT-1", "30000.00", "20000.00")
    onderdelen.gebruikers.maak("lverhoeven", "L. Verhoeven", WACHTWOORD, ["managementassistent"], [PENVOERDER])
    onderdelen.gebruikers.maak("wbakker", "W. Bakker", WACHTWOORD, ["managementassistent"], ["wassenaar"])
    monkeypatch.setenv("HUB_WACHTWOORD", WACHTWOORD)
    [factuur] = onderdelen.leesmodellen.factuurcontrole([PENVOERDER]).facturen()
    betaald_op = factuur.regels[0].betaald_op
    assert betaald_op is not None
    return kwartaal_van(betaald_op.astimezone().date())


def test_vaststellen_schrijft_een_factuur_per_gemeente_en_de_lijst_toont_de_stand(kwartaal, tmp_path, capsys):
    args = ["--contract", CONTRACT, "--kwartaal", kwartaal, "--gebruiker", "lverhoeven"]
    assert main(["doorbelasting", "voorstel", *args]) == 0
    uit = capsys.readouterr().out
    assert "goedgekeurd en betaald door de penvoerder: € 50.000,00 excl. BTW" in uit
    assert "Wassenaar " in uit and "€ 7.000,00" in uit and "€ 6.000,00" in uit and "€ 37.000,00" in uit

    assert main(["doorbelasting", "vaststellen", *args, "--uit", str(tmp_path / "facturen")]) == 0
    uit = capsys.readouterr().out
    nummer = f"DB-{CONTRACT}-{kwartaal.replace('-', '')}-1"
    assert f"Factuur {nummer}-wassenaar aan Gemeente Wassenaar: € 7.000,00" in uit
    assert f"Factuur {nummer}-voorschoten aan Gemeente Voorschoten: € 6.000,00" in uit
    assert sorted(p.name for p in (tmp_path / "facturen").iterdir()) == [f"{nummer}-voorschoten.xml",
                                                                        f"{nummer}-wassenaar.xml"]
    assert main(["doorbelasting", "vaststellen", *args]) == 1
    assert "niets door te belasten" in capsys.readouterr().err

    assert main(["doorbelasting", "intrekken", nummer, "--gebruiker", "lverhoeven", "--reden", "Proef"]) == 0
    assert main(["doorbelasting", "lijst"]) == 0
    assert "ingetrokken" in capsys.readouterr().out


def test_een_managementassistent_van_wassenaar_stelt_niets_vast(kwartaal, tmp_path, capsys):
    assert main(["doorbelasting", "vaststellen", "--contract", CONTRACT, "--kwartaal", kwartaal,
                 "--gebruiker", "wbakker", "--uit", str(tmp_path / "facturen")]) == 1
    assert "u werkt niet voor Gemeente Leidschendam-Voorburg" in capsys.readouterr().err
    assert not (tmp_path / "facturen").exists()
    assert main(["doorbelasting", "lijst"]) == 0
    assert "nog geen doorbelastingen" in capsys.readouterr().out
