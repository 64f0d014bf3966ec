"""Met HUB_SLEUTEL staan BSN, naam en adres versleuteld in de eventstore; een verkeerde sleutel zegt dat duidelijk."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest

from hub.aggregates.traject import Traject
from hub.koppelingen.eventstore import nieuwe_sleutel
from hub.toepassing import SleutelFout, open_hub

BSN = "123456782"


def _bewaar(instellingen) -> None:
    hub = open_hub(instellingen)
    traject = Traject.meld_aan(gemeente="amstelveen", traject_id="AMS-1", provider="matchez", product="MZ-BNW3",
                               datum_aanmelding=date(2024, 1, 2), klantmanager="Sanne de Vries", reden_verwijzing="r",
                               client={"bsn": BSN, "naam": "Fatima el Amrani", "adres": "Stadsplein 12"},
                               product_bekend=True)
    hub.save(traject)


def _opgeslagen_bytes(instellingen) -> bytes:
    return b"".join(f.read_bytes() for f in instellingen.data.glob("hub.sqlite*"))


def test_zonder_sleutel_staat_het_bsn_leesbaar_in_de_opslag(instellingen):
    _bewaar(instellingen)
    assert BSN.encode() in _opgeslagen_bytes(instellingen)


def test_met_sleutel_staan_bsn_en_naam_versleuteld_en_blijft_alles_leesbaar_voor_de_hub(instellingen):
    met_sleutel = replace(instellingen, sleutel=nieuwe_sleutel())
    _bewaar(met_sleutel)
    opgeslagen = _opgeslagen_bytes(met_sleutel)
    assert BSN.encode() not in opgeslagen and b"Fatima" not in opgeslagen
    assert open_hub(met_sleutel).traject("amstelveen", "AMS-1").client["bsn"] == BSN


@pytest.mark.parametrize("andere", [None, "nieuw"])
def test_verkeerde_of_ontbrekende_sleutel_geeft_een_duidelijke_fout(instellingen, andere):
    _bewaar(replace(instellingen, sleutel=nieuwe_sleutel()))
    with pytest.raises(SleutelFout, match="HUB_SLEUTEL"):
        open_hub(replace(instellingen, sleutel=nieuwe_sleutel() if andere else None))


def test_opdrachtregel_meldt_een_verkeerde_sleutel_zonder_traceback(instellingen):
    _bewaar(replace(instellingen, sleutel=nieuwe_sleutel()))
    env = {**os.environ, "HUB_DATA": str(instellingen.data), "HUB_SLEUTEL": nieuwe_sleutel()}
    uitkomst = subprocess.run([sys.executable, "-m", "hub", "factuur", "lijst"], env=env, capture_output=True, text=True)
    assert uitkomst.returncode == 2
    assert "HUB_SLEUTEL" in uitkomst.stderr and "Traceback" not in uitkomst.stderr
