"""De pagina's van de klantmanager met FastAPI's TestClient: een aanmelding met een fout krijgt de retourcode naast
het veld en legt niets vast, dezelfde aanmelding verbeterd wordt vastgelegd; een besluit over een plan haalt het uit
de termijnen; de eigen gemeenten, de rol, en dezelfde validatie als een bericht via de broker."""

from __future__ import annotations

import html as html_tekst
import json
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from hub.web import maak_app
from tests.factuur.wereld import Wereld
from tests.web.test_beveiliging import _csrf, aangemeld

AANMELDING = {
    "gemeente": "amstelveen", "trajectId": "AV-10", "provider": "matchez", "product": "MZ-BNW3",
    "datumAanmelding": "2024-03-04", "redenVerwijzing": "Wil werken in de zorg", "client.bsn": "123456789",
    "client.naam": "Fatima el Amrani", "client.geboortedatum": "1987-03-14", "client.clientnummer": "AV-104233",
    "client.adres": "Stadsplein 12, 1181 ZM Amstelveen",
}


@pytest.fixture
def app(onderdelen):
    return maak_app(onderdelen)


def _formulier(client: TestClient, pad: str) -> tuple[str, str]:
    pagina = client.get(pad)
    assert pagina.status_code == 200
    return _csrf(pagina), re.search(r'name="berichtId" value="([^"]+)"', pagina.text).group(1)


def _veldfout(html: str, veld_id: str) -> str:
    gevonden = re.search(rf'id="{veld_id}-fout">(.*?)</span>', html, re.S)
    return html_tekst.unescape(gevonden.group(1)) if gevonden else ""


def _rijen(html: str, traject: str) -> list[str]:
    return re.findall(rf"<tr[^>]*>\s*<th scope=\"row\"><a [^>]*>{traject}</a>.*?</tr>", html, re.S)


def test_aanmelding_met_een_ongeldig_bsn_krijgt_de_retourcode_naast_het_veld_en_daarna_lukt_ze(app, onderdelen):
    client = aangemeld(app, "petra")
    csrf, bericht_id = _formulier(client, "/klantmanager/aanmelden")
    antwoord = client.post("/klantmanager/aanmelden", data={**AANMELDING, "csrf": csrf, "berichtId": bericht_id})
    assert antwoord.status_code == 422
    assert "BSN_ONGELDIG" in _veldfout(antwoord.text, "veld-client-bsn")
    assert 'id="veld-client-bsn" name="client.bsn" type="text" value="123456789"' in antwoord.text, "de invoer blijft staan"
    assert re.search(r'aria-invalid="true" aria-describedby="veld-client-bsn-hulp veld-client-bsn-fout"', antwoord.text)
    assert "Afgewezen: er is niets vastgelegd" in antwoord.text
    assert onderdelen.eventstore.zoek_traject("amstelveen", "AV-10") is None

    verbeterd = client.post("/klantmanager/aanmelden", data={**AANMELDING, "client.bsn": "123456782", "csrf": csrf,
                                                             "berichtId": bericht_id}, follow_redirects=False)
    assert verbeterd.status_code == 303 and verbeterd.headers["location"] == "/klantmanager/trajecten"
    traject = onderdelen.eventstore.traject("amstelveen", "AV-10")
    assert traject.klantmanager == "Petra Jansen" and traject.provider == "matchez"
    pagina = client.get("/klantmanager/trajecten")
    assert "Aanmelding van traject AV-10 is geaccepteerd" in pagina.text
    [rij] = [r for r in _rijen(pagina.text, "AV-10") if "oproep" in r]
    assert "oproep van de cliënt" in rij and "18-03-2024" in rij, "oproep uiterlijk 14 dagen na 04-03-2024"

    nog_eens = client.post("/klantmanager/aanmelden", data={**AANMELDING, "client.bsn": "123456782", "csrf": csrf,
                                                            "berichtId": _formulier(client, "/klantmanager/aanmelden")[1]})
    assert nog_eens.status_code == 422 and "TRAJECT_BESTAAT" in _veldfout(nog_eens.text, "veld-trajectId")


def test_een_fout_in_de_vorm_staat_ook_bij_het_veld_en_is_dezelfde_als_via_de_broker(app, onderdelen):
    client = aangemeld(app, "petra")
    csrf, bericht_id = _formulier(client, "/klantmanager/aanmelden")
    velden = {**AANMELDING, "client.bsn": "123456782", "product": "bnw3", "datumAanmelding": ""}
    antwoord = client.post("/klantmanager/aanmelden", data={**velden, "csrf": csrf, "berichtId": bericht_id})
    assert antwoord.status_code == 422
    productfout = _veldfout(antwoord.text, "veld-product")
    assert productfout.startswith("SCHEMA: ") and "MZ-BNW3" in productfout
    assert "SCHEMA" in _veldfout(antwoord.text, "veld-datumAanmelding")

    bericht = {"berichtId": "0b6e1f3a-2c4d-4e5f-8a9b-0c1d2e3f4a99", "type": "aanmelding", "versie": "1",
               "afzender": "gemeente", "gemeente": "amstelveen", "verzonden": "2024-03-04T09:00:00+01:00",
               "trajectId": "AV-10", "provider": "matchez", "product": "bnw3", "datumAanmelding": "",
               "klantmanager": "Petra Jansen", "redenVerwijzing": "Wil werken in de zorg",
               "client": {k.removeprefix("client."): v for k, v in velden.items() if k.startswith("client.")}}
    via_broker = onderdelen.aanleveren.lever_aan(json.dumps(bericht).encode(), "gemeente").retour["fouten"]
    assert {(f["veld"], f"{f['code']}: {f['melding']}") for f in via_broker} == {
        ("product", productfout), ("datumAanmelding", _veldfout(antwoord.text, "veld-datumAanmelding"))}


def test_alleen_voor_de_eigen_gemeenten(app, onderdelen):
    client = aangemeld(app, "petra")
    csrf, bericht_id = _formulier(client, "/klantmanager/aanmelden")
    antwoord = client.post("/klantmanager/aanmelden", data={**AANMELDING, "gemeente": "heemstede", "client.bsn": "123456782",
                                                            "csrf": csrf, "berichtId": bericht_id})
    assert antwoord.status_code == 422
    assert "AFZENDER_ONBEVOEGD: u werkt niet voor gemeente 'heemstede'" in _veldfout(antwoord.text, "veld-gemeente")
    assert onderdelen.eventstore.zoek_traject("heemstede", "AV-10") is None


def test_een_plan_beoordelen_haalt_het_uit_de_termijnen(app, onderdelen, hub, catalogus, instellingen):
    wereld = Wereld(hub, catalogus, instellingen.data)
    wereld.doe("AV-1", "dien_plan_in", date(2024, 2, 1), {"naam": "Jan Smit", "telefoon": "0201234567"}, True, True, True,
               "Analyse", [{"stap": "Solliciteren", "termijn": "maart"}], 3)
    client = aangemeld(app, "petra")
    pagina = client.get("/klantmanager/trajecten")
    [rij] = [r for r in _rijen(pagina.text, "AV-1") if "besluit over het plan" in r]
    assert "08-02-2024" in rij, "5 werkdagen na donderdag 01-02-2024"
    assert "over tijd" in rij and "Beoordeel plan" in rij

    csrf, bericht_id = _formulier(client, "/klantmanager/plan?gemeente=amstelveen&trajectId=AV-1")
    zonder_besluit = client.post("/klantmanager/plan", data={"csrf": csrf, "berichtId": bericht_id, "gemeente": "amstelveen",
                                                             "trajectId": "AV-1", "datum": "2024-02-06"})
    assert zonder_besluit.status_code == 422 and "SCHEMA" in zonder_besluit.text
    assert onderdelen.eventstore.traject("amstelveen", "AV-1").planbesluit is None
    besloten = client.post("/klantmanager/plan", data={"csrf": csrf, "berichtId": bericht_id, "gemeente": "amstelveen",
                                                       "trajectId": "AV-1", "datum": "2024-02-06", "besluit": "goedgekeurd",
                                                       "toelichting": "Volledig"}, follow_redirects=False)
    assert besloten.status_code == 303
    assert onderdelen.eventstore.traject("amstelveen", "AV-1").planbesluit == "goedgekeurd"
    [besluit] = [r for r in onderdelen.audit.traject("amstelveen", "AV-1").regels if r.wat.startswith("Plan beoordeeld")]
    assert (besluit.wie, besluit.gebruiker, besluit.partij) == ("Petra Jansen", "petra", False), "het besluit is van haar"
    na = client.get("/klantmanager/trajecten").text
    assert "Besluit over het plan van traject AV-1 is vastgelegd" in na
    assert not [r for r in _rijen(na, "AV-1") if "besluit over het plan" in r]

    csrf, bericht_id = _formulier(client, "/klantmanager/mutatie")
    geen_mutatie = client.post("/klantmanager/mutatie", data={"csrf": csrf, "berichtId": bericht_id, "gemeente": "amstelveen",
                                                              "trajectId": "AV-1", "datum": "2024-02-06", "besluit": "goedgekeurd"})
    assert geen_mutatie.status_code == 422 and "ONGELDIGE_VOLGORDE: Er is geen mutatie die op een besluit wacht." in geen_mutatie.text


def test_alleen_eigen_trajecten_tenzij_alle(app, onderdelen, hub, catalogus, instellingen):
    Wereld(hub, catalogus, instellingen.data).meld_aan("AV-20")
    traject = hub.traject("amstelveen", "AV-20")
    assert traject.klantmanager == "Petra Jansen"
    onderdelen.gebruikers.maak("kees", "Kees de Klant", "correct paard batterij nietje", ["klantmanager"], ["amstelveen"])
    kees = aangemeld(app, "kees")
    assert ">AV-20</a>" not in kees.get("/klantmanager/trajecten").text
    alle = kees.get("/klantmanager/trajecten?alle=true").text
    assert ">AV-20</a>" in alle and "Petra Jansen" in alle


@pytest.mark.parametrize(("gebruiker", "pad"), [("mdeboer", "/klantmanager/aanmelden"), ("pjansen", "/klantmanager/trajecten"),
                                                 ("anna", "/klantmanager/plan"), ("petra", "/werkvoorraad"),
                                                 ("petra", "/rapporten")])
def test_zonder_de_rol_403(app, gebruiker, pad):
    assert aangemeld(app, gebruiker).get(pad).status_code == 403


def test_een_post_zonder_de_rol_legt_niets_vast(app, onderdelen):
    client = aangemeld(app, "mdeboer")
    csrf = _csrf(client.get("/aanmelden"))
    antwoord = client.post("/klantmanager/aanmelden", data={**AANMELDING, "client.bsn": "123456782", "csrf": csrf,
                                                            "berichtId": "0b6e1f3a-2c4d-4e5f-8a9b-0c1d2e3f4a98"})
    assert antwoord.status_code == 403
    assert onderdelen.eventstore.zoek_traject("amstelveen", "AV-10") is None


def test_een_jobcoachperiode_toekennen_met_de_fout_bij_het_veld(app, onderdelen, hub, catalogus, instellingen):
    Wereld(hub, catalogus, instellingen.data).jobcoachperiode("AV-JC-1", "AV-1", date(2024, 7, 1), date(2024, 12, 31), None,
                                                              gemeente="amstelveen")
    traject = hub.traject("amstelveen", "AV-1")
    traject.koppel_jobcoachperiode({"periode_id": "AV-JC-1", "soort": "jobcoaching", "start": date(2024, 7, 1),
                                    "eind": date(2024, 12, 31), "bijzondere_omstandigheden": None})
    hub.save(traject)
    client = aangemeld(app, "petra")
    [wacht] = [r for r in _rijen(client.get("/klantmanager/trajecten").text, "AV-1") if "toekenning jobcoachperiode" in r]
    assert "/klantmanager/jobcoach?gemeente=amstelveen&amp;trajectId=AV-1&amp;periodeId=AV-JC-1" in wacht
    assert "Ken periode AV-JC-1 toe" in wacht and "geen termijn" in wacht
    csrf, bericht_id = _formulier(client, "/klantmanager/jobcoach")
    velden = {"csrf": csrf, "berichtId": bericht_id, "gemeente": "amstelveen", "trajectId": "AV-1", "periodeId": "AV-JC-1",
              "start": "2024-07-01", "eind": "2024-12-31", "urenToegekend": "0", "soort": "jobcoaching"}
    nul = client.post("/klantmanager/jobcoach", data=velden)
    assert nul.status_code == 422 and "Ken een positief aantal uren toe" in _veldfout(nul.text, "veld-urenToegekend")
    ander_traject = client.post("/klantmanager/jobcoach", data={**velden, "urenToegekend": "40", "trajectId": "AV-2"})
    assert "hoort bij traject AV-1" in _veldfout(ander_traject.text, "veld-periodeId")
    assert onderdelen.eventstore.zoek_periode("amstelveen", "AV-JC-1").toekenning is None
    toegekend = client.post("/klantmanager/jobcoach", data={**velden, "urenToegekend": "40"}, follow_redirects=False)
    assert toegekend.status_code == 303
    periode = onderdelen.eventstore.zoek_periode("amstelveen", "AV-JC-1")
    assert periode.toekenning is not None
    [toekenning] = [e for e in onderdelen.eventstore.events.get(periode.id) if type(e).__name__ == "Toegekend"]
    assert (toekenning.door, toekenning.door_id) == ("Petra Jansen", "petra")
    spoor = [(r.wie, r.wat) for r in onderdelen.audit.traject("amstelveen", "AV-1").regels]
    assert ("Petra Jansen", "Jobcoachperiode toegekend") in spoor, "het spoor van het traject toont ook zijn periodes"
    na = client.get("/klantmanager/trajecten").text
    assert "Jobcoachperiode AV-JC-1 van traject AV-1 is toegekend" in na
    assert not [r for r in _rijen(na, "AV-1") if "toekenning jobcoachperiode" in r]
