"""Een aanmelding voor een product zonder prijs per eenheid draagt het opdrachtbedrag; de hub legt het vast bij het
traject, net als de loonwaardecategorie. De gemeente hevelt jobcoachuren van het tweede naar het eerste jaar over."""

from __future__ import annotations

from decimal import Decimal

from tests.verwerking.test_verwerker import _jobcoach_aanmelding, stuur, verwerker, voorbeeld  # noqa: F401


def test_opdrachtbedrag_en_loonwaarde_komen_bij_het_traject(verwerker, hub):  # noqa: F811
    assert stuur(verwerker, voorbeeld("aanmelding-toewijzing")).geaccepteerd
    traject = hub.traject("heemstede", "HST-2020-0007")
    assert traject.opdrachtbedrag == Decimal("4500.00") and traject.loonwaarde == "70-100"


def test_zonder_opdrachtbedrag_geweigerd_met_veld(verwerker, hub):  # noqa: F811
    data = voorbeeld("aanmelding-toewijzing")
    del data["opdrachtbedrag"]
    retour = stuur(verwerker, data).retour
    assert retour["status"] == "afgewezen"
    assert (retour["fouten"][0]["code"], retour["fouten"][0]["veld"]) == ("VERPLICHT_VELD", "opdrachtbedrag")
    assert hub.zoek_traject("heemstede", "HST-2020-0007") is None


def test_opdrachtbedrag_bij_een_product_met_prijs_geweigerd(verwerker):  # noqa: F811
    retour = stuur(verwerker, voorbeeld("aanmelding", opdrachtbedrag="2250.00")).retour
    assert (retour["fouten"][0]["code"], retour["fouten"][0]["veld"]) == ("ONGELDIGE_WAARDE", "opdrachtbedrag")


def _jobcoachperiode(verwerker) -> None:  # noqa: F811
    for data in (_jobcoach_aanmelding(), voorbeeld("jobcoachAanvraag"), voorbeeld("jobcoachToekenning")):
        assert stuur(verwerker, data).geaccepteerd


def test_urenoverheveling_van_de_gemeente_komt_bij_de_periode(verwerker, hub):  # noqa: F811
    _jobcoachperiode(verwerker)
    uitkomst = stuur(verwerker, voorbeeld("urenOverheveling"))
    assert uitkomst.geaccepteerd, uitkomst.retour
    assert hub.zoek_periode("heemstede", "HMS-JC-2024-01").overgeheveld == Decimal("10")
    [doorzending] = uitkomst.doorzendingen
    assert doorzending.ontvanger == "jobcoach-org"


def test_urenoverheveling_bij_een_contract_korter_dan_een_jaar_geweigerd(verwerker, hub):  # noqa: F811
    _jobcoachperiode(verwerker)
    retour = stuur(verwerker, voorbeeld("urenOverheveling", dienstbetrekkingMaanden=6)).retour
    assert (retour["fouten"][0]["code"], retour["fouten"][0]["veld"]) == ("ONGELDIGE_WAARDE", "dienstbetrekkingMaanden")
    assert hub.zoek_periode("heemstede", "HMS-JC-2024-01").overgeheveld == 0


def test_alleen_de_gemeente_hevelt_uren_over(verwerker):  # noqa: F811
    _jobcoachperiode(verwerker)
    retour = stuur(verwerker, voorbeeld("urenOverheveling", afzender="jobcoach-org")).retour
    assert retour["fouten"][0]["code"] == "AFZENDER_ONBEVOEGD"
