"""De webapplicatie met FastAPI's TestClient: geen pagina zonder aanmelden, rollen, CSRF op elk formulier,
cookievlaggen, geen open redirect, en namen en redenen met HTML of een formule worden als tekst getoond."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from hub.web import maak_app
from hub.web.app import PAGINAMODULES
from tests.web.conftest import WACHTWOORD

PAGINAS = ["/", "/werkvoorraad", "/facturen/matchez/MZ-1", "/betaalbatches", "/betaalbatches/BB-1/bestand"]


@pytest.fixture
def app(onderdelen):
    return maak_app(onderdelen)


def _csrf(antwoord) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', antwoord.text).group(1)


def meld_aan(client: TestClient, gebruikersnaam: str, wachtwoord: str = WACHTWOORD):
    csrf = _csrf(client.get("/aanmelden"))
    return client.post("/aanmelden", data={"csrf": csrf, "gebruikersnaam": gebruikersnaam, "wachtwoord": wachtwoord,
                                           "volgende": "/"}, follow_redirects=False)


def aangemeld(app, gebruikersnaam: str) -> TestClient:
    client = TestClient(app)
    assert meld_aan(client, gebruikersnaam).status_code == 303
    return client


@pytest.mark.parametrize("pad", PAGINAS)
def test_geen_pagina_zonder_aanmelden(app, pad):
    antwoord = TestClient(app).get(pad, follow_redirects=False)
    assert antwoord.status_code == 303
    assert antwoord.headers["location"].startswith("/aanmelden?volgende=")


def test_na_aanmelden_terug_naar_de_gevraagde_pagina_maar_nooit_naar_een_andere_site(app):
    client = TestClient(app)
    for volgende, doel in (("/facturen/matchez/MZ-1", "/facturen/matchez/MZ-1"), ("//elders.example", "/"),
                           ("https://elders.example/", "/"), ("/\\elders.example", "/")):
        client.cookies.clear()
        csrf = _csrf(client.get("/aanmelden"))
        antwoord = client.post("/aanmelden", data={"csrf": csrf, "gebruikersnaam": "mdeboer", "wachtwoord": WACHTWOORD,
                                                   "volgende": volgende}, follow_redirects=False)
        assert antwoord.headers["location"] == doel


def test_sessiecookie_httponly_samesite_en_secure_over_https(app):
    antwoord = meld_aan(TestClient(app), "mdeboer")
    cookie = antwoord.headers["set-cookie"]
    assert cookie.startswith("hub-sessie=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie, "over gewoon http op de eigen machine"
    veilig = meld_aan(TestClient(app, base_url="https://hub.gemeente.example"), "mdeboer").headers["set-cookie"]
    assert veilig.startswith("__Host-hub-sessie=") and "Secure" in veilig and "HttpOnly" in veilig and "Path=/" in veilig


def test_met_web_https_altijd_secure(onderdelen):
    onderdelen.instellingen = onderdelen.instellingen.met(web_https=True)
    cookie = TestClient(maak_app(onderdelen)).get("/aanmelden").headers["set-cookie"]
    assert cookie.startswith("__Host-hub-sessie=") and "Secure" in cookie


def test_beveiligingskoppen_en_geen_cache(app):
    antwoord = TestClient(app).get("/aanmelden")
    assert "frame-ancestors 'none'" in antwoord.headers["content-security-policy"]
    assert antwoord.headers["x-content-type-options"] == "nosniff"
    assert antwoord.headers["cache-control"] == "no-store"


def test_een_nieuw_sessietoken_na_aanmelden_en_afmelden_maakt_het_ongeldig(app):
    client = TestClient(app)
    client.get("/aanmelden")
    voor = client.cookies["hub-sessie"]
    meld_aan(client, "mdeboer")
    na = client.cookies["hub-sessie"]
    assert voor != na
    assert client.get("/werkvoorraad").status_code == 200
    client.post("/afmelden", data={"csrf": _csrf(client.get("/werkvoorraad"))}, follow_redirects=False)
    gestolen = TestClient(app, cookies={"hub-sessie": na})
    assert gestolen.get("/werkvoorraad", follow_redirects=False).status_code == 303


def test_fout_wachtwoord_en_blokkade_in_de_webapplicatie(app):
    client = TestClient(app)
    for _ in range(4):
        antwoord = meld_aan(client, "mdeboer", "verkeerd wachtwoord!!")
        assert antwoord.status_code == 401 and "klopt niet" in antwoord.text
    assert "Te veel mislukte pogingen" in meld_aan(client, "mdeboer", "verkeerd wachtwoord!!").text
    assert "Te veel mislukte pogingen" in meld_aan(client, "mdeboer").text


@pytest.mark.parametrize("pad", ["/werkvoorraad", "/facturen/matchez/MZ-1", "/betaalbatches"])
def test_zonder_de_rol_403(app, pad):
    antwoord = aangemeld(app, "pjansen").get(pad)
    assert antwoord.status_code == 403 and "Deze pagina is voor de rol managementassistent" in antwoord.text


def test_zonder_de_rol_ook_geen_besluit(app, onderdelen):
    client = aangemeld(app, "pjansen")
    csrf = _csrf(client.get("/"))
    antwoord = client.post("/facturen/matchez/MZ-1/besluit", data={"csrf": csrf, "regel": "1", "besluit": "goedgekeurd",
                                                                    "reden": "Conform"})
    assert antwoord.status_code == 403
    assert onderdelen.facturen.factuur("MZ-1").regel(1).besluit is None


def test_een_factuur_van_een_andere_gemeente_is_niet_te_zien(app):
    antwoord = aangemeld(app, "hberg").get("/facturen/matchez/MZ-1")
    assert antwoord.status_code == 403 and "gemeente waarvoor u niet werkt" in antwoord.text
    assert "MZ-1" not in aangemeld(app, "hberg").get("/werkvoorraad").text


def _posts() -> list[str]:
    return [r.path.replace("{aanbieder}", "matchez").replace("{nummer}", "MZ-1").replace("{batch_id}", "BB-1")
            for module in PAGINAMODULES for r in module.router.routes if isinstance(r, APIRoute) and "POST" in r.methods]


def test_elk_formulier_vraagt_het_csrf_token_van_de_eigen_sessie(app, onderdelen):
    posts = _posts()
    assert {"/aanmelden", "/afmelden", "/facturen/matchez/MZ-1/besluit", "/betaalbatches", "/portaal/aanleveren"} <= set(posts)
    client = aangemeld(app, "mdeboer")
    ander = aangemeld(app, "jvisser")
    vreemd_token = _csrf(ander.get("/werkvoorraad"))
    gegevens = {"regel": "1", "besluit": "goedgekeurd", "reden": "Conform", "gebruikersnaam": "mdeboer",
                "wachtwoord": WACHTWOORD}
    for pad in posts:
        for csrf in (None, "", vreemd_token):
            data = gegevens if csrf is None else {**gegevens, "csrf": csrf}
            antwoord = client.post(pad, data=data, follow_redirects=False)
            assert antwoord.status_code == 403, pad
            assert "Dit formulier is verlopen" in antwoord.text
    assert onderdelen.facturen.factuur("MZ-1").regel(1).besluit is None
    assert client.get("/werkvoorraad").status_code == 200, "de sessie zelf is nog geldig"


@pytest.mark.parametrize("tekst", ['<script>alert("x")</script>', '=HYPERLINK("https://elders.example","klik")'])
def test_namen_en_redenen_worden_als_tekst_getoond(app, onderdelen, tekst):
    onderdelen.gebruikers.maak("lastig", tekst, WACHTWOORD, ["managementassistent"], ["amstelveen"])
    client = aangemeld(app, "lastig")
    pagina = client.get("/facturen/matchez/MZ-1")
    antwoord = client.post("/facturen/matchez/MZ-1/besluit", data={"csrf": _csrf(pagina), "regel": "1",
                                                                    "besluit": "goedgekeurd", "reden": tekst})
    assert antwoord.status_code == 200
    for html in (antwoord.text, client.get("/werkvoorraad").text):
        assert "<script>alert" not in html
        assert '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;' in html if tekst.startswith("<") else True
    if tekst.startswith("="):
        assert '<a href="https://elders.example"' not in antwoord.text
        assert "=HYPERLINK(&#34;https://elders.example&#34;,&#34;klik&#34;)" in antwoord.text
    assert onderdelen.facturen.factuur("MZ-1").regel(1).besluit["door"] == tekst


def test_besluit_zonder_reden_wordt_geweigerd_met_een_melding(app, onderdelen):
    client = aangemeld(app, "mdeboer")
    csrf = _csrf(client.get("/facturen/matchez/MZ-1"))
    antwoord = client.post("/facturen/matchez/MZ-1/besluit", data={"csrf": csrf, "regel": "2", "besluit": "afgewezen",
                                                                    "reden": "  "})
    assert "Een besluit vraagt wie het neemt en een reden" in antwoord.text
    assert onderdelen.facturen.factuur("MZ-1").regel(2).besluit is None


def test_besluit_legt_naam_en_gebruikersnaam_vast(app, onderdelen):
    client = aangemeld(app, "mdeboer")
    csrf = _csrf(client.get("/facturen/matchez/MZ-1"))
    client.post("/facturen/matchez/MZ-1/besluit", data={"csrf": csrf, "regel": "2", "besluit": "verwachtGoedgekeurd",
                                                        "reden": "Prijs volgens contract"})
    factuur = onderdelen.eventstore.zoek_factuur("matchez", "MZ-1")
    assert factuur.besluiten[2]["door"] == "M. de Boer" and factuur.besluiten[2]["door_id"] == "mdeboer"


def test_vier_ogen_in_de_webapplicatie_en_het_sepa_bestand(app, onderdelen):
    mdeboer = aangemeld(app, "mdeboer")
    csrf = _csrf(mdeboer.get("/facturen/matchez/MZ-1"))
    mdeboer.post("/facturen/matchez/MZ-1/schoon", data={"csrf": csrf, "reden": "Conform prijsafspraak"})
    assert "Voorgesteld: BB-" in mdeboer.post("/betaalbatches", data={"csrf": csrf}).text
    [voorstel] = onderdelen.betalen.voorstellen()
    zelf = mdeboer.post(f"/betaalbatches/{voorstel.batch_id}/vrijgeven", data={"csrf": csrf})
    assert "vier ogen: laat een collega die niet over deze regels besliste de batch vrijgeven" in zelf.text
    assert onderdelen.betalen.voorstellen() == [voorstel]
    jvisser = aangemeld(app, "jvisser")
    vrij = jvisser.post(f"/betaalbatches/{voorstel.batch_id}/vrijgeven", data={"csrf": _csrf(jvisser.get("/betaalbatches"))})
    assert f"Betaalbatch {voorstel.batch_id} is vrijgegeven" in vrij.text
    bestand = jvisser.get(f"/betaalbatches/{voorstel.batch_id}/bestand")
    assert bestand.status_code == 200 and bestand.headers["content-type"].startswith("application/xml")
    assert b"<InstdAmt" in bestand.content and b"MZ-1" in bestand.content
    assert aangemeld(app, "hberg").get(f"/betaalbatches/{voorstel.batch_id}/bestand").status_code == 403
    assert jvisser.get("/betaalbatches/..%2F..%2Fhub/bestand").status_code == 404
