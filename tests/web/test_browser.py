"""De webapplicatie in een echte browser (Chromium van Debian, via Playwright) tegen een echte `hub web` op een vrije
poort met de echte eventstore: aanmelden, regels goedkeuren en afwijzen, schone regels in één keer goedkeuren, een
betaalbatch voorstellen en vrijgeven door een collega, en de weigering voor wie zelf besliste; de inkoper opent een
kwartaalrapport en downloadt de CSV; een aanbieder levert facturen aan (JSON en UBL), ziet de retour en de
factuurstatus per regel, en komt niet bij de factuur van een andere aanbieder; een klantmanager meldt een cliënt aan
(eerst met een fout naast het veld, dan vastgelegd) en komt niet bij de pagina's van een andere rol; een beheerder
vergrendelt een gebruiker.

Zet `HUB_SCHERMAFDRUKKEN` op een map om de schermafdrukken van de belangrijkste pagina's te bewaren."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from hub.bootstrap import bootstrap
from tests.factuur.wereld import Wereld, regel
from tests.toepassing.aanlevering import UBL_FACTUUR, UBL_TRAJECT, factuur_json
from tests.web.conftest import WACHTWOORD, snelle_gebruikers, vul

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium ontbreekt (/usr/bin/chromium): installeer het Debian-pakket "
                                                      "chromium om de browsertests te draaien."),
]
playwright = pytest.importorskip("playwright.sync_api", reason="Playwright ontbreekt: pip install -e '.[test]'")


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(instellingen, hub, catalogus):
    onderdelen = bootstrap(instellingen)
    onderdelen.eventstore = hub
    onderdelen.gebruikers = snelle_gebruikers(onderdelen)
    wereld = Wereld(hub, catalogus, instellingen.data)
    vul(onderdelen, wereld)
    wereld.meld_aan("AV-3")
    wereld.doe("AV-3", "registreer_intake", date(2024, 1, 8))
    wereld.factuur("MZ-2", regel(1, "AV-3", "MZ-BNW3", date(2024, 1, 8), date(2024, 4, 7), "2250.00"))
    for traject in ("AV-4", UBL_TRAJECT):
        wereld.meld_aan(traject)
        wereld.doe(traject, "registreer_intake", date(2024, 1, 8))
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
    yield adres
    proces.terminate()
    proces.wait(timeout=10)


@pytest.fixture
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


def _afdruk(pagina, naam: str) -> None:
    map_ = os.environ.get("HUB_SCHERMAFDRUKKEN")
    if map_:
        Path(map_).mkdir(parents=True, exist_ok=True)
        pagina.screenshot(path=str(Path(map_) / f"{naam}.png"), full_page=True)


def _meld_aan(browser, adres: str, gebruikersnaam: str):
    pagina = browser.new_page(locale="nl-NL")
    pagina.goto(f"{adres}/werkvoorraad")
    assert pagina.url.startswith(f"{adres}/aanmelden")
    pagina.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    pagina.get_by_label("Wachtwoord").fill(WACHTWOORD)
    pagina.get_by_label("Wachtwoord").press("Enter")
    return pagina


def test_managementassistent_besluit_en_een_collega_geeft_de_batch_vrij(server, browser):
    ma = browser.new_page(locale="nl-NL")
    ma.goto(f"{server}/aanmelden")
    _afdruk(ma, "1-aanmelden")
    ma.close()
    ma = _meld_aan(browser, server, "mdeboer")
    ma.wait_for_url(f"{server}/werkvoorraad")
    assert ma.get_by_role("link", name="MZ-1").is_visible()
    _afdruk(ma, "2-werkvoorraad")

    ma.get_by_role("link", name="MZ-1").click()
    ma.wait_for_url("**/facturen/matchez/MZ-1")
    assert ma.get_by_role("heading", name="Regel 2: MZ-BNW3, traject AV-2").is_visible()
    assert ma.get_by_text("prijs wijkt af van de prijsafspraak").first.is_visible()
    _afdruk(ma, "3-factuur")
    ma.emulate_media(media="print")
    assert not ma.get_by_role("button", name="Leg besluit vast").first.is_visible(), "afgedrukt zonder formulieren"
    _afdruk(ma, "3-factuur-afgedrukt")
    ma.emulate_media(media="screen")
    ma.get_by_label("Reden", exact=True).fill("Conform prijsafspraak, dienst geleverd")
    ma.get_by_role("button", name="Keur 1 regel goed").click()
    assert ma.get_by_role("status").filter(has_text="Goedgekeurd: regel 1").is_visible()
    ma.get_by_label("Afwijzen: er wordt niets betaald").check()
    ma.get_by_label("Reden (verplicht)").fill("Prijs wijkt af; de aanbieder stuurt een nieuwe factuur")
    ma.get_by_role("button", name="Leg besluit vast").click()
    assert ma.get_by_role("status").filter(has_text="Regel 2: afgewezen").is_visible()
    assert ma.get_by_text("door M. de Boer").first.is_visible()

    ma.goto(f"{server}/facturen/matchez/MZ-2")
    ma.get_by_label("Goedkeuren: het gefactureerde bedrag").check()
    ma.get_by_label("Reden (verplicht)").fill("Intake gehouden, conform contract")
    ma.get_by_role("button", name="Leg besluit vast").click()
    assert ma.get_by_role("status").filter(has_text="Regel 1: goedgekeurd").is_visible()

    ma.get_by_role("link", name="Betaalbatches").click()
    ma.get_by_role("button", name="Stel betaalbatch voor").click()
    assert ma.get_by_role("status").filter(has_text="Voorgesteld: BB-").is_visible()
    _afdruk(ma, "4-betaalbatch-voorgesteld")
    ma.get_by_role("button", name="Geef BB-").click()
    weigering = ma.get_by_role("alert")
    assert "vier ogen: laat een collega die niet over deze regels besliste de batch vrijgeven" in weigering.inner_text()
    _afdruk(ma, "5-vier-ogen-geweigerd")
    ma.get_by_role("button", name="Afmelden").click()
    ma.wait_for_url("**/aanmelden")

    collega = _meld_aan(browser, server, "jvisser")
    collega.wait_for_url(f"{server}/werkvoorraad")
    collega.get_by_role("link", name="Betaalbatches").click()
    assert collega.get_by_text("M. de Boer").first.is_visible()
    collega.get_by_role("button", name="Geef BB-").click()
    assert collega.get_by_role("status").filter(has_text="is vrijgegeven").is_visible()
    with collega.expect_download() as download:
        collega.get_by_role("link", name="Download").click()
    assert download.value.suggested_filename.startswith("BB-")
    assert b"MZ-1" in Path(download.value.path()).read_bytes()
    _afdruk(collega, "6-betaalbatch-vrijgegeven")


def test_inkoper_krijgt_403_en_de_skiplink_werkt_met_het_toetsenbord(server, browser):
    inkoper = _meld_aan(browser, server, "pjansen")
    inkoper.wait_for_url(f"{server}/werkvoorraad")
    assert inkoper.get_by_role("heading", name="Geen toegang").is_visible()
    assert "Deze pagina is voor de rol managementassistent" in inkoper.content()
    _afdruk(inkoper, "7-geen-toegang")
    inkoper.keyboard.press("Tab")
    overslaan = inkoper.get_by_role("link", name="Naar de inhoud")
    assert overslaan.evaluate("e => e === document.activeElement")
    overslaan.press("Enter")
    assert inkoper.evaluate("document.activeElement.id") == "inhoud"


def test_inkoper_opent_een_kwartaalrapport_en_downloadt_de_csv(server, browser):
    inkoper = _meld_aan(browser, server, "pjansen")
    inkoper.wait_for_url(f"{server}/werkvoorraad")
    assert inkoper.get_by_role("heading", name="Geen toegang").is_visible()
    inkoper.get_by_role("link", name="Kwartaalrapportage").click()
    inkoper.get_by_role("textbox", name="Kwartaal").fill("2024-Q2")
    inkoper.get_by_role("button", name="Toon rapport").click()
    assert inkoper.get_by_role("heading", name="Kwartaalrapportage Gemeente Amstelveen 2024-Q2").is_visible()
    assert inkoper.get_by_role("heading", name="De aanbieders naast elkaar").is_visible()
    assert inkoper.get_by_role("img", name="Trend per kwartaal").first.is_visible()
    _afdruk(inkoper, "8-kwartaalrapport")
    inkoper.get_by_role("checkbox", name="Matchez").check()
    inkoper.get_by_role("button", name="Toon rapport").click()
    assert inkoper.get_by_role("heading", name="Matchez", exact=True, level=2).is_visible()
    with inkoper.expect_download() as download:
        inkoper.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == "kwartaalrapportage-amstelveen-2024-Q2.csv"
    csv = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert csv.startswith("provider;kengetal;waarde") and "Matchez;Facturen;" in csv
    inkoper.goto(f"{server}/rapporten?gemeente=heemstede&kwartaal=2024-Q2")
    assert inkoper.get_by_role("heading", name="Geen toegang").is_visible()


def test_aanbieder_levert_facturen_aan_en_ziet_retour_en_factuurstatus(server, browser, tmp_path):
    json_factuur = tmp_path / "factuur.json"
    json_factuur.write_bytes(factuur_json("MZ-2024-0013", "AV-4"))
    anna = _meld_aan(browser, server, "anna")
    anna.wait_for_url(f"{server}/werkvoorraad")
    assert anna.get_by_role("heading", name="Geen toegang").is_visible(), "een aanbieder ziet de werkvoorraad niet"
    anna.goto(f"{server}/")
    anna.wait_for_url(f"{server}/portaal/aanleveren")
    _afdruk(anna, "9-aanleveren")
    anna.get_by_label("Bestand (JSON").set_input_files(str(json_factuur))
    anna.get_by_role("button", name="Lever aan").click()
    assert anna.get_by_role("status").filter(has_text="Geaccepteerd: factuur").is_visible()
    _afdruk(anna, "10-retour-geaccepteerd")

    anna.get_by_label("Bestand (JSON").set_input_files(str(UBL_FACTUUR))
    anna.get_by_role("button", name="Lever aan").click()
    assert anna.get_by_role("status").filter(has_text="Geaccepteerd: factuur").is_visible()
    assert anna.get_by_text("UBL", exact=True).is_visible()

    vreemd = tmp_path / "namens-a-rea.json"
    vreemd.write_bytes(factuur_json("AR-9", "AR-T1", afzender="a-rea"))
    anna.get_by_label("Bestand (JSON").set_input_files(str(vreemd))
    anna.get_by_role("button", name="Lever aan").click()
    assert anna.get_by_role("alert").filter(has_text="Afgewezen").is_visible()
    assert anna.get_by_text("AFZENDER_ONBEVOEGD").is_visible()
    _afdruk(anna, "11-retour-afgewezen")

    anna.get_by_role("link", name="Facturen", exact=True).click()
    assert anna.get_by_role("link", name="AR-1").count() == 0
    _afdruk(anna, "12-facturen")
    anna.get_by_role("link", name="MZ-2024-0012").click()
    assert anna.get_by_role("heading", name="Factuur MZ-2024-0012").is_visible()
    assert anna.get_by_role("heading", name="Regel 1: wordt beoordeeld").is_visible()
    _afdruk(anna, "13-factuurstatus")
    anna.get_by_role("link", name="Retouren").click()
    assert anna.get_by_role("cell", name="factuur").count() >= 2 or anna.get_by_role("rowheader", name="factuur").count() >= 2
    with anna.expect_download() as download:
        anna.get_by_role("link", name="Download alle").click()
    assert download.value.suggested_filename == "retouren-matchez.json"
    _afdruk(anna, "14-retouren")

    ma = _meld_aan(browser, server, "mdeboer")
    ma.wait_for_url(f"{server}/werkvoorraad")
    ma.goto(f"{server}/facturen/matchez/MZ-2024-0013")
    ma.get_by_label("Goedkeuren: het gefactureerde bedrag").check()
    ma.get_by_label("Reden (verplicht)").fill("Conform prijsafspraak")
    ma.get_by_role("button", name="Leg besluit vast").click()
    assert ma.get_by_role("status").filter(has_text="Regel 1: goedgekeurd").is_visible()
    anna.goto(f"{server}/portaal/facturen/MZ-2024-0013")
    assert anna.get_by_role("heading", name="Regel 1: goedgekeurd").is_visible()
    assert anna.get_by_text("Reden: Conform prijsafspraak").is_visible()
    assert "M. de Boer" not in anna.content(), "de naam van de medewerker gaat niet naar de aanbieder"
    _afdruk(anna, "15-factuurstatus-besloten")

    anna.goto(f"{server}/portaal/facturen/AR-1")
    assert anna.get_by_role("heading", name="Niet gevonden").is_visible()


def test_klantmanager_meldt_een_client_aan_met_eerst_een_fout_naast_het_veld(server, browser):
    km = _meld_aan(browser, server, "petra")
    km.wait_for_url(f"{server}/werkvoorraad")
    assert km.get_by_role("heading", name="Geen toegang").is_visible(), "een klantmanager ziet de werkvoorraad niet"
    km.goto(f"{server}/")
    km.wait_for_url(f"{server}/klantmanager/trajecten")
    assert km.get_by_role("heading", name="Trajecten en termijnen").is_visible()
    assert km.get_by_role("link", name="AV-1").first.is_visible(), "de trajecten van Petra Jansen"
    _afdruk(km, "16-klantmanager-trajecten")

    km.get_by_role("link", name="Cliënt aanmelden").first.click()
    km.wait_for_url(f"{server}/klantmanager/aanmelden")
    km.get_by_label("Gemeente").select_option("amstelveen")
    km.get_by_label("TrajectId").fill("AV-30")
    km.get_by_label("Aanbieder").select_option("matchez")
    km.get_by_label("Productcode").fill("MZ-BNW3")
    km.get_by_label("Datum aanmelding").fill("2024-03-04")
    km.get_by_label("Reden van verwijzing").fill("Wil werken in de zorg")
    km.get_by_label("BSN van de cliënt").fill("123456789")
    km.get_by_label("Naam van de cliënt").fill("Fatima el Amrani")
    km.get_by_label("Geboortedatum").fill("1987-03-14")
    km.get_by_label("Cliëntnummer").fill("AV-104233")
    km.get_by_label("Adres").fill("Stadsplein 12, 1181 ZM Amstelveen")
    _afdruk(km, "17-aanmelding-ingevuld")
    km.get_by_role("button", name="Meld aan").click()

    overzicht = km.get_by_role("alert")
    assert "Afgewezen: er is niets vastgelegd" in overzicht.inner_text()
    bsn = km.get_by_label("BSN van de cliënt")
    assert bsn.get_attribute("aria-invalid") == "true"
    assert "BSN_ONGELDIG" in km.locator("#veld-client-bsn-fout").inner_text()
    assert bsn.input_value() == "123456789", "de invoer blijft staan"
    _afdruk(km, "18-aanmelding-fout-bij-het-veld")
    km.get_by_role("link", name="BSN van de cliënt: BSN_ONGELDIG").click()
    assert km.evaluate("location.hash") == "#veld-client-bsn"

    bsn.fill("123456782")
    km.get_by_role("button", name="Meld aan").click()
    km.wait_for_url(f"{server}/klantmanager/trajecten")
    assert km.get_by_role("status").filter(has_text="Aanmelding van traject AV-30 is geaccepteerd").is_visible()
    assert km.get_by_role("link", name="AV-30").first.is_visible()
    _afdruk(km, "19-aanmelding-vastgelegd")

    km.goto(f"{server}/klantmanager/plan?gemeente=amstelveen&trajectId=AV-30")
    _afdruk(km, "20-plan-beoordelen")
    km.goto(f"{server}/beheer/gebruikers")
    assert km.get_by_role("heading", name="Geen toegang").is_visible()
    assert "Deze pagina is voor de rol beheerder" in km.content()

    ma = _meld_aan(browser, server, "mdeboer")
    ma.wait_for_url(f"{server}/werkvoorraad")
    ma.goto(f"{server}/klantmanager/aanmelden")
    assert ma.get_by_role("heading", name="Geen toegang").is_visible()
    assert "Deze pagina is voor de rol klantmanager" in ma.content()


def test_beheerder_vergrendelt_een_gebruiker_en_beslist_niet_over_facturen(server, browser):
    beheer = _meld_aan(browser, server, "bheer")
    beheer.wait_for_url(f"{server}/werkvoorraad")
    assert beheer.get_by_role("heading", name="Geen toegang").is_visible()
    beheer.get_by_role("link", name="Gebruikers").click()
    beheer.wait_for_url(f"{server}/beheer/gebruikers")
    assert beheer.get_by_role("link", name="mdeboer").is_visible()
    _afdruk(beheer, "21-beheer-gebruikers")
    beheer.get_by_role("link", name="jvisser").click()
    beheer.get_by_label("Reden om te vergrendelen").fill("Uit dienst")
    beheer.get_by_role("button", name="Vergrendel jvisser").click()
    assert beheer.get_by_role("status").filter(has_text="J. Visser is vergrendeld").is_visible()
    _afdruk(beheer, "22-beheer-gebruiker-vergrendeld")

    jvisser = _meld_aan(browser, server, "jvisser")
    assert jvisser.get_by_role("alert").filter(has_text="Uw account is vergrendeld door de beheerder").is_visible()
