"""De resultaatdoelen van Uithoorn in het contractbestand worden gecontroleerd zoals de andere velden: een foute
waarde noemt bestand, plaats en wat er mis is."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from hub.koppelingen.opslag.contractbestanden import ContractFout, laad_catalogus
from tests.conftest import PROJECT

BESTAND = "am-match-uithoorn.toml"


@pytest.fixture
def kopie(tmp_path: Path) -> Path:
    doel = tmp_path / "contracts"
    shutil.copytree(PROJECT / "contracts", doel)
    return doel


def _vervang(map_: Path, oud: str, nieuw: str) -> None:
    bestand = map_ / BESTAND
    tekst = bestand.read_text(encoding="utf-8")
    assert oud in tekst
    bestand.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")


def test_de_doelen_van_uithoorn_per_categorie(catalogus):
    [contract] = [c for c in catalogus.contracten if c.id == "am-match-uithoorn"]
    doelen = {d.loonwaarde: d for d in contract.resultaatdoelen}
    assert (doelen["0-40"].op_traject_procent, doelen["0-40"].aantal_mensen, doelen["0-40"].plaatsingen_per_jaar) == (
        Decimal(70), 151, 12)
    assert (doelen["70-100"].werk_of_school_procent, doelen["70-100"].overige_in_begeleiding_procent) == (Decimal(50), Decimal(80))
    assert (doelen["100"].werk_of_school_procent, doelen["100"].in_begeleiding_procent, doelen["100"].handhaving_procent) == (
        Decimal(60), Decimal(20), Decimal(10))
    assert "niet naar AM Match worden doorverwezen" in contract.bron


@pytest.mark.parametrize(
    ("oud", "nieuw", "plaats", "woord"),
    [
        ('op_traject_procent = "70"\naantal_mensen = 151\n', 'op_traject_procent = "70"\n', "resultaatdoelen[0]",
         "aantal_mensen"),
        ('handhaving_procent = "10"', 'handhaving_procent = "110"', "resultaatdoelen[3].handhaving_procent", "100"),
        ('aantal_mensen = 151', 'aantal_mensen = 0', "resultaatdoelen[0].aantal_mensen", "groter"),
        ('loonwaarde = "100"\nwerk_of_school_procent = "60"\nin_begeleiding_procent = "20"\nhandhaving_procent = "10"\n',
         'loonwaarde = "100"\n', "resultaatdoelen[3]", "percentage"),
        ('loonwaarde = "100"', 'loonwaarde = "70-100"', "resultaatdoelen", "meer dan eens"),
    ],
    ids=["op-traject-zonder-aantal-mensen", "boven-100-procent", "nul-mensen", "zonder-doel", "categorie-dubbel"],
)
def test_fout_resultaatdoel_meldt_plaats_en_uitleg(kopie, oud, nieuw, plaats, woord):
    _vervang(kopie, oud, nieuw)
    with pytest.raises(ContractFout) as fout:
        laad_catalogus(kopie)
    assert fout.value.bestand.name == BESTAND
    assert fout.value.plaats == plaats
    assert woord in fout.value.melding
