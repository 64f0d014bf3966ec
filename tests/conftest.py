from __future__ import annotations

from pathlib import Path

import pytest

from hub.bootstrap import open_hub
from hub.contracten.catalogus import Catalogus
from hub.instellingen import Instellingen
from hub.koppelingen.opslag.contractbestanden import laad_catalogus
from hub.toepassing.eventstore import Hub

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"


@pytest.fixture(scope="session")
def catalogus() -> Catalogus:
    return laad_catalogus(PROJECT / "contracts")


@pytest.fixture
def instellingen(tmp_path: Path) -> Instellingen:
    return Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts")


@pytest.fixture
def hub(instellingen: Instellingen) -> Hub:
    return open_hub(instellingen)


pytest_plugins = ["tests.postgres_server"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    from tests.postgres_server import markeer_postgres

    markeer_postgres(items)
