"""Het kwartaalrapport uit het uittreksel per gemeente is gelijk aan dat uit de volledige leesmodellen."""

from __future__ import annotations

from hub.instellingen import Instellingen
from hub.koppelingen.leesmodellen import Leesmodellen
from hub.koppelingen.rapport.bron import kwartaalrapport
from hub.projections.register import alle_projecties
from hub.toepassing import open_hub
from tests.rapportage import scenario
from tests.rapportage.conftest import PROJECT


def test_uittreksel_geeft_hetzelfde_rapport_en_volgt_nieuwe_events(tmp_path, catalogus_rapport):
    hub = open_hub(Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts"))
    opslag = Leesmodellen(tmp_path / "lm")
    stappen = scenario.alles(hub)
    next(stappen)
    for _ in stappen:
        volledig = kwartaalrapport(hub, catalogus_rapport, opslag, scenario.G, "2020-Q2")
        assert (tmp_path / "lm" / "rapport" / f"{scenario.G}.pickle").exists()
        uit_uittreksel = kwartaalrapport(hub, catalogus_rapport, opslag, scenario.G, "2020-Q2")
        zonder_opslag = kwartaalrapport(hub, catalogus_rapport, None, scenario.G, "2020-Q2", projecties=alle_projecties(catalogus_rapport))
        assert uit_uittreksel == volledig == zonder_opslag
    assert volledig.bevindingen_beschikbaar
