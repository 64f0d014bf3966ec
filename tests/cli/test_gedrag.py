"""De opdrachtregel zoals mensen haar verwachten: breedte van de terminal, --version, Nederlandse hulp met een
voorbeeld, `Amstelveen` en `31-12-2024` als invoer, en geen rapport vol nullen uit een lege datamap."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from datetime import date
from importlib.metadata import version

import pytest

from hub.cli import bouw_parser, main


@pytest.fixture
def omgeving(instellingen, monkeypatch):
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setenv("HUB_CONTRACTEN", str(instellingen.contracten))
    return instellingen


def _breedste_regel(tekst: str) -> int:
    return max(len(regel) for regel in tekst.splitlines())


@pytest.mark.parametrize(("kolommen", "verwacht"), [(100, 100), (150, 150), (40, 80)])
def test_tabellen_volgen_de_breedte_met_een_minimum(omgeving, monkeypatch, capsys, kolommen, verwacht):
    monkeypatch.setenv("COLUMNS", str(kolommen))
    assert main(["contracten", "toon"]) == 0
    assert _breedste_regel(capsys.readouterr().out) == verwacht


def test_version_komt_uit_het_geinstalleerde_pakket(capsys):
    with pytest.raises(SystemExit) as klaar:
        main(["--version"])
    assert klaar.value.code == 0
    assert capsys.readouterr().out.strip() == f"hub {version('reintegratie-hub')}"


def _alle_opdrachten(parser: argparse.ArgumentParser, pad: tuple[str, ...] = ()):
    for actie in parser._actions:
        if isinstance(actie, argparse._SubParsersAction):
            hulp = {keuze.dest: keuze.help for keuze in actie._choices_actions}
            for naam, sub in actie.choices.items():
                yield (*pad, naam), hulp.get(naam), sub
                yield from _alle_opdrachten(sub, (*pad, naam))


def test_elke_opdracht_heeft_nederlandse_hulp_en_een_voorbeeld():
    opdrachten = list(_alle_opdrachten(bouw_parser()))
    assert len(opdrachten) > 30
    for pad, hulp, parser in opdrachten:
        naam = " ".join(pad)
        assert hulp, f"hub {naam} heeft geen hulptekst"
        assert parser.epilog and parser.epilog.startswith("Voorbeeld"), f"hub {naam} heeft geen voorbeeld"
        assert f"hub {naam}" in parser.epilog, f"het voorbeeld bij hub {naam} gebruikt de opdracht niet"
        tekst = parser.format_help()
        assert tekst.startswith("gebruik: ") and "toon deze hulp en stop" in tekst
        assert "show this help" not in tekst and "usage:" not in tekst and "options:" not in tekst
        for argument in parser._actions:
            if not isinstance(argument, argparse._SubParsersAction):
                assert argument.help, f"{'/'.join(argument.option_strings) or argument.dest} bij hub {naam} zonder hulp"


def test_de_voorbeelden_blijven_staan_zoals_ze_geschreven_zijn(capsys):
    with pytest.raises(SystemExit):
        main(["betaalbatch", "maak", "--help"])
    assert "Voorbeeld:\n  hub betaalbatch maak --gebruiker mdeboer --uitvoeringsdatum 31-12-2024\n" in capsys.readouterr().out


def test_fouten_in_de_invoer_in_het_nederlands(capsys):
    with pytest.raises(SystemExit) as klaar:
        main(["rapport", "kwartaal", "--kwartaal", "2024-Q2"])
    assert klaar.value.code == 2
    assert "hub rapport kwartaal: fout: dit ontbreekt nog: --gemeente" in capsys.readouterr().err


@pytest.mark.parametrize("invoer", ["amstelveen", "Amstelveen", "AMSTELVEEN", "Gemeente Amstelveen", " amstelveen "])
def test_gemeente_mag_met_hoofdletter_en_als_naam(invoer):
    parser = bouw_parser()
    assert parser.parse_args(["factuur", "lijst", "--gemeente", invoer]).gemeente == "amstelveen"
    args = parser.parse_args(["rapport", "kwartaal", "--gemeente", invoer, "--kwartaal", "2024-Q2"])
    assert args.gemeente == "amstelveen"


def test_aanbieder_mag_met_hoofdletters_en_spaties():
    args = bouw_parser().parse_args(["rapport", "kwartaal", "--gemeente", "Amstelveen", "--kwartaal", "2024-Q2",
                                     "--aanbieder", "Matchez", "--aanbieder", "AM Match"])
    assert args.aanbieder == ["matchez", "am-match"]
    assert bouw_parser().parse_args(["factuur", "toon", "MZ-1", "--aanbieder", "A-rea"]).aanbieder == "a-rea"


@pytest.mark.parametrize("invoer", ["31-12-2024", "2024-12-31"])
def test_datum_als_dag_maand_jaar_of_iso(invoer):
    args = bouw_parser().parse_args(["betaalbatch", "maak", "--uitvoeringsdatum", invoer])
    assert args.uitvoeringsdatum == date(2024, 12, 31)


@pytest.mark.parametrize("invoer", ["12/31/2024", "31-13-2024", "morgen"])
def test_een_andere_datum_krijgt_een_nederlandse_fout(invoer, capsys):
    with pytest.raises(SystemExit) as klaar:
        bouw_parser().parse_args(["betaalbatch", "maak", "--uitvoeringsdatum", invoer])
    assert klaar.value.code == 2
    assert "is geen datum; schrijf DD-MM-JJJJ of JJJJ-MM-DD" in capsys.readouterr().err


def test_geen_rapport_vol_nullen_uit_een_lege_datamap(omgeving, tmp_path, capsys):
    uit = tmp_path / "rapport.html"
    assert main(["rapport", "kwartaal", "--gemeente", "amstelveen", "--kwartaal", "2024-Q1", "--uit", str(uit)]) == 1
    fout = capsys.readouterr()
    assert "bevat nog geen events; er is geen rapport geschreven" in fout.err
    assert "HUB_DATA=hub-data/demo" in fout.err
    assert fout.out == "" and not uit.exists()


def test_na_de_demo_wijst_het_lege_rapport_naar_de_demodata(omgeving, capsys):
    (omgeving.data / "demo").mkdir(parents=True)
    assert main(["rapport", "kwartaal", "--gemeente", "amstelveen", "--kwartaal", "2024-Q1"]) == 1
    assert f"HUB_DATA={omgeving.data / 'demo'} hub rapport kwartaal" in capsys.readouterr().err


def test_hub_version_als_opdracht(tmp_path):
    uitkomst = subprocess.run([sys.executable, "-m", "hub", "--version"], capture_output=True, text=True, timeout=60,
                              env={**os.environ, "HUB_DATA": str(tmp_path)})
    assert uitkomst.returncode == 0 and uitkomst.stdout.startswith("hub ")
