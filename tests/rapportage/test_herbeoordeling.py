"""Het oordeel van de factuurcontrole hangt niet af van wanneer er gelezen of herstart wordt."""

from __future__ import annotations

from hub.bootstrap import open_hub
from hub.instellingen import Instellingen
from hub.koppelingen.opslag.leesmodellen import Leesmodellen, werk_bij
from hub.projections.factuurcontrole import Factuurcontrole
from tests.rapportage import scenario
from tests.rapportage.conftest import PROJECT


def test_stapsgewijs_lezen_en_herstarten_gelijk_aan_herbouw(tmp_path, catalogus_rapport):
    hub = open_hub(Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts"))
    opslag = Leesmodellen(tmp_path / "stapsgewijs")
    doorlopend = Factuurcontrole(catalogus_rapport)
    for stap, _ in enumerate(scenario.alles(hub)):
        werk_bij(hub, [doorlopend])
        if stap % 3 == 0:
            doorlopend.facturen()
        if stap % 2:
            herstart = Factuurcontrole(catalogus_rapport)
            werk_bij(hub, [herstart], opslag)
            if stap % 4 == 1:
                herstart.facturen()
                opslag.bewaar(herstart)
    herstart = Factuurcontrole(catalogus_rapport)
    werk_bij(hub, [herstart], opslag)

    herbouwd = Factuurcontrole(catalogus_rapport)
    werk_bij(hub, [herbouwd])
    assert herbouwd.facturen()
    assert doorlopend.facturen() == herbouwd.facturen()
    assert herstart.facturen() == herbouwd.facturen()


def test_na_laden_opnieuw_getoetst_alleen_als_de_contracten_anders_zijn(tmp_path, catalogus_rapport, monkeypatch):
    from hub.projections import factuurcontrole as module

    hub = open_hub(Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts"))
    scenario.bouw(hub)
    opslag = Leesmodellen(tmp_path / "lm")
    werk_bij(hub, [Factuurcontrole(catalogus_rapport)], opslag)
    getoetst: list = []
    origineel = module.controleer_factuur
    monkeypatch.setattr(module, "controleer_factuur", lambda *a: getoetst.append(a) or origineel(*a))

    zelfde = Factuurcontrole(catalogus_rapport)
    opslag.laad(zelfde)
    zelfde.facturen()
    assert getoetst == []

    monkeypatch.setattr(module, "vingerafdruk", lambda catalogus: "andere contracten")
    ander = Factuurcontrole(catalogus_rapport)
    opslag.laad(ander)
    assert ander.facturen() == zelfde.facturen()
    assert getoetst
