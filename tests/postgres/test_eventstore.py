"""De echte eventstore op PostgreSQL: aggregates en berichten opslaan en teruglezen, versleuteld met HUB_SLEUTEL, en
processen die tegelijk openen."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import psycopg

from hub.aggregates.traject import Traject
from hub.bootstrap import bootstrap, open_hub
from hub.domein.clientgegevens import Clientgegevens
from hub.instellingen import Instellingen
from hub.koppelingen.opslag.eventstore import nieuwe_sleutel
from tests.postgres_server import PostgresServer
from tests.toepassing.aanlevering import VOORBEELDEN

BSN = "123456782"


def _traject(traject_id: str = "AV-7") -> Traject:
    traject = Traject.meld_aan(gemeente="amstelveen", traject_id=traject_id, provider="matchez", product="MZ-BNW3",
                               datum_aanmelding=date(2024, 1, 2), klantmanager="Sanne de Vries", reden_verwijzing="r",
                               client=Clientgegevens(bsn=BSN, naam="Fatima el Amrani"), product_bekend=True)
    traject.registreer_intake(date(2024, 1, 8))
    traject.plaats(date(2024, 4, 8), "Bakkerij", Decimal("32.5"), 0, "AO-1")
    return traject


def _rijen(server: PostgresServer, instellingen: Instellingen) -> list[bytes]:
    """Elke rij van de eventtabel: de kolommen als tekst en de inhoud (`state`) als bytes, zoals wie de database leest
    haar ziet."""
    with psycopg.connect(server.dsn(instellingen.postgres_db)) as verbinding:
        return [rij[0].encode() + bytes(rij[1])
                for rij in verbinding.execute("SELECT e::text, e.state FROM hub_events e").fetchall()]


def test_een_traject_wordt_op_postgres_opgeslagen_en_door_een_nieuwe_verbinding_teruggelezen(postgres_instellingen):
    open_hub(postgres_instellingen).save(_traject())
    gelezen = open_hub(postgres_instellingen).traject("amstelveen", "AV-7")
    assert (gelezen.version, gelezen.startdatum, gelezen.plaatsing["datum_indienst"]) == (3, date(2024, 1, 8), date(2024, 4, 8))
    assert gelezen.client.bsn == BSN


def test_een_bericht_gaat_door_de_toepassing_de_postgres_eventstore_in(postgres_instellingen):
    aanmelding = (VOORBEELDEN / "geldig" / "aanmelding.json").read_bytes()
    intake = (VOORBEELDEN / "geldig" / "intake.json").read_bytes()
    onderdelen = bootstrap(postgres_instellingen)
    assert onderdelen.aanleveren.lever_aan(aanmelding, "gemeente").geaccepteerd
    assert onderdelen.aanleveren.lever_aan(intake, "matchez").geaccepteerd
    opnieuw = bootstrap(postgres_instellingen)
    assert opnieuw.aanleveren.lever_aan(intake, "matchez").herhaling, "de Ontvangst staat in PostgreSQL"
    traject = opnieuw.eventstore.traject("amstelveen", "AMS-2024-0001")
    assert traject.startdatum == date(2024, 1, 15) and traject.client.bsn == BSN


def test_met_hub_sleutel_staat_geen_bsn_of_naam_leesbaar_in_de_tabel(postgres_server, postgres_instellingen):
    zonder = postgres_server.instellingen(postgres_instellingen, postgres_server.nieuwe_database())
    open_hub(zonder).save(_traject())
    assert any(BSN.encode() in rij for rij in _rijen(postgres_server, zonder)), "zonder sleutel is het BSN leesbaar"

    met = postgres_instellingen.met(sleutel=nieuwe_sleutel())
    open_hub(met).save(_traject())
    rijen = _rijen(postgres_server, met)
    assert rijen and not any(BSN.encode() in rij or b"Fatima" in rij for rij in rijen)
    assert open_hub(met).traject("amstelveen", "AV-7").client.bsn == BSN


OPEN_TEGELIJK = """
import pathlib, sys, time
start = pathlib.Path(sys.argv[1])
while not start.exists():
    time.sleep(0.005)
from hub.bootstrap import open_hub
for _ in range(int(sys.argv[2])):
    open_hub().recorder.datastore.close()
"""


def test_processen_die_de_eventstore_tegelijk_openen_falen_niet(postgres_server, postgres_instellingen, tmp_path: Path):
    """Elk proces maakt bij het openen tabellen en functies aan; zonder vergrendeling botst dat tussen processen."""
    sein = tmp_path / "start"
    env = {**os.environ, **postgres_server.omgeving(postgres_instellingen.postgres_db), "HUB_DATA": str(tmp_path)}
    processen = [subprocess.Popen([sys.executable, "-c", OPEN_TEGELIJK, str(sein), "10"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(6)]
    try:
        sein.touch()
        uitkomsten = [(p.wait(timeout=180), p.stderr.read() if p.stderr else "") for p in processen]
    finally:
        for p in processen:
            if p.poll() is None:
                p.kill()
    assert [code for code, _ in uitkomsten] == [0] * 6, "\n".join(fout for _, fout in uitkomsten)[-3000:]
    open_hub(postgres_instellingen).save(_traject())
    assert open_hub(postgres_instellingen).traject("amstelveen", "AV-7").version == 3

