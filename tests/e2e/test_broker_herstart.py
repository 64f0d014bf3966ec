"""De ingebouwde nats-server sterft (kill -9) terwijl de hub draait: de hub start hem opnieuw, de werker verbindt
opnieuw en verwerkt wat daarna komt, zonder iets te verliezen of dubbel vast te leggen."""

from __future__ import annotations

import asyncio
import os
import signal

from hub.koppelingen.broker.afzender import stuur_inhoud
from hub.koppelingen.broker.nats_server import _leeft
from tests.e2e.conftest import als_bytes, voorbeeld


async def _wacht(voorwaarde, seconden: float = 30) -> None:
    for _ in range(int(seconden / 0.1)):
        if voorwaarde():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("voorwaarde niet bereikt")


async def test_hub_start_zijn_gestorven_broker_opnieuw_en_verwerkt_verder(draaiende_hub):
    hub = draaiende_hub
    url = hub.url
    voor = voorbeeld("aanmelding")
    [retour] = await stuur_inhoud(url, "gemeente", hub.identiteiten, [als_bytes(voor)], wachttijd=15)
    assert retour["status"] == "geaccepteerd"

    oude_pid = hub.server.pid
    os.kill(oude_pid, signal.SIGKILL)
    await _wacht(lambda: not _leeft(oude_pid) or hub.server.pid != oude_pid)
    await _wacht(lambda: hub.server.draait and hub.server.pid != oude_pid and hub.server.url == url)

    na = voorbeeld("aanmelding", trajectId="AMS-2024-0099")
    [retour_na, herhaald] = await stuur_inhoud(url, "gemeente", hub.identiteiten, [als_bytes(na), als_bytes(voor)],
                                               wachttijd=30)
    assert retour_na["status"] == "geaccepteerd", retour_na
    assert retour_na["berichtId"] == na["berichtId"]
    assert herhaald["berichtId"] == voor["berichtId"] and herhaald["status"] == "geaccepteerd"
