"""Aanmelden via OpenID Connect tegen een echte (kleine) provider op een vrije poort: de aanmelding lukt voor een
gekoppelde gebruiker met zijn rollen; een antwoord met een andere state, een id_token met een andere nonce of een
tweede keer hetzelfde antwoord meldt niemand aan; een onbekende gebruiker krijgt een Nederlandse weigering. Aanmelden
met een wachtwoord blijft werken."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlparse

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from hub.web import maak_app
from tests.web.conftest import WACHTWOORD
from tests.web.oidc_uitgever import CLIENT_ID, CLIENT_SECRET, Uitgever

KLANTMANAGER = "s.devries@amstelveen.nl"


@pytest.fixture
def uitgever():
    with Uitgever() as u:
        yield u


@pytest.fixture
def app(onderdelen, uitgever):
    onderdelen.instellingen = onderdelen.instellingen.met(
        oidc_discovery_url=uitgever.discovery_url, oidc_client_id=CLIENT_ID, oidc_client_secret=SecretStr(CLIENT_SECRET),
        oidc_naam="Gemeente Amstelveen (test)")
    onderdelen.gebruikers.maak("sdevries", "S. de Vries", None, ["managementassistent"], ["amstelveen"],
                               extern=("email", "S.deVries@Amstelveen.nl"))
    return maak_app(onderdelen)


def _naar_provider(client: TestClient) -> str:
    pagina = client.get("/aanmelden?volgende=/betaalbatches")
    assert "Aanmelden via Gemeente Amstelveen (test)" in pagina.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', pagina.text).group(1)
    antwoord = client.post("/aanmelden/extern", data={"csrf": csrf, "volgende": "/betaalbatches"}, follow_redirects=False)
    assert antwoord.status_code == 303
    return antwoord.headers["location"]


def _terug_van_provider(adres: str) -> str:
    """De provider stuurt de browser meteen terug; het adres waarheen."""
    antwoord = httpx.get(adres, follow_redirects=False)
    assert antwoord.status_code == 302, antwoord.text
    return antwoord.headers["location"]


def test_aanmelden_via_de_identiteitsprovider_geeft_de_rollen_van_de_gekoppelde_gebruiker(app, uitgever):
    uitgever.wie = {"sub": "8f2c-aa", "email": KLANTMANAGER, "email_verified": True}
    client = TestClient(app)
    assert client.get("/betaalbatches", follow_redirects=False).status_code == 303
    naar_provider = _naar_provider(client)
    vraag = parse_qs(urlparse(naar_provider).query)
    assert naar_provider.startswith(f"{uitgever.issuer}/authorize?")
    assert vraag["client_id"] == [CLIENT_ID] and vraag["code_challenge_method"] == ["S256"] and vraag["nonce"][0]
    terug = _terug_van_provider(naar_provider)
    antwoord = client.get(terug, follow_redirects=False)
    assert antwoord.status_code == 303 and antwoord.headers["location"] == "/betaalbatches"
    pagina = client.get("/betaalbatches")
    assert pagina.status_code == 200 and "S. de Vries" in pagina.text
    assert client.get("/rapporten").status_code == 403, "de rollen van de hub gelden, niet wat de provider zegt"

    nog_eens = TestClient(app)
    assert nog_eens.get(terug, follow_redirects=False).status_code == 403, "hetzelfde antwoord in een andere sessie"
    assert nog_eens.get("/betaalbatches", follow_redirects=False).status_code == 303


def test_een_andere_state_meldt_niemand_aan(app, uitgever):
    uitgever.wie = {"sub": "8f2c-aa", "email": KLANTMANAGER}
    client = TestClient(app)
    terug = urlparse(_terug_van_provider(_naar_provider(client)))
    vervalst = {**parse_qs(terug.query), "state": ["een-state-van-een-aanvaller"]}
    antwoord = client.get(f"{terug.path}?{urlencode(vervalst, doseq=True)}", follow_redirects=False)
    assert antwoord.status_code == 403
    assert "hoort niet bij deze aanmelding (state klopt niet)" in antwoord.text
    assert client.get("/betaalbatches", follow_redirects=False).status_code == 303
    herhaald = client.get(f"{terug.path}?{terug.query}", follow_redirects=False)
    assert herhaald.status_code == 403, "na een mislukte terugkeer is de aanvraag verbruikt"
    assert "niet vanaf deze pagina begonnen of al gebruikt" in herhaald.text


def test_een_id_token_met_een_andere_nonce_meldt_niemand_aan(app, uitgever):
    uitgever.wie = {"sub": "8f2c-aa", "email": KLANTMANAGER}
    uitgever.vervals_nonce = True
    client = TestClient(app)
    antwoord = client.get(_terug_van_provider(_naar_provider(client)), follow_redirects=False)
    assert antwoord.status_code == 403
    assert "de nonce hoort niet bij deze aanmelding" in antwoord.text
    assert client.get("/betaalbatches", follow_redirects=False).status_code == 303


def test_een_onbekende_gebruiker_krijgt_een_nederlandse_weigering(app, uitgever):
    uitgever.wie = {"sub": "77-bb", "email": "iemand@elders.example"}
    client = TestClient(app)
    antwoord = client.get(_terug_van_provider(_naar_provider(client)), follow_redirects=False)
    assert antwoord.status_code == 403
    assert ("U bent aangemeld bij Gemeente Amstelveen (test) als iemand@elders.example, maar u bent geen gebruiker van "
            "de hub. Vraag de beheerder om u toe te voegen") in antwoord.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_aanmelden_met_een_wachtwoord_blijft_werken_naast_de_identiteitsprovider(app):
    client = TestClient(app)
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/aanmelden").text).group(1)
    antwoord = client.post("/aanmelden", data={"csrf": csrf, "gebruikersnaam": "mdeboer", "wachtwoord": WACHTWOORD,
                                               "volgende": "/"}, follow_redirects=False)
    assert antwoord.status_code == 303
    assert client.get("/werkvoorraad").status_code == 200


def test_een_gebruiker_zonder_wachtwoord_kan_alleen_via_de_identiteitsprovider_aanmelden(app, onderdelen):
    from hub.toepassing.fouten import Onuitvoerbaar

    for poging in ("", "sdevries", WACHTWOORD):
        with pytest.raises(Onuitvoerbaar):
            onderdelen.gebruikers.meld_aan("sdevries", poging)


def test_de_beheerder_koppelt_een_nieuwe_gebruiker_aan_de_identiteitsprovider(app, uitgever):
    beheer = TestClient(app)
    csrf = re.search(r'name="csrf" value="([^"]+)"', beheer.get("/aanmelden").text).group(1)
    beheer.post("/aanmelden", data={"csrf": csrf, "gebruikersnaam": "bheer", "wachtwoord": WACHTWOORD, "volgende": "/"})
    pagina = beheer.get("/beheer/gebruikers")
    assert "E-mailadres bij de identiteitsprovider" in pagina.text
    csrf = re.search(r'name="csrf" value="([^"]+)"', pagina.text).group(1)
    toegevoegd = beheer.post("/beheer/gebruikers", data={"csrf": csrf, "gebruikersnaam": "kdijk", "naam": "K. Dijk",
                                                          "rol": "klantmanager", "gemeente": "amstelveen",
                                                          "extern": "k.dijk@amstelveen.nl"})
    assert "Gebruiker kdijk (K. Dijk) is toegevoegd" in toegevoegd.text
    uitgever.wie = {"sub": "k-1", "email": "K.Dijk@amstelveen.nl"}
    client = TestClient(app)
    assert client.get(_terug_van_provider(_naar_provider(client)), follow_redirects=False).status_code == 303
    assert "K. Dijk" in client.get("/klantmanager/trajecten").text
