"""De apparaatcookie in de webapplicatie (TestClient): een aanvaller zonder cookie blokkeert `mdeboer`, maar zij komt er
in haar eigen browser nog in; foute wachtwoorden met een geldige cookie blokkeren alleen die browser; een veranderde,
vervalste of andermans cookie geeft geen vertrouwen; een onbekende naam en een fout wachtwoord krijgen hetzelfde
antwoord. De cookie is HttpOnly, SameSite=Strict en Secure over https, en draagt alleen naam, kenmerk en tijdstip."""

from __future__ import annotations

import base64

import pytest
from fastapi.testclient import TestClient

from hub.aggregates.gebruiker import APPARAAT_GELDIG, MAX_MISLUKT
from hub.bootstrap import bootstrap
from hub.instellingen import InstellingFout
from hub.web import maak_app
from hub.web.apparaten import COOKIE
from tests.web.test_beveiliging import _csrf, aangemeld, meld_aan

FOUT = "verkeerd wachtwoord!!"
GEBLOKKEERD = "Te veel mislukte pogingen: aanmelden kan weer na"


@pytest.fixture
def app(onderdelen):
    return maak_app(onderdelen)


def _eigen_browser(app, naam: str = "mdeboer") -> TestClient:
    """Een browser waarin `naam` zich eerder aanmeldde en weer afmeldde."""
    client = aangemeld(app, naam)
    client.post("/afmelden", data={"csrf": _csrf(client.get("/"))}, follow_redirects=False)
    assert client.get("/werkvoorraad", follow_redirects=False).status_code == 303
    return client


def _blokkeer(client: TestClient, naam: str = "mdeboer") -> str:
    for _ in range(MAX_MISLUKT - 1):
        antwoord = meld_aan(client, naam, FOUT)
        assert antwoord.status_code == 401 and "klopt niet" in antwoord.text
    antwoord = meld_aan(client, naam, FOUT)
    assert antwoord.status_code == 401 and "Te veel mislukte pogingen" in antwoord.text
    return antwoord.text


def test_een_aanvaller_zonder_cookie_houdt_mdeboer_niet_buiten_haar_eigen_browser(app):
    eigen = _eigen_browser(app)
    _blokkeer(TestClient(app))

    assert meld_aan(eigen, "mdeboer").status_code == 303
    assert eigen.get("/werkvoorraad").status_code == 200
    nieuw = meld_aan(TestClient(app), "mdeboer")
    assert nieuw.status_code == 401 and GEBLOKKEERD in nieuw.text
    assert "In een browser waarin u zich eerder aanmeldde, kan het nu al" in nieuw.text


def test_foute_wachtwoorden_met_een_geldige_cookie_blokkeren_alleen_die_browser(app):
    eigen, tweede = _eigen_browser(app), _eigen_browser(app)
    assert "Te veel mislukte pogingen in deze browser" in _blokkeer(eigen)
    antwoord = meld_aan(eigen, "mdeboer")
    assert antwoord.status_code == 401 and "aanmelden kan hier weer na" in antwoord.text
    assert meld_aan(tweede, "mdeboer").status_code == 303
    assert meld_aan(TestClient(app), "mdeboer").status_code == 303


def _gewijzigd(waarde: str, naam: str) -> str:
    inhoud, handtekening = waarde.split(".")
    delen = base64.urlsafe_b64decode(inhoud + "=" * (-len(inhoud) % 4)).decode().split("|")
    nieuw = "|".join([naam, *delen[1:]]).encode()
    return f"{base64.urlsafe_b64encode(nieuw).rstrip(b'=').decode()}.{handtekening}"


def test_een_veranderde_vervalste_of_andermans_cookie_geeft_geen_vertrouwen(app):
    van_mdeboer = _eigen_browser(app).cookies[COOKIE]
    van_jvisser = _eigen_browser(app, "jvisser").cookies[COOKIE]
    _blokkeer(TestClient(app))
    inhoud, handtekening = van_mdeboer.split(".")
    for waarde in (van_jvisser,                                        # afgegeven aan een andere gebruiker
                   _gewijzigd(van_jvisser, "mdeboer"),                 # naam veranderd, handtekening van jvisser
                   f"{inhoud}.{handtekening[:-2]}AA",                  # handtekening veranderd
                   f"{inhoud}.",
                   "zomaar-iets"):
        client = TestClient(app, cookies={COOKIE: waarde})
        antwoord = meld_aan(client, "mdeboer")
        assert antwoord.status_code == 401 and GEBLOKKEERD in antwoord.text, waarde
    assert meld_aan(TestClient(app, cookies={COOKIE: van_mdeboer}), "mdeboer").status_code == 303


def test_een_verlopen_cookie_geeft_geen_vertrouwen(app, onderdelen):
    eigen = _eigen_browser(app)
    begin = onderdelen.klok()
    onderdelen.gebruikers.klok = lambda: begin + APPARAAT_GELDIG
    _blokkeer(TestClient(app))
    antwoord = meld_aan(eigen, "mdeboer")
    assert antwoord.status_code == 401 and GEBLOKKEERD in antwoord.text


def test_een_cookie_met_een_andere_sleutel_geeft_geen_vertrouwen(onderdelen):
    eigen = _eigen_browser(maak_app(onderdelen))
    _blokkeer(TestClient(maak_app(onderdelen)))
    onderdelen.apparaatsleutel = b"een andere sleutel van ten minste 32 bytes lang"
    anders = TestClient(maak_app(onderdelen), cookies={COOKIE: eigen.cookies[COOKIE]})
    assert GEBLOKKEERD in meld_aan(anders, "mdeboer").text


def test_onbekende_naam_en_fout_wachtwoord_krijgen_hetzelfde_antwoord(app):
    van_jvisser = _eigen_browser(app, "jvisser")
    antwoorden = []
    for client, naam in ((TestClient(app), "mdeboer"), (TestClient(app), "mdeboes"), (van_jvisser, "mdeboer"),
                         (van_jvisser, "mdeboes")):
        antwoord = meld_aan(client, naam, FOUT)
        antwoorden.append((antwoord.status_code, antwoord.text.replace(_csrf(antwoord), "").replace(naam, "NAAM"),
                           "set-cookie" in antwoord.headers and COOKIE in antwoord.headers["set-cookie"]))
    assert antwoorden[0][0] == 401 and "klopt niet" in antwoorden[0][1]
    assert antwoorden == [antwoorden[0]] * 4


def test_de_cookie_is_httponly_strict_en_secure_over_https(app):
    cookies = meld_aan(TestClient(app), "mdeboer").headers.get_list("set-cookie")
    apparaat = next(c for c in cookies if c.startswith(f"{COOKIE}="))
    assert "HttpOnly" in apparaat and "SameSite=strict" in apparaat and "Path=/" in apparaat
    assert f"Max-Age={int(APPARAAT_GELDIG.total_seconds())}" in apparaat and "Secure" not in apparaat
    veilig = meld_aan(TestClient(app, base_url="https://hub.gemeente.example"), "mdeboer").headers.get_list("set-cookie")
    apparaat = next(c for c in veilig if c.startswith(f"__Host-{COOKIE}="))
    assert "Secure" in apparaat and "HttpOnly" in apparaat and "SameSite=strict" in apparaat
    inhoud = apparaat.split("=", 1)[1].split(";")[0].split(".")[0]
    naam, kenmerk, tijd = base64.urlsafe_b64decode(inhoud + "=" * (-len(inhoud) % 4)).decode().split("|")
    assert naam == "mdeboer" and len(kenmerk) >= 16 and tijd.isdigit()
    assert all(COOKIE not in c for c in meld_aan(TestClient(app), "mdeboer", FOUT).headers.get_list("set-cookie"))


def test_de_sleutel_overleeft_een_herstart_en_staat_alleen_leesbaar_voor_de_hub(onderdelen, instellingen):
    sleutel = onderdelen.apparaatsleutel
    assert bootstrap(instellingen).apparaatsleutel == sleutel and len(sleutel) >= 32
    assert (instellingen.data / "web-sleutel").stat().st_mode & 0o077 == 0
    assert bootstrap(instellingen.met(web_sleutel="x" * 40)).apparaatsleutel == b"x" * 40
    with pytest.raises(InstellingFout, match="HUB_WEB_SLEUTEL is te kort; gebruik ten minste 32") as fout:
        bootstrap(instellingen.met(web_sleutel="geheim")).apparaatsleutel  # noqa: B018
    assert "geheim" not in str(fout.value)
    (instellingen.data / "web-sleutel").write_text("kapot")
    with pytest.raises(InstellingFout, match="web-sleutel is beschadigd: verwijder het"):
        bootstrap(instellingen).apparaatsleutel  # noqa: B018
