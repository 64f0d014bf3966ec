"""De eigen lezer van de notificatielog geeft dezelfde events als `select_notifications` + de mapper, op SQLite
en op PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from hub.aggregates.traject import Traject
from hub.bootstrap import open_hub
from hub.domein.clientgegevens import Clientgegevens
from hub.koppelingen.opslag.eventstore import nieuwe_sleutel
from hub.koppelingen.opslag.notificatielog import decoder, lezer
from hub.toepassing.eventstore import Hub


def _vul(hub: Hub) -> None:
    for nummer in range(1, 6):
        traject = Traject.meld_aan(gemeente="amstelveen", traject_id=f"AMS-{nummer}", provider="matchez", product="MZ-BNW3",
                                   datum_aanmelding=date(2024, 1, nummer), klantmanager="Sanne de Vries",
                                   reden_verwijzing="werk", client=Clientgegevens(bsn="123456782", naam="F. el Amrani"),
                                   product_bekend=True)
        traject.registreer_oproep(date(2024, 1, 10), date(2024, 1, 18), True)
        hub.save(traject)


def _via_bibliotheek(hub: Hub, start: int, aantal: int) -> list:
    return [(n.id, hub.mapper.to_domain_event(n)) for n in hub.recorder.select_notifications(start=start, limit=aantal)]


def _via_lezer(hub: Hub, start: int, aantal: int) -> list:
    decodeer = decoder(hub.mapper)
    return [(rij[0], decodeer(rij)) for rij in lezer(hub.recorder)(start, aantal)]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def opslag_instellingen(request, instellingen):
    return instellingen if request.param == "sqlite" else request.getfixturevalue("postgres_instellingen")


@pytest.mark.parametrize("versleuteld", [False, True])
def test_eigen_lezer_gelijk_aan_select_notifications(opslag_instellingen, versleuteld):
    hub = open_hub(opslag_instellingen.met(sleutel=nieuwe_sleutel()) if versleuteld else opslag_instellingen)
    _vul(hub)
    assert lezer(hub.recorder).__name__ != "lees", "SQLite en PostgreSQL lezen de rijen zelf"
    assert hub.recorder.max_notification_id() == 10
    for start, aantal in ((1, 100), (1, 3), (4, 4), (10, 5), (11, 5)):
        assert _via_lezer(hub, start, aantal) == _via_bibliotheek(hub, start, aantal)
    assert len(_via_lezer(hub, 1, 100)) == 10


def test_andere_eventstore_loopt_via_select_notifications():
    hub = Hub(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    _vul(hub)
    rijen = lezer(hub.recorder)(2, 3)
    assert [r[0] for r in rijen] == [2, 3, 4]
    assert _via_lezer(hub, 1, 100) == _via_bibliotheek(hub, 1, 100)
