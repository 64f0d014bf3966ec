"""Traject: gegeven events, wanneer een commando, dan events — of een domeinfout en niets vastgelegd."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hub.aggregates.traject import Traject, traject_uuid
from hub.domein.clientgegevens import Clientgegevens
from hub.domein.fouten import DomeinFout
from tests.aggregates.helpers import CLIENT, aangemeld, geplaatst, nieuwe


def _fout(code: str, veld: str | None = None):
    class _Verwacht:
        def __enter__(self):
            self.ctx = pytest.raises(DomeinFout)
            self.info = self.ctx.__enter__()
            return self.info

        def __exit__(self, *exc):
            onderdrukt = self.ctx.__exit__(*exc)
            assert self.info.value.code == code
            if veld is not None:
                assert self.info.value.veld == veld
            assert self.info.value.melding
            return onderdrukt

    return _Verwacht()


def test_aanmelding_legt_client_en_product_vast():
    traject = Traject.meld_aan(gemeente="amstelveen", traject_id="AV-1", provider="matchez", product="MZ-BNW3",
                               datum_aanmelding=date(2024, 1, 2), klantmanager="Petra Jansen", reden_verwijzing="r",
                               client=Clientgegevens(**CLIENT), product_bekend=True)
    [(naam, velden)] = nieuwe(traject)
    assert naam == "Aangemeld"
    assert velden["product"] == "MZ-BNW3" and velden["client"] == Clientgegevens(**CLIENT)
    assert traject.id == traject_uuid("amstelveen", "AV-1")


def test_aanmelding_met_bsn_dat_de_elfproef_niet_haalt_wordt_geweigerd():
    with _fout("BSN_ONGELDIG", "client.bsn"):
        Traject.meld_aan(gemeente="amstelveen", traject_id="AV-1", provider="matchez", product="MZ-BNW3",
                         datum_aanmelding=date(2024, 1, 2), klantmanager="K", reden_verwijzing="r",
                         client=Clientgegevens(**{**CLIENT, "bsn": "123456789"}), product_bekend=True)


def test_aanmelding_voor_onbekend_product_wordt_geweigerd():
    with _fout("ONBEKEND_PRODUCT", "product"):
        Traject.meld_aan(gemeente="amstelveen", traject_id="AV-1", provider="matchez", product="MZ-XYZ",
                         datum_aanmelding=date(2024, 1, 2), klantmanager="K", reden_verwijzing="r",
                         client=Clientgegevens(**CLIENT), product_bekend=False)


def test_noshows_krijgen_een_volgnummer():
    traject = aangemeld(product="AREA-MED", provider="a-rea")
    assert traject.registreer_noshow(date(2024, 1, 10), "onderzoek") == 1
    assert traject.registreer_noshow(date(2024, 1, 17), "onderzoek") == 2
    assert [v["volgnummer"] for _, v in nieuwe(traject)] == [1, 2]


def test_dezelfde_noshow_twee_keer_wordt_geweigerd():
    traject = aangemeld(product="AREA-MED", provider="a-rea")
    traject.registreer_noshow(date(2024, 1, 10), "onderzoek")
    traject.collect_events()
    with _fout("DUBBELE_MELDING"):
        traject.registreer_noshow(date(2024, 1, 10), "onderzoek")
    assert nieuwe(traject) == []


def test_start_is_de_intake_anders_de_aanmelding():
    traject = aangemeld(datum=date(2024, 1, 2))
    assert traject.startdatum == date(2024, 1, 2)
    traject.registreer_intake(date(2024, 1, 8))
    assert traject.startdatum == date(2024, 1, 8)


def test_nazorg_voor_een_plaatsing_wordt_geweigerd():
    traject = aangemeld()
    with _fout("ONGELDIGE_VOLGORDE", "maand"):
        traject.lever_nazorgmaand("2024-03")
    assert nieuwe(traject) == []


def test_nazorg_na_plaatsing_wordt_vastgelegd_een_maand_maar_een_keer():
    traject = geplaatst(aangemeld(), date(2024, 3, 1))
    traject.lever_nazorgmaand("2024-04")
    assert nieuwe(traject) == [("NazorgmaandGeleverd", {"maand": "2024-04"})]
    with _fout("DUBBELE_MELDING"):
        traject.lever_nazorgmaand("2024-04")
    with _fout("ONGELDIGE_VOLGORDE"):
        traject.lever_nazorgmaand("2024-02")


def test_na_uitstroom_naar_werk_alleen_nog_nazorgmaanden():
    traject = geplaatst(aangemeld(), date(2024, 3, 1))
    traject.beeindig(date(2024, 3, 1), "uitstroomWerk", None)
    traject.collect_events()
    traject.lever_nazorgmaand("2024-04")
    assert [n for n, _ in nieuwe(traject)] == ["NazorgmaandGeleverd"]
    with _fout("ONGELDIGE_VOLGORDE", "type"):
        traject.rapporteer_voortgang("2024-Q2", 4, "gaat goed")
    with _fout("ONGELDIGE_VOLGORDE"):
        traject.registreer_intake(date(2024, 4, 2))


def test_na_een_andere_beeindiging_ook_geen_nazorg():
    traject = geplaatst(aangemeld(), date(2024, 3, 1))
    traject.beeindig(date(2024, 3, 20), "voortijdigeUitval", "Doorverwijzen naar schuldhulp")
    traject.collect_events()
    with _fout("ONGELDIGE_VOLGORDE"):
        traject.lever_nazorgmaand("2024-04")


def test_beeindiging_zonder_werk_vraagt_vervolgadvies():
    traject = aangemeld()
    with _fout("VERPLICHT_VELD", "vervolgadvies"):
        traject.beeindig(date(2024, 3, 20), "zonderResultaat", "  ")
    assert nieuwe(traject) == []
    traject.beeindig(date(2024, 3, 20), "zonderResultaat", "Taaltraject bij het Leerplein")
    [(naam, velden)] = nieuwe(traject)
    assert naam == "Beeindigd" and velden["reden"] == "zonderResultaat"


def test_uitstroom_naar_werk_vraagt_een_plaatsing():
    with _fout("ONGELDIGE_VOLGORDE", "reden"):
        aangemeld().beeindig(date(2024, 3, 20), "uitstroomWerk", None)


def test_plaatsing_vraagt_de_arbeidsovereenkomst():
    traject = aangemeld()
    with _fout("VERPLICHT_VELD", "arbeidsovereenkomstRef"):
        traject.plaats(date(2024, 3, 1), "Bakkerij", Decimal(32), 12, "")


def _plan(traject, **anders):
    velden = dict(datum=date(2024, 1, 25), trajectbegeleider={"naam": "Ahmed Yilmaz", "telefoon": "020-5551234"},
                  ondertekend_client=True, ondertekend_begeleider=True, gericht_op_uitstroom=True,
                  analyse="Ervaring in de logistiek, rijbewijs B.", stappen=[{"doel": "cv", "planning": "week 1",
                  "terugkoppeling": "week 2"}], trede=3)
    velden.update(anders)
    traject.dien_plan_in(**velden)


def test_plan_moet_door_client_en_begeleider_ondertekend_zijn():
    traject = aangemeld()
    with _fout("VERPLICHT_VELD", "ondertekendClient"):
        _plan(traject, ondertekend_client=False)
    with _fout("ONGELDIGE_WAARDE", "trede"):
        _plan(traject, trede=7)
    _plan(traject)
    [(naam, velden)] = nieuwe(traject)
    assert naam == "PlanIngediend" and velden["trede"] == 3


def test_planbesluit_vraagt_een_plan_en_volgt_het_maar_een_keer():
    traject = aangemeld()
    with _fout("ONGELDIGE_VOLGORDE"):
        traject.beoordeel_plan(date(2024, 1, 30), "goedgekeurd", "")
    _plan(traject)
    traject.beoordeel_plan(date(2024, 1, 30), "goedgekeurd", "Akkoord")
    with _fout("DUBBELE_MELDING"):
        traject.beoordeel_plan(date(2024, 1, 31), "afgewezen", "")


def test_voortgang_met_trede_per_kwartaal():
    traject = aangemeld()
    _plan(traject, trede=2)
    traject.rapporteer_voortgang("2024-Q1", 3, "Solliciteert actief")
    traject.rapporteer_voortgang("2024-Q2", 4, "Proefplaatsing")
    assert (traject.eerste_trede, traject.laatste_trede) == (2, 4)
    with _fout("DUBBELE_MELDING", "kwartaal"):
        traject.rapporteer_voortgang("2024-Q2", 4, "")


def test_mutatie_en_besluit_wijzigen_het_product():
    traject = aangemeld()
    traject.vraag_mutatie_aan("Meer tijd nodig", "Werk in de zorg", "MZ-BNW6", Decimal("3250.00"), "6 maanden", True)
    with _fout("DUBBELE_MELDING"):
        traject.vraag_mutatie_aan("x", "y", "MZ-BNW6", Decimal("3250.00"), "z", True)
    traject.beoordeel_mutatie(date(2024, 2, 5), "goedgekeurd", "Akkoord")
    assert traject.product == "MZ-BNW6"
    assert [n for n, _ in nieuwe(traject)] == ["MutatieAangevraagd", "MutatieBeoordeeld"]


def test_omzetting_alleen_zonder_uitstroom():
    traject = aangemeld(product="MZ-TB")
    traject.zet_om("AV-2024-002", date(2024, 7, 1))
    assert nieuwe(traject) == [("Omgezet", {"naar_traject_id": "AV-2024-002", "datum": date(2024, 7, 1)})]
    with _fout("ONGELDIGE_VOLGORDE"):
        traject.registreer_intake(date(2024, 7, 2))
    geplaatst_traject = geplaatst(aangemeld(traject_id="AV-9"))
    with _fout("ONGELDIGE_VOLGORDE", "omzettingVan"):
        geplaatst_traject.zet_om("AV-10", date(2024, 7, 1))


def test_een_aanmelding_uit_versie_1_krijgt_de_client_als_waarde():
    state = {"client": {"bsn": "123456782", "naam": "Fatima el Amrani", "geboortedatum": date(1987, 3, 14),
                        "clientnummer": "AV-104233", "adres": "Stadsplein 12, 1181 ZM Amstelveen"}}
    Traject.Aangemeld.upcast_v1_v2(state)
    assert state["client"] == Clientgegevens(bsn="123456782", naam="Fatima el Amrani", geboortedatum=date(1987, 3, 14),
                                             clientnummer="AV-104233", adres="Stadsplein 12, 1181 ZM Amstelveen")
