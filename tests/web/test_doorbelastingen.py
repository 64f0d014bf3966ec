"""De pagina Doorbelastingen met FastAPI's TestClient: de penvoerder stelt vast na bevestiging en op eigen naam; een
andere gemeente ziet alleen wat haar is doorbelast en alleen haar eigen factuur; zonder CSRF-token of als andere
gemeente wordt niets vastgelegd."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from hub.koppelingen.formaten.efactuur import toets
from hub.web import maak_app
from tests.factuur.wereld import Wereld
from tests.web.doorbelasting_wereld import CONTRACT, PENVOERDER, vul_doorbelasting
from tests.web.test_beveiliging import _csrf, aangemeld


@pytest.fixture
def kwartaal(onderdelen, hub, catalogus, instellingen) -> str:
    return vul_doorbelasting(onderdelen, Wereld(hub, catalogus, instellingen.data))


@pytest.fixture
def app(onderdelen, kwartaal):
    return maak_app(onderdelen)


def _vaststellen(client: TestClient, kwartaal: str, **anders: str):
    pagina = client.get("/doorbelastingen/voorstel", params={"contract": CONTRACT, "kwartaal": kwartaal})
    assert pagina.status_code == 200, pagina.text
    data = {"csrf": _csrf(pagina), "contract": CONTRACT, "kwartaal": kwartaal, "totaal": "15000.00", "regels": "2",
            **anders}
    return client.post("/doorbelastingen/vaststellen", data=data, follow_redirects=False)


def _geldend(onderdelen):
    aggregate = onderdelen.eventstore.zoek_doorbelastingen(CONTRACT)
    return aggregate.geldend() if aggregate is not None else []


def test_de_penvoerder_ziet_het_voorstel_per_plafond_en_stelt_vast_op_eigen_naam(app, onderdelen, kwartaal):
    client = aangemeld(app, "lverhoeven")
    assert 'href="/doorbelastingen"' in client.get("/betaalbatches").text, "in het menu bij de betaalbatches"
    voorstel = client.get("/doorbelastingen/voorstel", params={"contract": CONTRACT, "kwartaal": kwartaal}).text
    assert "Participatietrajecten 2024" in voorstel and "Keuringen en opleidingen 2024" in voorstel
    assert "€ 15.000,00" in voorstel and "Stel doorbelasting vast" in voorstel
    assert _geldend(onderdelen) == [], "het voorstel legt niets vast"

    antwoord = _vaststellen(client, kwartaal)
    assert antwoord.status_code == 303
    [d] = _geldend(onderdelen)
    assert d.vastgesteld_door.gebruiker == "lverhoeven" and d.vastgesteld_door.naam == "L. Verhoeven"
    assert d.delen == {PENVOERDER: Decimal("11100.00"), "wassenaar": Decimal("2100.00"),
                       "voorschoten": Decimal("1800.00")}
    lijst = client.get("/doorbelastingen").text
    assert "is vastgesteld" in lijst and f"Markeer {d.doorbelasting_id} als verzonden" in lijst
    for gemeente in ("wassenaar", "voorschoten"):
        factuur = client.get(f"/doorbelastingen/{d.doorbelasting_id}/factuur/{gemeente}")
        assert factuur.status_code == 200 and factuur.headers["content-type"].startswith("application/xml")
        assert toets(etree.fromstring(factuur.content).getroottree()).geldig
        assert factuur.content.decode() == next(x.inhoud for x in d.documenten if x.gemeente == gemeente)


def test_een_gewijzigd_voorstel_wordt_niet_blind_vastgesteld(app, onderdelen, kwartaal):
    antwoord = _vaststellen(aangemeld(app, "lverhoeven"), kwartaal, totaal="14000.00")
    assert antwoord.status_code == 303 and _geldend(onderdelen) == []


def test_zonder_csrf_token_wordt_niets_vastgesteld_verzonden_of_ingetrokken(app, onderdelen, kwartaal):
    client = aangemeld(app, "lverhoeven")
    vreemd = _csrf(aangemeld(app, "wdekker").get("/doorbelastingen"))
    gegevens = {"contract": CONTRACT, "kwartaal": kwartaal, "totaal": "15000.00", "regels": "2"}
    for csrf in (None, "", vreemd):
        data = gegevens if csrf is None else {**gegevens, "csrf": csrf}
        assert client.post("/doorbelastingen/vaststellen", data=data, follow_redirects=False).status_code == 403
    assert _geldend(onderdelen) == []
    _vaststellen(client, kwartaal)
    [d] = _geldend(onderdelen)
    for actie, data in (("verzonden", {}), ("intrekken", {"reden": "Verkeerd kwartaal"})):
        antwoord = client.post(f"/doorbelastingen/{d.doorbelasting_id}/{actie}", data=data, follow_redirects=False)
        assert antwoord.status_code == 403
    assert onderdelen.eventstore.zoek_doorbelastingen(CONTRACT).status(d.doorbelasting_id) == "vastgesteld"


def test_een_andere_gemeente_ziet_alleen_haar_eigen_deel_en_factuur(app, onderdelen, kwartaal):
    _vaststellen(aangemeld(app, "lverhoeven"), kwartaal)
    [d] = _geldend(onderdelen)
    wassenaar = aangemeld(app, "wdekker")
    pagina = wassenaar.get("/doorbelastingen").text
    assert d.doorbelasting_id in pagina and "€ 2.100,00" in pagina
    assert "€ 1.800,00" not in pagina and "Voorschoten" not in pagina, "niet het deel van een andere gemeente"
    assert "Markeer" not in pagina and "Trek in" not in pagina and "Bekijk voorstel" not in pagina

    eigen = wassenaar.get(f"/doorbelastingen/{d.doorbelasting_id}/factuur/wassenaar")
    assert eigen.status_code == 200 and b"2100.00" in eigen.content
    assert wassenaar.get(f"/doorbelastingen/{d.doorbelasting_id}/factuur/voorschoten").status_code == 403
    assert wassenaar.get("/doorbelastingen/DB-bestaat-niet/factuur/wassenaar").status_code == 404
    assert wassenaar.get("/doorbelastingen/voorstel", params={"contract": CONTRACT, "kwartaal": kwartaal}).status_code == 403

    csrf = _csrf(wassenaar.get("/doorbelastingen"))
    for actie, data in (("verzonden", {}), ("intrekken", {"reden": "Niet eens"})):
        antwoord = wassenaar.post(f"/doorbelastingen/{d.doorbelasting_id}/{actie}", data={"csrf": csrf, **data},
                                  follow_redirects=False)
        assert antwoord.status_code == 403
    antwoord = wassenaar.post("/doorbelastingen/vaststellen", data={"csrf": csrf, "contract": CONTRACT,
                                                                     "kwartaal": kwartaal, "totaal": "0", "regels": "0"},
                              follow_redirects=False)
    assert antwoord.status_code == 403
    assert onderdelen.eventstore.zoek_doorbelastingen(CONTRACT).status(d.doorbelasting_id) == "vastgesteld"
    assert len(_geldend(onderdelen)) == 1


def test_een_gemeente_buiten_het_contract_ziet_niets_en_krijgt_404(app, onderdelen, kwartaal):
    _vaststellen(aangemeld(app, "lverhoeven"), kwartaal)
    [d] = _geldend(onderdelen)
    amstelveen = aangemeld(app, "mdeboer")
    assert d.doorbelasting_id not in amstelveen.get("/doorbelastingen").text
    assert amstelveen.get(f"/doorbelastingen/{d.doorbelasting_id}/factuur/wassenaar").status_code == 404
    csrf = _csrf(amstelveen.get("/doorbelastingen"))
    antwoord = amstelveen.post(f"/doorbelastingen/{d.doorbelasting_id}/intrekken", data={"csrf": csrf, "reden": "x"},
                               follow_redirects=False)
    assert antwoord.status_code == 404
    assert aangemeld(app, "pjansen").get("/doorbelastingen").status_code == 403, "de inkoper heeft de rol niet"


def test_verzonden_en_intrekken_door_de_penvoerder(app, onderdelen, kwartaal):
    client = aangemeld(app, "lverhoeven")
    _vaststellen(client, kwartaal)
    [eerste] = _geldend(onderdelen)
    csrf = _csrf(client.get("/doorbelastingen"))
    zonder = client.post(f"/doorbelastingen/{eerste.doorbelasting_id}/intrekken", data={"csrf": csrf, "reden": " "})
    assert "Geef een reden" in zonder.text and len(_geldend(onderdelen)) == 1
    client.post(f"/doorbelastingen/{eerste.doorbelasting_id}/intrekken", data={"csrf": csrf, "reden": "Opnieuw"})
    assert _geldend(onderdelen) == []
    _vaststellen(client, kwartaal)
    [tweede] = _geldend(onderdelen)
    client.post(f"/doorbelastingen/{tweede.doorbelasting_id}/verzonden", data={"csrf": csrf})
    na = client.post(f"/doorbelastingen/{tweede.doorbelasting_id}/intrekken", data={"csrf": csrf, "reden": "Toch"}).text
    assert "al verzonden" in na
    assert onderdelen.eventstore.zoek_doorbelastingen(CONTRACT).status(tweede.doorbelasting_id) == "verzonden"


def test_een_ongeldig_kwartaal_of_vreemd_contract_zegt_wat_wel_kan(app, onderdelen):
    client = aangemeld(app, "lverhoeven")
    fout = client.get("/doorbelastingen/voorstel", params={"contract": CONTRACT, "kwartaal": "2024-5"})
    assert fout.status_code == 200 and "JJJJ-Q1 t/m JJJJ-Q4" in fout.text, "terug naar de lijst met de melding"
    vreemd = client.get("/doorbelastingen/voorstel", params={"contract": "matchez-amstelveen-2024", "kwartaal": "2024-Q3"})
    assert vreemd.status_code == 403 and "kies een contract uit de lijst" in vreemd.text
    assert _geldend(onderdelen) == []
