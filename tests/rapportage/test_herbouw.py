"""Bijwerken in stappen met herstarts geeft dezelfde leesmodellen als herbouwen vanaf nul."""

from __future__ import annotations

from hub.bootstrap import open_hub
from hub.instellingen import Instellingen
from hub.koppelingen.opslag.leesmodellen import Leesmodellen, werk_bij
from hub.projections.register import gemeentemodellen
from tests.rapportage import scenario
from tests.rapportage.conftest import PROJECT


def _toestanden(projecties) -> dict[str, dict]:
    return {p.naam: p.toestand() for p in projecties}


def test_stapsgewijs_met_herstarts_gelijk_aan_herbouw(tmp_path, catalogus_rapport):
    hub = open_hub(Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts"))
    opslag = Leesmodellen(tmp_path / "stapsgewijs")
    for stap, _ in enumerate(scenario.alles(hub), start=1):
        if stap % 2:
            werk_bij(hub, gemeentemodellen(catalogus_rapport), opslag)
    stapsgewijs = gemeentemodellen(catalogus_rapport)
    werk_bij(hub, stapsgewijs, opslag)

    herbouwd = gemeentemodellen(catalogus_rapport)
    werk_bij(hub, herbouwd, Leesmodellen(tmp_path / "herbouw"))

    laatste = hub.recorder.max_notification_id()
    assert [p.positie for p in stapsgewijs] == [laatste] * len(stapsgewijs)
    assert [p.positie for p in herbouwd] == [laatste] * len(herbouwd)
    assert _toestanden(stapsgewijs) == _toestanden(herbouwd)


def test_herstart_telt_niets_dubbel(tmp_path, catalogus_rapport):
    hub = open_hub(Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts"))
    scenario.bouw(hub)
    opslag = Leesmodellen(tmp_path / "lm")
    eerste = gemeentemodellen(catalogus_rapport)
    werk_bij(hub, eerste, opslag)
    tweede = gemeentemodellen(catalogus_rapport)
    assert werk_bij(hub, tweede, opslag) == 0
    assert _toestanden(eerste) == _toestanden(tweede)
