"""Feiten overleven het proces: opslaan in het ene proces, teruglezen in een nieuw proces."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hub.instellingen import Instellingen
from hub.koppelingen.opslag.eventstore import persistentie

SCHRIJF = """
from datetime import date
from decimal import Decimal
from hub.aggregates.traject import Traject
from hub.domein.clientgegevens import Clientgegevens
from hub.bootstrap import open_hub
hub = open_hub()
t = Traject.meld_aan(gemeente="amstelveen", traject_id="AV-7", provider="matchez", product="MZ-BNW3",
                     datum_aanmelding=date(2024, 1, 2), klantmanager="K", reden_verwijzing="r",
                     client=Clientgegevens(bsn="111222333"), product_bekend=True)
t.registreer_intake(date(2024, 1, 8))
t.plaats(date(2024, 4, 8), "Bakkerij", Decimal("32.5"), 0, "AO-1")
hub.save(t)
"""

LEES = """
import json
from hub.bootstrap import open_hub
t = open_hub().traject("amstelveen", "AV-7")
print(json.dumps({"versie": t.version, "start": str(t.startdatum), "plaatsing": str(t.plaatsing["datum_indienst"])}))
"""


def _draai(code: str, data: Path) -> str:
    env = {**os.environ, "HUB_DATA": str(data)}
    env.pop("PERSISTENCE_MODULE", None)
    uitkomst = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return uitkomst.stdout


def test_feiten_uit_het_ene_proces_zijn_er_in_een_nieuw_proces(tmp_path):
    _draai(SCHRIJF, tmp_path)
    assert (tmp_path / "hub.sqlite").is_file()
    gelezen = json.loads(_draai(LEES, tmp_path))
    assert gelezen == {"versie": 3, "start": "2024-01-08", "plaatsing": "2024-04-08"}


def test_de_persistentie_wordt_altijd_expliciet_gekozen(tmp_path):
    env = persistentie(Instellingen(data=tmp_path))
    assert env["PERSISTENCE_MODULE"] == "hub.koppelingen.opslag.sqlite:SQLiteOpslag"
    assert env["SQLITE_DBNAME"] == str(tmp_path / "hub.sqlite")
    pg = persistentie(Instellingen(data=tmp_path, eventstore="postgres", postgres_password="geheim"))
    assert pg["PERSISTENCE_MODULE"] == "hub.koppelingen.opslag.postgres:PostgresOpslag" and pg["POSTGRES_PASSWORD"] == "geheim"


def test_onbekende_eventstore_wordt_geweigerd():
    with pytest.raises(ValueError, match="HUB_EVENTSTORE"):
        Instellingen.uit_omgeving({"HUB_EVENTSTORE": "mongodb"})


def test_onbekend_traject_geeft_een_duidelijke_fout(hub):
    from hub.domein.fouten import DomeinFout

    with pytest.raises(DomeinFout) as fout:
        hub.traject("amstelveen", "BESTAAT-NIET")
    assert fout.value.code == "ONBEKEND_TRAJECT" and fout.value.veld == "trajectId"


def test_geheimen_staan_niet_in_de_weergave_van_de_instellingen(tmp_path):
    instellingen = Instellingen.uit_omgeving({"HUB_DATA": str(tmp_path), "HUB_POSTGRES_PASSWORD": "pg-geheim",
                                              "HUB_NATS_PASSWORD": "nats-geheim", "HUB_SLEUTEL": "sleutel-geheim"})
    for weergave in (repr(instellingen), str(instellingen), str(instellingen.model_dump())):
        assert "pg-geheim" not in weergave and "nats-geheim" not in weergave and "sleutel-geheim" not in weergave
    assert persistentie(instellingen.met(eventstore="postgres"))["POSTGRES_PASSWORD"] == "pg-geheim"


def test_alleen_de_bootstrap_leest_de_omgeving():
    """Elke andere module krijgt zijn instellingen aangereikt; zo is wisselen van opslag of broker alleen configuratie."""
    hub_map = Path(__file__).resolve().parents[2] / "hub"
    lezers = sorted(str(p.relative_to(hub_map)) for p in hub_map.rglob("*.py")
                    if any(s in p.read_text(encoding="utf-8") for s in ("os.environ", "os.getenv", "Instellingen.uit_omgeving(")))
    assert lezers == ["bootstrap.py"]
