"""Het auditspoor in de webapplicatie: aanmelden verplicht, alleen managementassistent, inkoper en beheerder, alleen
de eigen gemeenten, en namen en redenen als tekst."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import WACHTWOORD
from tests.web.test_beveiliging import _csrf, aangemeld, app  # noqa: F401

FACTUUR, TRAJECT = "/facturen/matchez/MZ-1/audit", "/trajecten/amstelveen/AV-1/audit"


@pytest.mark.parametrize("pad", [FACTUUR, TRAJECT])
def test_niet_zonder_aanmelden(app, pad):  # noqa: F811
    antwoord = TestClient(app).get(pad, follow_redirects=False)
    assert antwoord.status_code == 303 and antwoord.headers["location"].startswith("/aanmelden")


@pytest.mark.parametrize("gebruiker", ["mdeboer", "pjansen"])
def test_managementassistent_en_inkoper_zien_het_spoor(app, gebruiker):  # noqa: F811
    client = aangemeld(app, gebruiker)
    factuur = client.get(FACTUUR)
    assert factuur.status_code == 200 and "Factuur ontvangen met 2 regel(s)" in factuur.text
    assert 'href="/trajecten/amstelveen/AV-1/audit"' in factuur.text
    traject = client.get(TRAJECT)
    assert traject.status_code == 200 and "Intake gehouden" in traject.text


def test_de_factuurpagina_linkt_naar_het_spoor(app):  # noqa: F811
    assert f'href="{FACTUUR}"' in aangemeld(app, "mdeboer").get("/facturen/matchez/MZ-1").text


def test_zonder_de_rol_403(app):  # noqa: F811
    client = aangemeld(app, "anna")
    for pad in (FACTUUR, TRAJECT):
        antwoord = client.get(pad)
        assert antwoord.status_code == 403 and "Deze pagina is voor de rol" in antwoord.text


def test_een_andere_gemeente_403_en_onbekend_404(app):  # noqa: F811
    client = aangemeld(app, "hberg")
    for pad in (FACTUUR, TRAJECT):
        antwoord = client.get(pad)
        assert antwoord.status_code == 403 and "gemeente waarvoor u niet werkt" in antwoord.text
    assert "Intake" not in client.get(TRAJECT).text
    eigen = aangemeld(app, "mdeboer")
    assert eigen.get("/facturen/matchez/BESTAAT-NIET/audit").status_code == 404
    assert eigen.get("/trajecten/amstelveen/BESTAAT-NIET/audit").status_code == 404


def test_namen_en_redenen_zijn_tekst(app, onderdelen):  # noqa: F811
    tekst = '<script>alert("x")</script>'
    onderdelen.gebruikers.maak("lastig", tekst, WACHTWOORD, ["managementassistent"], ["amstelveen"])
    client = aangemeld(app, "lastig")
    csrf = _csrf(client.get("/facturen/matchez/MZ-1"))
    client.post("/facturen/matchez/MZ-1/besluit", data={"csrf": csrf, "regel": "1", "besluit": "goedgekeurd",
                                                        "reden": tekst})
    html = client.get(FACTUUR).text
    assert "<script>alert" not in html
    assert html.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") == 3, "de naam in de kop en in het spoor, en de reden"
