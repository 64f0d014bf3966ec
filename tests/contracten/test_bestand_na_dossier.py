"""Heeft een contract een dossier in de hub, dan is het dossier het contract. Een contractbestand dat daarna
verandert, wordt niet stil genegeerd: `hub contracten controleer` (en een draaiende hub) meldt welk contract en welke
velden, en `hub contracten importeer` neemt de verschillen over als event, met eerst het voorbeeld van de open regels
die een ander oordeel krijgen. Besliste regels houden hun grondslag. Echte bestanden, echte SQLite-eventstore."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from hub.bootstrap import bootstrap
from hub.domein.fouten import DomeinFout
from hub.toepassing.fouten import Onuitvoerbaar
from tests.conftest import PROJECT
from tests.contracten.test_contractwijzigingen import _am_match_factuur
from tests.factuur.wereld import Wereld

NU = datetime(2024, 4, 19, 10, 0, tzinfo=UTC)
INKOPER = "R. Visser"
AM_MATCH = "am-match-amstelveen-aalsmeer.toml"
VTA = '''code = "AM-VTA"
naam = "VTA-meting"
eenheid = "traject"
duur_maanden = 6
'''


@pytest.fixture
def instellingen(instellingen, tmp_path):
    contracten = tmp_path / "contracts"
    shutil.copytree(PROJECT / "contracts", contracten)
    return instellingen.met(contracten=contracten)


def _wijzig_bestand(instellingen, oud: str, nieuw: str, naam: str = AM_MATCH) -> None:
    bestand: Path = instellingen.contracten / naam
    tekst = bestand.read_text(encoding="utf-8")
    assert oud in tekst
    bestand.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")


def _prijs_in_bestand(instellingen, product: str, bedrag: str) -> None:
    regel = f'code = "{product}"\n'
    _wijzig_bestand(instellingen, regel, f'{regel}prijzen = [{{ bedrag = "{bedrag}", geldig_van = 2019-01-01 }}]\n')


def _vta_in_de_hub(hub) -> None:
    hub.contractbeheer.stel_prijs_vast("am-match-aa", "AM-VTA", Decimal("400.00"), date(2019, 1, 1), None, INKOPER,
                                       "VTA-tarief", toepassen=True)


def test_een_gewijzigd_bestand_telt_pas_na_importeren_en_wordt_tot_dan_gemeld(instellingen, hub, catalogus):
    """AM Match factureert twee keer Regulier à € 1.500,00 zonder prijsafspraak; regel 2 is afgewezen. De inkoper legde
    in de hub een VTA-prijs vast; daarna zet iemand de prijs van Regulier in het bestand."""
    _am_match_factuur(Wereld(hub, catalogus, instellingen.data))
    inkoper = bootstrap(instellingen, klok=lambda: NU)
    inkoper.besluiten.wijs_af("AMM-1", [2], "M. de Boer", "Nog geen prijsafspraak")
    _vta_in_de_hub(inkoper)
    _prijs_in_bestand(instellingen, "AM-REGULIER", "1500.00")

    hub2 = bootstrap(instellingen, klok=lambda: NU)
    assert hub2.catalogus.prijsafspraak("am-match", "amstelveen", "AM-REGULIER", date(2024, 3, 1)) is None, "het dossier telt"
    [afwijking] = hub2.contractbeheer.afwijkingen()
    assert (afwijking.contract, afwijking.velden, afwijking.botsingen) == ("am-match-aa", ["producten.AM-REGULIER.prijzen"], [])
    assert "hub contracten importeer am-match-aa" in afwijking.melding
    assert hub2.contractbeheer.controleer().afwijkingen == [afwijking]

    voorbeeld = hub2.contractbeheer.importeer("am-match-aa", INKOPER, "Prijs Regulier uit het bestand")
    assert voorbeeld.omschrijving == "contractbestand overgenomen: producten.AM-REGULIER.prijzen"
    [regel] = voorbeeld.regels
    assert (regel.factuurnummer, regel.regelnummer, regel.verwacht_nu, regel.verwacht_straks) == (
        "AMM-1", 1, Decimal("0.00"), Decimal("1500.00"))
    assert bootstrap(instellingen).contractbeheer.afwijkingen() == [afwijking], "een voorbeeld legt niets vast"

    hub2.contractbeheer.importeer("am-match-aa", INKOPER, "Prijs Regulier uit het bestand", toepassen=True)
    for onderdelen in (hub2, bootstrap(instellingen, klok=lambda: NU)):
        assert onderdelen.catalogus.prijsafspraak("am-match", "aalsmeer", "AM-REGULIER", date(2024, 3, 1)).bedrag == Decimal("1500.00")
        assert onderdelen.catalogus.prijsafspraak("am-match", "aalsmeer", "AM-VTA", date(2024, 3, 1)).bedrag == Decimal("400.00")
        assert onderdelen.contractbeheer.afwijkingen() == []
        oordeel = onderdelen.facturen.factuur("AMM-1")
        assert oordeel.regel(1).bevindingen == [] and oordeel.regel(1).verwacht == Decimal("1500.00")
        besloten = oordeel.regel(2)
        assert [b.code for b in besloten.bevindingen] == ["GEEN_PRIJSAFSPRAAK"] and besloten.verwacht == Decimal("0.00")
    laatste = hub2.contractbeheer.dossier("am-match-aa")[-1]
    assert (laatste.wat, laatste.door, laatste.reden) == (
        "contractbestand overgenomen: producten.AM-REGULIER.prijzen", INKOPER, "Prijs Regulier uit het bestand")


def test_bestand_en_hub_die_hetzelfde_veld_anders_wijzigen_botsen_tot_het_bestand_het_dossier_volgt(instellingen):
    hub = bootstrap(instellingen, klok=lambda: NU)
    _vta_in_de_hub(hub)
    _prijs_in_bestand(instellingen, "AM-VTA", "450.00")
    [afwijking] = hub.contractbeheer.afwijkingen()
    assert afwijking.botsingen == ["producten.AM-VTA.prijzen"] and "al anders gewijzigd" in afwijking.melding
    voor = hub.eventstore.recorder.max_notification_id()
    with pytest.raises(DomeinFout) as fout:
        hub.contractbeheer.importeer("am-match-aa", INKOPER, "Bestand", toepassen=True)
    assert fout.value.veld == "producten.AM-VTA.prijzen" and "er is niets vastgelegd" in fout.value.melding
    assert hub.eventstore.recorder.max_notification_id() == voor
    assert hub.catalogus.prijsafspraak("am-match", "aalsmeer", "AM-VTA", date(2024, 3, 1)).bedrag == Decimal("400.00")

    _wijzig_bestand(instellingen, '"450.00"', '"400.00", bron = "VTA-tarief"')
    wijziging = hub.contractbeheer.importeer("am-match-aa", INKOPER, "Bestand gelijk aan het dossier", toepassen=True)
    assert wijziging.omschrijving == "contractbestand overgenomen; het dossier had die stand al"
    assert hub.contractbeheer.afwijkingen() == []


def test_de_looptijd_en_een_nieuw_product_uit_het_bestand_naast_een_prijs_uit_de_hub(instellingen):
    hub = bootstrap(instellingen, klok=lambda: NU)
    _vta_in_de_hub(hub)
    _wijzig_bestand(instellingen, "geldig_van = 2019-01-01\n", "geldig_van = 2019-01-01\ngeldig_tot = 2026-12-31\n")
    _wijzig_bestand(instellingen, VTA, VTA + '\n[[producten]]\ncode = "AM-NAZORG"\nnaam = "Nazorg"\neenheid = "maand"\n')
    [afwijking] = hub.contractbeheer.afwijkingen()
    assert afwijking.velden == ["geldig_tot", "producten.AM-NAZORG"]
    hub.contractbeheer.importeer("am-match-aa", INKOPER, "Verlenging tot 2026", toepassen=True)
    contract = bootstrap(instellingen).catalogus.contract("am-match-aa")
    assert contract.geldig_tot == date(2026, 12, 31) and contract.product("AM-NAZORG") is not None
    [vta] = contract.product("AM-VTA").prijzen
    assert vta.bedrag == Decimal("400.00") and vta.geldig_tot == date(2026, 12, 31), "de einddatum loopt door in de prijs"


def test_een_bestand_dat_het_dossier_ongeldig_zou_maken_legt_niets_vast(instellingen):
    """De hub gaf AM-VTA een prijs vanaf 2019; een bestand dat het contract pas in 2020 laat beginnen, kan niet."""
    hub = bootstrap(instellingen, klok=lambda: NU)
    _vta_in_de_hub(hub)
    _wijzig_bestand(instellingen, "geldig_van = 2019-01-01\n", "geldig_van = 2020-01-01\n")
    with pytest.raises(DomeinFout) as fout:
        hub.contractbeheer.importeer("am-match-aa", INKOPER, "Later begin", toepassen=True)
    assert "buiten de looptijd" in fout.value.melding
    assert bootstrap(instellingen).catalogus.contract("am-match-aa").geldig_van == date(2019, 1, 1)


def test_een_verdwenen_bestand_laat_het_contract_uit_het_dossier_gelden_en_wordt_gemeld(instellingen):
    hub = bootstrap(instellingen, klok=lambda: NU)
    _vta_in_de_hub(hub)
    (instellingen.contracten / AM_MATCH).unlink()
    andere = bootstrap(instellingen)
    assert andere.catalogus.prijsafspraak("am-match", "amstelveen", "AM-VTA", date(2024, 3, 1)).bedrag == Decimal("400.00")
    [afwijking] = andere.contractbeheer.afwijkingen()
    assert afwijking.ontbreekt and "het contractbestand ontbreekt" in afwijking.melding


def test_niets_te_importeren(instellingen):
    hub = bootstrap(instellingen, klok=lambda: NU)
    with pytest.raises(Onuitvoerbaar) as geen_dossier:
        hub.contractbeheer.importeer("am-match-aa", INKOPER, "Bestand", toepassen=True)
    assert "heeft geen dossier" in str(geen_dossier.value)
    _vta_in_de_hub(hub)
    with pytest.raises(DomeinFout) as gelijk:
        hub.contractbeheer.importeer("am-match-aa", INKOPER, "Bestand", toepassen=True)
    assert "niets over te nemen" in gelijk.value.melding
    with pytest.raises(Onuitvoerbaar) as onbekend:
        hub.contractbeheer.importeer("bestaat-niet", INKOPER, "Bestand", toepassen=True)
    assert "geen contractbestand met id 'bestaat-niet'" in str(onbekend.value)


def test_importeren_alleen_voor_de_eigen_gemeenten(instellingen):
    hub = bootstrap(instellingen, klok=lambda: NU)
    _vta_in_de_hub(hub)
    _prijs_in_bestand(instellingen, "AM-REGULIER", "1500.00")
    with pytest.raises(Onuitvoerbaar) as fout:
        hub.contractbeheer.importeer("am-match-aa", INKOPER, "Bestand", toepassen=True, gemeenten=["amstelveen"])
    assert "aalsmeer" in str(fout.value)
    assert len(hub.contractbeheer.afwijkingen()) == 1


def test_op_de_opdrachtregel_controleer_meldt_en_importeer_neemt_over(instellingen, hub, catalogus, monkeypatch, capsys):
    from argon2 import PasswordHasher

    from hub.cli import main
    from hub.toepassing.gebruikers import Argon2, Gebruikers
    from tests.contracten.test_nieuw_contract import WACHTWOORD

    Gebruikers(hub, catalogus, lambda: NU, Argon2(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))).maak(
        "rvisser", "R. Visser", WACHTWOORD, ["inkoper"], ["amstelveen", "aalsmeer"])
    for naam, waarde in (("HUB_DATA", instellingen.data), ("HUB_CONTRACTEN", instellingen.contracten),
                         ("HUB_WACHTWOORD", WACHTWOORD), ("COLUMNS", "200")):
        monkeypatch.setenv(naam, str(waarde))
    assert main(["contracten", "controleer"]) == 0
    _vta_in_de_hub(bootstrap(instellingen, klok=lambda: NU))
    _prijs_in_bestand(instellingen, "AM-REGULIER", "1500.00")
    capsys.readouterr()

    assert main(["contracten", "controleer"]) == 1
    uit = capsys.readouterr().out
    assert "Contract am-match-aa: het contractbestand wijkt af van het dossier in de hub in producten.AM-REGULIER.prijzen" in uit
    assert main(["contracten", "controleer", "--map", str(instellingen.contracten)]) == 0, "alleen de bestanden: in orde"
    capsys.readouterr()

    opdracht = ["contracten", "importeer", "am-match-aa", "--gebruiker", "rvisser", "--reden", "Prijs Regulier"]
    assert main(opdracht) == 0
    assert "Nog niets vastgelegd" in capsys.readouterr().out
    assert main([*opdracht, "--toepassen"]) == 0
    assert "Vastgelegd." in capsys.readouterr().out
    assert main(["contracten", "controleer"]) == 0
    assert "wijkt af" not in capsys.readouterr().out
    assert main(["contracten", "dossier", "am-match-aa"]) == 0
    assert "contractbestand overgenomen: producten.AM-REGULIER.prijzen" in capsys.readouterr().out


def test_controleer_maakt_geen_eventstore_aan(tmp_path, monkeypatch, capsys):
    from hub.cli import main

    monkeypatch.setenv("HUB_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("HUB_CONTRACTEN", str(PROJECT / "contracts"))
    assert main(["contracten", "controleer"]) == 0
    assert not (tmp_path / "data").exists()
