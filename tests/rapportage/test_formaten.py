"""Het rapport in HTML, CSV, XLSX en JSON: dezelfde cijfers in elk formaat."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hub.cli import main
from hub.koppelingen.weergave import als_csv, als_html, als_json, als_xlsx

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or "")
                 if p and Path(p).exists()), None)


@pytest.fixture(scope="module")
def rapport(rapporteur):
    return rapporteur.rapport("heemstede", "2020-Q2", ["agros", "pasmatch"])


def _provider(data: dict, code: str) -> dict:
    return next(p for p in data["providers"] if p["provider"] == code)


def test_json_bedragen_als_tekst_en_percentages_als_getal(rapport):
    data = json.loads(als_json(rapport))
    pasmatch = _provider(data, "pasmatch")["kengetallen"]
    assert pasmatch["budget_besteed"] == "70000.00"
    assert pasmatch["budget_plafond"] == "74000.00"
    assert pasmatch["budget_gebruikt_pct"] == 94.6
    agros = _provider(data, "agros")
    assert agros["kengetallen"]["uitstroom_werk_pct"] == 60.0
    assert agros["kengetallen"]["uitstroom_doel_gehaald"] is True
    assert [t["kwartaal"] for t in agros["trend"]] == ["2019-Q2", "2019-Q3", "2019-Q4", "2020-Q1", "2020-Q2"]
    assert data["voetnoten"]


def test_csv_een_regel_per_kengetal_met_puntkomma(rapport):
    tekst = als_csv(rapport).lstrip("\ufeff")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen[0] == ["provider", "kengetal", "waarde"]
    assert ["Pasmatch", "Budget gebruikt (%)", "94,6"] in rijen
    assert ["Pasmatch", "Goedgekeurd in het jaar van het plafond (€)", "70000,00"] in rijen
    assert ["Agros", "Doelstelling gehaald", "ja"] in rijen
    assert all(len(r) == 3 for r in rijen)


def test_xlsx_gelijk_aan_json(rapport):
    data = json.loads(als_json(rapport))
    blad = load_workbook(io.BytesIO(als_xlsx(rapport)), read_only=True)["Kengetallen"]
    rijen = list(blad.iter_rows(min_row=4, values_only=True))
    kop = rijen[0]
    assert kop[:3] == ("groep", "kengetal", "sleutel")
    namen = {p["naam"]: p for p in data["providers"]}
    vergeleken = 0
    for rij in rijen[1:]:
        sleutel = rij[2]
        for naam, cel in zip(kop[3:], rij[3:], strict=False):
            verwacht = namen[naam]["kengetallen"].get(sleutel)
            if verwacht is None:
                assert cel is None
            elif isinstance(verwacht, bool):
                assert cel == ("ja" if verwacht else "nee")
            elif isinstance(verwacht, str) and not verwacht.replace(".", "").isdigit():
                assert cel == verwacht
            else:
                assert Decimal(str(cel)).quantize(Decimal("0.01")) == Decimal(str(verwacht)).quantize(Decimal("0.01")), sleutel
            vergeleken += 1
    assert vergeleken >= 2 * 50


def test_html_is_zelfstandig_nederlands_en_printbaar(rapport):
    html = als_html(rapport)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "@media print" in html and "@page" in html
    assert html.count("<svg") >= 6
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "94,6 %" in html and "€ 70.000,00" in html
    assert "Toelichting" in html and "eigen datum" in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium ontbreekt; installeer het Debian-pakket 'chromium' om de HTML te renderen")
def test_html_rendert_in_headless_chromium(rapport, tmp_path):
    pagina = tmp_path / "rapport.html"
    pagina.write_text(als_html(rapport), encoding="utf-8")
    schermafdruk = tmp_path / "rapport.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profiel'}", f"--screenshot={schermafdruk}", "--window-size=1200,2000",
         pagina.as_uri()],
        check=True, capture_output=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)},
    )
    inhoud = schermafdruk.read_bytes()
    assert inhoud[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(inhoud) > 20_000


def test_opdrachtregel_schrijft_elk_formaat(wereld, tmp_path, monkeypatch, capsys):
    instellingen = wereld[0]
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setenv("HUB_CONTRACTEN", str(instellingen.contracten))
    for formaat in ("html", "csv", "xlsx", "json"):
        uit = tmp_path / f"rapport.{formaat}"
        assert main(["rapport", "kwartaal", "--gemeente", "heemstede", "--aanbieder", "pasmatch", "--kwartaal", "2020-Q2",
                     "--formaat", formaat, "--uit", str(uit)]) == 0
        assert uit.stat().st_size > 0
    capsys.readouterr()
    assert main(["rapport", "kwartaal", "--gemeente", "heemstede", "--aanbieder", "pasmatch", "--kwartaal", "2020-Q2",
                 "--formaat", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["providers"][0]["kengetallen"]["budget_gebruikt_pct"] == 94.6


def test_opdrachtregel_projecties_herbouw_en_status(wereld, monkeypatch, capsys):
    instellingen = wereld[0]
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setenv("HUB_CONTRACTEN", str(instellingen.contracten))
    monkeypatch.setenv("COLUMNS", "200")
    oud = instellingen.data / "leesmodellen" / "factuurcontrole.pickle"
    oud.parent.mkdir(parents=True, exist_ok=True)
    oud.write_bytes(b"model van voor de splitsing per gemeente")
    assert main(["projecties", "herbouw"]) == 0
    uit = capsys.readouterr().out
    assert "Leesmodellen herbouwd voor" in uit and "heemstede" in uit
    assert f"uit {wereld[1].recorder.max_notification_id()} events" in uit
    assert not oud.exists()
    assert main(["projecties", "status"]) == 0
    status = capsys.readouterr().out
    assert all(f"heemstede-{deel}" in status for deel in ("kwartaalfeiten", "termijnbewaking", "factuurcontrole"))
