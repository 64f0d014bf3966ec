"""`hub demo` zoals een nieuwe gebruiker hem draait: echte broker, echte eventstore, oordelen, betaling, rapport."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from hub.bootstrap import bootstrap
from hub.instellingen import Instellingen

SAMENVATTING = "76 berichten: 71 geaccepteerd, 5 afgewezen."
"""Wat het scenario van de demo stuurt en wat daarvan met opzet fout is (BSN, volgorde, XXE …)."""


def test_demo_loopt_van_bericht_tot_betaalbatch_en_rapport(tmp_path):
    env = {**os.environ, "HUB_DATA": str(tmp_path), "COLUMNS": "200"}
    uitkomst = subprocess.run([sys.executable, "-m", "hub", "demo"], env=env, capture_output=True, text=True, timeout=300)
    assert uitkomst.returncode == 0, uitkomst.stderr[-3000:]
    uit = uitkomst.stdout
    assert SAMENVATTING in uit
    assert "BSN_ONGELDIG" in uit and "ONBEKEND_TRAJECT" in uit and "DOCTYPE" in uit
    assert "PRIJS_AFWIJKING" in uit and "NOSHOW_STAFFEL" in uit and "BONUS_NIET_VERDIEND" in uit
    assert "Kwartaalrapportage Gemeente Amstelveen 2024-Q1" in uit
    assert "gecrediteerd met MZ-2024-C001: regel vervalt" in uit
    assert "op grond van matchez-aa (versie" in uit, "een besliste regel toont het contract waarop besloten is"
    assert "Open factuurregels die een ander oordeel krijgen" in uit and "GEEN_PRIJSAFSPRAAK, TE_LAAT" in uit
    assert "OPDRACHTBEDRAG_OVERSCHREDEN" in uit and "VERPLICHTINGEN_NIET_NAGEKOMEN" in uit
    assert "Participatietrajecten 2024: aandeel in het budget" in uit and "€ 7.000,00" in uit
    assert "Doel loonwaarde 70-100 % gehaald" in uit
    assert "Beëindigd: terug naar school" in uit and "Uitstroom door handhaving in het jaar loonwaarde 100 %" in uit
    assert "In begeleiding naar werk of scholing einde kwartaal loonwaarde 100 %" in uit
    batches = list((tmp_path / "demo" / "betaalbatches").glob("*.xml"))
    assert len(batches) == 4
    assert (tmp_path / "demo" / "hub.sqlite").is_file()
    assert (tmp_path / "demo" / "kwartaalrapport-amstelveen-2024-Q1.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_demo_eindigt_met_het_adres_van_de_webapplicatie_en_demogebruikers_die_zich_kunnen_aanmelden(tmp_path):
    env = {**os.environ, "HUB_DATA": str(tmp_path), "COLUMNS": "200", "HUB_WEB_POORT": "8123"}
    uitkomst = subprocess.run([sys.executable, "-m", "hub", "demo"], env=env, capture_output=True, text=True, timeout=300)
    assert uitkomst.returncode == 0, uitkomst.stderr[-3000:]
    slot = uitkomst.stdout[uitkomst.stdout.index("De webapplicatie op de gegevens van deze demo"):]
    assert f"hub web --data {tmp_path / 'demo'}" in slot and "http://127.0.0.1:8123/" in slot
    wachtwoorden = dict(re.findall(r"│ (\w+)\s+│ (demo-[\w-]+)\s+│", slot))
    assert set(wachtwoorden) == {"mdeboer", "jvisser", "pjansen", "sdevries", "beheer", "anna"}
    assert "J. Visser (jvisser, tweede paar ogen) geeft de batches vrij." in uitkomst.stdout
    demo = bootstrap(Instellingen(data=tmp_path / "demo"))
    rollen = {naam: demo.gebruikers.meld_aan(naam, wachtwoord).rollen for naam, wachtwoord in wachtwoorden.items()}
    assert {r for rs in rollen.values() for r in rs} == {"managementassistent", "inkoper", "klantmanager", "beheerder",
                                                          "aanbieder"}
    assert bootstrap(Instellingen(data=tmp_path)).gebruikers.profiel("mdeboer") is None, "alleen in de datamap van de demo"
    besluit = demo.eventstore.zoek_factuur("matchez", "MZ-2024-0012").besluiten[1]
    assert besluit["door"] == "M. de Boer" and besluit["door_id"] == "mdeboer"

