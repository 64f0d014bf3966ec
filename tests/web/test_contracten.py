"""De contractpagina's van de inkoper met FastAPI's TestClient: het dossier, een prijs eerst als voorbeeld van de open
regels die een ander oordeel krijgen en pas na bevestigen vastgelegd (dezelfde use case als de opdrachtregel); alleen
de eigen gemeenten, alleen de rol inkoper, en invoer die niet klopt legt niets vast."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from hub.web import maak_app
from tests.factuur.wereld import Wereld, regel
from tests.web.conftest import EIND, START, WACHTWOORD
from tests.web.test_beveiliging import _csrf, aangemeld

PRIJS = {"product": "AM-REGULIER", "bedrag": "1500,00", "van": "2019-01-01", "tot": "", "reden": "Prijsafspraak AM Match 2024"}


@pytest.fixture
def app(onderdelen, hub, catalogus, instellingen):
    """Een inkoper van Amstelveen en Aalsmeer (het contract van AM Match gaat over beide) en een factuur van AM Match
    met twee regels Regulier à € 1.500,00 zonder prijsafspraak; regel 2 is al afgewezen."""
    onderdelen.gebruikers.maak("rvisser", "R. Visser", WACHTWOORD, ["inkoper"], ["amstelveen", "aalsmeer"])
    wereld = Wereld(hub, catalogus, instellingen.data)
    for traject in ("AM-1", "AM-2"):
        wereld.meld_aan(traject, product="AM-REGULIER", provider="am-match")
        wereld.doe(traject, "registreer_intake", START)
    wereld.factuur("AMM-1", regel(1, "AM-1", "AM-REGULIER", START, EIND, "1500.00"),
                   regel(2, "AM-2", "AM-REGULIER", START, EIND, "1500.00"), afzender="am-match", iban="NL37BUNQ2025550101")
    onderdelen.besluiten.wijs_af("AMM-1", [2], "M. de Boer", "Nog geen prijsafspraak")
    return maak_app(onderdelen)


def _tekst(antwoord) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", antwoord.text))


def _voorbeeld(client: TestClient, **anders: str):
    csrf = _csrf(client.get("/contracten/am-match-aa"))
    return client.post("/contracten/am-match-aa/prijs", data={**PRIJS, **anders, "csrf": csrf})


def test_eerst_het_gevolg_dan_vastgelegd_en_in_het_dossier(app, onderdelen):
    client = aangemeld(app, "rvisser")
    lijst = client.get("/contracten")
    assert lijst.status_code == 200 and 'href="/contracten/am-match-aa"' in lijst.text
    assert "agros-heemstede-2020" not in lijst.text, "alleen de contracten van de eigen gemeenten"

    voorbeeld = _voorbeeld(client)
    assert voorbeeld.status_code == 200
    tekst = " ".join(_tekst(voorbeeld).split())
    assert "AM-REGULIER: prijs € 1.500,00 van 01-01-2019" in tekst and "Er is nog niets vastgelegd" in tekst
    [rij] = re.findall(r"<tr><th scope=\"row\">AMM-1</th>.*?</tr>", voorbeeld.text, re.S)
    assert re.findall(r"€\s?[\d.,]+", html.unescape(rij)) == ["€ 1.500,00", "€ 0,00", "€ 1.500,00"]
    assert onderdelen.contractbeheer.dossier("am-match-aa") == [], "een voorbeeld legt niets vast"

    velden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', voorbeeld.text))
    vastgelegd = client.post("/contracten/am-match-aa/prijs/vastleggen", data=velden, follow_redirects=False)
    assert vastgelegd.status_code == 303 and vastgelegd.headers["location"] == "/contracten/am-match-aa"
    pagina = " ".join(_tekst(client.get("/contracten/am-match-aa")).split())
    assert "Vastgelegd: AM-REGULIER: prijs € 1.500,00 van 01-01-2019; 1 open factuurregel kreeg een ander oordeel" in pagina
    assert "prijs AM-REGULIER € 1.500,00 vanaf 01-01-2019 R. Visser (rvisser) Prijsafspraak AM Match 2024" in pagina
    oordeel = onderdelen.facturen.factuur("AMM-1")
    assert oordeel.regel(1).verwacht == Decimal("1500.00") and oordeel.regel(2).verwacht == Decimal("0.00")


@pytest.mark.parametrize(("anders", "melding"), [
    ({"bedrag": "veel"}, "is geen bedrag"),
    ({"bedrag": "-5"}, "is geen bedrag"),
    ({"bedrag": "12,345"}, "is geen bedrag"),
    ({"van": "gisteren"}, "Geef de eerste dag"),
    ({"tot": "2018-12-31"}, "De laatste dag ligt vóór de eerste dag"),
    ({"reden": " "}, "Noem de reden"),
    ({"product": "MZ-BNW3"}, "Kies een product uit het contract"),
    ({"van": "2018-01-01"}, "valt buiten de looptijd"),
])
def test_invoer_die_niet_klopt_legt_niets_vast(app, onderdelen, anders, melding):
    antwoord = _voorbeeld(aangemeld(app, "rvisser"), **anders)
    assert antwoord.status_code == 422 and melding in _tekst(antwoord)
    assert onderdelen.contractbeheer.dossier("am-match-aa") == []


def test_een_inkoper_van_alleen_amstelveen_ziet_het_contract_maar_wijzigt_het_niet(app, onderdelen):
    client = aangemeld(app, "pjansen")
    pagina = client.get("/contracten/am-match-aa")
    assert pagina.status_code == 200 and "Prijs vastleggen" not in pagina.text
    csrf = _csrf(pagina)
    for pad in ("/contracten/am-match-aa/prijs", "/contracten/am-match-aa/prijs/vastleggen"):
        antwoord = client.post(pad, data={**PRIJS, "csrf": csrf}, follow_redirects=True)
        assert "alleen een inkoper van al die gemeenten" in _tekst(antwoord)
    assert onderdelen.contractbeheer.dossier("am-match-aa") == []
    assert client.get("/contracten/agros-heemstede-2020").status_code == 404


def test_alleen_voor_de_inkoper(app):
    client = aangemeld(app, "mdeboer")
    assert client.get("/contracten").status_code == 403
    assert client.get("/contracten/am-match-aa").status_code == 403
