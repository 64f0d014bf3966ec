"""De werkvoorraad gefilterd op bevinding, leeftijd en de gemeenten van de gebruiker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hub.bootstrap import bootstrap
from hub.toepassing.fouten import Onuitvoerbaar

OVER_TIEN_DAGEN = datetime.now(UTC) + timedelta(days=10)


@pytest.fixture
def facturen(instellingen):
    return bootstrap(instellingen, klok=lambda: OVER_TIEN_DAGEN).facturen


def _nummers(werkvoorraad) -> list[str]:
    return [f.factuurnummer for f in werkvoorraad.open]


def test_filter_op_bevinding_toont_alleen_facturen_met_een_open_regel_met_die_bevinding(facturen, twee_regels):
    alles = facturen.werkvoorraad()
    assert alles.bevindingen == ["PRIJS_AFWIJKING"]
    assert _nummers(facturen.werkvoorraad(bevinding="PRIJS_AFWIJKING")) == ["MZ-1"]
    assert _nummers(facturen.werkvoorraad(bevinding="GEEN_PRESTATIE")) == []


def test_filter_op_leeftijd_in_dagen_sinds_ontvangst(facturen, twee_regels):
    werkvoorraad = facturen.werkvoorraad(ouder_dan=5)
    assert _nummers(werkvoorraad) == ["MZ-1"] and werkvoorraad.leeftijd(werkvoorraad.open[0]) == 10
    assert _nummers(facturen.werkvoorraad(ouder_dan=10)) == []
    with pytest.raises(Onuitvoerbaar, match="0 of meer"):
        facturen.werkvoorraad(ouder_dan=-1)


def test_alleen_de_gemeenten_van_de_gebruiker(facturen, twee_regels):
    assert _nummers(facturen.werkvoorraad(gemeenten=["heemstede"])) == []
    assert _nummers(facturen.werkvoorraad(gemeenten=["amstelveen", "aalsmeer"])) == ["MZ-1"]
