"""De geleverde contracten laden foutloos; elk soort kapot bestand geeft bestand, plaats en uitleg."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from hub.contracten.model import Contract, Product
from hub.koppelingen.opslag.contractbestanden import ContractFout, laad_catalogus
from tests.conftest import PROJECT

CONTRACTS = PROJECT / "contracts"


@pytest.fixture
def kopie(tmp_path: Path) -> Path:
    doel = tmp_path / "contracts"
    shutil.copytree(CONTRACTS, doel)
    return doel


def _vervang(bestand: Path, oud: str, nieuw: str) -> None:
    tekst = bestand.read_text(encoding="utf-8")
    assert oud in tekst
    bestand.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")


def test_prijzen_uit_de_productenmap(catalogus):
    dag = date(2024, 3, 1)
    verwacht = {
        ("matchez", "amstelveen", "MZ-BNW3"): "2250.00",
        ("matchez", "aalsmeer", "MZ-BNW3-BONUS"): "500.00",
        ("matchez", "amstelveen", "MZ-BNW6"): "3250.00",
        ("matchez", "amstelveen", "MZ-NAZORG"): "350.00",
        ("matchez", "amstelveen", "MZ-WBU"): "375.00",
        ("matchez", "amstelveen", "MZ-TB"): "750.00",
        ("a-rea", "amstelveen", "AREA-MED"): "225.00",
        ("a-rea", "amstelveen", "AREA-PSY"): "395.00",
        ("balans", "amstelveen", "BAL-TRAJECT"): "2091.00",
        ("balans", "amstelveen", "BAL-WSNP-VERKLARING"): "303.00",
        ("balans", "amstelveen", "BAL-WSNP-NAZORG"): "1764.00",
        ("balans", "amstelveen", "BAL-NOSHOW-INTAKE"): "65.00",
        ("balans", "amstelveen", "BAL-ADVIES"): "288.00",
        ("jobcoach-org", "heemstede", "JC-UUR"): "77.59",
        ("jobcoach-org", "heemstede", "JC-INTERN-J1"): "3187.24",
        ("jobcoach-org", "heemstede", "JC-INTERN-J2"): "1652.64",
        ("jobcoach-org", "heemstede", "JC-INTERN-J3"): "1652.64",
    }
    for (provider, gemeente, code), bedrag in verwacht.items():
        afspraak = catalogus.prijsafspraak(provider, gemeente, code, dag)
        assert afspraak is not None, code
        assert afspraak.bedrag == Decimal(bedrag), code


def test_btw_21_procent_behalve_balans(catalogus):
    dag = date(2024, 3, 1)
    assert catalogus.prijsafspraak("matchez", "amstelveen", "MZ-BNW3", dag).btw_percentage == Decimal(21)
    assert catalogus.prijsafspraak("balans", "amstelveen", "BAL-TRAJECT", dag).btw_percentage == Decimal(0)


def test_regels_van_de_producten(catalogus):
    area = catalogus.product("a-rea", "amstelveen", "AREA-MED")
    assert [area.noshow_percentage(n) for n in (1, 2, 3, 7)] == [Decimal(50), Decimal(75), Decimal(75), Decimal(75)]
    bonus = catalogus.product("matchez", "amstelveen", "MZ-BNW3-BONUS")
    assert (bonus.bonus.voor_product, bonus.bonus.binnen_maanden) == ("MZ-BNW3", 3)
    assert catalogus.product("matchez", "amstelveen", "MZ-NAZORG").nazorg_maximum_maanden == 3
    assert catalogus.product("matchez", "amstelveen", "MZ-TB").gevolgd_door == "MZ-BNW3"
    assert catalogus.contracten_van("matchez")[0].omzetting_verrekenen
    assert catalogus.product("balans", "amstelveen", "BAL-ADVIES").maximum_aantal == 3
    assert catalogus.product("jobcoach-org", "heemstede", "JC-INTERN-J1").prijs_is_maximum


def test_am_match_heeft_producten_zonder_prijs(catalogus):
    for code in ("AM-REGULIER", "AM-BESCHUT", "AM-JOBCOACH", "AM-VTA"):
        assert catalogus.product("am-match", "amstelveen", code) is not None
        assert catalogus.prijsafspraak("am-match", "amstelveen", code, date(2024, 3, 1)) is None


def test_jobcoachtarief_2024_heeft_geen_opvolger_in_2025(catalogus):
    assert catalogus.prijsafspraak("jobcoach-org", "heemstede", "JC-UUR", date(2024, 12, 31)).bedrag == Decimal("77.59")
    assert catalogus.prijsafspraak("jobcoach-org", "heemstede", "JC-UUR", date(2025, 1, 1)) is None


def test_budgetten_en_doelstellingen_heemstede_2020(catalogus):
    budget = {p: catalogus.plafonds(p, "heemstede", 2020)[0].bedrag for p in ("agros", "pasmatch", "startbaan", "jobcoach-org")}
    assert budget == {"agros": Decimal(65000), "pasmatch": Decimal(74000), "startbaan": Decimal(20000), "jobcoach-org": Decimal(21000)}
    agros = catalogus.doelstelling("agros", "heemstede", date(2020, 6, 1))
    assert agros.gehaald(Decimal(60)) and not agros.gehaald(Decimal(50))
    pasmatch = catalogus.doelstelling("pasmatch", "heemstede", date(2020, 6, 1))
    assert pasmatch.gehaald(Decimal(35)) and not pasmatch.gehaald(Decimal("34.9"))


def test_balans_telplafond_45_clienten_per_jaar_in_amstelveen(catalogus):
    [plafond] = catalogus.plafonds("balans", "amstelveen", 2025)
    assert plafond.aantal == 45
    assert catalogus.plafonds("balans", "aalsmeer", 2025) == []


def test_cpi_indexatie_is_een_nieuwe_prijs_vanaf_een_datum(kopie):
    bestand = kopie / "jobcoaching-heemstede-2024.toml"
    _vervang(
        bestand,
        'prijzen = [{ bedrag = "77.59", geldig_van = 2024-01-01, geldig_tot = 2024-12-31, bron = "art. 12.4" }]',
        'prijzen = [{ bedrag = "77.59", geldig_van = 2024-01-01, geldig_tot = 2024-06-30 },'
        ' { bedrag = "79.60", geldig_van = 2024-07-01, geldig_tot = 2024-12-31, bron = "CPI" }]',
    )
    catalogus = laad_catalogus(kopie)
    assert catalogus.prijsafspraak("jobcoach-org", "heemstede", "JC-UUR", date(2024, 6, 30)).bedrag == Decimal("77.59")
    assert catalogus.prijsafspraak("jobcoach-org", "heemstede", "JC-UUR", date(2024, 7, 1)).bedrag == Decimal("79.60")


@pytest.mark.parametrize(
    ("bestand", "oud", "nieuw", "plaats", "woord"),
    [
        ("matchez-amstelveen-aalsmeer.toml", 'eenheid = "traject"\nduur_maanden = 3', 'eenheid = "traject"\nduur_maand = 3',
         "producten[1].duur_maand", "geen bekend veld"),
        ("matchez-amstelveen-aalsmeer.toml", 'bedrag = "2250.00"', 'bedrag = "-2250.00"',
         "producten[1].prijzen[0].bedrag", "niet kleiner zijn dan 0"),
        ("a-rea-amstelveen-aalsmeer.toml", 'eenheid = "aanmelding"\nnoshow_staffel', 'noshow_staffel',
         "producten[0].eenheid", "ontbreekt"),
        ("jobcoaching-heemstede-2024.toml",
         'prijzen = [{ bedrag = "77.59", geldig_van = 2024-01-01, geldig_tot = 2024-12-31, bron = "art. 12.4" }]',
         'prijzen = [{ bedrag = "77.59", geldig_van = 2024-01-01, geldig_tot = 2024-12-31 },'
         ' { bedrag = "79.60", geldig_van = 2024-07-01, geldig_tot = 2024-12-31 }]',
         "producten", "overlappen"),
    ],
    ids=["onbekend-veld", "negatieve-prijs", "eenheid-ontbreekt", "overlappende-prijzen"],
)
def test_kapot_contract_meldt_bestand_plaats_en_uitleg(kopie, bestand, oud, nieuw, plaats, woord):
    _vervang(kopie / bestand, oud, nieuw)
    with pytest.raises(ContractFout) as fout:
        laad_catalogus(kopie)
    assert fout.value.bestand.name == bestand
    assert fout.value.plaats == plaats
    assert woord in fout.value.melding


def test_twee_contracten_voor_hetzelfde_product_tegelijk(kopie):
    tekst = (kopie / "matchez-amstelveen-aalsmeer.toml").read_text(encoding="utf-8")
    (kopie / "matchez-2024.toml").write_text(
        tekst.replace('id = "matchez-aa"', 'id = "matchez-2024"').replace("geldig_van = 2019-01-01\nbtw", "geldig_van = 2024-01-01\nbtw")
        .replace("geldig_van = 2019-01-01 }", "geldig_van = 2024-01-01 }"),
        encoding="utf-8",
    )
    with pytest.raises(ContractFout) as fout:
        laad_catalogus(kopie)
    assert "gelden tegelijk" in fout.value.melding
    assert "MZ-BNW3" in fout.value.melding


def test_onbekende_aanbieder(kopie):
    _vervang(kopie / "matchez-amstelveen-aalsmeer.toml", 'provider = "matchez"', 'provider = "matches"')
    with pytest.raises(ContractFout) as fout:
        laad_catalogus(kopie)
    assert (fout.value.plaats, fout.value.bestand.name) == ("provider", "matchez-amstelveen-aalsmeer.toml")


def _hub(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hub.cli", *args], capture_output=True, text=True, check=False,
                          env={**os.environ, "COLUMNS": "200"})


def test_opdracht_controleer_slaagt_op_de_geleverde_contracten():
    uitkomst = _hub("contracten", "controleer", "--map", str(CONTRACTS))
    assert uitkomst.returncode == 0, uitkomst.stderr
    assert "in orde" in uitkomst.stdout


def test_opdracht_controleer_faalt_met_duidelijke_melding(kopie):
    _vervang(kopie / "matchez-amstelveen-aalsmeer.toml", 'bedrag = "2250.00"', 'bedrag = "-2250.00"')
    uitkomst = _hub("contracten", "controleer", "--map", str(kopie))
    assert uitkomst.returncode == 1
    assert "matchez-amstelveen-aalsmeer.toml: producten[1].prijzen[0].bedrag" in uitkomst.stderr


def test_opdracht_toon_laat_de_prijsafspraken_zien():
    uitkomst = _hub("contracten", "toon", "--map", str(CONTRACTS))
    assert uitkomst.returncode == 0, uitkomst.stderr
    assert "MZ-BNW3" in uitkomst.stdout and "€ 2.250,00" in uitkomst.stdout


def test_wat_bij_een_gekocht_product_hoort(catalogus):
    def gekocht(provider: str, *codes: str) -> set[str]:
        return catalogus.gekocht_met(provider, "amstelveen", codes)

    assert gekocht("matchez", "MZ-BNW3") == {"MZ-BNW3", "MZ-BNW3-BONUS", "MZ-NAZORG"}
    assert gekocht("matchez", "MZ-BNW6") == {"MZ-BNW6", "MZ-NAZORG"}
    assert gekocht("matchez", "MZ-TB") == {"MZ-TB", "MZ-BNW3", "MZ-BNW3-BONUS", "MZ-NAZORG"}
    assert gekocht("matchez", "MZ-WBU") == {"MZ-WBU"}
    assert gekocht("balans", "BAL-TRAJECT") == {"BAL-TRAJECT", "BAL-WSNP-VERKLARING", "BAL-WSNP-NAZORG", "BAL-NOSHOW-INTAKE"}
    assert gekocht("balans", "BAL-ADVIES") == {"BAL-ADVIES"}
    assert gekocht("a-rea", "AREA-MED") == {"AREA-MED"}


def test_hoort_bij_verwijst_naar_een_product_uit_het_contract():
    with pytest.raises(ValueError, match="MZ-NAZORG verwijst naar onbekend product MZ-ONBEKEND"):
        Contract(id="x", provider="matchez", gemeenten=["amstelveen"], geldig_van=date(2024, 1, 1), btw_percentage=Decimal(21),
                 bron="test", producten=[Product(code="MZ-NAZORG", naam="Nazorg", eenheid="maand", hoort_bij=["MZ-ONBEKEND"])])
