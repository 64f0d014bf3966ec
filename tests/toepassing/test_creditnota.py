"""Een creditnota annuleert hele regels: onbesliste regels vervallen, goedgekeurde gaan uit het betaalvoorstel en
betaalde worden verrekend met de volgende betaling aan dezelfde aanbieder. Bedragen uit de productenmap: Bemiddeling
naar Werk 3 maanden € 2.250,00 excl. 21 % btw = € 2.722,50."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hub.berichten import Factuurstatus, lees_json
from hub.bootstrap import bootstrap
from hub.domein.betaling import Opdrachtgever
from hub.domein.fouten import DomeinFout
from hub.projections.oordeel import factuurstatus
from hub.toepassing.betalen import Beslisser
from tests.conftest import PROJECT
from tests.factuur.wereld import regel
from tests.toepassing.test_besluiten_en_betalen import Bestanden

START, EIND = date(2024, 1, 8), date(2024, 4, 7)
NU = datetime(2024, 4, 19, 10, 0, tzinfo=UTC)
AMSTELVEEN = {"amstelveen": Opdrachtgever("amstelveen", "Gemeente Amstelveen", "NL82BNGH0285010001", "BNGHNL2G")}
MA, TWEEDE = "M. de Boer", Beslisser("J. Visser")


@pytest.fixture
def onderdelen(instellingen):
    return bootstrap(instellingen, klok=lambda: NU)


@pytest.fixture
def drie_regels(wereld):
    for traject in ("AV-1", "AV-2", "AV-3", "AV-4"):
        wereld.meld_aan(traject)
        wereld.doe(traject, "registreer_intake", START)
    wereld.factuur("MZ-1", *(regel(n, f"AV-{n}", "MZ-BNW3", START, EIND, "2250.00") for n in (1, 2, 3)))
    return wereld


def creditnota(*factuurregels: int, nummer: str = "MZ-C1", factuur: str = "MZ-1", bedrag: str = "2250.00",
               afzender: str = "matchez") -> dict:
    regels = [{"regelnummer": i, "factuurregel": n, "bedrag": bedrag, "btwPercentage": "21"}
              for i, n in enumerate(factuurregels, start=1)]
    excl = Decimal(bedrag) * len(regels)
    return {"berichtId": str(uuid.uuid4()), "type": "creditnota", "versie": "1", "afzender": afzender,
            "gemeente": "amstelveen", "verzonden": "2024-04-15T09:00:00+02:00", "creditnotanummer": nummer,
            "creditnotadatum": "2024-04-15", "factuurnummer": factuur, "reden": "Verkeerde periode",
            "regels": regels, "totaalExclBtw": f"{excl:.2f}", "btwBedrag": f"{excl * Decimal('0.21'):.2f}",
            "totaalInclBtw": f"{excl * Decimal('1.21'):.2f}"}


def stuur(onderdelen, data: dict, als: str = "matchez"):
    return onderdelen.verwerker().verwerk(lees_json(data), als)


def test_onbesliste_regel_vervalt_en_valt_uit_de_werkvoorraad(onderdelen, drie_regels):
    assert stuur(onderdelen, creditnota(1)).geaccepteerd
    oordeel = onderdelen.facturen.factuur("MZ-1")
    assert oordeel.regel(1).gevolg_creditnota == "ingetrokken"
    assert [r.regelnummer for r in oordeel.open_regels] == [2, 3]
    with pytest.raises(DomeinFout, match="gecrediteerd met creditnota MZ-C1"):
        onderdelen.besluiten.keur_goed("MZ-1", [1], MA, "Conform")
    assert stuur(onderdelen, creditnota(2, 3, nummer="MZ-C2")).geaccepteerd
    assert onderdelen.facturen.factuur("MZ-1").status == "gecrediteerd"
    assert onderdelen.facturen.werkvoorraad().open == []


def test_goedgekeurde_onbetaalde_regel_gaat_uit_het_betaalvoorstel(onderdelen, drie_regels):
    onderdelen.besluiten.keur_goed("MZ-1", [1, 2], MA, "Conform")
    assert stuur(onderdelen, creditnota(2)).geaccepteerd
    [voorstel] = onderdelen.betalen.stel_voor(AMSTELVEEN, Beslisser(MA))
    assert [(p.factuurnummer, p.regelnummers) for p in voorstel.posten] == [("MZ-1", [1])]
    assert voorstel.totaal == Decimal("2722.50")
    assert onderdelen.facturen.factuur("MZ-1").regel(2).gevolg_creditnota == "uitBetaalvoorstel"


def test_betaalde_regel_wordt_verrekend_met_de_volgende_betaling_aan_de_aanbieder(onderdelen, drie_regels, wereld):
    onderdelen.besluiten.keur_goed("MZ-1", [1], MA, "Conform")
    [eerste] = onderdelen.betalen.stel_voor(AMSTELVEEN, Beslisser(MA))
    onderdelen.betalen.geef_vrij(eerste.batch_id, TWEEDE, AMSTELVEEN, Bestanden())
    assert stuur(onderdelen, creditnota(1)).geaccepteerd
    assert onderdelen.facturen.factuur("MZ-1").regel(1).gevolg_creditnota == "teVerrekenen"

    onderdelen.besluiten.keur_goed("MZ-1", [2, 3], MA, "Conform")
    [tweede] = onderdelen.betalen.stel_voor(AMSTELVEEN, Beslisser(MA))
    assert sorted((p.regelnummers, p.verrekening) for p in tweede.posten) == [([1], True), ([2, 3], False)]
    assert tweede.totaal == Decimal("2722.50"), "2 × € 2.722,50 betaald min € 2.722,50 verrekend"
    bestanden = Bestanden()
    onderdelen.betalen.geef_vrij(tweede.batch_id, TWEEDE, AMSTELVEEN, bestanden)
    [overboeking] = bestanden.overboekingen
    assert overboeking.bedrag == Decimal("2722.50") and "verrekend gecrediteerd MZ-1 regel 1" in overboeking.omschrijving
    regel_1 = onderdelen.facturen.factuur("MZ-1").regel(1)
    assert regel_1.gevolg_creditnota == "verrekend" and regel_1.verrekend_in == tweede.batch_id
    assert onderdelen.betalen.stel_voor(AMSTELVEEN, Beslisser(MA)) == [], "elke verrekening één keer"


def test_te_weinig_te_betalen_om_te_verrekenen_dan_wacht_de_aanbieder(onderdelen, drie_regels):
    onderdelen.besluiten.keur_goed("MZ-1", [1, 2], MA, "Conform")
    [eerste] = onderdelen.betalen.stel_voor(AMSTELVEEN, Beslisser(MA))
    onderdelen.betalen.geef_vrij(eerste.batch_id, TWEEDE, AMSTELVEEN, Bestanden())
    assert stuur(onderdelen, creditnota(1, 2)).geaccepteerd
    onderdelen.besluiten.keur_goed("MZ-1", [3], MA, "Conform")
    assert onderdelen.betalen.stel_voor(AMSTELVEEN, Beslisser(MA)) == [], "€ 2.722,50 te betalen, € 5.445,00 te verrekenen"


def test_gecorrigeerde_factuur_onder_hetzelfde_nummer_wordt_geweigerd_met_de_weg_via_een_creditnota(onderdelen, drie_regels):
    factuur = {"berichtId": str(uuid.uuid4()), "type": "factuur", "versie": "1", "afzender": "matchez",
               "gemeente": "amstelveen", "verzonden": "2024-04-15T09:00:00+02:00", "factuurnummer": "MZ-1",
               "factuurdatum": "2024-04-15", "iban": "NL91ABNA0417164300",
               "regels": [{"regelnummer": 1, "trajectId": "AV-1", "product": "MZ-BNW3", "periodeStart": "2024-01-08",
                           "periodeEind": "2024-04-07", "aantal": "1", "prijs": "2250.00", "bedrag": "2250.00",
                           "btwPercentage": "21"}],
               "totaalExclBtw": "2250.00", "btwBedrag": "472.50", "totaalInclBtw": "2722.50"}
    uitkomst = stuur(onderdelen, factuur)
    [fout] = uitkomst.retour["fouten"]
    assert fout["code"] == "FACTUUR_BESTAAT" and "stuur dan eerst een creditnota" in fout["melding"]


def test_na_de_creditnota_is_de_nieuwe_factuur_voor_hetzelfde_traject_niet_dubbel(onderdelen, drie_regels, wereld):
    assert stuur(onderdelen, creditnota(1)).geaccepteerd
    wereld.factuur("MZ-2", regel(1, "AV-1", "MZ-BNW3", START, EIND, "2250.00"))
    assert "DUBBEL_GEFACTUREERD" not in [b.code for b in onderdelen.facturen.factuur("MZ-2").regel(1).bevindingen]


def test_creditnota_voor_andermans_factuur_of_met_een_ander_bedrag_wordt_geweigerd(onderdelen, drie_regels):
    ander = stuur(onderdelen, creditnota(1, afzender="a-rea"), als="a-rea")
    assert [f["code"] for f in ander.retour["fouten"]] == ["ONBEKENDE_FACTUUR"]
    deels = stuur(onderdelen, creditnota(1, bedrag="1000.00"))
    [fout] = deels.retour["fouten"]
    assert fout["code"] == "ONGELDIGE_WAARDE" and "annuleert hele regels" in fout["melding"]
    assert onderdelen.facturen.factuur("MZ-1").regel(1).gecrediteerd is None


def test_dezelfde_creditnota_opnieuw_telt_niet_nog_eens(onderdelen, drie_regels):
    assert stuur(onderdelen, creditnota(1)).geaccepteerd
    opnieuw = stuur(onderdelen, creditnota(1))
    assert opnieuw.geaccepteerd and [s["code"] for s in opnieuw.retour["signalen"]] == ["CREDITNOTA_AL_ONTVANGEN"]


def test_de_factuurstatus_met_een_creditering_volgt_het_gepubliceerde_schema(onderdelen, drie_regels):
    jsonschema = pytest.importorskip("jsonschema")
    assert stuur(onderdelen, creditnota(1)).geaccepteerd
    status = {"type": "factuurstatus", **factuurstatus(onderdelen.facturen.factuur("MZ-1"))}
    schema = json.loads((PROJECT / "berichten" / "schema" / "factuurstatus.json").read_text(encoding="utf-8"))
    jsonschema.validate(status, schema)
    assert Factuurstatus.model_validate(status).regels[0].creditering.gevolg == "ingetrokken"


def test_de_betaalbatches_uit_een_momentopname_zijn_dezelfde_als_uit_alle_events(onderdelen, drie_regels):
    from hub.aggregates.betaalbatch import betaalbatches_uuid

    onderdelen.besluiten.keur_goed("MZ-1", [1], MA, "Conform")
    [eerste] = onderdelen.betalen.stel_voor(AMSTELVEEN, Beslisser(MA))
    onderdelen.betalen.geef_vrij(eerste.batch_id, TWEEDE, AMSTELVEEN, Bestanden())
    assert stuur(onderdelen, creditnota(1)).geaccepteerd
    onderdelen.besluiten.keur_goed("MZ-1", [2, 3], MA, "Conform")
    onderdelen.betalen.stel_voor(AMSTELVEEN, Beslisser(MA))
    hub, id_ = onderdelen.eventstore, betaalbatches_uuid("amstelveen")
    hub.take_snapshot(id_)
    uit_alle_events = None
    for e in hub.events.get(id_):
        uit_alle_events = e.mutate(uit_alle_events)
    uit_momentopname = hub.repository.get(id_)
    assert vars(uit_momentopname) == vars(uit_alle_events) and uit_momentopname.open
