"""Twee aanbieders met hun eigen inloggegevens, door de draaiende hub: de afzender volgt uit het account."""

from __future__ import annotations

import asyncio
import json

from hub.koppelingen.broker.afzender import stuur_inhoud
from hub.koppelingen.broker.streams import verbind_afzender
from hub.koppelingen.broker.subjects import sleutel_traject, subject_in, subject_retour
from tests.e2e.conftest import als_bytes, voorbeeld

AREA = dict(trajectId="AMS-2024-0002", provider="a-rea", product="AREA-MED", datumAanmelding="2024-01-22")


async def _publiceer_en_wacht(hub, afzender: str, bericht: dict, sleutel: str, msg_id: str) -> tuple[object, dict]:
    nc = await verbind_afzender(hub.url, afzender, hub.identiteiten)
    try:
        retour: asyncio.Future = asyncio.get_running_loop().create_future()

        async def bij_retour(msg):
            data = json.loads(msg.data)
            if data.get("berichtId") == bericht["berichtId"] and not retour.done():
                retour.set_result(data)

        await nc.subscribe(subject_retour(afzender), cb=bij_retour)
        ack = await nc.jetstream().publish(subject_in(afzender, sleutel), als_bytes(bericht),
                                           headers={"Nats-Msg-Id": msg_id})
        return ack, await asyncio.wait_for(retour, 15)
    finally:
        await nc.close()


async def test_zelfde_nats_msg_id_van_twee_aanbieders_beide_verwerkt_elk_een_eigen_retour(draaiende_hub):
    await stuur_inhoud(draaiende_hub.url, "gemeente", draaiende_hub.identiteiten,
                       [als_bytes(voorbeeld("aanmelding")), als_bytes(voorbeeld("aanmelding", **AREA))])
    intake, noshow = voorbeeld("intake"), voorbeeld("noShow")
    ack_a, retour_a = await _publiceer_en_wacht(draaiende_hub, "a-rea", noshow,
                                                sleutel_traject("amstelveen", "AMS-2024-0002"), "zelfde-id")
    ack_m, retour_m = await _publiceer_en_wacht(draaiende_hub, "matchez", intake,
                                                sleutel_traject("amstelveen", "AMS-2024-0001"), "zelfde-id")
    assert not ack_a.duplicate and not ack_m.duplicate
    assert (retour_a["berichtId"], retour_a["status"]) == (noshow["berichtId"], "geaccepteerd")
    assert (retour_m["berichtId"], retour_m["status"]) == (intake["berichtId"], "geaccepteerd")
    assert draaiende_hub.hub.traject("amstelveen", "AMS-2024-0001").datum_intake is not None
    assert len(draaiende_hub.hub.traject("amstelveen", "AMS-2024-0002").noshows) == 1


async def test_nagemaakte_afzender_in_het_bericht_wordt_afgewezen(draaiende_hub):
    """A-rea schrijft 'matchez' als afzender in een intake voor het traject van Matchez: de hub kijkt naar het
    account waaruit het bericht kwam, niet naar wat erin staat."""
    await stuur_inhoud(draaiende_hub.url, "gemeente", draaiende_hub.identiteiten, [als_bytes(voorbeeld("aanmelding"))])
    intake = voorbeeld("intake", afzender="matchez")
    [retour] = await stuur_inhoud(draaiende_hub.url, "a-rea", draaiende_hub.identiteiten, [als_bytes(intake)],
                                  wachttijd=15)
    assert retour["status"] == "afgewezen"
    assert [f["code"] for f in retour["fouten"]] == ["AFZENDER_ONBEVOEGD"]
    assert draaiende_hub.hub.traject("amstelveen", "AMS-2024-0001").datum_intake is None
