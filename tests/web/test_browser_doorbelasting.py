"""De doorbelasting in een echte browser (Chromium van Debian, via Playwright) tegen een echte `hub web`: de
managementassistent van Leidschendam-Voorburg bekijkt het voorstel per plafond, stelt vast na bevestiging, downloadt
de factuur aan Wassenaar en markeert de doorbelasting als verzonden; de managementassistent van Wassenaar ziet alleen
haar eigen deel en downloadt haar eigen factuur."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest
from lxml import etree

from hub.bootstrap import bootstrap
from hub.koppelingen.formaten.efactuur import toets
from tests.factuur.wereld import Wereld
from tests.web.conftest import snelle_gebruikers
from tests.web.doorbelasting_wereld import CONTRACT, vul_doorbelasting
from tests.web.test_browser import CHROMIUM, _afdruk, _meld_aan, _vrije_poort, browser  # noqa: F401

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
    kwartaal = vul_doorbelasting(onderdelen, Wereld(hub, catalogus, instellingen.data))
    hub.close()
    poort = _vrije_poort()
    omgeving = {**os.environ, "HUB_DATA": str(instellingen.data), "HUB_CONTRACTEN": str(instellingen.contracten)}
    proces = subprocess.Popen([sys.executable, "-m", "hub.cli", "web", "--poort", str(poort)], env=omgeving,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    adres = f"http://127.0.0.1:{poort}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", poort), timeout=0.1).close()
            break
        except OSError:
            if proces.poll() is not None:
                pytest.fail(f"hub web stopte: {proces.stdout.read().decode() if proces.stdout else ''}")
            time.sleep(0.1)
    yield adres, kwartaal
    proces.terminate()
    proces.wait(timeout=10)


def test_de_penvoerder_stelt_vast_en_wassenaar_downloadt_haar_eigen_factuur(server, browser):  # noqa: F811
    adres, kwartaal = server
    ma = _meld_aan(browser, adres, "lverhoeven")
    ma.wait_for_url(f"{adres}/werkvoorraad")
    ma.get_by_role("link", name="Doorbelastingen").click()
    ma.wait_for_url(f"{adres}/doorbelastingen")
    ma.get_by_label("Contract").select_option(CONTRACT)
    ma.get_by_label("Kwartaal waarin betaald is").fill(kwartaal)
    ma.get_by_role("button", name="Bekijk voorstel").click()
    ma.wait_for_url("**/doorbelastingen/voorstel?**")
    assert ma.get_by_role("rowheader", name="Participatietrajecten 2024").is_visible()
    assert ma.get_by_role("rowheader", name="Keuringen en opleidingen 2024").is_visible()
    _afdruk(ma, "doorbelasting-1-voorstel")
    ma.get_by_role("button", name="Stel doorbelasting vast").click()
    ma.wait_for_url(f"{adres}/doorbelastingen")
    assert ma.get_by_role("status").filter(has_text="is vastgesteld").is_visible()
    doorbelasting = f"DB-{CONTRACT}-{kwartaal.replace('-', '')}-1"
    assert ma.get_by_role("heading", name=doorbelasting).is_visible()
    with ma.expect_download() as download:
        ma.get_by_role("link", name=f"Download factuur van {doorbelasting} aan Gemeente Wassenaar").click()
    assert toets(etree.parse(download.value.path())).geldig
    ma.get_by_role("button", name=f"Markeer {doorbelasting} als verzonden").click()
    assert ma.get_by_role("status").filter(has_text="staat als verzonden").is_visible()
    assert not ma.get_by_role("button", name="Trek in").is_visible()
    _afdruk(ma, "doorbelasting-2-verzonden")

    wassenaar = _meld_aan(browser, adres, "wdekker")
    wassenaar.wait_for_url(f"{adres}/werkvoorraad")
    wassenaar.get_by_role("link", name="Doorbelastingen").click()
    assert wassenaar.get_by_role("heading", name=doorbelasting).is_visible()
    assert not wassenaar.get_by_role("button", name="Bekijk voorstel").is_visible()
    assert not wassenaar.get_by_text("Gemeente Voorschoten").is_visible()
    with wassenaar.expect_download() as download:
        wassenaar.get_by_role("link", name=f"Download factuur van {doorbelasting} aan Gemeente Wassenaar").click()
    boom = etree.parse(download.value.path())
    assert boom.getroot().findtext("{*}ID") == f"{doorbelasting}-wassenaar"
    _afdruk(wassenaar, "doorbelasting-3-wassenaar")
