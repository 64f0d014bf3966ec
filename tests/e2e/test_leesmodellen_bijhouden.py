"""Een draaiende hub houdt de leesmodellen bij en schrijft ze weg bij het stoppen, in de database van de eventstore."""

from __future__ import annotations

import asyncio

from hub.bootstrap import bootstrap
from hub.koppelingen.broker.afzender import stuur_inhoud
from hub.projections.register import gemeentemodellen
from tests.e2e.conftest import als_bytes, voorbeeld


async def test_leesmodellen_volgen_de_eventstore_en_staan_na_stoppen_in_de_database(instellingen, catalogus):
    async with bootstrap(instellingen).draaiende_hub(leesmodel_interval=0.2) as hub:
        [retour] = await stuur_inhoud(hub.url, "gemeente", hub.identiteiten, [als_bytes(voorbeeld("aanmelding"))])
        assert retour["status"] == "geaccepteerd"
        await asyncio.sleep(0.5)
        laatste = hub.hub.recorder.max_notification_id()
    opslag = bootstrap(instellingen).leesmodelopslag.per_gemeente()
    modellen = gemeentemodellen(catalogus)
    for model in modellen:
        opslag.laad(model)
        assert model.positie == laatste, model.naam
    assert all(m.eigen for m in modellen if m.gemeente == "amstelveen"), "de aanmelding hoort bij Amstelveen"

