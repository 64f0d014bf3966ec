"""Voortgang van lang werk (`hub projecties herbouw`, een eerste rapport op een grote eventstore): op stderr als dat
een terminal is, en niets in een pijp of script. De terminal is hier een `StringIO` die zegt een terminal te zijn."""

from __future__ import annotations

import io
import re
import sys

import pytest

from hub.cli import main
from hub.cli.voortgang import Voortgangsregel
from hub.koppelingen.opslag import leesmodellen
from tests.rapportage import scenario


class NepTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_op_een_terminal_een_regel_die_zichzelf_overschrijft_en_aan_het_einde_verdwijnt():
    terminal = NepTerminal()
    with Voortgangsregel("Herbouwen", stroom=terminal, klok=lambda: 0.0) as regel:
        assert regel.melder is not None
        regel.melder(250_000, 1_000_000)
    assert terminal.getvalue() == "\r\033[KHerbouwen: 250.000 van 1.000.000 events verwerkt (25 %)\r\033[K"


def test_buiten_een_terminal_geen_voortgang_en_geen_moeite():
    pijp = io.StringIO()
    with Voortgangsregel("Herbouwen", stroom=pijp) as regel:
        assert regel.melder is None
        regel.meld(10, 100)
    assert pijp.getvalue() == ""


def test_niet_vaker_dan_het_interval_maar_het_einde_altijd():
    terminal, nu = NepTerminal(), [0.0]
    regel = Voortgangsregel("Herbouwen", stroom=terminal, klok=lambda: nu[0], interval=1.0)
    regel.meld(10, 100)
    regel.meld(20, 100)
    nu[0] = 1.5
    regel.meld(30, 100)
    regel.meld(100, 100)
    getoond = re.findall(r"(\d+) van 100", terminal.getvalue())
    assert getoond == ["10", "30", "100"]


@pytest.fixture
def gevuld(instellingen, monkeypatch):
    """Een eventstore die in meer dan één blok gelezen wordt (blokken van 10 events in plaats van 2000)."""
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setenv("HUB_CONTRACTEN", str(instellingen.contracten))
    monkeypatch.setattr(leesmodellen, "BLOK", 10)
    from hub.bootstrap import open_hub

    hub = open_hub(instellingen)
    scenario.bouw(hub)
    return hub.recorder.max_notification_id()


@pytest.mark.parametrize("opdracht", [
    ["projecties", "herbouw", "--processen", "1"],
    ["rapport", "kwartaal", "--gemeente", "heemstede", "--kwartaal", "2020-Q2", "--formaat", "json"],
])
def test_lang_werk_toont_voortgang_op_een_terminal(gevuld, monkeypatch, capsys, opdracht):
    terminal = NepTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(opdracht) == 0
    standen = [int(n.replace(".", "")) for n in re.findall(r"([\d.]+) van [\d.]+ events verwerkt", terminal.getvalue())]
    assert standen and standen[-1] == gevuld and standen == sorted(standen)
    assert f"van {gevuld:,} events".replace(",", ".") in terminal.getvalue()
    assert "events verwerkt" not in capsys.readouterr().out


@pytest.mark.parametrize("opdracht", [
    ["projecties", "herbouw", "--processen", "1"],
    ["rapport", "kwartaal", "--gemeente", "heemstede", "--kwartaal", "2020-Q2", "--formaat", "json"],
])
def test_in_een_pijp_geen_voortgang(gevuld, capsys, opdracht):
    assert main(opdracht) == 0
    uit = capsys.readouterr()
    assert "events verwerkt" not in uit.err and "\r" not in uit.err and "events verwerkt" not in uit.out
