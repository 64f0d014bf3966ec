"""Een fout halverwege het bijwerken laat de leesmodellen van een draaiende hub niets dubbel tellen."""

from __future__ import annotations

import pytest

from hub.aggregates.traject import Traject
from hub.bootstrap import open_hub
from hub.instellingen import Instellingen
from hub.koppelingen.opslag import leesmodellen as lm
from hub.koppelingen.opslag.leesmodelbijhouder import Leesmodelbijhouder
from hub.projections.kwartaal import Kwartaalfeiten
from hub.projections.register import gemeentemodellen
from tests.rapportage import scenario
from tests.rapportage.conftest import PROJECT


def _toestanden(modellen) -> dict:
    return {m.naam: m.delen[0].toestand() for m in modellen if isinstance(m.delen[0], Kwartaalfeiten)}


def test_na_een_fout_verder_vanaf_het_bewaarde_zonder_dubbel_tellen(tmp_path, catalogus_rapport, monkeypatch):
    hub = open_hub(Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts"))
    origineel = Kwartaalfeiten._traject_feit
    fouten: list[Exception] = []
    gezien: list[object] = []

    def eenmaal_kapot(self, e):
        """Faalt bij de tweede voortgang nadat er een fout klaarstaat: de eerste is dan al verwerkt."""
        if fouten and isinstance(e, Traject.VoortgangGerapporteerd):
            gezien.append(e)
            if len(gezien) == 2:
                raise fouten.pop()
        origineel(self, e)

    monkeypatch.setattr(Kwartaalfeiten, "_traject_feit", eenmaal_kapot)
    stappen = scenario.alles(hub)
    next(stappen)
    bijhouder = Leesmodelbijhouder(hub, catalogus_rapport, lm.Leesmodellen(tmp_path / "lm"))
    bijhouder.bij(bewaar=True)
    for _ in stappen:
        pass

    monkeypatch.setattr(lm, "BLOK", 10_000)
    fouten.append(RuntimeError("schijf even weg"))
    with pytest.raises(RuntimeError):
        bijhouder.bij()
    assert not fouten
    bijhouder.bij()

    herbouwd = gemeentemodellen(catalogus_rapport)
    lm.werk_gemeenten_bij(hub, herbouwd)
    assert _toestanden(m for m, _ in bijhouder.opslagen) == _toestanden(herbouwd)
    assert {m.positie for m, _ in bijhouder.opslagen} == {hub.recorder.max_notification_id()}
