"""Aanvallen op het aanbiedersportaal en de kwartaalrapportage: een aanbieder ziet alleen zijn eigen facturen en
retouren (andermans factuur of retour bestaat voor hem niet: 404, net als een onbekende), levert alleen namens
zichzelf aan en komt op geen enkele pagina van de gemeente; een inkoper ziet alleen het rapport van zijn gemeenten."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from hub.web import maak_app
from tests.toepassing.aanlevering import factuur_json
from tests.web.conftest import AREA_AFGEWEZEN
from tests.web.test_beveiliging import _csrf, aangemeld

GEMEENTEPAGINAS = ["/werkvoorraad", "/facturen/matchez/MZ-1", "/facturen/a-rea/AR-1", "/betaalbatches",
                   "/betaalbatches/BB-1/bestand", "/rapporten", "/rapporten?gemeente=amstelveen&kwartaal=2024-Q2",
                   "/rapporten/bestand?gemeente=amstelveen&kwartaal=2024-Q2&formaat=csv"]
PORTAALPAGINAS = ["/portaal/aanleveren", "/portaal/facturen", "/portaal/facturen/AR-1", "/portaal/retouren",
                  "/portaal/retouren.json", f"/portaal/retouren/{AREA_AFGEWEZEN}.json"]


@pytest.fixture
def app(onderdelen):
    return maak_app(onderdelen)


def _bericht_ids(tekst: str) -> set[str]:
    return set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", tekst))


def lever_aan(client: TestClient, data: bytes, naam: str = "factuur.json"):
    csrf = _csrf(client.get("/portaal/aanleveren"))
    return client.post("/portaal/aanleveren", data={"csrf": csrf}, files={"bestand": (naam, data, "application/json")})


@pytest.mark.parametrize("pad", PORTAALPAGINAS)
def test_geen_portaalpagina_zonder_aanmelden(app, pad):
    antwoord = TestClient(app).get(pad, follow_redirects=False)
    assert antwoord.status_code == 303 and antwoord.headers["location"].startswith("/aanmelden?volgende=")


def test_de_factuur_van_een_andere_aanbieder_bestaat_niet_voor_hem(app):
    anna = aangemeld(app, "anna")
    andermans, onbekend = anna.get("/portaal/facturen/AR-1"), anna.get("/portaal/facturen/BESTAAT-NIET")
    assert andermans.status_code == onbekend.status_code == 404
    assert andermans.text.replace("AR-1", "X") == onbekend.text.replace("BESTAAT-NIET", "X"), "niet te onderscheiden"
    assert "A-rea" not in andermans.text.replace("Bram A-rea", "")
    assert anna.get("/portaal/facturen/AR-1/factuurstatus.json").status_code == 404
    assert aangemeld(app, "bram").get("/portaal/facturen/AR-1").status_code == 200


def test_een_aanbieder_ziet_alleen_zijn_eigen_facturen_in_de_lijst(app):
    anna, bram = aangemeld(app, "anna").get("/portaal/facturen").text, aangemeld(app, "bram").get("/portaal/facturen").text
    assert "MZ-1" in anna and "AR-1" not in anna
    assert "AR-1" in bram and "MZ-1" not in bram


def test_de_retouren_van_een_andere_aanbieder_zijn_niet_te_downloaden(app):
    bram = aangemeld(app, "bram")
    eigen = bram.get("/portaal/retouren.json").json()
    area_ids = {r["berichtId"] for r in eigen}
    assert AREA_AFGEWEZEN in area_ids and len(area_ids) == 2
    assert bram.get(f"/portaal/retouren/{AREA_AFGEWEZEN}.json").json()["retour"]["status"] == "afgewezen"
    anna = aangemeld(app, "anna")
    for bericht_id in area_ids:
        assert anna.get(f"/portaal/retouren/{bericht_id}.json").status_code == 404
    assert anna.get("/portaal/retouren.json").json() == []
    assert not area_ids & _bericht_ids(anna.get("/portaal/retouren").text)
    assert anna.get("/portaal/retouren/..%2F..%2Fetc%2Fpasswd.json").status_code == 404


def test_een_bestand_namens_een_andere_aanbieder_wordt_geweigerd(app, onderdelen):
    anna = aangemeld(app, "anna")
    antwoord = lever_aan(anna, factuur_json("AR-9", "AR-T1", afzender="a-rea"))
    assert antwoord.status_code == 200
    assert "AFZENDER_ONBEVOEGD" in antwoord.text and "Afgewezen: er is niets vastgelegd" in antwoord.text
    assert onderdelen.eventstore.zoek_factuur("a-rea", "AR-9") is None
    assert onderdelen.eventstore.zoek_factuur("matchez", "AR-9") is None
    assert len(aangemeld(app, "bram").get("/portaal/retouren.json").json()) == 2, "bij A-rea kwam niets bij"
    assert anna.get("/portaal/retouren.json").json() == [], "een weigering van de afzender legt niets vast"


@pytest.mark.parametrize("pad", GEMEENTEPAGINAS)
def test_een_aanbieder_komt_op_geen_enkele_pagina_van_de_gemeente(app, pad):
    antwoord = aangemeld(app, "anna").get(pad)
    assert antwoord.status_code == 403 and "Deze pagina is voor de rol" in antwoord.text


def test_een_aanbieder_kan_geen_besluit_nemen(app, onderdelen):
    anna = aangemeld(app, "anna")
    csrf = _csrf(anna.get("/portaal/aanleveren"))
    antwoord = anna.post("/facturen/matchez/MZ-1/besluit", data={"csrf": csrf, "regel": "1", "besluit": "goedgekeurd",
                                                                  "reden": "Zelf goedgekeurd"})
    assert antwoord.status_code == 403
    assert onderdelen.facturen.factuur("MZ-1").regel(1).besluit is None


@pytest.mark.parametrize("gebruiker", ["mdeboer", "pjansen"])
@pytest.mark.parametrize("pad", PORTAALPAGINAS)
def test_medewerkers_van_de_gemeente_komen_niet_in_het_portaal(app, gebruiker, pad):
    antwoord = aangemeld(app, gebruiker).get(pad)
    assert antwoord.status_code == 403 and "Deze pagina is voor de rol aanbieder" in antwoord.text


@pytest.mark.parametrize("pad", ["/rapporten?gemeente=heemstede&kwartaal=2024-Q2",
                                 "/rapporten/bestand?gemeente=heemstede&kwartaal=2024-Q2&formaat=json"])
def test_een_inkoper_ziet_geen_rapport_van_een_andere_gemeente(app, pad):
    antwoord = aangemeld(app, "pjansen").get(pad)
    assert antwoord.status_code == 403 and "gemeente waarvoor u niet werkt" in antwoord.text
    assert "Heemstede" not in antwoord.text.split("<main", 1)[1].split("Dit rapport")[0]


def test_een_te_groot_bestand_wordt_niet_gelezen(app, onderdelen):
    anna = aangemeld(app, "anna")
    antwoord = lever_aan(anna, b"{" + b" " * 1_100_000 + b"}")
    assert antwoord.status_code == 413 and "Het bestand is groter dan 1 MB" in antwoord.text
    net_te_groot = lever_aan(anna, b"{" + b" " * 1_000_000 + b"}")
    assert net_te_groot.status_code == 400 and "Het bestand is groter dan 1 MB" in net_te_groot.text


def test_zonder_bestand_een_melding(app):
    anna = aangemeld(app, "anna")
    antwoord = anna.post("/portaal/aanleveren", data={"csrf": _csrf(anna.get("/portaal/aanleveren"))})
    assert antwoord.status_code == 400 and "Kies eerst een bestand" in antwoord.text


def test_html_in_een_aangeleverd_bestand_blijft_tekst(app):
    anna = aangemeld(app, "anna")
    data = factuur_json("MZ-H1", "AV-1").replace(b'"afzender": "matchez"', b'"afzender": "<script>alert(1)</script>"')
    antwoord = lever_aan(anna, data, naam='<img src=x onerror=alert(1)>.json')
    assert antwoord.status_code == 200 and "Afgewezen" in antwoord.text
    assert "&lt;img src=x onerror=alert(1)&gt;.json" in antwoord.text
    for html in (antwoord.text, anna.get("/portaal/facturen").text, anna.get("/portaal/retouren").text):
        assert "<script>alert" not in html and "<img src=x" not in html


def test_elk_nieuw_formulier_vraagt_het_csrf_token(app):
    anna = aangemeld(app, "anna")
    for data in ({}, {"csrf": ""}, {"csrf": _csrf(aangemeld(app, "bram").get("/portaal/aanleveren"))}):
        antwoord = anna.post("/portaal/aanleveren", data=data, files={"bestand": ("f.json", factuur_json("MZ-X", "AV-1"))})
        assert antwoord.status_code == 403 and "Dit formulier is verlopen" in antwoord.text
    assert anna.get("/portaal/retouren.json").json() == []
