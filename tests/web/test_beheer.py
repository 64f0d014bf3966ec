"""De beheerder in de webapplicatie: gebruikers zien en toevoegen, rollen wijzigen, vergrendelen en ontgrendelen (een
lopende sessie vervalt); niet: over facturen of betalingen beslissen, of zijn eigen rollen en toegang wijzigen."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from hub.aggregates.gebruiker import MAX_MISLUKT
from hub.web import maak_app
from tests.web.conftest import WACHTWOORD
from tests.web.test_beveiliging import _csrf, aangemeld, meld_aan


@pytest.fixture
def app(onderdelen):
    return maak_app(onderdelen)


def _post(client: TestClient, pad: str, **data) -> str:
    """POST met het CSRF-token; de tekst van de pagina waarheen daarna verwezen wordt."""
    csrf = _csrf(client.get("/beheer/gebruikers"))
    antwoord = client.post(pad, data={"csrf": csrf, **data})
    assert antwoord.status_code == 200, antwoord.text
    return antwoord.text


def test_de_beheerder_ziet_alle_gebruikers_en_voegt_er_een_toe(app):
    beheer = aangemeld(app, "bheer")
    lijst = beheer.get("/beheer/gebruikers")
    assert lijst.status_code == 200
    for naam in ("mdeboer", "jvisser", "hberg", "pjansen", "petra", "anna", "bram", "bheer"):
        assert f">{naam}</a>" in lijst.text
    te_kort = _post(beheer, "/beheer/gebruikers", gebruikersnaam="kees", naam="Kees de Klant", rol="klantmanager",
                    gemeente="amstelveen", wachtwoord="kort")
    assert "ten minste 12 tekens" in te_kort and ">kees</a>" not in te_kort
    pagina = _post(beheer, "/beheer/gebruikers", gebruikersnaam="kees", naam="Kees de Klant", rol="klantmanager",
                   gemeente="amstelveen", wachtwoord=WACHTWOORD)
    assert "Gebruiker kees (Kees de Klant) is toegevoegd met de rol klantmanager" in pagina and ">kees</a>" in pagina
    assert aangemeld(app, "kees").get("/klantmanager/trajecten").status_code == 200


def test_vergrendelen_beeindigt_de_sessie_en_ontgrendelen_geeft_weer_toegang(app):
    ma = aangemeld(app, "mdeboer")
    beheer = aangemeld(app, "bheer")
    zonder_reden = _post(beheer, "/beheer/gebruikers/mdeboer/vergrendel", reden=" ")
    assert "Geef een reden voor het vergrendelen" in zonder_reden
    assert ma.get("/werkvoorraad").status_code == 200
    pagina = _post(beheer, "/beheer/gebruikers/mdeboer/vergrendel", reden="Laptop gestolen")
    assert "M. de Boer is vergrendeld" in pagina
    assert ma.get("/werkvoorraad", follow_redirects=False).status_code == 303, "de lopende sessie vervalt"
    weer = TestClient(app)
    antwoord = meld_aan(weer, "mdeboer")
    assert antwoord.status_code == 401 and "Uw account is vergrendeld door de beheerder" in antwoord.text
    assert "vergrendeld" in re.search(r">mdeboer</a>.*?</tr>", beheer.get("/beheer/gebruikers").text, re.S).group(0)
    assert "M. de Boer is ontgrendeld" in _post(beheer, "/beheer/gebruikers/mdeboer/ontgrendel")
    assert meld_aan(TestClient(app), "mdeboer").status_code == 303


def test_ontgrendelen_heft_ook_de_blokkade_na_mislukte_pogingen_op(app):
    for _ in range(MAX_MISLUKT):
        meld_aan(TestClient(app), "jvisser", "fout wachtwoord")
    assert "Te veel mislukte pogingen" in meld_aan(TestClient(app), "jvisser").text
    beheer = aangemeld(app, "bheer")
    assert "geblokkeerd tot" in beheer.get("/beheer/gebruikers/jvisser").text
    _post(beheer, "/beheer/gebruikers/jvisser/ontgrendel")
    assert meld_aan(TestClient(app), "jvisser").status_code == 303


def test_rollen_wijzigen_geldt_meteen(app):
    jvisser = aangemeld(app, "jvisser")
    assert jvisser.get("/werkvoorraad").status_code == 200
    pagina = _post(aangemeld(app, "bheer"), "/beheer/gebruikers/jvisser/rollen", rol="inkoper", gemeente="amstelveen")
    assert "J. Visser heeft nu de rol inkoper voor amstelveen" in pagina
    assert jvisser.get("/werkvoorraad").status_code == 403
    assert jvisser.get("/rapporten").status_code == 200


def test_de_beheerder_wijzigt_zijn_eigen_rollen_en_toegang_niet(app, onderdelen):
    beheer = aangemeld(app, "bheer")
    pagina = _post(beheer, "/beheer/gebruikers/bheer/rollen", rol=["beheerder", "managementassistent"], gemeente="amstelveen")
    assert "U kunt uw eigen rollen niet wijzigen" in pagina
    assert "U kunt uzelf niet vergrendelen" in _post(beheer, "/beheer/gebruikers/bheer/vergrendel", reden="test")
    assert onderdelen.gebruikers.profiel("bheer").rollen == ("beheerder",)
    assert beheer.get("/werkvoorraad").status_code == 403


def test_de_beheerder_beslist_niet_over_facturen_of_betalingen(app, onderdelen):
    beheer = aangemeld(app, "bheer")
    csrf = _csrf(beheer.get("/beheer/gebruikers"))
    for pad in ("/werkvoorraad", "/facturen/matchez/MZ-1", "/betaalbatches"):
        assert beheer.get(pad).status_code == 403, pad
    for pad, data in (("/facturen/matchez/MZ-1/besluit", {"regel": "1", "besluit": "goedgekeurd", "reden": "Akkoord"}),
                      ("/facturen/matchez/MZ-1/schoon", {"reden": "Akkoord"}), ("/betaalbatches", {})):
        antwoord = beheer.post(pad, data={"csrf": csrf, **data})
        assert antwoord.status_code == 403 and "Deze pagina is voor de rol managementassistent" in antwoord.text, pad
    assert onderdelen.facturen.factuur("MZ-1").regel(1).besluit is None


@pytest.mark.parametrize("gebruiker", ["mdeboer", "pjansen", "petra", "anna"])
def test_zonder_de_rol_beheerder_403(app, onderdelen, gebruiker):
    client = aangemeld(app, gebruiker)
    assert client.get("/beheer/gebruikers").status_code == 403
    csrf = _csrf(client.get("/aanmelden"))
    assert client.post("/beheer/gebruikers/jvisser/vergrendel", data={"csrf": csrf, "reden": "x"}).status_code == 403
    assert client.post("/beheer/gebruikers/jvisser/rollen", data={"csrf": csrf, "rol": "beheerder"}).status_code == 403
    assert not onderdelen.gebruikers.profiel("jvisser").vergrendeld
    assert onderdelen.gebruikers.profiel("jvisser").rollen == ("managementassistent",)
