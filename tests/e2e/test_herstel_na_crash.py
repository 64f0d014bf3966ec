"""Een werker die sterft tussen opslaan en bevestigen: na de herstart precies één feit en één retour."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

from hub.bootstrap import bootstrap
from hub.koppelingen.broker.afzender import ontvang
from hub.koppelingen.broker.draaiende_hub import afzenders
from hub.koppelingen.broker.identiteiten import Identiteiten
from hub.koppelingen.broker.streams import verbind_afzender
from hub.koppelingen.broker.subjects import sleutel_traject, subject_in
from tests.e2e.conftest import als_bytes, voorbeeld

STERVENDE_HUB = """
import asyncio, os
from hub.instellingen import Instellingen
from hub.koppelingen.broker import werker
from hub.bootstrap import bootstrap

def sterf(self, levering):
    os._exit(3)  # na het opslaan, vóór retour en ack

werker.Werker._beantwoord = sterf

async def main():
    instellingen = Instellingen.uit_omgeving()
    async with bootstrap(instellingen).draaiende_hub(ack_wait=2.0):
        await asyncio.sleep(60)

asyncio.run(main())
"""


async def _wacht_op_url(bestand, proces, tijd: float = 20.0) -> str:
    einde = time.monotonic() + tijd
    while time.monotonic() < einde:
        if bestand.exists() and bestand.read_text().strip():
            return bestand.read_text().strip()
        assert proces.poll() is None, proces.stderr.read() if proces.stderr else ""
        await asyncio.sleep(0.05)
    raise AssertionError("de hub startte niet")


async def test_werker_gedood_tussen_opslaan_en_ack(instellingen, catalogus):
    env = {**os.environ, "HUB_DATA": str(instellingen.data), "HUB_CONTRACTEN": str(instellingen.contracten)}
    proces = subprocess.Popen([sys.executable, "-c", STERVENDE_HUB], env=env, stderr=subprocess.PIPE, text=True)
    url = await _wacht_op_url(instellingen.data / "hub.url", proces)
    identiteiten = Identiteiten.laad_of_maak(instellingen.data, afzenders(catalogus))
    aanmelding = voorbeeld("aanmelding")
    nc = await verbind_afzender(url, "gemeente", identiteiten)
    await nc.jetstream().publish(subject_in("gemeente", sleutel_traject("amstelveen", aanmelding["trajectId"])),
                                 als_bytes(aanmelding), headers={"Nats-Msg-Id": aanmelding["berichtId"]})
    await nc.close()
    assert await asyncio.to_thread(proces.wait, 30) == 3

    async with bootstrap(instellingen).draaiende_hub(ack_wait=2.0) as hub:
        einde = time.monotonic() + 20
        retouren: list[dict] = []
        while time.monotonic() < einde and not retouren:
            retouren += [b for b in await ontvang(hub.url, "gemeente", hub.identiteiten) if b.get("berichtId") == aanmelding["berichtId"]]
        assert [r["status"] for r in retouren] == ["geaccepteerd"]
        await asyncio.sleep(2.5)
        later = [b for b in await ontvang(hub.url, "gemeente", hub.identiteiten) if b.get("berichtId") == aanmelding["berichtId"]]
        assert later == []
        assert hub.hub.traject("amstelveen", aanmelding["trajectId"]).version == 1
        inbox = [b for b in await ontvang(hub.url, "matchez", hub.identiteiten) if b.get("berichtId") == aanmelding["berichtId"]]
        assert len(inbox) == 1
