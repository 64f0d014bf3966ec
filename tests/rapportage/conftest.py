from __future__ import annotations

from pathlib import Path

import pytest

from hub.bootstrap import open_hub
from hub.contracten.catalogus import Catalogus
from hub.instellingen import Instellingen
from hub.koppelingen.opslag.contractbestanden import laad_catalogus
from hub.koppelingen.opslag.leesmodellen import Leesmodellen, werk_bij
from hub.projections.kwartaal import Kwartaalfeiten
from hub.projections.register import zoek
from hub.projections.termijnbewaking import Termijnbewaking
from hub.rapportage import Rapporteur
from tests.rapportage import scenario
from tests.rapportage.ongesplitst import ongesplitst

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wereld(tmp_path_factory: pytest.TempPathFactory):
    """De scenario-eventstore, eenmaal per module opgebouwd en met alle projecties bijgewerkt."""
    data = tmp_path_factory.mktemp("wereld")
    instellingen = Instellingen(data=data, contracten=PROJECT / "contracts")
    hub = open_hub(instellingen)
    scenario.bouw(hub)
    catalogus = laad_catalogus(instellingen.contracten)
    projecties = ongesplitst(catalogus)
    werk_bij(hub, projecties, Leesmodellen(data / "leesmodellen"))
    return instellingen, hub, catalogus, projecties


@pytest.fixture(scope="module")
def rapporteur(wereld) -> Rapporteur:
    _, _, catalogus, projecties = wereld
    controle = next((p for p in projecties if type(p).__name__ == "Factuurcontrole"), None)
    return Rapporteur(zoek(projecties, Kwartaalfeiten), zoek(projecties, Termijnbewaking), catalogus,
                      controle.facturen() if controle is not None else None)


@pytest.fixture(scope="module")
def catalogus_rapport() -> Catalogus:
    return laad_catalogus(PROJECT / "contracts")
