"""Het auditspoor: per factuur en per traject wie wat deed en wanneer, in de volgorde van vastleggen, zonder gegevens
van de cliënt."""

from __future__ import annotations

import pytest

from hub.toepassing.betalen import Beslisser
from hub.toepassing.fouten import Onuitvoerbaar
from tests.toepassing.test_besluiten_en_betalen import Bestanden
from tests.toepassing.test_creditnota import AMSTELVEEN, TWEEDE, creditnota, drie_regels, onderdelen, stuur  # noqa: F401


def test_het_spoor_van_een_factuur_in_volgorde_met_wie_en_waarom(onderdelen, drie_regels):  # noqa: F811
    besluiten = onderdelen.besluiten
    besluiten.keur_goed("MZ-1", [1], "M. de Boer", "Conform prijsafspraak", door_id="mdeboer")
    besluiten.wijs_af("MZ-1", [2], "M. de Boer", "Dienst niet geleverd", door_id="mdeboer")
    besluiten.corrigeer("MZ-1", [2], "J. Visser", "Toch wel geleverd", door_id="jvisser")
    [voorstel] = onderdelen.betalen.stel_voor(AMSTELVEEN, Beslisser("M. de Boer", "mdeboer"))
    onderdelen.betalen.geef_vrij(voorstel.batch_id, TWEEDE, AMSTELVEEN, Bestanden())
    assert stuur(onderdelen, creditnota(3)).geaccepteerd

    spoor = onderdelen.audit.factuur("matchez", "MZ-1")
    assert spoor.gemeente == "amstelveen" and spoor.trajecten == ["AV-1", "AV-2", "AV-3"]
    assert [(r.wie, r.wat) for r in spoor.regels] == [
        ("matchez", "Factuur ontvangen met 3 regel(s), € 8.167,50 incl. BTW"),
        ("M. de Boer", "Regel 1 goedgekeurd: € 2.250,00"),
        ("M. de Boer", "Regel 2 afgewezen: € 0,00"),
        ("J. Visser", "Besluit over regel 2 ingetrokken"),
        ("M. de Boer", f"Betaalbatch {voorstel.batch_id} voorgesteld met regel 1"),
        ("J. Visser", f"Betaalbatch {voorstel.batch_id} vrijgegeven (vier ogen)"),
        ("J. Visser", f"Regel 1 betaald in betaalbatch {voorstel.batch_id}"),
        ("matchez", "Creditnota MZ-C1 crediteert regel 3"),
    ]
    goedgekeurd, afgewezen, correctie = spoor.regels[1:4]
    assert goedgekeurd.gebruiker == "mdeboer" and ("reden", "Conform prijsafspraak") in goedgekeurd.details
    assert ("reden", "Dienst niet geleverd") in afgewezen.details
    assert correctie.gebruiker == "jvisser" and ("reden", "Toch wel geleverd") in correctie.details
    assert spoor.regels[0].partij and spoor.regels[-1].partij and ("reden", "Verkeerde periode") in spoor.regels[-1].details


def test_het_spoor_van_een_traject_noemt_de_partij_en_niet_de_client(onderdelen, drie_regels):  # noqa: F811
    spoor = onderdelen.audit.traject("amstelveen", "AV-1")
    assert [(r.wie, r.wat) for r in spoor.regels][:1] == [("amstelveen", "Aanmelding voor MZ-BNW3 bij matchez")]
    assert [(r.wie, r.wat) for r in spoor.regels][1:] == [("matchez", "Intake gehouden")]
    tekst = repr(spoor)
    traject = onderdelen.eventstore.traject("amstelveen", "AV-1")
    for persoonlijk in (traject.client.bsn, traject.client.naam):
        assert str(persoonlijk) not in tekst


def test_onbekend_is_onuitvoerbaar(onderdelen):  # noqa: F811
    with pytest.raises(Onuitvoerbaar):
        onderdelen.audit.factuur("matchez", "BESTAAT-NIET")
    with pytest.raises(Onuitvoerbaar):
        onderdelen.audit.traject("amstelveen", "BESTAAT-NIET")
