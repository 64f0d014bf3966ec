from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from hub.bootstrap import bootstrap
from tests.conftest import PROJECT

VOORBEELDEN = PROJECT / "berichten" / "voorbeelden" / "geldig"


def voorbeeld(naam: str, **anders) -> dict:
    data = json.loads((VOORBEELDEN / f"{naam}.json").read_text(encoding="utf-8"))
    data["berichtId"] = str(uuid.uuid4())
    data.update(anders)
    return data


def als_bytes(data: dict) -> bytes:
    return json.dumps(data).encode()


@pytest.fixture
async def draaiende_hub(instellingen, catalogus):
    async with bootstrap(instellingen).draaiende_hub(ack_wait=2.0) as hub:
        yield hub


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent.name == "e2e":
            item.add_marker(pytest.mark.broker)
