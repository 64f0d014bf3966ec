"""In een echte browser (Chromium van Debian, via Playwright) tegen een echte `hub web`: een aanvaller blokkeert
`mdeboer` met foute wachtwoorden vanuit een eigen browser; `mdeboer` meldt zich in haar eigen browser (waar ze zich
eerder aanmeldde en weer afmeldde) gewoon aan, en een nieuwe browser krijgt de Nederlandse melding dat er te veel
mislukte pogingen waren. Zo blijkt ook dat de browser de cookie met SameSite=Strict bij het aanmeldformulier meestuurt."""

from __future__ import annotations

import pytest

from hub.aggregates.gebruiker import MAX_MISLUKT
from hub.web.apparaten import COOKIE
from tests.web.conftest import WACHTWOORD
from tests.web.test_browser import CHROMIUM, _afdruk, browser, server  # noqa: F401 - fixtures

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium ontbreekt (/usr/bin/chromium): installeer het Debian-pakket "
                                                      "chromium om de browsertests te draaien."),
]


def _probeer(pagina, adres: str, wachtwoord: str) -> None:
    pagina.goto(f"{adres}/aanmelden")
    pagina.get_by_label("Gebruikersnaam").fill("mdeboer")
    pagina.get_by_label("Wachtwoord").fill(wachtwoord)
    pagina.get_by_role("button", name="Aanmelden", exact=True).click()


def test_een_aanvaller_houdt_mdeboer_niet_buiten_haar_eigen_browser(server, browser):  # noqa: F811
    eigen = browser.new_context(locale="nl-NL").new_page()
    _probeer(eigen, server, WACHTWOORD)
    eigen.wait_for_url(f"{server}/werkvoorraad")
    apparaat = next(c for c in eigen.context.cookies() if c["name"] == COOKIE)
    assert apparaat["httpOnly"] and apparaat["sameSite"] == "Strict" and apparaat["expires"] > 0
    assert COOKIE not in eigen.evaluate("document.cookie"), "scripts op de pagina lezen de cookie niet"
    eigen.get_by_role("button", name="Afmelden").click()
    eigen.wait_for_url(f"{server}/aanmelden")

    aanvaller = browser.new_context(locale="nl-NL").new_page()
    for _ in range(MAX_MISLUKT):
        _probeer(aanvaller, server, "geraden wachtwoord")
    assert "Te veel mislukte pogingen" in aanvaller.get_by_role("alert").inner_text()

    nieuw = browser.new_context(locale="nl-NL").new_page()
    _probeer(nieuw, server, WACHTWOORD)
    melding = nieuw.get_by_role("alert").inner_text()
    assert "Te veel mislukte pogingen: aanmelden kan weer na" in melding
    assert "In een browser waarin u zich eerder aanmeldde, kan het nu al" in melding
    _afdruk(nieuw, "aanmelden-geblokkeerd")

    _probeer(eigen, server, WACHTWOORD)
    eigen.wait_for_url(f"{server}/werkvoorraad")
    assert eigen.get_by_role("link", name="MZ-1").is_visible()
