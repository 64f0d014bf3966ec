"""De geschaalde vorm: drie nats-servers, PostgreSQL en twee werkers; midden in de stroom sterven een werker en
een nats-server (kill -9). Elk bericht precies één keer verwerkt (één retour, één Ontvangst) en elk traject in
volgorde (geen enkele afwijzing: een bericht dat vóór zijn voorganger verwerkt werd, zou afgewezen worden)."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter

import nats
import pytest

from hub.koppelingen.broker.draaiende_hub import afzenders
from hub.koppelingen.broker.identiteiten import Identiteiten
from hub.koppelingen.broker.streams import ACK_WAIT, verbind_afzender
from hub.koppelingen.broker.subjects import STREAM_OUT, STREAM_WERK
from hub.koppelingen.opslag.contractbestanden import laad_catalogus
from tests.cluster.opstelling import PROJECT, Opstelling, publiceer, trajecten

pytestmark = [pytest.mark.cluster, pytest.mark.broker]

TRAJECTEN = 500


@pytest.fixture
def opstelling(tmp_path, postgres_server):
    opstelling = Opstelling(tmp_path, postgres_server.omgeving(postgres_server.nieuwe_database()))
    yield opstelling
    opstelling.stop()


async def _retouren(opstelling: Opstelling, afzender: str) -> list[dict]:
    """Alles wat in HUB_OUT als retour voor deze afzender staat (gelezen als de hub)."""
    nc = await nats.connect(servers=opstelling.url.split(","), user="hub", password=opstelling.wachtwoord)
    try:
        js = nc.jetstream()
        sub = await js.pull_subscribe(f"hub.out.{afzender}.retour", stream=STREAM_OUT)
        retouren: list[dict] = []
        while True:
            try:
                berichten = await sub.fetch(1000, timeout=1)
            except TimeoutError:  # nats-py geeft soms de ingebouwde, soms zijn eigen TimeoutError
                return retouren
            retouren += [json.loads(m.data) for m in berichten]
            for m in berichten:
                await m.ack()
    finally:
        await nc.close()


async def test_cluster_met_uitval_van_een_werker_en_een_server(opstelling, postgres_server):
    opstelling.start_cluster()
    await opstelling.wacht_op_cluster()
    opstelling.maak_eventstore()
    for _ in range(2):
        await opstelling.wacht_op_werker(opstelling.start_werker())
    identiteiten = Identiteiten.laad_of_maak(opstelling.beheer, afzenders(laad_catalogus(PROJECT / "contracts")))
    gemeente = await verbind_afzender(opstelling.url, "gemeente", identiteiten)
    provider = await verbind_afzender(opstelling.url, "matchez", identiteiten)
    aanmeldingen, stappen = trajecten(TRAJECTEN)
    totaal = len(aanmeldingen) + sum(len(stap) for stap in stappen)
    try:
        # De provider kent een traject pas na de aanmelding (de hub stuurt hem door); daarna stuurt hij elke
        # stap van elk traject zonder op retouren te wachten.
        await publiceer(gemeente, "gemeente", aanmeldingen)
        await opstelling.wacht_op_retouren(len(aanmeldingen), 60)
        for n, stap in enumerate(stappen):
            await publiceer(provider, "matchez", stap)
            if n == 1:
                opstelling.werkers[0].kill()
                opstelling.servers[1].kill()
        await opstelling.wacht_op_retouren(totaal, 100)
    finally:
        await gemeente.close()
        await provider.close()

    retouren = await _retouren(opstelling, "gemeente") + await _retouren(opstelling, "matchez")
    per_bericht = Counter(r["berichtId"] for r in retouren)
    verstuurd = {b["berichtId"] for b in aanmeldingen} | {b["berichtId"] for stap in stappen for b in stap}
    assert set(per_bericht) == verstuurd
    assert max(per_bericht.values()) == 1, [b for b, n in per_bericht.items() if n > 1][:5]
    afgewezen = [r for r in retouren if r["status"] != "geaccepteerd"]
    assert afgewezen == [], afgewezen[:3]

    db = opstelling.pg_omgeving["HUB_POSTGRES_DB"]
    [(ontvangsten,)] = postgres_server.sql(
        "SELECT count(*) FROM hub_events WHERE topic LIKE '%Ontvangst%' AND originator_version = 1", db)
    assert ontvangsten == totaal
    # Per traject vijf feiten (aanmelding, oproep, intake, plaatsing, nazorg), dus versie 5.
    versies = postgres_server.sql(
        "SELECT max(originator_version) FROM hub_events WHERE topic LIKE '%Traject%' GROUP BY originator_id", db)
    assert Counter(v for (v,) in versies) == {5: TRAJECTEN}
    # Een bevestiging aan de nats-server die stierf, ging verloren: de broker biedt die werkportie na ACK_WAIT opnieuw
    # aan, de werker herkent haar berichten (dezelfde Ontvangst, dezelfde retour) en bevestigt haar dan.
    nc = await nats.connect(servers=opstelling.url.split(","), user="hub", password=opstelling.wachtwoord)
    try:
        einde = time.monotonic() + 4 * ACK_WAIT
        while (over := (await nc.jetstream().stream_info(STREAM_WERK)).state.messages) and time.monotonic() < einde:
            await asyncio.sleep(0.5)
        assert over == 0, f"{over} werkporties niet bevestigd"
    finally:
        await nc.close()
