from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hub.aggregates.factuur import Clientgegevens, Factuur, Factuurregel, Grondslag
from hub.domein.bevinding import Controlebevinding
from hub.domein.fouten import DomeinFout
from tests.aggregates.helpers import CLIENT, nieuwe

OP = datetime(2024, 4, 10, 9, 0, tzinfo=UTC)


def _regel(n: int, product: str = "MZ-BNW3", bedrag: str = "2250.00") -> Factuurregel:
    return Factuurregel(regelnummer=n, traject_id="AV-2024-001", product=product, periode_start=date(2024, 1, 8),
                        periode_eind=date(2024, 4, 7), aantal=Decimal(1), prijs=Decimal(bedrag), bedrag=Decimal(bedrag),
                        btw_percentage=Decimal(21), client=Clientgegevens(**CLIENT), datum_aanmelding=date(2024, 1, 2),
                        klantmanager="Petra Jansen")


def ontvangen(*regels: Factuurregel) -> Factuur:
    factuur = Factuur.ontvang(afzender="matchez", gemeente="amstelveen", factuurnummer="MZ-2024-0012",
                              factuurdatum=date(2024, 4, 8), verzonden=OP, iban="NL91ABNA0417164300",
                              regels=list(regels or [_regel(1)]), totaal_excl_btw=Decimal("2250.00"),
                              btw_bedrag=Decimal("472.50"), totaal_incl_btw=Decimal("2722.50"), bron="json")
    factuur.collect_events()
    return factuur


def test_factuur_zonder_regels_of_met_dubbele_regelnummers_wordt_geweigerd():
    with pytest.raises(DomeinFout) as fout:
        Factuur.ontvang(afzender="matchez", gemeente="amstelveen", factuurnummer="X", factuurdatum=date(2024, 4, 8),
                        verzonden=OP, iban="", regels=[], totaal_excl_btw=Decimal(0), btw_bedrag=Decimal(0),
                        totaal_incl_btw=Decimal(0), bron="json")
    assert fout.value.code == "VERPLICHT_VELD"
    with pytest.raises(DomeinFout) as fout:
        ontvangen(_regel(1), _regel(1))
    assert fout.value.veld == "regels"


def test_besluit_per_regel_met_wie_wanneer_en_waarom_en_op_welke_grond():
    factuur = ontvangen()
    grondslag = Grondslag(gefactureerd=Decimal("2300.00"), verwacht=Decimal("2250.00"), btw_verwacht=Decimal("21"),
                          bevindingen=[Controlebevinding("PRIJS_AFWIJKING", "€ 2.300,00 in plaats van € 2.250,00")],
                          prijsafspraak=None)
    factuur.besluit(1, "verwachtGoedgekeurd", Decimal("2250.00"), "M. de Boer", "Prijs volgens contract", OP, grondslag,
                    door_id="mdeboer")
    [(naam, velden)] = nieuwe(factuur)
    assert naam == "RegelBesloten"
    assert velden == {"regelnummer": 1, "besluit": "verwachtGoedgekeurd", "bedrag": Decimal("2250.00"),
                      "door": "M. de Boer", "reden": "Prijs volgens contract", "op": OP, "grondslag": grondslag,
                      "door_id": "mdeboer"}


def test_een_besluit_uit_versie_1_heeft_geen_grondslag():
    state = {"regelnummer": 1, "besluit": "goedgekeurd", "bedrag": Decimal("2250.00"), "door": "M. de Boer",
             "reden": "Conform", "op": OP}
    Factuur.RegelBesloten.upcast_v1_v2(state)
    assert state["grondslag"] is None
    Factuur.RegelBesloten.upcast_v2_v3(state)
    assert state["door_id"] is None, "een besluit van vóór de aanmelding kent alleen een naam"


def test_een_besloten_regel_alleen_opnieuw_na_correctie():
    factuur = ontvangen()
    factuur.besluit(1, "afgewezen", Decimal(0), "M. de Boer", "Geen prestatie", OP)
    factuur.collect_events()
    with pytest.raises(DomeinFout) as fout:
        factuur.besluit(1, "goedgekeurd", Decimal("2250.00"), "M. de Boer", "Toch goed", OP)
    assert fout.value.code == "AL_BESLOTEN"
    factuur.corrigeer_besluit(1, "M. de Boer", "Plaatsing alsnog aangetoond", OP)
    factuur.besluit(1, "goedgekeurd", Decimal("2250.00"), "M. de Boer", "Toch goed", OP)
    assert [n for n, _ in nieuwe(factuur)] == ["BesluitGecorrigeerd", "RegelBesloten"]


def test_een_regel_zit_in_precies_een_betaalbatch():
    factuur = ontvangen(_regel(1), _regel(2, "MZ-BNW3-BONUS", "500.00"))
    factuur.besluit(1, "goedgekeurd", Decimal("2250.00"), "M. de Boer", "ok", OP)
    factuur.besluit(2, "afgewezen", Decimal(0), "M. de Boer", "Geen plaatsing binnen 3 maanden", OP)
    assert factuur.te_betalen() == {1: Decimal("2250.00")}
    factuur.neem_op_in_batch("B-1", [1], OP)
    assert factuur.te_betalen() == {}
    with pytest.raises(DomeinFout):
        factuur.neem_op_in_batch("B-2", [1], OP)
    with pytest.raises(DomeinFout):
        factuur.corrigeer_besluit(1, "M. de Boer", "te laat", OP)


def test_versie_1_van_factuur_ontvangen_bewaarde_de_regels_in_berichtvorm():
    toestand = {"afzender": "matchez", "regels": [
        {"regelnummer": 1, "trajectId": "AV-2024-001", "product": "AREA-MED", "periodeStart": date(2024, 2, 6),
         "periodeEind": date(2024, 2, 6), "aantal": Decimal(1), "prijs": Decimal("225.00"), "bedrag": Decimal("112.50"),
         "btwPercentage": Decimal(21), "client": {"bsn": "111222333", "naam": "Sanne de Vries", "geboortedatum": None,
                                                   "clientnummer": None, "adres": None},
         "datumAanmelding": date(2024, 1, 22), "klantmanager": "Petra Jansen", "noShowVolgnummer": 1,
         "percentage": Decimal(50), "periodeId": None},
        {"regelnummer": 2, "trajectId": "HMS-1", "product": "JC-UUR", "periodeStart": date(2024, 7, 1),
         "periodeEind": date(2024, 9, 30), "aantal": Decimal("9.5"), "prijs": Decimal("77.59"), "bedrag": Decimal("737.11"),
         "btwPercentage": Decimal(21), "client": None, "datumAanmelding": None, "klantmanager": None,
         "noShowVolgnummer": None, "percentage": None, "periodeId": "HMS-JC-1"},
    ]}
    Factuur.FactuurOntvangen.upcast_v1_v2(toestand)
    assert toestand == {"afzender": "matchez", "regels": [
        Factuurregel(regelnummer=1, traject_id="AV-2024-001", product="AREA-MED", periode_start=date(2024, 2, 6),
                     periode_eind=date(2024, 2, 6), aantal=Decimal(1), prijs=Decimal("225.00"), bedrag=Decimal("112.50"),
                     btw_percentage=Decimal(21), client=Clientgegevens(bsn="111222333", naam="Sanne de Vries"),
                     datum_aanmelding=date(2024, 1, 22), klantmanager="Petra Jansen", noshow_volgnummer=1,
                     percentage=Decimal(50)),
        Factuurregel(regelnummer=2, traject_id="HMS-1", product="JC-UUR", periode_start=date(2024, 7, 1),
                     periode_eind=date(2024, 9, 30), aantal=Decimal("9.5"), prijs=Decimal("77.59"), bedrag=Decimal("737.11"),
                     btw_percentage=Decimal(21), periode_id="HMS-JC-1"),
    ]}


def test_een_factuurregel_komt_getypeerd_terug_uit_de_eventstore(hub):
    hub.save(Factuur.ontvang(afzender="matchez", gemeente="amstelveen", factuurnummer="MZ-2024-0012",
                             factuurdatum=date(2024, 4, 8), verzonden=OP, iban="NL91ABNA0417164300", regels=[_regel(1)],
                             totaal_excl_btw=Decimal("2250.00"), btw_bedrag=Decimal("472.50"),
                             totaal_incl_btw=Decimal("2722.50"), bron="json"))
    assert hub.zoek_factuur("matchez", "MZ-2024-0012").regels == [_regel(1)]
