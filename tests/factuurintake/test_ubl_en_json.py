"""Dezelfde factuur als JSON en als UBL-e-factuur: dezelfde feiten in de eventstore en dezelfde oordelen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hub.bootstrap import open_hub
from hub.instellingen import Instellingen
from hub.koppelingen.formaten.berichtparser import parse_bericht, vorm_van
from hub.koppelingen.opslag.leesmodellen import werk_bij
from hub.projections.factuurcontrole import Factuurcontrole
from hub.toepassing.verwerking import Verwerker
from tests.conftest import PROJECT

VOORBEELDEN = PROJECT / "berichten" / "voorbeelden"
AANMELDINGEN = [
    {},
    {"trajectId": "AMS-2024-0002", "provider": "a-rea", "product": "AREA-MED", "datumAanmelding": "2024-01-22"},
    {"gemeente": "heemstede", "trajectId": "HMS-2024-0007", "provider": "jobcoach-org", "product": "JC-UUR",
     "datumAanmelding": "2024-06-20"},
]
FEITEN = ["intake", "noShow", "jobcoachAanvraag", "jobcoachToekenning", "urenverantwoording"]


def _stuur(verwerker: Verwerker, data: bytes, afzender: str) -> dict:
    return verwerker.verwerk(parse_bericht(data, afzender=afzender), afzender, vorm_van(data)).retour


def _wereld(map_: Path, catalogus) -> Verwerker:
    verwerker = Verwerker(open_hub(Instellingen(data=map_)), catalogus)
    for n, anders in enumerate(AANMELDINGEN):
        data = json.loads((VOORBEELDEN / "geldig" / "aanmelding.json").read_text(encoding="utf-8"))
        data.update(anders, berichtId=f"00000000-0000-4000-8000-00000000000{n}")
        assert _stuur(verwerker, json.dumps(data).encode(), "gemeente")["status"] == "geaccepteerd"
    for naam in FEITEN:
        data = (VOORBEELDEN / "geldig" / f"{naam}.json").read_bytes()
        afzender = json.loads(data)["afzender"]
        assert _stuur(verwerker, data, afzender)["status"] == "geaccepteerd", naam
    return verwerker


@pytest.mark.parametrize("naam", ["factuur", "factuur-area-noshow", "factuur-jobcoach"])
def test_ubl_en_json_geven_dezelfde_oordelen(tmp_path, catalogus, naam):
    json_bytes = (VOORBEELDEN / "geldig" / f"{naam}.json").read_bytes()
    afzender = json.loads(json_bytes)["afzender"]
    oordelen = []
    for vorm, data in (("json", json_bytes), ("ubl", (VOORBEELDEN / "ubl" / f"{naam}.xml").read_bytes())):
        verwerker = _wereld(tmp_path / vorm, catalogus)
        assert _stuur(verwerker, data, afzender)["status"] == "geaccepteerd"
        controle = Factuurcontrole(catalogus)
        werk_bij(verwerker.hub, [controle])
        [oordeel] = controle.facturen()
        oordelen.append(oordeel.als_json())
        assert verwerker.hub.zoek_factuur(afzender, oordeel.factuurnummer).bron == vorm
    assert oordelen[0] == oordelen[1]
    assert oordelen[0]["regels"]


def _nagemaakt() -> bytes:
    """De UBL-factuur van A-rea over haar eigen traject, met leverancierskenmerk, nummer en datum van Matchez."""
    from tests.ubl.hulp import als_bytes, een, laad

    echt, kopie = laad("factuur"), laad("factuur-area-noshow")
    for pad in ("cbc:ID", "cbc:IssueDate", "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID"):
        een(kopie, pad).text = een(echt, pad).text
    return als_bytes(kopie)


def test_aanbieder_die_leverancier_nummer_en_datum_van_een_ander_overneemt_blokkeert_diens_factuur_niet(tmp_path, catalogus):
    verwerker = _wereld(tmp_path, catalogus)
    assert _stuur(verwerker, _nagemaakt(), "a-rea")["status"] == "geaccepteerd"
    echt = (VOORBEELDEN / "ubl" / "factuur.xml").read_bytes()
    uitkomst = verwerker.verwerk(parse_bericht(echt, afzender="matchez"), "matchez", "ubl")
    assert uitkomst.geaccepteerd and not uitkomst.herhaling
    assert verwerker.hub.zoek_factuur("matchez", "MZ-2024-0012").bron == "ubl"
    assert verwerker.hub.zoek_factuur("a-rea", "MZ-2024-0012").regels[0].product == "AREA-MED"
