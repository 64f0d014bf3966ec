"""Een besliste regel houdt het oordeel waarop besloten is, ook na een contractwijziging en het herbouwen van de
leesmodellen; onbesliste regels worden opnieuw beoordeeld tegen het nieuwe contract."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from decimal import Decimal

from hub.bootstrap import bootstrap
from tests.conftest import PROJECT
from tests.factuur.wereld import regel

START, EIND = date(2024, 1, 8), date(2024, 4, 7)
NU = datetime(2024, 4, 19, 10, 0, tzinfo=UTC)


def _met_prijs(map_, oud: str, nieuw: str):
    bestand = map_ / "matchez-amstelveen-aalsmeer.toml"
    tekst = bestand.read_text(encoding="utf-8")
    assert tekst.count(f'bedrag = "{oud}"') == 1
    bestand.write_text(tekst.replace(f'bedrag = "{oud}"', f'bedrag = "{nieuw}"'), encoding="utf-8")


def test_besliste_regel_leest_na_contractwijziging_en_herbouw_precies_als_bij_het_besluit(wereld, instellingen, tmp_path):
    for traject in ("AV-1", "AV-2"):
        wereld.meld_aan(traject)
        wereld.doe(traject, "registreer_intake", START)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", START, EIND, "2250.00"),
                   regel(2, "AV-2", "MZ-BNW3", START, EIND, "2300.00"))
    contracten = tmp_path / "contracten"
    shutil.copytree(PROJECT / "contracts", contracten)
    voor = bootstrap(instellingen.met(contracten=contracten), klok=lambda: NU)
    gezien = voor.facturen.factuur("MZ-1").regel(2)
    assert [b.code for b in gezien.bevindingen] == ["PRIJS_AFWIJKING"] and gezien.verwacht == Decimal("2250.00")
    voor.besluiten.keur_verwacht_goed("MZ-1", [2], "M. de Boer", "Prijs volgens contract is € 2.250,00")
    besloten = voor.facturen.factuur("MZ-1").regel(2)

    _met_prijs(contracten, "2250.00", "2300.00")
    na = bootstrap(instellingen.met(contracten=contracten), klok=lambda: NU)
    na.leesmodelbeheer.herbouw(processen=1)
    oordeel = na.facturen.factuur("MZ-1")

    assert oordeel.regel(2) == besloten
    assert oordeel.regel(2).verwacht == Decimal("2250.00")
    assert [b.code for b in oordeel.regel(2).bevindingen] == ["PRIJS_AFWIJKING"]
    assert oordeel.regel(2).prijsafspraak.prijs == Decimal("2250.00")
    onbeslist = oordeel.regel(1)
    assert onbeslist.verwacht == Decimal("2300.00"), "de open regel wordt getoetst aan de nieuwe prijs"
    assert [b.code for b in onbeslist.bevindingen] == ["PRIJS_AFWIJKING"]
    assert onbeslist.prijsafspraak.contractversie != besloten.prijsafspraak.contractversie


def test_na_intrekken_van_het_besluit_geldt_weer_het_contract_van_nu(wereld, instellingen, tmp_path):
    wereld.meld_aan("AV-1")
    wereld.doe("AV-1", "registreer_intake", START)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", START, EIND, "2300.00"))
    contracten = tmp_path / "contracten"
    shutil.copytree(PROJECT / "contracts", contracten)
    voor = bootstrap(instellingen.met(contracten=contracten), klok=lambda: NU)
    voor.besluiten.keur_verwacht_goed("MZ-1", [1], "M. de Boer", "Prijs volgens contract")
    _met_prijs(contracten, "2250.00", "2300.00")
    na = bootstrap(instellingen.met(contracten=contracten), klok=lambda: NU)
    na.leesmodelbeheer.herbouw(processen=1)
    na.besluiten.corrigeer("MZ-1", [1], "M. de Boer", "Nieuwe prijsafspraak geldt")
    regel_ = na.facturen.factuur("MZ-1").regel(1)
    assert regel_.besluit is None and regel_.bevindingen == [] and regel_.verwacht == Decimal("2300.00")
