"""De redenen van beëindiging 'terugNaarSchool' en 'handhaving' (toegevoegd voor Uithoorn, 004…): ze vragen een
vervolgadvies en geen plaatsing, houden de nazorg niet open en verdienen geen plaatsingsbonus; terug naar school laat
zien dat het traject liep, uitstroom door handhaving niet."""

from __future__ import annotations

from datetime import date

import pytest

from hub.domein.fouten import DomeinFout
from tests.factuur.test_matchez import bnw3, bonus, gestart

EINDE = date(2024, 3, 20)
ADVIES = "Start met de Entree-opleiding; bij uitval opnieuw melden bij de klantmanager."


@pytest.mark.parametrize("reden", ["terugNaarSchool", "handhaving"])
def test_zonder_vervolgadvies_geweigerd_met_vervolgadvies_zonder_plaatsing_vastgelegd(wereld, reden):
    gestart(wereld)
    with pytest.raises(DomeinFout) as fout:
        wereld.doe("AV-1", "beeindig", EINDE, reden, " ")
    assert (fout.value.code, fout.value.veld) == ("VERPLICHT_VELD", "vervolgadvies")
    assert wereld.met_traject("AV-1").einde is None
    wereld.doe("AV-1", "beeindig", EINDE, reden, ADVIES)
    assert wereld.met_traject("AV-1").einde["reden"] == reden


@pytest.mark.parametrize("reden", ["terugNaarSchool", "handhaving"])
def test_na_terug_naar_school_of_handhaving_geen_nazorg(wereld, reden):
    """Ook na een plaatsing (bijv. een bijbaan naast de opleiding) houdt alleen uitstroom naar werk de nazorg open."""
    gestart(wereld)
    wereld.plaats("AV-1", date(2024, 3, 1))
    wereld.doe("AV-1", "beeindig", EINDE, reden, ADVIES)
    with pytest.raises(DomeinFout) as fout:
        wereld.doe("AV-1", "lever_nazorgmaand", "2024-04")
    assert fout.value.code == "ONGELDIGE_VOLGORDE"
    assert wereld.met_traject("AV-1").nazorgmaanden == []


def test_terug_naar_school_verdient_geen_plaatsingsbonus(wereld):
    gestart(wereld)
    wereld.doe("AV-1", "beeindig", EINDE, "terugNaarSchool", ADVIES)
    wereld.factuur("MZ-1", bonus())
    assert wereld.codes("MZ-1") == ["BONUS_NIET_VERDIEND"]


def test_terug_naar_school_laat_zien_dat_het_traject_liep(wereld):
    wereld.meld_aan("AV-1")
    wereld.doe("AV-1", "beeindig", EINDE, "terugNaarSchool", ADVIES)
    wereld.factuur("MZ-1", bnw3())
    assert wereld.codes("MZ-1") == []


def test_uitstroom_door_handhaving_zonder_intake_is_geen_gestart_traject(wereld):
    wereld.meld_aan("AV-1")
    wereld.doe("AV-1", "beeindig", EINDE, "handhaving", "Dossier bij handhaving; bij een nieuwe aanvraag opnieuw melden.")
    wereld.factuur("MZ-1", bnw3())
    assert wereld.codes("MZ-1") == ["GEEN_PRESTATIE"]

