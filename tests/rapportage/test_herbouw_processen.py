"""`hub projecties herbouw` verdeelt de gemeenten over processen; het resultaat is gelijk aan herbouwen in één proces."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from functools import partial

import pytest

from hub.bootstrap import bron_voor_hulpproces, open_hub
from hub.cli import main
from hub.instellingen import Instellingen
from hub.koppelingen.opslag import herbouw as hb
from hub.koppelingen.opslag.eventstore import nieuwe_sleutel
from hub.koppelingen.opslag.leesmodellen import Leesmodellen
from hub.projections.factuurcontrole import Factuurcontrole
from hub.projections.register import gemeentemodellen
from hub.toepassing.leesmodelbeheer import Leesmodelbeheer
from tests.rapportage import scenario
from tests.rapportage.conftest import PROJECT
from tests.rapportage.test_gemeentemodel import _buren


def _geladen(catalogus, map_, sleutel=None):
    modellen = gemeentemodellen(catalogus)
    for model in modellen:
        Leesmodellen(map_, sleutel).per_gemeente().laad(model)
    return modellen


@pytest.mark.parametrize("sleutel", [None, nieuwe_sleutel()], ids=["zonder sleutel", "met sleutel"])
def test_in_twee_processen_gelijk_aan_in_een(tmp_path, catalogus_rapport, monkeypatch, sleutel):
    instellingen = Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts", sleutel=sleutel)
    hub = open_hub(instellingen)
    for stap, _ in enumerate(scenario.alles(hub)):
        _buren(hub, stap)
    laatste = hub.recorder.max_notification_id()
    monkeypatch.setattr(hb, "PARALLEL_VANAF", 0)

    een = hb.herbouw(hub, catalogus_rapport, Leesmodellen(tmp_path / "een", sleutel), processen=1, bron=partial(bron_voor_hulpproces, instellingen))
    twee = hb.herbouw(hub, catalogus_rapport, Leesmodellen(tmp_path / "twee", sleutel), processen=2, bron=partial(bron_voor_hulpproces, instellingen))

    assert (een.processen, twee.processen) == (1, 2)
    assert een.events == twee.events == laatste
    for a, b in zip(_geladen(catalogus_rapport, tmp_path / "een", sleutel), _geladen(catalogus_rapport, tmp_path / "twee", sleutel),
                    strict=True):
        assert a.naam == b.naam
        assert a.positie == b.positie == laatste
        assert a.eigen == b.eigen
        [deel_a], [deel_b] = a.delen, b.delen
        if isinstance(deel_a, Factuurcontrole):
            assert deel_a.facturen() == deel_b.facturen()
        else:
            assert deel_a.toestand() == deel_b.toestand()
    assert all(m.eigen for m in _geladen(catalogus_rapport, tmp_path / "twee", sleutel) if m.gemeente == scenario.G)


def test_kleine_eventstore_herbouwt_in_het_eigen_proces(tmp_path, catalogus_rapport):
    instellingen = Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts")
    hub = open_hub(instellingen)
    scenario.bouw(hub)
    assert hub.recorder.max_notification_id() < hb.PARALLEL_VANAF
    assert hb.herbouw(hub, catalogus_rapport, Leesmodellen(tmp_path / "lm"), processen=2, bron=partial(bron_voor_hulpproces, instellingen)).processen == 1


EENHEDEN = [(g, d) for g in ("aalsmeer", "amstelveen", "heemstede") for d in ("factuurcontrole", "kwartaalfeiten", "termijnbewaking")]


def test_verdeel_eerst_per_soort_leesmodel_over_alle_gemeenten():
    gewicht = {("amstelveen", "factuurcontrole"): 28, ("heemstede", "factuurcontrole"): 20, ("aalsmeer", "factuurcontrole"): 9,
               ("amstelveen", "kwartaalfeiten"): 11, ("amstelveen", "termijnbewaking"): 11}
    twee = hb.verdeel(EENHEDEN, gewicht, 2)
    assert [sorted({d for _, d in groep}) for groep in twee] == [["factuurcontrole"], ["kwartaalfeiten", "termijnbewaking"]]
    assert sorted(e for groep in twee for e in groep) == sorted(EENHEDEN)
    assert [len(groep) for groep in hb.verdeel(EENHEDEN, {}, 3)] == [3, 3, 3]
    zonder_bestanden = hb.verdeel(EENHEDEN, {}, 2)
    assert [sorted({d for _, d in groep}) for groep in zonder_bestanden] == [["factuurcontrole"], ["kwartaalfeiten", "termijnbewaking"]]
    assert hb.verdeel(EENHEDEN, gewicht, 1) == [sorted(EENHEDEN)]
    assert hb.verdeel(EENHEDEN, gewicht, 0) == [sorted(EENHEDEN)]


def test_meer_processen_dan_soorten_verdeelt_per_gemeente_en_soort():
    gewicht = {("amstelveen", "factuurcontrole"): 30}
    vier = hb.verdeel(EENHEDEN, gewicht, 4)
    assert len(vier) == 4
    assert [("amstelveen", "factuurcontrole")] in vier
    assert sorted(e for groep in vier for e in groep) == sorted(EENHEDEN)


def test_een_gestopt_proces_geeft_een_duidelijke_melding(wereld, monkeypatch, capsys):
    def stopt(*_, **__):
        raise BrokenProcessPool("proces gestopt")

    instellingen = wereld[0]
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))
    monkeypatch.setenv("HUB_CONTRACTEN", str(instellingen.contracten))
    monkeypatch.setattr(Leesmodelbeheer, "herbouw", stopt)
    assert main(["projecties", "herbouw"]) == 1
    assert "--processen 1" in capsys.readouterr().err
