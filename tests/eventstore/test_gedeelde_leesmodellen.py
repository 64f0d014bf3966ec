"""Leesmodellen in de database van de eventstore, met dezelfde code op SQLite en PostgreSQL: positie en toestand
gedeeld door processen (een werker en de webapplicatie, op PostgreSQL ook op andere machines), een herstart gaat
verder vanaf de bewaarde positie, een achterlopend proces zet de rij niet terug, en met HUB_SLEUTEL is de toestand
versleuteld."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hub.bootstrap import bootstrap
from hub.instellingen import Instellingen
from hub.koppelingen.opslag.eventstore import nieuwe_sleutel
from hub.koppelingen.opslag.leesmodeltabel import Leesmodeltabel
from hub.projections.register import facturen, factuurcontroles, leesmodel
from tests.toepassing.aanlevering import VOORBEELDEN, factuur_json

BSN = "123456782"
OPSLAGEN = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=OPSLAGEN)
def opslag(request, instellingen) -> Instellingen:
    """De instellingen van een lege eventstore: SQLite in de datamap of een eigen PostgreSQL-database."""
    if request.param == "postgres":
        return request.getfixturevalue("postgres_instellingen")
    return instellingen


def _omgeving(instellingen: Instellingen, data: Path) -> dict[str, str]:
    waarden = {"HUB_DATA": str(data), "HUB_EVENTSTORE": instellingen.eventstore}
    if instellingen.eventstore == "postgres":
        waarden |= {"HUB_POSTGRES_HOST": instellingen.postgres_host, "HUB_POSTGRES_PORT": str(instellingen.postgres_port),
                    "HUB_POSTGRES_DB": instellingen.postgres_db, "HUB_POSTGRES_USER": instellingen.postgres_user,
                    "HUB_POSTGRES_PASSWORD": instellingen.postgres_password.get_secret_value()}
    return {**os.environ, **waarden}


def _andere_machine(instellingen: Instellingen, tmp_path: Path) -> Instellingen:
    """Een proces elders: op PostgreSQL met een eigen, lege datamap; SQLite deelt alleen wie de datamap deelt."""
    return instellingen.met(data=tmp_path / "elders") if instellingen.eventstore == "postgres" else instellingen


def _lever_aan(onderdelen, *bestanden: bytes, afzender: str = "matchez") -> None:
    for data in bestanden:
        uitkomst = onderdelen.aanleveren.lever_aan(data, afzender)
        assert uitkomst.geaccepteerd, uitkomst.retour


def _begin(onderdelen) -> None:
    _lever_aan(onderdelen, (VOORBEELDEN / "geldig" / "aanmelding.json").read_bytes(), afzender="gemeente")
    _lever_aan(onderdelen, (VOORBEELDEN / "geldig" / "intake.json").read_bytes())


SCHRIJVER = """
import json, sys
from hub.bootstrap import bootstrap
from tests.toepassing.aanlevering import factuur_json
aantal = int(sys.argv[1])
for n in range(aantal):
    onderdelen = bootstrap()
    uitkomst = onderdelen.aanleveren.lever_aan(factuur_json(f"MZ-W{n}", "AMS-2024-0001"), "matchez")
    assert uitkomst.geaccepteerd, uitkomst.retour
    onderdelen.leesmodelbeheer.bijwerken()
print(json.dumps({"laatste": onderdelen.eventstore.recorder.max_notification_id()}))
"""


def test_een_ander_proces_ziet_het_leesmodel_van_de_schrijver_bijkomen_zonder_events_te_lezen(opslag, tmp_path):
    """De schrijver verwerkt facturen en werkt de leesmodellen bij; de lezer (een ander proces, op PostgreSQL met een
    andere datamap) laadt alleen de bewaarde rij en ziet positie en facturen meegroeien tot de laatste."""
    _begin(bootstrap(opslag))
    schrijver = subprocess.Popen([sys.executable, "-c", SCHRIJVER, "6"], env=_omgeving(opslag, opslag.data),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lezer = bootstrap(_andere_machine(opslag, tmp_path))
    opslag_lezer = lezer.leesmodelopslag.per_gemeente()
    gezien: list[tuple[int, int]] = []
    try:
        while schrijver.poll() is None:
            model = leesmodel(lezer.catalogus, "amstelveen", "factuurcontrole")
            opslag_lezer.laad(model)
            if not gezien or gezien[-1][0] != model.positie:
                gezien.append((model.positie, len(facturen([model]).facturen())))
            time.sleep(0.05)
        uit, fout = schrijver.communicate(timeout=300)
    finally:
        if schrijver.poll() is None:
            schrijver.kill()
    assert schrijver.returncode == 0, fout[-3000:]
    laatste = json.loads(uit)["laatste"]

    model = leesmodel(lezer.catalogus, "amstelveen", "factuurcontrole")
    opslag_lezer.laad(model)
    assert model.positie == laatste
    assert sorted(f.factuurnummer for f in facturen([model]).facturen()) == [f"MZ-W{n}" for n in range(6)]
    assert gezien == sorted(gezien), "positie en toestand groeien samen, nooit terug"
    assert lezer.leesmodelbeheer.bijwerken() == 0, "een nieuw proces gaat verder vanaf de bewaarde positie"
    _, standen = lezer.leesmodelbeheer.stand()
    assert {s.achterstand for s in standen} == {0} and all(s.plek and s.plek.startswith("database") for s in standen)


def test_een_achterlopend_proces_zet_de_bewaarde_positie_niet_terug(opslag):
    onderdelen = bootstrap(opslag)
    _begin(onderdelen)
    onderdelen.leesmodelbeheer.bijwerken()
    tabel = onderdelen.leesmodelopslag.per_gemeente()
    achterlopend = factuurcontroles(onderdelen.catalogus)
    for model in achterlopend:
        tabel.laad(model)
    eerder = onderdelen.eventstore.recorder.max_notification_id()
    _lever_aan(onderdelen, factuur_json("MZ-1", "AMS-2024-0001"))
    assert onderdelen.leesmodelbeheer.bijwerken() > 0
    vooruit = onderdelen.eventstore.recorder.max_notification_id()
    assert {m.positie for m in achterlopend} == {eerder} and eerder < vooruit

    for model in achterlopend:
        tabel.bewaar(model)
    nu = leesmodel(onderdelen.catalogus, "amstelveen", "factuurcontrole")
    tabel.laad(nu)
    assert nu.positie == vooruit and [f.factuurnummer for f in facturen([nu]).facturen()] == ["MZ-1"]


def _toestanden(instellingen: Instellingen) -> list[bytes]:
    vraag = "SELECT toestand FROM hub_leesmodellen"
    if instellingen.eventstore == "postgres":
        import psycopg

        dsn = (f"host={instellingen.postgres_host} port={instellingen.postgres_port} dbname={instellingen.postgres_db} "
               f"user={instellingen.postgres_user} password={instellingen.postgres_password.get_secret_value()}")
        with psycopg.connect(dsn) as verbinding:
            return [bytes(r[0]) for r in verbinding.execute(vraag).fetchall()]
    with sqlite3.connect(instellingen.sqlite_bestand) as verbinding:
        return [bytes(r[0]) for r in verbinding.execute(vraag).fetchall()]


@pytest.mark.parametrize("met_sleutel", [False, True], ids=["zonder sleutel", "met sleutel"])
def test_met_hub_sleutel_staat_het_bsn_niet_leesbaar_in_de_leesmodellen(opslag, met_sleutel):
    instellingen = opslag.met(sleutel=nieuwe_sleutel()) if met_sleutel else opslag
    onderdelen = bootstrap(instellingen)
    _begin(onderdelen)
    _lever_aan(onderdelen, factuur_json("MZ-1", "AMS-2024-0001"))
    onderdelen.leesmodelbeheer.bijwerken()
    toestanden = _toestanden(instellingen)
    assert toestanden
    assert any(BSN.encode() in t for t in toestanden) is not met_sleutel

    if met_sleutel:
        anders = Leesmodeltabel(onderdelen.eventstore, nieuwe_sleutel()).per_gemeente()
        model = leesmodel(onderdelen.catalogus, "amstelveen", "factuurcontrole")
        anders.laad(model)
        assert model.positie == 0, "met een andere sleutel onleesbaar: telt als afwezig"


def test_herbouwen_in_twee_processen_schrijft_in_dezelfde_tabel(opslag, monkeypatch):
    from hub.koppelingen.opslag import herbouw

    onderdelen = bootstrap(opslag)
    _begin(onderdelen)
    _lever_aan(onderdelen, factuur_json("MZ-1", "AMS-2024-0001"), factuur_json("MZ-2", "AMS-2024-0001"))
    monkeypatch.setattr(herbouw, "PARALLEL_VANAF", 0)
    assert onderdelen.leesmodelbeheer.herbouw(processen=2).processen == 2
    laatste, standen = bootstrap(opslag).leesmodelbeheer.stand()
    assert {s.positie for s in standen} == {laatste} and all(s.plek for s in standen)
    model = leesmodel(onderdelen.catalogus, "amstelveen", "factuurcontrole")
    onderdelen.leesmodelopslag.per_gemeente().laad(model)
    assert sorted(f.factuurnummer for f in facturen([model]).facturen()) == ["MZ-1", "MZ-2"]


def _statussen(onderdelen, oud_bestand: Path | None = None):
    from hub.koppelingen.opslag.verzonden import Verzondentabel
    from hub.toepassing.factuurstatus import Factuurstatussen

    return Factuurstatussen(onderdelen.leesmodellen, Verzondentabel(onderdelen.eventstore, oud_bestand))


def test_een_tweede_werker_verstuurt_de_factuurstatussen_van_de_eerste_niet_opnieuw(opslag, tmp_path):
    onderdelen = bootstrap(opslag)
    _begin(onderdelen)
    _lever_aan(onderdelen, factuur_json("MZ-1", "AMS-2024-0001"), factuur_json("MZ-2", "AMS-2024-0001"))
    eerste = _statussen(onderdelen)
    te_versturen = eerste.te_versturen()
    assert sorted(s.factuurnummer for s in te_versturen) == ["MZ-1", "MZ-2"]
    eerste.verstuurd(te_versturen)

    tweede = _statussen(bootstrap(_andere_machine(opslag, tmp_path)))
    assert tweede.te_versturen() == []
    _lever_aan(onderdelen, factuur_json("MZ-3", "AMS-2024-0001"))
    assert [s.factuurnummer for s in tweede.te_versturen()] == ["MZ-3"]


def test_het_register_van_vroeger_als_bestand_wordt_overgenomen(opslag, tmp_path):
    from hub.koppelingen.opslag.verzonden import Verzondenbestand, Verzondentabel

    oud = tmp_path / "factuurstatus-verzonden.json"
    Verzondenbestand(oud).bewaar({"matchez/MZ-1": "afdruk-1"})
    onderdelen = bootstrap(opslag)
    register = Verzondentabel(onderdelen.eventstore, oud)
    verzonden = register.lees()
    assert verzonden == {"matchez/MZ-1": "afdruk-1"}
    register.bewaar({**verzonden, "matchez/MZ-2": "afdruk-2"})
    oud.unlink()
    assert Verzondentabel(bootstrap(opslag).eventstore).lees() == {"matchez/MZ-1": "afdruk-1", "matchez/MZ-2": "afdruk-2"}
