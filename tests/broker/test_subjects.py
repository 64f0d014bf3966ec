import pytest

from hub.instellingen import Instellingen
from hub.koppelingen.broker import subjects as s
from hub.koppelingen.broker.streams import ExterneNats


def test_zelfde_traject_valt_altijd_in_dezelfde_partitie():
    sleutel = s.sleutel_traject("amstelveen", "T-2024-001")
    assert s.subject_in("matchez", sleutel) == s.subject_in("matchez", sleutel)
    assert s.partitie(sleutel) == "3"  # vast: een andere hash zou de volgorde bij een update breken


def test_partities_spreiden_over_alle_zestien():
    gezien = {s.partitie(s.sleutel_traject("aalsmeer", f"T-{i}")) for i in range(500)}
    assert gezien == set(s.PARTITIES)


@pytest.mark.parametrize("afzender", ["matchez", "a-rea", "am-match", "jobcoach-org", "gemeente"])
def test_subjects_per_afzender(afzender):
    assert s.subject_in(afzender, s.sleutel_factuur("MZ-1")).rsplit(".", 1)[0] == f"hub.in.{afzender}"
    assert s.subject_retour(afzender) == f"hub.out.{afzender}.retour"
    assert s.subject_inbox(afzender) == f"hub.out.{afzender}.inbox"


@pytest.mark.parametrize("afzender", ["", "Matchez", "a.rea", "a*", ">", "-area", "area-", "a rea", "hub"])
def test_ongeldige_afzender_wordt_geweigerd(afzender):
    with pytest.raises(ValueError):
        s.subject_retour(afzender)


def test_externe_nats_uit_omgeving():
    assert ExterneNats.uit(Instellingen.uit_omgeving({})) is None
    extern = ExterneNats.uit(Instellingen.uit_omgeving(
        {"HUB_NATS_URL": "nats://nats:4222", "HUB_NATS_USER": "hub", "HUB_NATS_PASSWORD": "geheim"}
    ))
    assert extern == ExterneNats("nats://nats:4222", "hub", "geheim")
    assert "geheim" not in repr(extern)
