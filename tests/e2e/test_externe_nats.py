"""Met HUB_NATS_URL gebruikt de hub een bestaande NATS-server en start hij er zelf geen."""

from __future__ import annotations

from hub.bootstrap import bootstrap
from hub.koppelingen.broker.afzender import stuur_inhoud
from hub.koppelingen.broker.draaiende_hub import afzenders
from hub.koppelingen.broker.nats_server import EmbeddedNats
from tests.e2e.conftest import als_bytes, voorbeeld


async def test_hub_gebruikt_een_bestaande_nats(instellingen, catalogus, tmp_path):
    async with EmbeddedNats(tmp_path / "extern", afzenders(catalogus), port=None) as extern:
        extern_instellingen = instellingen.met( nats_url=extern.url, nats_user="hub", nats_password=extern.identiteiten.hub_wachtwoord
        )
        async with bootstrap(extern_instellingen).draaiende_hub() as hub:
            assert hub.server is None and hub.url == extern.url
            [retour] = await stuur_inhoud(extern.url, "gemeente", extern.identiteiten, [als_bytes(voorbeeld("aanmelding"))])
            assert retour["status"] == "geaccepteerd"
        assert not (instellingen.data / "nats" / "nats-server.pid").exists()
