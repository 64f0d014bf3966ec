"""Een eventstore uit de eerste versie van de events (zie `eventstore_v1.py`) blijft leesbaar.

Elk soort event staat erin. De verwachte cijfers volgen uit het demoscenario (`hub.demo.scenario`) en de
besluiten in `eventstore_v1.BESLUITEN`; ze zijn met de code van toen nagerekend.
"""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from hub.aggregates.factuur import Clientgegevens, Factuur, Factuurregel
from hub.aggregates.jobcoachperiode import Jobcoachperiode
from hub.aggregates.ontvangst import Ontvangst
from hub.aggregates.traject import Traject
from hub.berichten import lees_json
from hub.bootstrap import open_hub
from hub.demo.scenario import scenario
from hub.instellingen import Instellingen
from hub.koppelingen.opslag.leesmodelbron import Leesmodelbestanden
from hub.koppelingen.opslag.leesmodellen import werk_gemeenten_bij
from hub.koppelingen.opslag.notificatielog import decoder
from hub.projections.factuurcontrole import Factuurcontrole
from hub.projections.register import gemeentemodellen
from hub.projections.termijnbewaking import Termijnbewaking
from hub.rapportage.kengetallen import kengetallen
from hub.toepassing.eventstore import Hub
from hub.toepassing.rapport import kwartaalrapport
from hub.toepassing.verwerking import Verwerker
from tests.aggregates.eventstore_v1 import BESTAND
from tests.conftest import PROJECT

D = Decimal


@pytest.fixture
def hub(tmp_path: Path) -> Hub:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(BESTAND, data / "hub.sqlite")
    return open_hub(Instellingen(data=data, contracten=PROJECT / "contracts"))


def _soorten(*aggregates: type) -> set[type]:
    """De events die een aggregate vastlegt, zonder de basisklassen `Event` en `Created`."""
    return {v for a in aggregates for naam, v in vars(a).items()
            if isinstance(v, type) and issubclass(v, a.Event) and naam not in ("Event", "Created")}


NA_VERSIE_1 = {Factuur.Gecrediteerd, Factuur.VerrekendInBetaalbatch, Ontvangst.OpnieuwVerwerkt,
               Traject.ContactmomentGeregistreerd, Traject.WerkaanbiedingGedaan, Jobcoachperiode.UrenOvergeheveld}
"""Soorten events die er pas later bij kwamen en dus niet in het bestand staan."""


def test_elk_event_is_te_lezen_en_elk_soort_komt_voor(hub):
    decodeer = decoder(hub.mapper)
    rijen = [(n.id, n.originator_id, n.originator_version, n.topic, n.state)
             for n in hub.recorder.select_notifications(start=1, limit=10_000)]
    gelezen = {type(decodeer(rij)) for rij in rijen}
    assert gelezen == _soorten(Traject, Jobcoachperiode, Factuur, Ontvangst) - NA_VERSIE_1
    assert len(gelezen) == 14 + 3 + 4 + 1


def test_de_trajecten_zoals_het_scenario_ze_achterliet(hub):
    # BNW3 met intake op 15-01: geplaatst, uitgestroomd, drie nazorgmaanden.
    t = hub.traject("amstelveen", "AMS-2024-0101")
    assert (t.product, t.startdatum, t.nazorgmaanden, t.einde["reden"]) == (
        "MZ-BNW3", date(2024, 1, 15), ["2024-04", "2024-05", "2024-06"], "uitstroomWerk")
    # De goedgekeurde mutatie zet het traject op BNW6.
    assert hub.traject("amstelveen", "AMS-2024-0103").product == "MZ-BNW6"
    # Taal en Bewustwording, omgezet naar een nieuw traject.
    assert hub.traject("amstelveen", "AMS-2024-0104").omgezet_naar == "AMS-2024-0105"
    assert hub.traject("amstelveen", "AMS-2024-0105").omzetting_van == "AMS-2024-0104"
    # A-rea: twee no-shows, geen intake, dus de start is de aanmelding.
    area = hub.traject("aalsmeer", "AAL-2024-0201")
    assert (len(area.noshows), area.startdatum) == (2, date(2024, 1, 22))
    # Jobcoaching: 4 + 2,5 + 3 uur verantwoord van de 40 toegekende.
    periode = hub.zoek_periode("heemstede", "HMS-JC-2024-01")
    assert (periode.uren_verantwoord, periode.uren_toegekend) == (D("9.5"), D("40"))


def test_de_facturen_met_hun_besluiten_en_betaling(hub):
    mz = hub.zoek_factuur("matchez", "MZ-2024-0012")
    assert mz.betaald == {1: "BB-2024-001", 2: "BB-2024-001", 3: "BB-2024-001"}
    assert mz.totaal_excl_btw == D("5050.00")  # 2250 + 500 + 2300
    # De bonus van MZ-2024-0019 werd afgewezen, gecorrigeerd en opnieuw afgewezen.
    bonus = hub.zoek_factuur("matchez", "MZ-2024-0019")
    assert bonus.besluiten[1]["reden"] == "Plaatsing niet binnen 3 maanden na de start"
    assert hub.zoek_factuur("a-rea", "AREA-2024-0031").te_betalen() == {1: D("112.50"), 2: D("168.75")}


def _oordelen(hub: Hub, catalogus) -> dict:
    modellen = gemeentemodellen(catalogus)
    werk_gemeenten_bij(hub, modellen)
    uit = {}
    for model in modellen:
        controle = model.deel(Factuurcontrole)
        for o in controle.facturen() if controle else ():
            uit[o.factuurnummer] = (o.status, o.totaal_gefactureerd, o.totaal_verwacht, [
                (r.regelnummer, r.verwacht, [b.code for b in r.bevindingen], r.besluit["besluit"], r.betaald_in)
                for r in o.regels])
    return uit


def test_de_factuurcontrole_herbouwt_tot_dezelfde_oordelen(hub, catalogus):
    assert _oordelen(hub, catalogus) == {
        # Regel 3 factureert € 2.300 voor BNW3 (contract € 2.250): verwacht goedgekeurd en betaald.
        "MZ-2024-0012": ("betaald", D("5050.00"), D("5000.00"), [
            (1, D("2250.00"), [], "goedgekeurd", "BB-2024-001"),
            (2, D("500.00"), [], "goedgekeurd", "BB-2024-001"),
            (3, D("2250.00"), ["PRIJS_AFWIJKING"], "verwachtGoedgekeurd", "BB-2024-001")]),
        # Plaatsing 21-05 ligt na 05-05 (intake + 3 maanden): geen bonus. April-nazorg kwam meer dan 2 weken te laat.
        "MZ-2024-0019": ("besloten", D("1200.00"), D("700.00"), [
            (1, D("0.00"), ["BONUS_NIET_VERDIEND"], "afgewezen", None),
            (2, D("350.00"), ["TE_LAAT"], "goedgekeurd", None),
            (3, D("350.00"), [], "goedgekeurd", None)]),
        # No-shows: 50 % en 75 % van € 225,00; de tweede is als 50 % gefactureerd.
        "AREA-2024-0031": ("besloten", D("225.00"), D("281.25"), [
            (1, D("112.50"), ["TE_LAAT"], "verwachtGoedgekeurd", None),
            (2, D("168.75"), ["TE_LAAT", "NOSHOW_STAFFEL"], "verwachtGoedgekeurd", None)]),
        "AMM-2024-0004": ("besloten", D("1800.00"), D("0.00"), [
            (1, D("0.00"), ["GEEN_PRIJSAFSPRAAK", "TE_LAAT"], "afgewezen", None)]),
        # 9,5 uur à € 77,59.
        "JC-2024-0107": ("besloten", D("737.11"), D("737.11"), [(1, D("737.11"), [], "goedgekeurd", None)]),
    }


def test_de_termijnbewaking_herbouwt_tot_dezelfde_signalen(hub, catalogus):
    modellen = gemeentemodellen(catalogus)
    werk_gemeenten_bij(hub, modellen)
    signalen = {(s.gemeente, s.provider, s.kenmerk, s.termijn, s.datum)
                for m in modellen if (t := m.deel(Termijnbewaking)) for lijst in t.signalen.values() for s in lijst}
    assert signalen == {
        # Aanmelding 08-01, eerste uitnodiging 26-01: later dan 14 dagen; plan 20-03: later dan 20 werkdagen.
        ("amstelveen", "matchez", "AMS-2024-0102", "oproep", date(2024, 1, 26)),
        ("amstelveen", "matchez", "AMS-2024-0102", "plan", date(2024, 3, 20)),
        # Facturen meer dan 2 weken na het einde van de prestatie.
        ("amstelveen", "matchez", "MZ-2024-0019", "factuur", date(2024, 6, 3)),
        ("amstelveen", "am-match", "AMM-2024-0004", "factuur", date(2024, 4, 15)),
        ("aalsmeer", "a-rea", "AREA-2024-0031", "factuur", date(2024, 3, 6)),
    }


def _kengetallen(hub: Hub, catalogus, gemeente: str, kwartaal: str, aanbieder: str) -> dict:
    rapport = kwartaalrapport(Leesmodelbestanden(hub, catalogus, None).van_gemeente(gemeente), catalogus, gemeente, kwartaal)
    cijfers = next(c for c in rapport.providers if c.naam == aanbieder)
    return {k.sleutel: k.waarde for k in kengetallen(cijfers) if k.waarde not in (None, 0)}


def test_het_kwartaalrapport_herbouwt_tot_dezelfde_cijfers(hub, catalogus):
    # Q1: vier aanmeldingen bij Matchez (0101, 0102, 0103, 0104); 0101 geplaatst binnen 3 maanden en uitgestroomd.
    assert _kengetallen(hub, catalogus, "amstelveen", "2024-Q1", "Matchez") == {
        "aanmeldingen": 4, "oproepen": 3, "oproep_op_tijd": 2, "oproep_op_tijd_pct": D("66.7"), "plannen": 2,
        "plan_op_tijd": 1, "plan_op_tijd_pct": D("50.0"), "actief": 3, "beeindigd": 1, "beeindigd_uitstroomWerk": 1,
        "uitstroom_werk": 1, "uitstroom_werk_pct": D("100.0"), "plaatsingen": 1, "plaatsingen_binnen_3_maanden": 1,
        "ladder_trajecten": 2, "ladder_omhoog": 1, "ladder_gelijk": 1, "ladder_start_gem": D("2.5"),
        "ladder_laatst_gem": D("3.0"), "ladder_stap_gem": D("0.5"), "facturen": 1, "factuurregels": 3,
        "gefactureerd": D("5050.00"), "goedgekeurd": D("5000.00"), "afgewezen": D("50.00"), "bevinding_PRIJS_AFWIJKING": 1,
        "te_late_berichten": 2, "te_laat_oproep": 1, "te_laat_plan": 1, "openstaand_oproep": 1, "openstaand_plan": 2,
        "openstaand_besluit": 1,
    }
    # Q2: de omzetting (0105), 0102 geplaatst na de bonustermijn, 0103 zonder resultaat, drie nazorgmaanden van 0101.
    assert _kengetallen(hub, catalogus, "amstelveen", "2024-Q2", "Matchez") == {
        "aanmeldingen": 1, "actief": 1, "beeindigd": 2, "beeindigd_uitstroomWerk": 1, "beeindigd_zonderResultaat": 1,
        "omgezet": 1, "uitstroom_werk": 1, "uitstroom_werk_pct": D("50.0"), "plaatsingen": 1, "nazorgmaanden": 3,
        "ladder_trajecten": 1, "ladder_omhoog": 1, "ladder_start_gem": D("2.0"), "ladder_laatst_gem": D("3.0"),
        "ladder_stap_gem": D("1.0"), "facturen": 1, "factuurregels": 3, "gefactureerd": D("1200.00"),
        "goedgekeurd": D("700.00"), "afgewezen": D("500.00"), "te_late_facturen": 1, "bevinding_BONUS_NIET_VERDIEND": 1,
        "bevinding_TE_LAAT": 1, "openstaand_oproep": 1, "openstaand_plan": 1,
    }
    # Twee no-shows; goedgekeurd 112,50 + 168,75 = 281,25 op 225,00 gefactureerd.
    assert _kengetallen(hub, catalogus, "aalsmeer", "2024-Q1", "A-rea") == {
        "aanmeldingen": 1, "noshows": 2, "beeindigd": 1, "beeindigd_afgerond": 1, "facturen": 1, "factuurregels": 2,
        "gefactureerd": D("225.00"), "goedgekeurd": D("281.25"), "afgewezen": D("-56.25"), "te_late_facturen": 1,
        "bevinding_TE_LAAT": 2, "bevinding_NOSHOW_STAFFEL": 1,
    }
    jobcoach = "Jobcoachorganisatie Heemstede"
    assert _kengetallen(hub, catalogus, "heemstede", "2024-Q3", jobcoach) == {
        "actief": 1, "jobcoach_uren_toegekend": D("40"), "jobcoach_uren_verantwoord": D("9.5"), "openstaand_oproep": 1,
        "openstaand_plan": 1,
    }
    assert _kengetallen(hub, catalogus, "heemstede", "2024-Q4", jobcoach) == {
        "actief": 1, "jobcoach_uren_gefactureerd": D("9.5"), "facturen": 1, "factuurregels": 1,
        "gefactureerd": D("737.11"), "goedgekeurd": D("737.11"), "openstaand_oproep": 1, "openstaand_plan": 1,
    }


def test_factuurregels_uit_versie_1_zijn_getypeerd(hub):
    [_, _, nazorg] = hub.zoek_factuur("matchez", "MZ-2024-0019").regels
    assert nazorg == Factuurregel(
        regelnummer=3, traject_id="AMS-2024-0101", product="MZ-NAZORG", periode_start=date(2024, 5, 1),
        periode_eind=date(2024, 5, 31), aantal=D("1"), prijs=D("350.00"), bedrag=D("350.00"), btw_percentage=D("21"),
        client=Clientgegevens(bsn="123456782", naam="Fatima el Amrani", geboortedatum=date(1987, 3, 14),
                              clientnummer="AV-104233", adres="Stadsplein 12, 1181 ZM Amstelveen"),
        datum_aanmelding=date(2024, 1, 2), klantmanager="Sanne de Vries")
    [tweede] = [r for r in hub.zoek_factuur("a-rea", "AREA-2024-0031").regels if r.regelnummer == 2]
    assert (tweede.noshow_volgnummer, tweede.percentage, tweede.bedrag) == (2, D("50"), D("112.50"))
    [uren] = hub.zoek_factuur("jobcoach-org", "JC-2024-0107").regels
    assert (uren.periode_id, uren.aantal) == ("HMS-JC-2024-01", D("9.5"))


def test_een_ontvangst_uit_versie_1_geldt_nog_voor_dezelfde_afzender(hub, catalogus):
    stap = next(s for s in scenario() if s.bericht["type"] == "intake")
    bericht = lees_json(stap.bericht)
    oud = hub.zoek_ontvangst(stap.afzender, bericht.bericht_id)
    assert oud.id == bericht.bericht_id and oud.vingerafdruk is None and oud.geaccepteerd
    verwerker = Verwerker(hub, catalogus)
    voor = hub.recorder.max_notification_id()
    opnieuw = verwerker.verwerk(bericht, stap.afzender)
    assert opnieuw.herhaling and opnieuw.retour == oud.retour
    [in_een_reeks] = verwerker.verwerk_reeks([(bericht, stap.afzender)])
    assert in_een_reeks.herhaling
    assert hub.recorder.max_notification_id() == voor
    # Een andere afzender met dezelfde berichtId krijgt het antwoord op zijn eigen bericht.
    nagemaakt = lees_json({**stap.bericht, "afzender": "a-rea", "trajectId": "AMS-2024-0999"})
    assert hub.zoek_ontvangst("a-rea", bericht.bericht_id) is None
    van_een_ander = verwerker.verwerk(nagemaakt, "a-rea")
    assert not van_een_ander.herhaling and van_een_ander.retour["fouten"][0]["code"] == "ONBEKEND_TRAJECT"


def test_een_afwijzing_uit_versie_1_houdt_een_nieuwe_poging_niet_tegen(hub, catalogus):
    stap = next(s for s in scenario() if s.toelichting == "aanmelding met een BSN dat de elfproef niet haalt")
    oud = hub.zoek_ontvangst(stap.afzender, lees_json(stap.bericht).bericht_id)
    assert oud.retour["fouten"][0]["code"] == "BSN_ONGELDIG"
    hersteld = lees_json({**stap.bericht, "client": {**stap.bericht["client"], "bsn": "111222333"}})
    uitkomst = Verwerker(hub, catalogus).verwerk(hersteld, stap.afzender)
    assert uitkomst.geaccepteerd and not uitkomst.herhaling, uitkomst.retour
    assert hub.traject("amstelveen", "AMS-2024-0108").client.bsn == "111222333"
    # De weigering van toen blijft staan; de nieuwe poging staat erachter.
    events = list(hub.events.get(oud.id))
    assert [type(e) for e in events] == [Ontvangst.BerichtVerwerkt, Ontvangst.OpnieuwVerwerkt]
    assert [e.retour["status"] for e in events] == ["afgewezen", "geaccepteerd"]
