"""De werkvoorraad en de factuurpagina lezen de factuurcontroles uit het geheugen: één keer per proces van schijf,
daarna alleen de nieuwe events; bewaard pas na `BEWAAR_NA` nieuwe events. Een oordeel wordt onthouden tot de
factuur verandert."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from hub.bootstrap import bootstrap
from hub.koppelingen.opslag import leesmodelbron

NU = datetime(2024, 4, 19, 10, 0, tzinfo=UTC)


@pytest.fixture
def onderdelen(instellingen):
    return bootstrap(instellingen, klok=lambda: NU)


def _bestanden(onderdelen) -> dict[str, bytes]:
    """De bewaarde factuurcontroles zoals ze in de tabel naast de events staan."""
    with sqlite3.connect(onderdelen.instellingen.sqlite_bestand) as verbinding:
        return dict(verbinding.execute("SELECT naam, toestand FROM hub_leesmodellen WHERE naam LIKE '%factuurcontrole'"))


def test_een_besluit_staat_meteen_in_de_werkvoorraad_zonder_de_leesmodellen_opnieuw_te_laden_of_te_schrijven(
        onderdelen, twee_regels, monkeypatch):
    assert [f.status for f in onderdelen.facturen.werkvoorraad().open] == ["open"]
    bewaard = _bestanden(onderdelen)
    assert bewaard, "de eerste keer geladen en bijgewerkt, en bewaard"
    laden = []
    monkeypatch.setattr(type(onderdelen.leesmodelopslag.per_gemeente()), "laad", lambda *a: laden.append(a))
    onderdelen.besluiten.keur_goed("MZ-1", [1], "M. de Boer", "Conform prijsafspraak")
    oordeel = onderdelen.facturen.factuur("MZ-1", "matchez")
    assert oordeel.regel(1).besluit["door"] == "M. de Boer" and oordeel.status == "deels besloten"
    assert [f.status for f in onderdelen.facturen.werkvoorraad().open] == ["deels besloten"]
    assert laden == [], "niet opnieuw van schijf"
    assert _bestanden(onderdelen) == bewaard, "één nieuw event: nog niet weggeschreven"


def test_na_bewaar_na_nieuwe_events_wel_weggeschreven(onderdelen, twee_regels, monkeypatch):
    onderdelen.facturen.werkvoorraad()
    bewaard = _bestanden(onderdelen)
    monkeypatch.setattr(leesmodelbron, "BEWAAR_NA", 1)
    onderdelen.besluiten.keur_goed("MZ-1", [1], "M. de Boer", "Conform prijsafspraak")
    onderdelen.facturen.werkvoorraad()
    assert _bestanden(onderdelen) != bewaard
    opnieuw = bootstrap(onderdelen.instellingen, klok=lambda: NU)
    assert opnieuw.facturen.factuur("MZ-1", "matchez").regel(1).besluit["door"] == "M. de Boer"


def test_een_oordeel_wordt_onthouden_tot_de_factuur_verandert(onderdelen, twee_regels):
    eerst = onderdelen.facturen.factuur("MZ-1", "matchez")
    assert onderdelen.facturen.factuur("MZ-1", "matchez") is eerst
    onderdelen.besluiten.wijs_af("MZ-1", [2], "M. de Boer", "Prijs wijkt af", "matchez")
    daarna = onderdelen.facturen.factuur("MZ-1", "matchez")
    assert daarna is not eerst and daarna.regel(2).besluit["besluit"] == "afgewezen" and eerst.regel(2).besluit is None


def test_een_nieuwe_factuur_komt_in_de_onthouden_lijst(onderdelen, twee_regels):
    from tests.factuur.wereld import regel
    from tests.toepassing.conftest import START

    assert [f.factuurnummer for f in onderdelen.facturen.werkvoorraad().open] == ["MZ-1"]
    twee_regels.meld_aan("AV-3")
    twee_regels.factuur("MZ-2", regel(1, "AV-3", "MZ-BNW3", START, START, "2250.00"))
    assert [f.factuurnummer for f in onderdelen.facturen.werkvoorraad().open] == ["MZ-1", "MZ-2"]
