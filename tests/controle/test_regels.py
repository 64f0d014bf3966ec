"""De zuivere regels, ook over grote invoerruimtes (hypothesis)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from hub.contracten.catalogus import Catalogus
from hub.contracten.model import Contract, Plafond, Prijs, Product
from hub.controle import Trajectfeiten, controleer_factuur
from hub.controle.formulier import rekenwerk_regel
from hub.controle.regelcontrole import controleer_regel
from hub.domein.geld import bedrag
from tests.controle.helpers import Feiten, gefactureerd, kop

DAG = date(2024, 2, 5)


def _area(noshows: int) -> Feiten:
    traject = Trajectfeiten("amstelveen", "AV-7", "a-rea", "AREA-MED", date(2024, 1, 2))
    traject.noshows = {n: date(2024, 1, 1) for n in range(1, noshows + 1)}
    return Feiten(trajecten=[traject])


@settings(max_examples=60, deadline=None)
@given(volgnummer=st.integers(min_value=1, max_value=12))
def test_noshow_volgens_staffel_is_schoon_voor_elk_volgnummer(catalogus, volgnummer):
    percentage = "50" if volgnummer == 1 else "75"
    k = kop("a-rea", factuurdatum=DAG)
    g = gefactureerd(k, 1, 1, "AV-7", "AREA-MED", DAG, DAG, "225.00", noshow_volgnummer=volgnummer, percentage=percentage)
    uitkomst = controleer_regel(k, g, _area(volgnummer), catalogus)
    assert uitkomst.bevindingen == []
    assert uitkomst.verwacht == bedrag(Decimal("225.00") * Decimal(percentage) / 100)


@settings(max_examples=60, deadline=None)
@given(volgnummer=st.integers(min_value=1, max_value=12), percentage=st.sampled_from(["25", "50", "75", "100"]))
def test_noshow_buiten_de_staffel_wordt_gemeld(catalogus, volgnummer, percentage):
    juist = "50" if volgnummer == 1 else "75"
    k = kop("a-rea", factuurdatum=DAG)
    g = gefactureerd(k, 1, 1, "AV-7", "AREA-MED", DAG, DAG, "225.00", noshow_volgnummer=volgnummer, percentage=percentage)
    codes = [b.code for b in controleer_regel(k, g, _area(volgnummer), catalogus).bevindingen]
    assert ("NOSHOW_STAFFEL" in codes) == (percentage != juist)


@given(
    aantal=st.decimals(min_value=Decimal("0.25"), max_value=Decimal("500"), places=2),
    prijs=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000"), places=2),
    afwijking=st.sampled_from([Decimal("0"), Decimal("0.01"), Decimal("-0.01"), Decimal("10")]),
)
def test_rekenfout_precies_als_het_regelbedrag_niet_aantal_maal_prijs_is(aantal, prijs, afwijking):
    k = kop()
    juist = bedrag(aantal * prijs)
    g = gefactureerd(k, 1, 1, "AV-1", "MZ-BNW3", DAG, DAG, str(prijs), aantal=str(aantal), bedrag_=str(juist + afwijking))
    assert bool(rekenwerk_regel(g.regel)) == (afwijking != 0)


def _catalogus_met_budget(partijen) -> Catalogus:
    contract = Contract(
        id="pasmatch-test", provider="pasmatch", gemeenten=["heemstede"], geldig_van=date(2020, 1, 1),
        geldig_tot=date(2020, 12, 31), btw_percentage=Decimal(21), bron="test",
        producten=[Product(code="PM-TRAJECT", naam="Traject", eenheid="stuk",
                           prijzen=[Prijs(bedrag=Decimal("2000.00"), geldig_van=date(2020, 1, 1), geldig_tot=date(2020, 12, 31))])],
        plafonds=[Plafond(jaar=2020, gemeente="heemstede", bedrag=Decimal("74000.00"))],
    )
    return Catalogus(partijen, [contract])


def test_budgetplafond_waarschuwt_als_goedkeuren_het_budget_overschrijdt(catalogus):
    eigen = _catalogus_met_budget(catalogus.partijen)
    eerder = kop("pasmatch", "heemstede", "P-1", date(2020, 6, 10))
    nu = kop("pasmatch", "heemstede", "P-2", date(2020, 6, 10))
    trajecten = [Trajectfeiten("heemstede", f"H-{i}", "pasmatch", "PM-TRAJECT", date(2020, 1, 2), datum_intake=date(2020, 1, 6))
                 for i in range(40)]
    regels = [gefactureerd(eerder, 1, i + 1, f"H-{i}", "PM-TRAJECT", date(2020, 1, 6), date(2020, 6, 1), "2000.00",
                           besluit="goedgekeurd") for i in range(36)]
    schoon = gefactureerd(nu, 2, 1, "H-36", "PM-TRAJECT", date(2020, 1, 6), date(2020, 6, 1), "2000.00")
    feiten = Feiten(trajecten=trajecten, regels=[*regels, schoon])
    assert [b.code for b in controleer_regel(nu, schoon, feiten, eigen).bevindingen] == []
    regels.append(gefactureerd(eerder, 1, 37, "H-37", "PM-TRAJECT", date(2020, 1, 6), date(2020, 6, 1), "2000.00", besluit="goedgekeurd"))
    feiten = Feiten(trajecten=trajecten, regels=[*regels, schoon])
    [b] = controleer_regel(nu, schoon, feiten, eigen).bevindingen
    assert b.code == "BUDGETPLAFOND"
    assert "€ 74.000,00" in b.melding and "€ 76.000,00" in b.melding


def test_totalen_met_btw_per_tarief_afgerond_zijn_goed(catalogus):
    k = kop()
    regels = [gefactureerd(k, 1, n, f"AV-{n}", "MZ-BNW3", DAG, DAG, "0.05") for n in (1, 2, 3)]
    k = kop().__class__(**{**k.__dict__, "totaal_excl_btw": Decimal("0.15"), "btw_bedrag": Decimal("0.03"),
                           "totaal_incl_btw": Decimal("0.18")})
    uitkomsten = controleer_factuur(k, regels, Feiten(), catalogus)
    assert all(b.code != "REKENFOUT" for u in uitkomsten.values() for b in u.bevindingen)
