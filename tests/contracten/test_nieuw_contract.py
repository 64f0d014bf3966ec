"""Een nieuw contract dat de inkoper in de hub vastlegt, zonder bestand op de server: gecontroleerd als de
contractbestanden, eerst als voorbeeld, vastgelegd als event met wie en waarom; daarna geldt het in elk proces en
werken prijs, indexeer en dossier erop."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from hub.bootstrap import bootstrap
from hub.domein.fouten import DomeinFout
from hub.instellingen import Instellingen
from hub.koppelingen.opslag.contractbestanden import ContractFout
from hub.toepassing.fouten import Onuitvoerbaar
from tests.conftest import PROJECT

NU = datetime(2025, 1, 6, 10, 0, tzinfo=UTC)
INKOPER = "R. Visser (rvisser)"
HEEMSTEDE = ["heemstede"]

AGROS_2025 = '''
id = "agros-heemstede-2025"
provider = "agros"
gemeenten = ["heemstede"]
geldig_van = 2025-01-01
geldig_tot = 2025-12-31
btw_percentage = "21"
{iban}
bron = "Heemstede, inkoopbesluit werkfit 2025"

[[producten]]
code = "AG-WERKFIT"
naam = "Werkfit traject"
eenheid = "traject"
prijzen = [{{ bedrag = "1250.00", geldig_van = 2025-01-01, geldig_tot = 2025-12-31 }}]

[[producten]]
code = "AG-NAZORG"
naam = "Nazorg na werkfit"
eenheid = "maand"
'''


def contractbestand(map_: Path, iban: str = 'iban = "NL34ASNB0707070701"', vervang: dict[str, str] | None = None) -> Path:
    tekst = AGROS_2025.format(iban=iban)
    for oud, nieuw in (vervang or {}).items():
        assert oud in tekst
        tekst = tekst.replace(oud, nieuw, 1)
    bestand = map_ / "nieuw-contract.toml"
    bestand.write_text(tekst, encoding="utf-8")
    return bestand


def _vastgelegd(hub) -> bool:
    return hub.eventstore.zoek_contractdossier("agros-heemstede-2025") is not None


def test_eerst_een_voorbeeld_dan_vastgelegd_en_in_elk_proces_geldend(instellingen, tmp_path):
    hub = bootstrap(instellingen, klok=lambda: NU)
    bestand = contractbestand(tmp_path)
    assert hub.catalogus.product("agros", "heemstede", "AG-WERKFIT") is None

    voorbeeld = hub.contractbeheer.nieuw(bestand, INKOPER, "Inkoopbesluit werkfit 2025", gemeenten=HEEMSTEDE)
    assert not voorbeeld.toegepast and "Agros" in voorbeeld.omschrijving and "AG-WERKFIT" in voorbeeld.omschrijving
    assert not _vastgelegd(hub) and hub.catalogus.contract("agros-heemstede-2025") is None

    hub.contractbeheer.nieuw(bestand, INKOPER, "Inkoopbesluit werkfit 2025", toepassen=True, gemeenten=HEEMSTEDE)
    bestand.unlink()
    for onderdelen in (hub, bootstrap(instellingen, klok=lambda: NU)):
        afspraak = onderdelen.catalogus.prijsafspraak("agros", "heemstede", "AG-WERKFIT", date(2025, 3, 1))
        assert afspraak is not None and afspraak.bedrag == Decimal("1250.00")
        assert onderdelen.catalogus.prijsafspraak("agros", "heemstede", "AG-WERKFIT", date(2024, 12, 31)) is None
    [aanleg] = hub.contractbeheer.dossier("agros-heemstede-2025")
    assert (aanleg.door, aanleg.reden, aanleg.op) == (INKOPER, "Inkoopbesluit werkfit 2025", NU)
    assert "nieuw contract" in aanleg.wat and "AG-WERKFIT, AG-NAZORG" in aanleg.wat


def test_daarna_werken_prijs_en_indexatie_op_het_nieuwe_contract(instellingen, tmp_path):
    hub = bootstrap(instellingen, klok=lambda: NU)
    hub.contractbeheer.nieuw(contractbestand(tmp_path), INKOPER, "Inkoopbesluit", toepassen=True, gemeenten=HEEMSTEDE)
    hub.contractbeheer.stel_prijs_vast("agros-heemstede-2025", "AG-NAZORG", Decimal("95.00"), date(2025, 1, 1),
                                       date(2025, 12, 31), INKOPER, "Nazorgtarief", toepassen=True, gemeenten=HEEMSTEDE)
    andere = bootstrap(instellingen, klok=lambda: NU)
    assert andere.catalogus.prijsafspraak("agros", "heemstede", "AG-NAZORG", date(2025, 6, 1)).bedrag == Decimal("95.00")
    assert [r.reden for r in andere.contractbeheer.dossier("agros-heemstede-2025")] == ["Inkoopbesluit", "Nazorgtarief"]
    assert andere.contractbeheer.in_de_hub() == ["agros-heemstede-2025"]


@pytest.mark.parametrize("bestaand", ["matchez-aa", "agros-heemstede-2025"])
def test_een_id_dat_al_bestaat_als_bestand_of_in_de_hub_wordt_geweigerd(instellingen, tmp_path, bestaand):
    hub = bootstrap(instellingen, klok=lambda: NU)
    if bestaand == "agros-heemstede-2025":
        hub.contractbeheer.nieuw(contractbestand(tmp_path), INKOPER, "Eerste keer", toepassen=True)
    voor = hub.eventstore.recorder.max_notification_id()
    dubbel = contractbestand(tmp_path, vervang={'id = "agros-heemstede-2025"': f'id = "{bestaand}"'})
    with pytest.raises(Onuitvoerbaar) as fout:
        hub.contractbeheer.nieuw(dubbel, INKOPER, "Nog een keer", toepassen=True)
    assert f"Contract {bestaand} bestaat al" in str(fout.value) and "kies een ander id" in str(fout.value).lower()
    assert hub.eventstore.recorder.max_notification_id() == voor


@pytest.mark.parametrize(("anders", "plaats", "melding"), [
    ({"provider = \"agros\"": "provider = \"onbekend-bv\""}, "provider", "onbekende aanbieder"),
    ({"gemeenten = [\"heemstede\"]": "gemeenten = [\"haarlem\"]"}, "gemeenten[0]", "onbekende gemeente"),
    ({"\"1250.00\"": "\"-5.00\""}, "producten[0].prijzen[0].bedrag", "kleiner"),
    ({"geldig_van = 2025-01-01, ": "geldig_van = 2024-06-01, "}, "", "buiten de looptijd"),
    ({"eenheid = \"maand\"": "eenheid = \"dag\""}, "producten[1].eenheid", "een van deze waarden"),
])
def test_een_ongeldig_contract_wordt_geweigerd_zoals_een_contractbestand(instellingen, tmp_path, anders, plaats, melding):
    bestand = contractbestand(tmp_path, vervang=anders)
    hub = bootstrap(instellingen, klok=lambda: NU)
    with pytest.raises(ContractFout) as fout:
        hub.contractbeheer.nieuw(bestand, INKOPER, "Inkoopbesluit", toepassen=True)
    assert fout.value.plaats == plaats and melding in fout.value.melding
    assert not _vastgelegd(hub) and hub.eventstore.zoek_contractregister() is None


def test_een_iban_met_een_fout_controlegetal_wordt_geweigerd(instellingen, tmp_path):
    hub = bootstrap(instellingen, klok=lambda: NU)
    with pytest.raises(ContractFout) as fout:
        hub.contractbeheer.nieuw(contractbestand(tmp_path, iban='iban = "NL34ASNB0707070702"'), INKOPER, "x", toepassen=True)
    assert fout.value.plaats == "iban" and "controlegetal" in fout.value.melding
    assert not _vastgelegd(hub)


def test_een_rekeningnummer_dat_de_aanbieder_nog_niet_heeft_legt_de_inkoper_niet_vast(instellingen, tmp_path):
    """Wie contracten bijhoudt, leidt geen betalingen om: het IBAN van Matchez onder een contract van Agros niet, en
    zonder IBAN of met dat van Agros wel."""
    hub = bootstrap(instellingen, klok=lambda: NU)
    with pytest.raises(DomeinFout) as fout:
        hub.contractbeheer.nieuw(contractbestand(tmp_path, iban='iban = "NL91ABNA0417164300"'), INKOPER, "x", toepassen=True)
    assert fout.value.veld == "iban" and "agros-heemstede-2020" in fout.value.melding
    assert not _vastgelegd(hub)
    hub.contractbeheer.nieuw(contractbestand(tmp_path, iban=""), INKOPER, "Zonder rekeningnummer", toepassen=True)
    assert hub.catalogus.contract("agros-heemstede-2025").iban is None


def test_een_product_dat_tegelijk_in_een_ander_contract_van_de_aanbieder_staat_wordt_geweigerd(instellingen, tmp_path):
    hub = bootstrap(instellingen, klok=lambda: NU)
    """Agros heeft AG-BNW al in 2020 voor Heemstede; een tweede contract met AG-BNW in 2020 botst."""
    bestand = contractbestand(tmp_path, vervang={"geldig_van = 2025-01-01\n": "geldig_van = 2020-01-01\n",
                                                 'code = "AG-NAZORG"': 'code = "AG-BNW"'})
    with pytest.raises(DomeinFout) as fout:
        hub.contractbeheer.nieuw(bestand, INKOPER, "Inkoopbesluit", toepassen=True)
    assert fout.value.code == "PERIODE_OVERLAPT" and "AG-BNW" in fout.value.melding
    assert not _vastgelegd(hub)


def test_een_inkoper_legt_alleen_een_contract_voor_zijn_eigen_gemeenten_vast(instellingen, tmp_path):
    hub = bootstrap(instellingen, klok=lambda: NU)
    with pytest.raises(Onuitvoerbaar) as fout:
        hub.contractbeheer.nieuw(contractbestand(tmp_path), INKOPER, "Inkoopbesluit", toepassen=True, gemeenten=["wassenaar"])
    assert "heemstede" in str(fout.value)
    assert not _vastgelegd(hub)


@pytest.mark.parametrize(("door", "reden"), [(" ", "Inkoopbesluit"), (INKOPER, "")])
def test_zonder_wie_of_waarom_geen_nieuw_contract(instellingen, tmp_path, door, reden):
    hub = bootstrap(instellingen, klok=lambda: NU)
    with pytest.raises(DomeinFout) as fout:
        hub.contractbeheer.nieuw(contractbestand(tmp_path), door, reden, toepassen=True)
    assert fout.value.code == "VERPLICHT_VELD"
    assert not _vastgelegd(hub)


WACHTWOORD = "correct paard batterij nietje"


@pytest.fixture
def cli(instellingen, catalogus, hub, monkeypatch):
    """Op de opdrachtregel als geregistreerde inkoper van Heemstede (het wachtwoord uit HUB_WACHTWOORD, zoals een script)."""
    from argon2 import PasswordHasher

    from hub.cli import main
    from hub.toepassing.gebruikers import Argon2, Gebruikers

    gebruikers = Gebruikers(hub, catalogus, lambda: NU, Argon2(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)))
    gebruikers.maak("rvisser", "R. Visser", WACHTWOORD, ["inkoper"], HEEMSTEDE)
    gebruikers.maak("mdeboer", "M. de Boer", WACHTWOORD, ["managementassistent"], HEEMSTEDE)
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setenv("HUB_CONTRACTEN", str(instellingen.contracten))
    monkeypatch.setenv("HUB_WACHTWOORD", WACHTWOORD)
    monkeypatch.setenv("COLUMNS", "200")
    return main


def test_op_de_opdrachtregel_als_inkoper_eerst_voorbeeld_dan_vastgelegd(cli, instellingen, tmp_path, capsys):
    opdracht = ["contracten", "nieuw", str(contractbestand(tmp_path)), "--gebruiker", "rvisser", "--reden", "Inkoopbesluit 2025"]
    assert cli(opdracht) == 0
    uit = capsys.readouterr().out
    assert "Contract agros-heemstede-2025: nieuw contract met Agros" in uit and "Nog niets vastgelegd" in uit
    assert cli([*opdracht, "--toepassen"]) == 0
    assert "Vastgelegd." in capsys.readouterr().out
    assert cli(["contracten", "dossier", "agros-heemstede-2025"]) == 0
    uit = capsys.readouterr().out
    assert "nieuw contract in de hub vastgelegd" in uit and "R. Visser (rvisser)" in uit and "Inkoopbesluit 2025" in uit
    assert cli(["contracten", "toon"]) == 0
    assert "AG-WERKFIT" in capsys.readouterr().out
    assert cli([*opdracht, "--toepassen"]) == 1
    assert "Contract agros-heemstede-2025 bestaat al" in capsys.readouterr().err


@pytest.mark.parametrize(("gebruiker", "melding"), [
    (None, "geef --gebruiker NAAM"),
    ("mdeboer", "heeft niet de rol inkoper"),
])
def test_zonder_aanmelding_als_inkoper_geen_nieuw_contract(cli, instellingen, tmp_path, capsys, gebruiker, melding):
    opdracht = ["contracten", "nieuw", str(contractbestand(tmp_path)), "--reden", "Inkoopbesluit", "--toepassen"]
    assert cli([*opdracht, *(["--gebruiker", gebruiker] if gebruiker else [])]) == 1
    assert melding in capsys.readouterr().err
    assert bootstrap(instellingen).eventstore.zoek_contractdossier("agros-heemstede-2025") is None


def test_een_inkoper_van_heemstede_legt_geen_contract_voor_wassenaar_vast(cli, instellingen, tmp_path, capsys):
    bestand = contractbestand(tmp_path, vervang={'gemeenten = ["heemstede"]': 'gemeenten = ["wassenaar"]'})
    assert cli(["contracten", "nieuw", str(bestand), "--gebruiker", "rvisser", "--reden", "x", "--toepassen"]) == 1
    assert "alleen een inkoper van al die gemeenten" in capsys.readouterr().err
    assert bootstrap(instellingen).eventstore.zoek_contractdossier("agros-heemstede-2025") is None


def test_een_fout_in_het_bestand_noemt_bestand_plaats_en_uitleg(cli, tmp_path, capsys):
    bestand = contractbestand(tmp_path, vervang={'provider = "agros"': 'provider = "onbekend-bv"'})
    assert cli(["contracten", "nieuw", str(bestand), "--gebruiker", "rvisser", "--reden", "x"]) == 2
    assert "nieuw-contract.toml: provider: onbekende aanbieder 'onbekend-bv'" in capsys.readouterr().err


def test_ook_prijs_en_indexatie_als_aangemelde_inkoper_alleen_voor_de_eigen_gemeenten(cli, instellingen, capsys):
    """Met --gebruiker in plaats van --door: de inkoper van Heemstede indexeert het jobcoachtarief van Heemstede, maar
    geeft AM Match (Amstelveen en Aalsmeer) geen prijs."""
    assert cli(["contracten", "prijs", "am-match-aa", "AM-VTA", "400", "--van", "01-01-2019", "--gebruiker", "rvisser",
                "--reden", "VTA-tarief", "--toepassen"]) == 1
    assert "alleen een inkoper van al die gemeenten" in capsys.readouterr().err
    assert cli(["contracten", "indexeer", "jobcoaching-heemstede-2024", "JC-UUR", "2,9", "--per", "01-01-2025",
                "--gebruiker", "rvisser", "--reden", "CPI 2025", "--toepassen"]) == 0
    [_, index] = bootstrap(instellingen).contractbeheer.dossier("jobcoaching-heemstede-2024")
    assert (index.door, index.reden) == ("R. Visser (rvisser)", "CPI 2025")
    assert cli(["contracten", "beeindig", "matchez-aa", "--per", "31-12-2025", "--gebruiker", "mdeboer", "--reden", "x",
                "--toepassen"]) == 1
    assert "heeft niet de rol inkoper" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli(["contracten", "beeindig", "matchez-aa", "--per", "31-12-2025", "--door", "R. Visser", "--gebruiker", "rvisser",
             "--reden", "x"])


def test_een_contractbestand_dat_botst_met_een_contract_in_de_hub_geeft_een_melding(cli, instellingen, tmp_path,
                                                                                    monkeypatch, capsys):
    """Een beheerder zet later een bestand neer voor hetzelfde product van dezelfde aanbieder en gemeente in dezelfde
    periode: welke prijs geldt, is dan niet te zeggen. Elke opdracht zegt dat in één regel, zonder traceback, en het
    contract in de hub blijft zoals het was."""
    contracten = tmp_path / "contracten"
    shutil.copytree(PROJECT / "contracts", contracten)
    monkeypatch.setenv("HUB_CONTRACTEN", str(contracten))
    assert cli(["contracten", "nieuw", str(contractbestand(tmp_path)), "--gebruiker", "rvisser", "--reden", "Inkoopbesluit",
                "--toepassen"]) == 0
    capsys.readouterr()
    (contracten / "agros-werkfit.toml").write_text(
        AGROS_2025.format(iban="").replace('id = "agros-heemstede-2025"', 'id = "agros-werkfit-bestand"'), encoding="utf-8")

    for opdracht in (["contracten", "toon"], ["contracten", "controleer"], ["contracten", "dossier", "agros-heemstede-2025"]):
        assert cli(opdracht) == 1, opdracht
        fout = capsys.readouterr().err
        assert "De contractbestanden botsen met een contract in de hub" in fout, fout
        assert "agros-werkfit-bestand" in fout and "agros-heemstede-2025" in fout and "AG-WERKFIT" in fout
        assert "Traceback" not in fout
    dossier = bootstrap(Instellingen(data=instellingen.data, contracten=PROJECT / "contracts")).contractbeheer
    assert [w.reden for w in dossier.dossier("agros-heemstede-2025")] == ["Inkoopbesluit"]
