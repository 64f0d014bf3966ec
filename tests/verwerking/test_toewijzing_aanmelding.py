"""Een aanmelding voor een product zonder prijs per eenheid draagt het opdrachtbedrag; de hub legt het vast bij het
traject, net als de loonwaardecategorie."""

from __future__ import annotations

from decimal import Decimal

from tests.verwerking.test_verwerker import stuur, verwerker, voorbeeld  # noqa: F401


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
