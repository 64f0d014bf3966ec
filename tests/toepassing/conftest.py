from __future__ import annotations

import pytest

from tests.factuur.wereld import Wereld


@pytest.fixture
def wereld(hub, catalogus, instellingen) -> Wereld:
    return Wereld(hub, catalogus, instellingen.data)
