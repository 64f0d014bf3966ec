"""De factuur van een doorbelasting (Leidschendam-Voorburg aan Wassenaar, 14 % van € 50.000) wordt getoetst aan de
meegeleverde UBL 2.1-XSD en SI-UBL 2.0-schematron; een document dat daar niet door komt, verlaat de hub niet. De
regels zelf staan niet in de test: de schematron oordeelt, de test breekt het document alleen."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from hub.aggregates.doorbelasting import Doorbelasteregel
from hub.koppelingen.formaten.efactuur import toets
from hub.koppelingen.formaten.ubl_doorbelasting import CAC, CBC, UblDoorbelasting, ubl_document
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.poorten import Doorbelastingsfactuur


@pytest.fixture
def factuur(catalogus) -> Doorbelastingsfactuur:
    partijen = catalogus.partijen
    regels = [Doorbelasteregel("participatie-org", "PT-1", 1, "PT-TRAJECT", Decimal("30000.00"), "BB-1", date(2024, 7, 15)),
              Doorbelasteregel("participatie-org", "PT-1", 2, "PT-TRAJECT", Decimal("20000.00"), "BB-1", date(2024, 7, 15))]
    return Doorbelastingsfactuur("DB-participatie-lvw-2024-2024Q3-1-wassenaar", date(2024, 10, 1), "2024-Q3",
                                 date(2024, 7, 1), date(2024, 9, 30), "participatie-lvw-2024",
                                 partijen.partij("leidschendam-voorburg"), partijen.partij("wassenaar"), Decimal("14"),
                                 Decimal("7000.00"), Decimal("50000.00"), regels)


def test_de_factuur_aan_wassenaar_voldoet_aan_xsd_en_schematron(factuur):
    inhoud = UblDoorbelasting().opstellen(factuur)
    boom = etree.ElementTree(etree.fromstring(inhoud))
    oordeel = toets(boom)
    assert oordeel.geldig and not oordeel.waarschuwingen, (oordeel.fouten, oordeel.waarschuwingen)
    wortel = boom.getroot()
    assert wortel.findtext(f".//{{{CBC}}}PayableAmount") == "7000.00"
    assert wortel.findtext(f".//{{{CAC}}}PayeeFinancialAccount/{{{CBC}}}ID") == "NL44BNGH0285010006"
    assert "factuur PT-1 van participatie-org regel 1, 2" in wortel.findtext(f"{{{CBC}}}Note"), "het bewijs"


def _gebroken(factuur, breek) -> str:
    boom = ubl_document(factuur)
    breek(boom.getroot())
    with pytest.raises(Onuitvoerbaar) as fout:
        UblDoorbelasting().toets(factuur, copy.deepcopy(boom))
    return str(fout.value)


def test_zonder_verwijzing_voor_de_koper_keurt_de_schematron_af(factuur):
    def breek(wortel):
        wortel.remove(wortel.find(f"{{{CBC}}}BuyerReference"))
    melding = _gebroken(factuur, breek)
    assert "BR-NL-2" in melding and "niet vastgelegd" in melding and "Gemeente Wassenaar" in melding


def test_een_totaal_dat_niet_klopt_keurt_de_schematron_af(factuur):
    def breek(wortel):
        wortel.find(f".//{{{CBC}}}PayableAmount").text = "7000.01"
    assert "SI-UBL 2.0" in _gebroken(factuur, breek)


def test_een_element_op_de_verkeerde_plaats_keurt_de_xsd_af(factuur):
    def breek(wortel):
        wortel.insert(0, copy.deepcopy(wortel.find(f"{{{CBC}}}ID")))
    assert "de UBL 2.1-XSD" in _gebroken(factuur, breek)


def test_een_penvoerder_zonder_oin_of_kvk_komt_er_niet_door(factuur):
    zonder = replace(factuur, penvoerder=factuur.penvoerder.model_copy(update={"oin": None}))
    with pytest.raises(Onuitvoerbaar, match="BR-NL-1"):
        UblDoorbelasting().opstellen(zonder)


def test_een_doorbelasting_die_per_saldo_teruggeeft_voldoet_ook(factuur):
    """Alleen een gecrediteerde regel in het kwartaal: Wassenaar krijgt 14 % van € 5.000 terug."""
    correctie = replace(factuur.regels[0], bedrag=Decimal("-5000.00"), correctie=True)
    terug = replace(factuur, regels=[correctie], bedrag=Decimal("-700.00"), totaal=Decimal("-5000.00"))
    wortel = etree.fromstring(UblDoorbelasting().opstellen(terug))
    assert wortel.findtext(f".//{{{CBC}}}PayableAmount") == "-700.00"
    assert "gecrediteerd en eraf: factuur PT-1 van participatie-org regel 1" in wortel.findtext(f"{{{CBC}}}Note")
