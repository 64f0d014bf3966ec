"""Momentopnamen van gebruikers en betaalbatches: na 25 events bewaard, en de toestand daaruit is dezelfde als uit alle
events, ook met versleuteling en na opnieuw openen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hub.aggregates.gebruiker import Gebruiker
from hub.bootstrap import open_hub
from hub.toepassing.eventstore import MOMENTOPNAME_NA

BEGIN = datetime(2026, 12, 1, 9, tzinfo=UTC)


@pytest.mark.parametrize("sleutel", [None, "met"])
def test_een_gebruiker_die_vaak_aanmeldt_wordt_uit_een_momentopname_gelezen(instellingen, sleutel):
    if sleutel:
        from hub.koppelingen.opslag.eventstore import nieuwe_sleutel

        instellingen = instellingen.met(sleutel=nieuwe_sleutel())
    hub = open_hub(instellingen)
    gebruiker = Gebruiker.maak("mdeboer", "M. de Boer", ["managementassistent"], ["amstelveen"], None, "hash", BEGIN)
    hub.save(gebruiker)
    for i in range(1, 2 * MOMENTOPNAME_NA + 3):
        gebruiker = hub.zoek_gebruiker("mdeboer")
        assert gebruiker is not None
        if i % 7 == 0:
            gebruiker.aanmelding_mislukt(BEGIN + timedelta(minutes=i))
        else:
            gebruiker.aangemeld(BEGIN + timedelta(minutes=i))
        hub.save(gebruiker)

    snapshots = list(hub.snapshots.get(gebruiker.id)) if hub.snapshots else []
    assert [s.originator_version for s in snapshots] == [MOMENTOPNAME_NA, 2 * MOMENTOPNAME_NA]

    opnieuw = open_hub(instellingen).zoek_gebruiker("mdeboer")
    volledig = None
    for e in hub.events.get(gebruiker.id):
        volledig = e.mutate(volledig)
    assert opnieuw is not None and opnieuw.version == gebruiker.version == 2 * MOMENTOPNAME_NA + 3
    assert vars(opnieuw) == vars(volledig), "uit de momentopname dezelfde toestand als uit alle events"
    assert (opnieuw.rollen, opnieuw.wachtwoordhash) == (["managementassistent"], "hash")
