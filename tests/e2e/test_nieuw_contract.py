"""Een nieuw contract dat de inkoper in een ander proces vastlegt (`hub contracten nieuw … --toepassen`), geldt ook
in een hub die al draait: vóór het vastleggen weigert de werker een aanmelding voor een product uit dat contract,
erna accepteert hij haar. Echte nats-server, echte SQLite-eventstore, de opdrachtregel als eigen proces."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime

from argon2 import PasswordHasher

from hub.bootstrap import bootstrap
from hub.koppelingen.broker.afzender import stuur_inhoud
from hub.toepassing.gebruikers import Argon2, Gebruikers
from tests.contracten.test_nieuw_contract import WACHTWOORD, contractbestand
from tests.e2e.conftest import als_bytes, voorbeeld

AANMELDING = dict(gemeente="heemstede", trajectId="HMS-2025-0001", provider="agros", product="AG-WERKFIT",
                  datumAanmelding="2025-01-13")


async def _aanmelden(hub) -> dict:
    [retour] = await stuur_inhoud(hub.url, "gemeente", hub.identiteiten, [als_bytes(voorbeeld("aanmelding", **AANMELDING))],
                                  wachttijd=15)
    return retour


async def test_een_draaiende_werker_neemt_een_nieuw_contract_uit_een_ander_proces_over(instellingen, catalogus, tmp_path):
    onderdelen = bootstrap(instellingen)
    Gebruikers(onderdelen.eventstore, catalogus, lambda: datetime.now(UTC),
               Argon2(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))).maak(
        "rvisser", "R. Visser", WACHTWOORD, ["inkoper"], ["heemstede"])
    async with onderdelen.draaiende_hub(ack_wait=2.0, leesmodel_interval=0.2) as hub:
        voor = await _aanmelden(hub)
        assert voor["status"] == "afgewezen" and [f["code"] for f in voor["fouten"]] == ["ONBEKEND_PRODUCT"]

        env = {**os.environ, "HUB_DATA": str(instellingen.data), "HUB_CONTRACTEN": str(instellingen.contracten),
               "HUB_GEBRUIKER": "rvisser", "HUB_WACHTWOORD": WACHTWOORD}
        opdracht = [sys.executable, "-m", "hub", "contracten", "nieuw", str(contractbestand(tmp_path)),
                    "--reden", "Inkoopbesluit werkfit 2025", "--toepassen"]
        uitkomst = await asyncio.to_thread(subprocess.run, opdracht, env=env, capture_output=True, text=True, timeout=120)
        assert uitkomst.returncode == 0, uitkomst.stderr
        assert "Vastgelegd." in uitkomst.stdout and "die neemt de wijziging bij zijn volgende ronde over" in uitkomst.stdout

        for _ in range(300):  # de volgende ronde van de werker (hier elke 0,2 s); geen tijdseis, alleen een bovengrens
            if onderdelen.catalogus.contract("agros-heemstede-2025") is not None:
                break
            await asyncio.sleep(0.1)
        na = await _aanmelden(hub)
        assert na["status"] == "geaccepteerd", na
    traject = bootstrap(instellingen).eventstore.traject("heemstede", "HMS-2025-0001")
    assert traject.provider == "agros" and traject.product == "AG-WERKFIT"
