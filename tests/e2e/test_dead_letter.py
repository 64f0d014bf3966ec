"""Een bericht dat onverwacht blijft mislukken, wordt opnieuw aangeboden en landt dan met reden op hub.dlq."""

from __future__ import annotations

import asyncio
import time

from hub.koppelingen.broker import werker
from hub.koppelingen.broker.afzender import stuur_inhoud
from hub.koppelingen.broker.dlq import lees_dlq
from tests.e2e.conftest import als_bytes, voorbeeld


async def test_onverwerkbaar_bericht_gaat_na_herhaalde_pogingen_naar_de_dlq(draaiende_hub, monkeypatch):
    monkeypatch.setattr(werker, "HERKANS_PAUZE", 0.1)
    pogingen = []

    def kapot(reeks):
        pogingen.append(len(reeks))
        raise RuntimeError("opslag onbereikbaar")

    monkeypatch.setattr(draaiende_hub.werker.verwerker, "verwerk_reeks", kapot)
    aanmelding = voorbeeld("aanmelding")
    # Korter dan de (MAX_LEVERINGEN - 1) * HERKANS_PAUZE = 0,4 s tot de DLQ: dan is er nog geen retour.
    [retour] = await stuur_inhoud(draaiende_hub.url, "gemeente", draaiende_hub.identiteiten, [als_bytes(aanmelding)], wachttijd=0.2)
    assert retour["status"] == "onbekend"

    einde = time.monotonic() + 30
    berichten: list[dict] = []
    while time.monotonic() < einde and not berichten:
        await asyncio.sleep(0.5)
        berichten = await lees_dlq(draaiende_hub.url, draaiende_hub.identiteiten)
    [dood] = berichten
    # De broker telt leveringen; onder zware belasting bereikt een levering de werker soms niet (ze komt na ack_wait
    # terug) en telt toch mee. Daarom niet precies MAX_LEVERINGEN pogingen.
    assert 1 < len(pogingen) <= werker.MAX_LEVERINGEN
    assert dood["afzender"] == "gemeente" and int(dood["pogingen"]) >= werker.MAX_LEVERINGEN
    assert "opslag onbereikbaar" in dood["reden"]
    assert aanmelding["berichtId"] in dood["inhoud"]
    assert draaiende_hub.hub.zoek_traject("amstelveen", aanmelding["trajectId"]) is None


async def test_onverwerkbare_berichten_van_twee_afzenders_komen_allebei_op_de_dlq(draaiende_hub, monkeypatch):
    """Elk het eerste bericht in zijn eigen intake-stream, dus met hetzelfde volgnummer."""
    monkeypatch.setattr(werker, "HERKANS_PAUZE", 0.1)

    def kapot(reeks):
        raise RuntimeError("opslag onbereikbaar")

    monkeypatch.setattr(draaiende_hub.werker.verwerker, "verwerk_reeks", kapot)
    await asyncio.gather(
        stuur_inhoud(draaiende_hub.url, "gemeente", draaiende_hub.identiteiten, [als_bytes(voorbeeld("aanmelding"))],
                     wachttijd=0.5),
        stuur_inhoud(draaiende_hub.url, "matchez", draaiende_hub.identiteiten, [als_bytes(voorbeeld("intake"))],
                     wachttijd=0.5),
    )
    einde = time.monotonic() + 30
    berichten: list[dict] = []
    while time.monotonic() < einde and len(berichten) < 2:
        await asyncio.sleep(0.5)
        berichten = await lees_dlq(draaiende_hub.url, draaiende_hub.identiteiten)
    assert sorted(b["afzender"] for b in berichten) == ["gemeente", "matchez"]


async def test_een_weggevallen_eventstore_laat_het_bericht_wachten_niet_op_de_dlq(draaiende_hub, monkeypatch):
    """Langer weg dan MAX_LEVERINGEN pogingen: geen NIET_VERWERKT, maar verwerkt zodra de opslag terug is."""
    from eventsourcing.persistence import OperationalError

    monkeypatch.setattr(werker, "HERKANS_PAUZE", 0.05)
    monkeypatch.setattr(werker, "OPSLAG_PAUZE", 0.05)
    echt = draaiende_hub.werker.verwerker.verwerk_reeks
    pogingen = []

    def eerst_weg(reeks):
        pogingen.append(len(reeks))
        if len(pogingen) <= 3 * werker.MAX_LEVERINGEN:
            raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
        return echt(reeks)

    monkeypatch.setattr(draaiende_hub.werker.verwerker, "verwerk_reeks", eerst_weg)
    aanmelding = voorbeeld("aanmelding")
    [retour] = await stuur_inhoud(draaiende_hub.url, "gemeente", draaiende_hub.identiteiten, [als_bytes(aanmelding)],
                                  wachttijd=30)
    assert retour["status"] == "geaccepteerd", retour
    assert len(pogingen) > 3 * werker.MAX_LEVERINGEN
    assert draaiende_hub.hub.zoek_traject("amstelveen", aanmelding["trajectId"]) is not None
    assert await lees_dlq(draaiende_hub.url, draaiende_hub.identiteiten) == []
