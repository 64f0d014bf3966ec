from __future__ import annotations

import contextlib

import pytest

from hub.koppelingen.broker.nats_server import EmbeddedNats
from hub.koppelingen.broker.streams import declareer_streams, verbind_afzender, verbind_hub

AFZENDERS = ["matchez", "a-rea", "am-match", "gemeente"]


class Fouten:
    """Asynchrone fouten van de verbinding (error_cb); de server meldt rechtenschendingen zo."""

    def __init__(self) -> None:
        self.meldingen: list[str] = []

    async def bij_fout(self, fout: Exception) -> None:
        self.meldingen.append(str(fout))

    def permissie(self) -> list[str]:
        return [m for m in self.meldingen if "permissions violation" in m]


@pytest.fixture
async def server(tmp_path):
    async with EmbeddedNats(tmp_path, AFZENDERS, port=None) as nats_server:
        yield nats_server


@contextlib.asynccontextmanager
async def verbinding(server: EmbeddedNats, afzender: str | None = None, fouten: Fouten | None = None):
    opties = dict(allow_reconnect=False, error_cb=(Fouten() if fouten is None else fouten).bij_fout)
    if afzender is None:
        nc = await verbind_hub(server.url, server.identiteiten, **opties)
    else:
        nc = await verbind_afzender(server.url, afzender, server.identiteiten, **opties)
    try:
        yield nc
    finally:
        await nc.close()


@pytest.fixture
async def hub(server):
    async with verbinding(server) as nc:
        await declareer_streams(nc.jetstream(), AFZENDERS)
        yield nc
