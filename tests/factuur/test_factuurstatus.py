"""Het bericht factuurstatus aan de aanbieder, en een projectie die herbouwd hetzelfde oordeel geeft."""

from __future__ import annotations

from datetime import date

from hub.koppelingen.opslag.leesmodellen import werk_bij
from hub.projections.factuurcontrole import Factuurcontrole, factuurstatus
from tests.factuur.wereld import regel

START, EIND = date(2024, 1, 8), date(2024, 4, 7)


def _factuur(wereld) -> None:
    wereld.meld_aan("AV-1")
    wereld.doe("AV-1", "registreer_intake", START)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", START, EIND, "2300.00"), regel(2, "AV-1", "MZ-BNW3-BONUS", START, EIND, "500.00"))


def test_factuurstatus_noemt_per_regel_verwacht_gefactureerd_bevindingen_en_besluit(wereld):
    _factuur(wereld)
    wereld.oordeel("MZ-1")
    wereld.besluit("MZ-1", 1, "verwachtGoedgekeurd", "2250.00")
    factuur = wereld.hub.zoek_factuur("matchez", "MZ-1")
    factuur.neem_op_in_batch("BB-1", [1], factuur.besluiten[1]["op"])
    wereld.hub.save(factuur)
    status = factuurstatus(wereld.oordeel("MZ-1"))
    een, twee = status["regels"]
    assert status["factuurnummer"] == "MZ-1"
    assert (een["verwacht"], een["gefactureerd"]) == ("2250.00", "2300.00")
    assert een["besluit"] == {"uitkomst": "verwachtBedragGoedgekeurd", "bedrag": "2250.00", "datum": "2024-04-10", "reden": "Getoetst"}
    assert een["betaald"] == {"datum": "2024-04-10", "bedrag": "2722.50", "betaalbatch": "BB-1"}
    assert [b["code"] for b in twee["bevindingen"]] == ["BONUS_NIET_VERDIEND"]
    assert twee["besluit"] is None and twee["betaald"] is None


def test_factuurstatus_past_in_het_berichtmodel_als_dat_er_is(wereld):
    import pytest

    berichten = pytest.importorskip("hub.berichten.factuur")
    _factuur(wereld)
    wereld.oordeel("MZ-1")
    wereld.besluit("MZ-1", 1, "afgewezen", "0")
    berichten.Factuurstatus.model_validate(factuurstatus(wereld.oordeel("MZ-1")))


def test_herbouwen_vanaf_nul_geeft_hetzelfde_oordeel(wereld):
    _factuur(wereld)
    stapsgewijs = wereld.controle()
    wereld.besluit("MZ-1", 1, "goedgekeurd", "2300.00")
    wereld.plaats("AV-1", date(2024, 3, 1))
    stapsgewijs = wereld.controle()
    opnieuw = Factuurcontrole(wereld.catalogus)
    werk_bij(wereld.hub, [opnieuw])
    assert [f.als_json() for f in opnieuw.facturen()] == [f.als_json() for f in stapsgewijs.facturen()]
    assert opnieuw.oordeel("matchez", "MZ-1").regel(2).bevindingen == []


def test_alleen_facturen_die_er_anders_uit_kunnen_zien_komen_terug(wereld):
    """Zo hoeft de factuurstatus-uitgang na elk nieuw event niet alle facturen opnieuw te lezen."""
    _factuur(wereld)
    wereld.meld_aan("AV-2")
    wereld.doe("AV-2", "registreer_intake", START)
    wereld.factuur("MZ-2", regel(1, "AV-2", "MZ-BNW3", START, EIND, "2250.00"))
    controle = Factuurcontrole(wereld.catalogus)

    def gewijzigd(teller):
        werk_bij(wereld.hub, [controle])
        oordelen, teller = controle.gewijzigd_sinds(teller)
        return sorted(o.factuurnummer for o in oordelen), teller

    nummers, teller = gewijzigd(0)
    assert nummers == ["MZ-1", "MZ-2"]
    assert gewijzigd(teller) == ([], teller)

    wereld.meld_aan("AV-3")
    nummers, teller = gewijzigd(teller)
    assert nummers == [], "een aanmelding zonder factuur verandert geen oordeel"

    wereld.plaats("AV-1", date(2024, 3, 1))
    nummers, teller = gewijzigd(teller)
    assert nummers == ["MZ-1"], "de plaatsing maakt de bonus op MZ-1 verdiend"
    assert controle.oordeel("matchez", "MZ-1").regel(2).bevindingen == []

    wereld.besluit("MZ-2", 1, "goedgekeurd", "2250.00")
    nummers, teller = gewijzigd(teller)
    assert nummers == ["MZ-2"]
