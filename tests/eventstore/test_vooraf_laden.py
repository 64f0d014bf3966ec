"""Een werker laadt wat een reeks berichten nodig heeft in één vraag: de trajecten die de berichten noemen en de
Ontvangsten uit de eerste versie (onder de berichtId alleen), niet één vraag per bericht. Op SQLite en PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from hub.aggregates.ontvangst import Ontvangst
from hub.aggregates.traject import traject_uuid
from hub.berichten import lees_json
from hub.bootstrap import open_hub
from hub.toepassing.verwerking import Verwerker
from tests.cluster.opstelling import trajecten
from tests.postgres.test_eventstore import _traject


def _oude_ontvangst(bericht_id: str, afzender: str) -> Ontvangst:
    """Zoals de eerste versie haar opsloeg: onder de berichtId alleen."""
    b = uuid.UUID(bericht_id)
    return Ontvangst._create(Ontvangst.BerichtVerwerkt, id=b, bericht_id=b, afzender=afzender, soort="oproep",
                             ontvangen=datetime.now(UTC), sleutel="amstelveen/oud",
                             retour={"berichtId": bericht_id, "status": "geaccepteerd", "fouten": [], "signalen": []})


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def opslag_instellingen(request, instellingen):
    return instellingen if request.param == "sqlite" else request.getfixturevalue("postgres_instellingen")


def _tel_losse_vragen(hub, monkeypatch) -> list:
    vragen: list = []
    los = hub.recorder.select_events

    def geteld(*args, **kwargs):
        vragen.append(args)
        return los(*args, **kwargs)

    monkeypatch.setattr(hub.recorder, "select_events", geteld)
    return vragen


def test_haal_vele_geeft_wat_bestaat_zoals_een_losse_vraag_het_geeft(opslag_instellingen, monkeypatch):
    hub = open_hub(opslag_instellingen)
    hub.save(_traject("AV-1"), _traject("AV-2"))
    ids = [traject_uuid("amstelveen", t) for t in ("AV-1", "AV-2", "AV-onbekend")]
    vragen = _tel_losse_vragen(hub, monkeypatch)
    gevonden = hub.haal_vele(ids)
    assert vragen == []
    assert set(gevonden) == set(ids[:2])
    monkeypatch.undo()
    for id_ in ids[:2]:
        los = hub.repository.get(id_)
        assert (gevonden[id_].version, gevonden[id_].__dict__) == (los.version, los.__dict__)


@pytest.mark.parametrize("sleutel", [False, True], ids=["zonder sleutel", "met HUB_SLEUTEL"])
def test_een_reeks_met_koude_cache_vraagt_niets_per_bericht(opslag_instellingen, catalogus, monkeypatch, sleutel):
    if sleutel:
        from hub.koppelingen.opslag.eventstore import nieuwe_sleutel

        opslag_instellingen = opslag_instellingen.met(sleutel=nieuwe_sleutel())
    aanmeldingen, stappen = trajecten(20, "VL")
    eerste = Verwerker(open_hub(opslag_instellingen), catalogus)
    assert all(u.geaccepteerd for u in eerste.verwerk_reeks([(lees_json(a), "gemeente") for a in aanmeldingen]))

    hub = open_hub(opslag_instellingen)
    oproepen = stappen[0]
    hub.save(_oude_ontvangst(oproepen[0]["berichtId"], "matchez"), _oude_ontvangst(oproepen[1]["berichtId"], "a-rea"))
    koud = Verwerker(hub, catalogus)  # een werker die de partitie net overnam: niets in zijn cache
    vragen = _tel_losse_vragen(hub, monkeypatch)
    uitkomsten = koud.verwerk_reeks([(lees_json(b), "matchez") for b in oproepen + stappen[1]])

    assert vragen == [], "de reeks laadde trajecten of oude Ontvangsten één voor één"
    assert all(u.geaccepteerd for u in uitkomsten)
    assert uitkomsten[0].herhaling, "de Ontvangst uit de eerste versie van dezelfde afzender geldt"
    assert not any(u.herhaling for u in uitkomsten[1:]), "die van een andere afzender geldt niet"
    monkeypatch.undo()
    gelezen = open_hub(opslag_instellingen)
    assert gelezen.traject("amstelveen", "VL-000001").version == 3, "aanmelding, oproep, intake"
    assert gelezen.traject("amstelveen", "VL-000000").version == 2, \
        "de oproep van VL-000000 was al ontvangen (oude Ontvangst) en is niet opnieuw vastgelegd"
