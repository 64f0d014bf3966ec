"""Elke bevinding die de factuurcontrole kan geven, heeft een Nederlandse naam voor de werkvoorraad en het rapport."""

from __future__ import annotations

from hub.controle import bevindingen
from hub.domein.bevinding import NAMEN, naam


def test_elke_code_van_de_factuurcontrole_heeft_een_naam():
    codes = {w for k, w in vars(bevindingen).items() if k.isupper() and isinstance(w, str) and k == w}
    assert {"OPDRACHTBEDRAG_OVERSCHREDEN", "PRIJS_AFWIJKING"} <= codes
    assert codes - NAMEN.keys() == set()
    assert all(naam(c) != c for c in codes)
