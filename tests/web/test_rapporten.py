"""De kwartaalrapportage voor de inkoper als pagina's en downloads: dezelfde cijfers als de bestanden van
`hub rapport kwartaal`, en een naam met HTML of een formule blijft tekst, ook in CSV en XLSX."""

from __future__ import annotations

import io
import shutil

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from hub.bootstrap import bootstrap
from hub.koppelingen.weergave import FORMATEN
from hub.web import maak_app
from tests.conftest import PROJECT
from tests.factuur.wereld import Wereld
from tests.web.conftest import snelle_gebruikers, vul
from tests.web.test_beveiliging import aangemeld

RAPPORT = "/rapporten?gemeente=amstelveen&kwartaal=2024-Q2"


@pytest.fixture
def app(onderdelen):
    return maak_app(onderdelen)


def test_de_inkoper_komt_na_aanmelden_op_de_rapportage(app):
    client = TestClient(app)
    antwoord = aangemeld(app, "pjansen").get("/", follow_redirects=False)
    assert antwoord.status_code == 303 and antwoord.headers["location"] == "/rapporten"
    assert client.get("/rapporten", follow_redirects=False).status_code == 303


def test_rapport_met_de_aanbieders_naast_elkaar_grafieken_en_trend(app):
    pagina = aangemeld(app, "pjansen").get(RAPPORT)
    assert pagina.status_code == 200
    tekst = pagina.text
    assert "Kwartaalrapportage Gemeente Amstelveen 2024-Q2" in tekst
    assert "De aanbieders naast elkaar" in tekst and "<th scope=\"col\" class=\"getal\">Matchez</th>" in tekst
    assert tekst.count("<svg") >= 2 and "Trend per kwartaal" in tekst
    assert "Trend van Matchez, 2023-Q2 t/m 2024-Q2" in tekst
    assert "prijs wijkt af van de prijsafspraak" in tekst, "bevindingen met hun Nederlandse naam"
    for formaat in FORMATEN:
        assert f"/rapporten/bestand?gemeente=amstelveen&amp;kwartaal=2024-Q2&amp;formaat={formaat}" in tekst


def test_een_keuze_van_aanbieders(app):
    pagina = aangemeld(app, "pjansen").get(RAPPORT + "&aanbieder=a-rea").text
    assert "<th scope=\"col\" class=\"getal\">A-rea</th>" in pagina and "<th scope=\"col\" class=\"getal\">Matchez</th>" not in pagina
    assert 'value="a-rea" checked' in pagina


@pytest.mark.parametrize("formaat", list(FORMATEN))
def test_downloads_bevatten_dezelfde_cijfers_als_de_bestanden(app, onderdelen, formaat):
    antwoord = aangemeld(app, "pjansen").get(f"/rapporten/bestand?gemeente=amstelveen&kwartaal=2024-Q2&formaat={formaat}")
    assert antwoord.status_code == 200
    assert antwoord.headers["content-disposition"] == f'attachment; filename="kwartaalrapportage-amstelveen-2024-Q2.{formaat}"'
    verwacht = FORMATEN[formaat](onderdelen.rapportage.kwartaal("amstelveen", "2024-Q2"))
    if formaat == "xlsx":
        assert load_workbook(io.BytesIO(antwoord.content))["Kengetallen"]["A1"].value.startswith("Kwartaalrapportage")
    else:
        assert antwoord.content == verwacht.encode()


@pytest.mark.parametrize(("query", "melding"), [
    ("gemeente=amstelveen&kwartaal=2024-Q5", "geen kwartaal"),
    ("gemeente=amstelveen&kwartaal=vorig+jaar", "geen kwartaal"),
    ("gemeente=amstelveen&kwartaal=2024-Q2&aanbieder=jobcoach-org", "alleen aanbieders met een contract"),
])
def test_een_verkeerde_keuze_geeft_een_melding_die_zegt_wat_wel_kan(app, query, melding):
    for pad in ("/rapporten", "/rapporten/bestand"):
        antwoord = aangemeld(app, "pjansen").get(f"{pad}?{query}&formaat=csv")
        assert antwoord.status_code == 400 and melding in antwoord.text


@pytest.fixture
def lastige_namen(tmp_path, instellingen, hub, catalogus):
    """De contracten met een aanbieder die `=HYPERLINK(…)` heet en een die een script is."""
    contracten = tmp_path / "contracten"
    shutil.copytree(PROJECT / "contracts", contracten)
    partijen = contracten / "partijen.toml"
    partijen.write_text(partijen.read_text(encoding="utf-8")
                        .replace('naam = "Matchez"', 'naam = "=HYPERLINK(\\"https://elders.example\\",\\"klik\\")"')
                        .replace('naam = "A-rea"', 'naam = "<script>alert(1)</script>"'), encoding="utf-8")
    onderdelen = bootstrap(instellingen.met(contracten=contracten))
    onderdelen.eventstore = hub
    onderdelen.gebruikers = snelle_gebruikers(onderdelen)
    vul(onderdelen, Wereld(hub, catalogus, instellingen.data))
    return maak_app(onderdelen)


def test_namen_met_html_of_een_formule_blijven_tekst_op_de_pagina_en_in_csv_en_xlsx(lastige_namen):
    client = aangemeld(lastige_namen, "pjansen")
    pagina = client.get(RAPPORT).text
    assert "<script>alert(1)</script>" not in pagina and "&lt;script&gt;alert(1)&lt;/script&gt;" in pagina
    assert '<a href="https://elders.example"' not in pagina
    csv = client.get("/rapporten/bestand?gemeente=amstelveen&kwartaal=2024-Q2&formaat=csv").content.decode("utf-8-sig")
    regels = [r for r in csv.splitlines() if "HYPERLINK" in r]
    assert regels and all(r.startswith("'=HYPERLINK(") or r.startswith("\"'=HYPERLINK(") for r in regels)
    xlsx = client.get("/rapporten/bestand?gemeente=amstelveen&kwartaal=2024-Q2&formaat=xlsx").content
    boek = load_workbook(io.BytesIO(xlsx))
    cellen = [c for blad in boek for rij in blad.iter_rows() for c in rij if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cellen and all(c.data_type == "s" and c.hyperlink is None for c in cellen)
