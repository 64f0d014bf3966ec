"""`hub demo` zoals een nieuwe gebruiker hem draait: echte broker, echte eventstore, oordelen, betaling, rapport."""

from __future__ import annotations

import os
import subprocess
import sys


def test_demo_loopt_van_bericht_tot_betaalbatch_en_rapport(tmp_path):
    env = {**os.environ, "HUB_DATA": str(tmp_path), "COLUMNS": "200"}
    uitkomst = subprocess.run([sys.executable, "-m", "hub", "demo"], env=env, capture_output=True, text=True, timeout=300)
    assert uitkomst.returncode == 0, uitkomst.stderr[-3000:]
    uit = uitkomst.stdout
    assert "66 berichten: 61 geaccepteerd, 5 afgewezen." in uit
    assert "BSN_ONGELDIG" in uit and "ONBEKEND_TRAJECT" in uit and "DOCTYPE" in uit
    assert "PRIJS_AFWIJKING" in uit and "NOSHOW_STAFFEL" in uit and "BONUS_NIET_VERDIEND" in uit
    assert "Kwartaalrapportage Gemeente Amstelveen 2024-Q1" in uit
    assert "gecrediteerd met MZ-2024-C001: regel vervalt" in uit
    assert "op grond van matchez-aa (versie" in uit, "een besliste regel toont het contract waarop besloten is"
    assert "Open factuurregels die een ander oordeel krijgen" in uit and "GEEN_PRIJSAFSPRAAK, TE_LAAT" in uit
    assert "OPDRACHTBEDRAG_OVERSCHREDEN" in uit and "VERPLICHTINGEN_NIET_NAGEKOMEN" in uit
    assert "Participatietrajecten 2024: aandeel in het budget" in uit and "€ 7.000,00" in uit
    assert "Doel loonwaarde 70-100 % gehaald" in uit
    batches = list((tmp_path / "demo" / "betaalbatches").glob("*.xml"))
    assert len(batches) == 4
    assert (tmp_path / "demo" / "hub.sqlite").is_file()
    assert (tmp_path / "demo" / "kwartaalrapport-amstelveen-2024-Q1.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
