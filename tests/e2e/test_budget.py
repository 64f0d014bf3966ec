"""Een afzender die de hub overspoelt met berichten die mislukken, wordt afgeremd; een andere afzender merkt niets.

Geen tijdmeting: de test kijkt naar wat klaar is op het moment dat de goede berichten van de ander beantwoord
zijn. Zonder budget beantwoordt de hub de hele stoot in een fractie van een seconde, ruim vóór of tegelijk met de
goede berichten; met het budget staat het grootste deel van de stoot dan nog in de intake."""

from __future__ import annotations

import asyncio
import json
import uuid

from hub.koppelingen.broker.budget import Afzenderbudget
from hub.koppelingen.broker.streams import verbind_afzender
from hub.koppelingen.broker.subjects import subject_retour
from tests.e2e.conftest import als_bytes, voorbeeld

STOOT = 400
RUIMTE = 50


def _diep(diepte: int = 1_000) -> bytes:
    return b'{"berichtId": "%s", "type": "intake", "data": %s}' % (
        str(uuid.uuid4()).encode(), b"[" * diepte + b"]" * diepte)


async def test_stoot_van_een_afzender_wordt_geparkeerd_en_de_ander_gaat_voor(draaiende_hub):
    draaiende_hub.werker.budget = Afzenderbudget(ruimte=RUIMTE, herstel=RUIMTE)
    url, identiteiten = draaiende_hub.url, draaiende_hub.identiteiten
    overspoeler = await verbind_afzender(url, "a-rea", identiteiten)
    gemeente = await verbind_afzender(url, "gemeente", identiteiten)
    beantwoord: dict[str, list[dict]] = {"a-rea": [], "gemeente": []}
    goede_klaar, alles_klaar = asyncio.Event(), asyncio.Event()
    goede = [voorbeeld("aanmelding", trajectId=f"AMS-BUDGET-{n}") for n in range(10)]
    stand_bij_goede: list[int] = []

    def teller(afzender: str):
        async def bij_retour(msg) -> None:
            beantwoord[afzender].append(json.loads(msg.data))
            if afzender == "gemeente" and len(beantwoord["gemeente"]) == len(goede):
                stand_bij_goede.append(len(beantwoord["a-rea"]))
                goede_klaar.set()
            if len(beantwoord["a-rea"]) == STOOT and goede_klaar.is_set():
                alles_klaar.set()
        return bij_retour

    await overspoeler.subscribe(subject_retour("a-rea"), cb=teller("a-rea"))
    await gemeente.subscribe(subject_retour("gemeente"), cb=teller("gemeente"))
    try:
        js = overspoeler.jetstream()
        await asyncio.gather(*[await js.publish_async("hub.in.a-rea.0", _diep()) for _ in range(STOOT)])
        gjs = gemeente.jetstream()
        for bericht in goede:
            await gjs.publish("hub.in.gemeente.0", als_bytes(bericht), headers={"Nats-Msg-Id": bericht["berichtId"]})
        await asyncio.wait_for(goede_klaar.wait(), 30)
        assert all(r["status"] == "geaccepteerd" for r in beantwoord["gemeente"])
        assert stand_bij_goede[0] < STOOT // 2
        # Geparkeerd is niet weggegooid: de hele stoot krijgt zijn afwijzing.
        await asyncio.wait_for(alles_klaar.wait(), 60)
        assert {r["fouten"][0]["code"] for r in beantwoord["a-rea"]} == {"SCHEMA"}
    finally:
        await overspoeler.close()
        await gemeente.close()
