"""Een draaiende hub houdt de leesmodellen bij en schrijft ze weg bij het stoppen."""

from __future__ import annotations

import asyncio

from hub.koppelingen.afzender import stuur_inhoud
from hub.koppelingen.draaiende_hub import DraaiendeHub
from hub.koppelingen.leesmodellen import Leesmodellen
from hub.projections.register import alle_projecties, gemeentemodel

from tests.e2e.conftest import als_bytes, voorbeeld


async def test_leesmodellen_volgen_de_eventstore_en_staan_na_stoppen_op_schijf(instellingen, catalogus):
    async with DraaiendeHub(instellingen, catalogus, poort=None, leesmodel_interval=0.2) as hub:
        [retour] = await stuur_inhoud(hub.url, "gemeente", hub.identiteiten, [als_bytes(voorbeeld("aanmelding"))])
        assert retour["status"] == "geaccepteerd"
        await asyncio.sleep(0.5)
        laatste = hub.hub.recorder.max_notification_id()
    leesmodellen = Leesmodellen(instellingen.data / "leesmodellen")
    for projectie in alle_projecties(catalogus):
        leesmodellen.laad(projectie)
        assert projectie.positie == laatste, projectie.naam
    amstelveen = gemeentemodel(catalogus, "amstelveen")
    leesmodellen.per_gemeente().laad(amstelveen)
    assert amstelveen.positie == laatste
