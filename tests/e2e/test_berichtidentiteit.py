"""Berichtidentiteit door de echte broker: een berichtId hoort bij zijn afzender en bij één inhoud.

De aanvaller is een aanbieder met zijn eigen inloggegevens; hij gebruikt berichtIds (en broker-ids) van een ander.
"""

from __future__ import annotations

from datetime import date

from hub.berichten import lees_json
from hub.berichten.vingerafdruk import vingerafdruk
from hub.koppelingen.broker.afzender import ontvang, stuur_inhoud
from hub.koppelingen.broker.streams import verbind_afzender
from hub.koppelingen.broker.subjects import sleutel_traject, subject_in
from tests.conftest import PROJECT
from tests.e2e.conftest import als_bytes, voorbeeld

AREA = dict(trajectId="AMS-2024-0002", provider="a-rea", product="AREA-MED", datumAanmelding="2024-01-22")
UBL = PROJECT / "berichten" / "voorbeelden" / "ubl"


async def stuur(hub, afzender: str, *berichten: dict | bytes) -> list[dict]:
    inhoud = [b if isinstance(b, bytes) else als_bytes(b) for b in berichten]
    return await stuur_inhoud(hub.url, afzender, hub.identiteiten, inhoud, wachttijd=15)


def _codes(retour: dict) -> list[str]:
    return [f["code"] for f in retour["fouten"]]


async def test_ander_bericht_onder_dezelfde_berichtid_binnen_het_duplicaatvenster(draaiende_hub):
    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding", **AREA))
    noshow = voorbeeld("noShow")
    [eerste] = await stuur(draaiende_hub, "a-rea", noshow)
    [tweede] = await stuur(draaiende_hub, "a-rea", {**noshow, "datumAfspraak": "2024-02-13"})
    assert eerste["status"] == "geaccepteerd"
    assert tweede["status"] == "afgewezen" and _codes(tweede) == ["BERICHT_ID_HERGEBRUIKT"], tweede
    assert len(draaiende_hub.hub.traject("amstelveen", "AMS-2024-0002").noshows) == 1
    # Beide antwoorden staan klaar om later op te halen; de broker liet het tweede niet als dubbel vallen.
    later = [b for b in await ontvang(draaiende_hub.url, "a-rea", draaiende_hub.identiteiten) if b.get("status")]
    assert [r["status"] for r in later if r["berichtId"] == noshow["berichtId"]] == ["geaccepteerd", "afgewezen"]


async def test_twee_berichten_met_dezelfde_berichtid_direct_na_elkaar(draaiende_hub):
    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding", **AREA))
    noshow = voorbeeld("noShow")
    retouren = await stuur(draaiende_hub, "a-rea", noshow, {**noshow, "datumAfspraak": "2024-02-13"}, noshow)
    assert [r["status"] for r in retouren] == ["geaccepteerd", "afgewezen", "geaccepteerd"], retouren
    assert _codes(retouren[1]) == ["BERICHT_ID_HERGEBRUIKT"]
    assert len(draaiende_hub.hub.traject("amstelveen", "AMS-2024-0002").noshows) == 1


async def test_berichtid_van_een_andere_aanbieder_houdt_zijn_bericht_niet_tegen(draaiende_hub):
    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"), voorbeeld("aanmelding", **AREA))
    intake = voorbeeld("intake")
    # A-rea stuurt een eigen, geldige no-show onder de berichtId van de intake die Matchez gaat sturen.
    [van_aanvaller] = await stuur(draaiende_hub, "a-rea", voorbeeld("noShow", berichtId=intake["berichtId"]))
    assert van_aanvaller["status"] == "geaccepteerd"
    [van_matchez] = await stuur(draaiende_hub, "matchez", intake)
    assert van_matchez == {"berichtId": intake["berichtId"], "status": "geaccepteerd", "fouten": [], "signalen": []}
    assert draaiende_hub.hub.traject("amstelveen", "AMS-2024-0001").datum_intake == date(2024, 1, 15)


async def test_nagemaakte_broker_id_van_een_ander_houdt_zijn_bericht_niet_tegen(draaiende_hub):
    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"), voorbeeld("aanmelding", **AREA))
    intake = voorbeeld("intake")
    # A-rea kent de inhoud van de intake van Matchez en publiceert eerst een eigen no-show onder precies de broker-id
    # die de client van Matchez zal gebruiken: de broker laat het bericht van Matchez dan als dubbel vallen.
    broker_id = f"{intake['berichtId']}/matchez/{vingerafdruk(lees_json(intake))}"
    noshow = voorbeeld("noShow", berichtId=intake["berichtId"])
    nc = await verbind_afzender(draaiende_hub.url, "a-rea", draaiende_hub.identiteiten)
    try:
        ack = await nc.jetstream().publish(subject_in("a-rea", sleutel_traject("amstelveen", "AMS-2024-0002")),
                                           als_bytes(noshow), headers={"Nats-Msg-Id": broker_id})
        assert not ack.duplicate
    finally:
        await nc.close()
    [van_matchez] = await stuur(draaiende_hub, "matchez", intake)
    assert van_matchez["status"] == "geaccepteerd", van_matchez
    assert draaiende_hub.hub.traject("amstelveen", "AMS-2024-0001").datum_intake == date(2024, 1, 15)


async def test_afgewezen_ubl_factuur_mag_opnieuw_als_de_aanmelding_er_is(draaiende_hub):
    ubl = (UBL / "factuur.xml").read_bytes()
    [eerste] = await stuur(draaiende_hub, "matchez", ubl)
    assert eerste["status"] == "afgewezen" and _codes(eerste) == ["ONBEKEND_TRAJECT"]
    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"))
    [opnieuw] = await stuur(draaiende_hub, "matchez", ubl)
    assert opnieuw["status"] == "geaccepteerd", opnieuw
    assert opnieuw["berichtId"] == eerste["berichtId"]
    assert draaiende_hub.hub.zoek_factuur("matchez", "MZ-2024-0012") is not None
    [nog_eens] = await stuur(draaiende_hub, "matchez", ubl)
    assert nog_eens == opnieuw


async def test_ubl_factuur_met_leverancier_nummer_en_datum_van_een_ander_blokkeert_diens_factuur_niet(draaiende_hub):
    from tests.factuurintake.test_ubl_en_json import _nagemaakt

    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"), voorbeeld("aanmelding", **AREA))
    [van_aanvaller] = await stuur(draaiende_hub, "a-rea", _nagemaakt())
    assert van_aanvaller["status"] == "geaccepteerd", van_aanvaller
    [van_matchez] = await stuur(draaiende_hub, "matchez", (UBL / "factuur.xml").read_bytes())
    assert van_matchez["status"] == "geaccepteerd" and van_matchez["berichtId"] != van_aanvaller["berichtId"]
    assert draaiende_hub.hub.zoek_factuur("matchez", "MZ-2024-0012").bron == "ubl"
