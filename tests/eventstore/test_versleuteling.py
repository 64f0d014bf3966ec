"""Met HUB_SLEUTEL staan BSN, naam en adres versleuteld in de eventstore; een verkeerde sleutel zegt dat duidelijk."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from hub.aggregates.factuur import Clientgegevens, Factuur, Factuurregel
from hub.aggregates.traject import Traject
from hub.bootstrap import open_hub
from hub.koppelingen.opslag.contractbestanden import laad_catalogus
from hub.koppelingen.opslag.eventstore import nieuwe_sleutel
from hub.koppelingen.opslag.leesmodellen import Leesmodellen, werk_gemeenten_bij
from hub.projections.register import gemeentemodellen
from hub.toepassing.eventstore import SleutelFout

BSN = "123456782"


def _bewaar(instellingen) -> None:
    hub = open_hub(instellingen)
    traject = Traject.meld_aan(gemeente="amstelveen", traject_id="AMS-1", provider="matchez", product="MZ-BNW3",
                               datum_aanmelding=date(2024, 1, 2), klantmanager="Sanne de Vries", reden_verwijzing="r",
                               client=Clientgegevens(bsn=BSN, naam="Fatima el Amrani", adres="Stadsplein 12"),
                               product_bekend=True)
    hub.save(traject)


def _opgeslagen_bytes(instellingen) -> bytes:
    return b"".join(f.read_bytes() for f in instellingen.data.glob("hub.sqlite*"))


def test_zonder_sleutel_staat_het_bsn_leesbaar_in_de_opslag(instellingen):
    _bewaar(instellingen)
    assert BSN.encode() in _opgeslagen_bytes(instellingen)


def test_met_sleutel_staan_bsn_en_naam_versleuteld_en_blijft_alles_leesbaar_voor_de_hub(instellingen):
    met_sleutel = instellingen.met(sleutel=nieuwe_sleutel())
    _bewaar(met_sleutel)
    opgeslagen = _opgeslagen_bytes(met_sleutel)
    assert BSN.encode() not in opgeslagen and b"Fatima" not in opgeslagen
    assert open_hub(met_sleutel).traject("amstelveen", "AMS-1").client.bsn == BSN


@pytest.mark.parametrize("andere", [None, "nieuw"])
def test_verkeerde_of_ontbrekende_sleutel_geeft_een_duidelijke_fout(instellingen, andere):
    _bewaar(instellingen.met(sleutel=nieuwe_sleutel()))
    with pytest.raises(SleutelFout, match="HUB_SLEUTEL"):
        open_hub(instellingen.met(sleutel=nieuwe_sleutel() if andere else None))


def test_opdrachtregel_meldt_een_verkeerde_sleutel_zonder_traceback(instellingen):
    _bewaar(instellingen.met(sleutel=nieuwe_sleutel()))
    env = {**os.environ, "HUB_DATA": str(instellingen.data), "HUB_SLEUTEL": nieuwe_sleutel()}
    uitkomst = subprocess.run([sys.executable, "-m", "hub", "factuur", "lijst"], env=env, capture_output=True, text=True)
    assert uitkomst.returncode == 2
    assert "HUB_SLEUTEL" in uitkomst.stderr and "Traceback" not in uitkomst.stderr


def _leesmodellen_met_factuur(instellingen):
    """Een factuurregel met BSN en naam: de factuurcontrole bewaart die in haar leesmodel."""
    _bewaar(instellingen)
    hub = open_hub(instellingen)
    regel = Factuurregel(regelnummer=1, traject_id="AMS-1", product="MZ-BNW3", periode_start=date(2024, 2, 1),
                         periode_eind=date(2024, 2, 29), aantal=Decimal(1), prijs=Decimal("900.00"),
                         bedrag=Decimal("900.00"), btw_percentage=Decimal(21),
                         client=Clientgegevens(bsn=BSN, naam="Fatima el Amrani"))
    hub.save(Factuur.ontvang(afzender="matchez", gemeente="amstelveen", factuurnummer="MZ-1", factuurdatum=date(2024, 3, 5),
                             verzonden=None, iban="NL91ABNA0417164300", regels=[regel], totaal_excl_btw=Decimal("900.00"),
                             btw_bedrag=Decimal("189.00"), totaal_incl_btw=Decimal("1089.00"), bron="json"))
    catalogus = laad_catalogus(instellingen.contracten)
    opslag = Leesmodellen.van(instellingen).per_gemeente()
    werk_gemeenten_bij(hub, gemeentemodellen(catalogus), opslag)
    return hub, catalogus, opslag


def _geladen(catalogus, opslag):
    modellen = gemeentemodellen(catalogus)
    for model in modellen:
        opslag.laad(model)
    return modellen


def test_met_sleutel_staan_ook_de_leesmodellen_versleuteld_op_schijf(instellingen):
    met_sleutel = instellingen.met(sleutel=nieuwe_sleutel())
    hub, catalogus, opslag = _leesmodellen_met_factuur(met_sleutel)
    bestanden = list(opslag.map.glob("*.pickle"))
    assert any(b.name == "amstelveen-factuurcontrole.pickle" for b in bestanden)
    for bestand in bestanden:
        inhoud = bestand.read_bytes()
        assert BSN.encode() not in inhoud and b"Fatima" not in inhoud and b"amstelveen" not in inhoud

    laatste = hub.recorder.max_notification_id()
    assert {m.positie for m in _geladen(catalogus, opslag)} == {laatste}
    for andere in (Leesmodellen(opslag.map), Leesmodellen(opslag.map, nieuwe_sleutel())):
        assert {m.positie for m in _geladen(catalogus, andere)} == {0}, "onleesbaar telt als afwezig: opnieuw opbouwen"


def test_zonder_sleutel_staat_het_bsn_leesbaar_in_de_factuurcontrole(instellingen):
    _, _, opslag = _leesmodellen_met_factuur(instellingen)
    assert BSN.encode() in (opslag.map / "amstelveen-factuurcontrole.pickle").read_bytes()
