"""`hub serve` en `hub web` blijven draaien met grote leesmodellen in het geheugen: hun garbage collector begint pas
na `GC_DREMPEL` nieuwe objecten aan een ronde, niet na de 700 van Python (zie `hub.bootstrap.als_dienst`)."""

from __future__ import annotations

import argparse
import contextlib
import gc

import pytest

from hub.bootstrap import GC_DREMPEL, Onderdelen
from hub.cli import berichten, web


@pytest.fixture
def drempels():
    oud = gc.get_threshold()
    gc.set_threshold(700)
    yield
    gc.set_threshold(*oud)


class _GeenBroker:
    @contextlib.asynccontextmanager
    async def draaiende_hub(self, poort):
        raise ConnectionError("geen broker in deze test")
        yield


def test_hub_serve_draait_als_dienst(drempels):
    args = argparse.Namespace(poort=4222, zonder_web=True, web_poort=None)
    assert berichten._serve(args, _GeenBroker()) == 1
    assert gc.get_threshold()[0] == GC_DREMPEL


def test_hub_web_draait_als_dienst(drempels, instellingen, monkeypatch):
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: None)
    args = argparse.Namespace(data=None, poort=8123, adres="127.0.0.1", ouder=None)
    assert web._web(args, Onderdelen(instellingen)) == 0
    assert gc.get_threshold()[0] == GC_DREMPEL
