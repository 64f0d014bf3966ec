"""Valt de eventstore weg terwijl de hub draait, dan krijgt de gebruiker een Nederlandse melding (503 in de
webapplicatie, exitcode 2 op de opdrachtregel) en geen traceback."""

from __future__ import annotations

import argparse

import pytest
from eventsourcing.persistence import InterfaceError, OperationalError

from hub.cli.gedeeld import opdracht
from hub.web import maak_app
from tests.web.test_beveiliging import aangemeld

WEG = "connection to server at 127.0.0.1, port 5432 failed: Connection refused"


@pytest.fixture
def app(onderdelen):
    return maak_app(onderdelen)


@pytest.mark.parametrize("fout", [OperationalError, InterfaceError])
def test_een_pagina_zonder_eventstore_is_een_nette_503(app, onderdelen, monkeypatch, fout):
    client = aangemeld(app, "mdeboer")

    def weg(*_, **__):
        raise fout(WEG)

    monkeypatch.setattr(onderdelen.gebruikers, "profiel", weg)
    antwoord = client.get("/werkvoorraad")
    assert antwoord.status_code == 503 and antwoord.headers["Retry-After"] == "30"
    assert "De eventstore is nu niet bereikbaar" in antwoord.text and "HUB_POSTGRES_HOST" in antwoord.text
    assert "Traceback" not in antwoord.text and antwoord.headers["X-Content-Type-Options"] == "nosniff"


def test_een_opdracht_zonder_eventstore_geeft_een_melding_en_exitcode_2(instellingen, monkeypatch, capsys):
    monkeypatch.setenv("HUB_DATA", str(instellingen.data))

    def opdracht_die_opslaat(args, hub):
        raise OperationalError(WEG)

    assert opdracht(opdracht_die_opslaat)(argparse.Namespace()) == 2
    fout = capsys.readouterr().err
    assert fout.startswith("De eventstore is nu niet bereikbaar (connection to server") and "Traceback" not in fout
