"""De inkoper legt in een echte browser (Chromium van Debian, via Playwright) tegen een echte `hub web` een prijs vast:
eerst het gevolg voor de open factuurregels, dan bevestigen, en het dossier toont wie, wanneer en waarom."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from hub.bootstrap import bootstrap
from tests.factuur.wereld import Wereld, regel
from tests.web.conftest import EIND, START, WACHTWOORD, snelle_gebruikers, vul
from tests.web.test_browser import CHROMIUM, _afdruk, _vrije_poort, browser  # noqa: F401 - browser is een fixture

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium ontbreekt (/usr/bin/chromium): installeer het Debian-pakket "
                                                      "chromium om de browsertests te draaien."),
]


@pytest.fixture
def server(instellingen, hub, catalogus):
    onderdelen = bootstrap(instellingen)
    onderdelen.eventstore = hub
    onderdelen.gebruikers = snelle_gebruikers(onderdelen)
    wereld = Wereld(hub, catalogus, instellingen.data)
    vul(onderdelen, wereld)
    onderdelen.gebruikers.maak("rvisser", "R. Visser", WACHTWOORD, ["inkoper"], ["amstelveen", "aalsmeer"])
    for traject in ("AM-1", "AM-2"):
        wereld.meld_aan(traject, product="AM-REGULIER", provider="am-match")
        wereld.doe(traject, "registreer_intake", START)
    wereld.factuur("AMM-1", regel(1, "AM-1", "AM-REGULIER", START, EIND, "1500.00"),
                   regel(2, "AM-2", "AM-REGULIER", START, EIND, "1500.00"), afzender="am-match", iban="NL37BUNQ2025550101")
    hub.close()
    poort = _vrije_poort()
    omgeving = {**os.environ, "HUB_DATA": str(instellingen.data), "HUB_CONTRACTEN": str(instellingen.contracten)}
    proces = subprocess.Popen([sys.executable, "-m", "hub.cli", "web", "--poort", str(poort)], env=omgeving,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", poort), timeout=0.1).close()
            break
        except OSError:
            if proces.poll() is not None:
                pytest.fail(f"hub web stopte: {proces.stdout.read().decode() if proces.stdout else ''}")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{poort}"
    proces.terminate()
    proces.wait(timeout=10)


def test_de_inkoper_ziet_het_gevolg_bevestigt_en_vindt_de_prijs_in_het_dossier(server, browser):  # noqa: F811
    pagina = browser.new_page(locale="nl-NL")
    pagina.goto(f"{server}/contracten")
    pagina.get_by_label("Gebruikersnaam").fill("rvisser")
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_label("Wachtwoord").press("Enter")
    pagina.wait_for_url(f"{server}/contracten")
    pagina.get_by_role("link", name="am-match-aa").click()
    pagina.wait_for_url("**/contracten/am-match-aa")
    assert pagina.get_by_text("Dit contract is zoals het contractbestand").is_visible()

    pagina.get_by_label("Product").select_option("AM-REGULIER")
    pagina.get_by_label("Bedrag excl. BTW").fill("1500,00")
    pagina.get_by_label("Eerste dag").fill("2019-01-01")
    pagina.get_by_label("Reden of besluit").fill("Prijsafspraak AM Match 2024")
    pagina.get_by_role("button", name="Bekijk het gevolg").click()
    pagina.wait_for_url("**/contracten/am-match-aa/prijs")
    assert pagina.get_by_text("Er is nog niets vastgelegd.").is_visible()
    rijen = pagina.get_by_role("row").filter(has_text="AMM-1")
    assert rijen.count() == 2, "beide open regels krijgen een prijs"
    assert "geen prijsafspraak" in rijen.first.inner_text().lower()
    _afdruk(pagina, "contract-gevolg")

    pagina.get_by_role("button", name="Leg de prijs vast").click()
    pagina.wait_for_url("**/contracten/am-match-aa")
    assert pagina.get_by_role("status").filter(has_text="Vastgelegd: AM-REGULIER: prijs € 1.500,00").is_visible()
    dossier = pagina.get_by_role("row").filter(has_text="prijs AM-REGULIER € 1.500,00 vanaf 01-01-2019")
    assert "R. Visser (rvisser)" in dossier.inner_text() and "Prijsafspraak AM Match 2024" in dossier.inner_text()
    _afdruk(pagina, "contract-dossier")
