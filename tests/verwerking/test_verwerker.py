"""De verwerker over een echte SQLite-eventstore: elk type geaccepteerd, en de weigeringen uit de standaard."""

from __future__ import annotations

import json
import uuid

import pytest

from hub.berichten import lees_json
from hub.toepassing.verwerking import Verwerker
from tests.conftest import PROJECT

VOORBEELDEN = PROJECT / "berichten" / "voorbeelden" / "geldig"


def voorbeeld(naam: str, **anders) -> dict:
    data = json.loads((VOORBEELDEN / f"{naam}.json").read_text(encoding="utf-8"))
    data["berichtId"] = str(uuid.uuid4())
    data.update(anders)
    return data


def stuur(verwerker: Verwerker, data: dict, als: str | None = None):
    return verwerker.verwerk(lees_json(data), als or data["afzender"])


@pytest.fixture
def verwerker(hub, catalogus) -> Verwerker:
    return Verwerker(hub, catalogus)


def _jobcoach_aanmelding() -> dict:
    return voorbeeld("aanmelding", gemeente="heemstede", trajectId="HMS-2024-0007", provider="jobcoach-org",
                     product="JC-UUR", datumAanmelding="2024-06-20")


def test_elk_type_wordt_geaccepteerd_en_vastgelegd(verwerker, hub):
    area = voorbeeld("aanmelding", trajectId="AMS-2024-0002", provider="a-rea", product="AREA-MED", datumAanmelding="2024-01-22")
    assert stuur(verwerker, area).geaccepteerd
    reeks = ["aanmelding", "oproep", "intake", "noShow", "plan", "planBesluit", "voortgang", "mutatie", "mutatieBesluit",
             "plaatsing", "nazorg", "beeindiging"]
    for naam in reeks:
        uitkomst = stuur(verwerker, voorbeeld(naam))
        assert uitkomst.geaccepteerd, (naam, uitkomst.retour)
    for data in (_jobcoach_aanmelding(), voorbeeld("jobcoachAanvraag"), voorbeeld("jobcoachToekenning"),
                 voorbeeld("urenverantwoording"), voorbeeld("factuur")):
        uitkomst = stuur(verwerker, data)
        assert uitkomst.geaccepteerd, (data["type"], uitkomst.retour)
    traject = hub.traject("amstelveen", "AMS-2024-0001")
    assert traject.beeindigd and traject.nazorgmaanden == ["2024-04"]
    assert hub.zoek_periode("heemstede", "HMS-JC-2024-01").uren_verantwoord > 0
    assert hub.zoek_factuur("matchez", "MZ-2024-0012") is not None


def test_retour_heeft_de_vorm_uit_de_standaard(verwerker):
    data = voorbeeld("aanmelding")
    uitkomst = stuur(verwerker, data)
    assert uitkomst.retour == {"berichtId": data["berichtId"], "status": "geaccepteerd", "fouten": [], "signalen": []}


def test_aanmelding_wordt_doorgestuurd_naar_de_provider(verwerker):
    uitkomst = stuur(verwerker, voorbeeld("aanmelding"))
    [doorzending] = uitkomst.doorzendingen
    assert doorzending.ontvanger == "matchez" and doorzending.bericht["type"] == "aanmelding"


def test_zelfde_berichtid_twee_keer_geeft_een_feit_en_gelijke_retouren(verwerker, hub):
    stuur(verwerker, voorbeeld("aanmelding"))
    intake = voorbeeld("intake")
    eerste = stuur(verwerker, intake)
    tweede = stuur(verwerker, intake)
    assert eerste.retour == tweede.retour and tweede.herhaling
    assert hub.traject("amstelveen", "AMS-2024-0001").version == 2


def test_ook_een_weigering_wordt_bij_herhaling_gelijk_beantwoord(verwerker):
    nazorg = voorbeeld("nazorg")
    stuur(verwerker, voorbeeld("aanmelding"))
    eerste = stuur(verwerker, nazorg)
    tweede = stuur(verwerker, nazorg)
    assert eerste.retour["status"] == "afgewezen" and eerste.retour == tweede.retour
    assert eerste.retour["fouten"][0]["code"] == "ONGELDIGE_VOLGORDE"


def test_onbekend_traject(verwerker):
    uitkomst = stuur(verwerker, voorbeeld("intake", trajectId="BESTAAT-NIET"))
    assert [(f["code"], f["veld"]) for f in uitkomst.retour["fouten"]] == [("ONBEKEND_TRAJECT", "trajectId")]


def test_traject_van_een_andere_provider(verwerker, hub):
    stuur(verwerker, voorbeeld("aanmelding"))
    uitkomst = stuur(verwerker, voorbeeld("intake", afzender="a-rea"))
    assert uitkomst.retour["fouten"][0]["code"] == "ONBEKEND_TRAJECT"
    assert hub.traject("amstelveen", "AMS-2024-0001").datum_intake is None


def test_afzender_moet_de_aangemelde_identiteit_zijn(verwerker):
    stuur(verwerker, voorbeeld("aanmelding"))
    uitkomst = stuur(verwerker, voorbeeld("intake"), als="a-rea")
    assert (uitkomst.retour["fouten"][0]["code"], uitkomst.retour["fouten"][0]["veld"]) == ("AFZENDER_ONBEVOEGD", "afzender")


def test_provider_mag_geen_aanmelding_sturen(verwerker):
    uitkomst = stuur(verwerker, voorbeeld("aanmelding", afzender="matchez"))
    assert uitkomst.retour["fouten"][0]["code"] == "AFZENDER_ONBEVOEGD"


def test_bsn_ongeldig_en_onbekend_product(verwerker):
    data = voorbeeld("aanmelding")
    data["client"]["bsn"] = "123456789"
    assert stuur(verwerker, data).retour["fouten"][0]["code"] == "BSN_ONGELDIG"
    assert stuur(verwerker, voorbeeld("aanmelding", product="AREA-MED")).retour["fouten"][0]["code"] == "ONBEKEND_PRODUCT"


def test_te_late_oproep_is_een_signaal_geen_weigering(verwerker):
    stuur(verwerker, voorbeeld("aanmelding"))  # aanmelding 02-01-2024; uiterlijk 16-01-2024 oproepen
    uitkomst = stuur(verwerker, voorbeeld("oproep", datumUitnodiging="2024-01-17", datumGesprek="2024-01-29"))
    assert uitkomst.geaccepteerd
    assert [s["code"] for s in uitkomst.retour["signalen"]] == ["TERMIJN_OVERSCHREDEN"]
    assert "14 dagen" in uitkomst.retour["signalen"][0]["melding"]


def test_uitnodiging_minder_dan_vijf_werkdagen_voor_het_gesprek(verwerker):
    stuur(verwerker, voorbeeld("aanmelding"))
    uitkomst = stuur(verwerker, voorbeeld("oproep", datumUitnodiging="2024-01-05", datumGesprek="2024-01-11"))
    assert uitkomst.geaccepteerd and "werkdagen" in uitkomst.retour["signalen"][0]["melding"]


def test_jobcoachperiodes_overlappend_en_maximum(verwerker):
    stuur(verwerker, _jobcoach_aanmelding())
    assert stuur(verwerker, voorbeeld("jobcoachAanvraag")).geaccepteerd
    overlap = voorbeeld("jobcoachAanvraag", periodeId="HMS-IW-1", soort="interneWerkbegeleiding", start="2024-09-01",
                        eind="2025-08-31")
    assert stuur(verwerker, overlap).retour["fouten"][0]["code"] == "PERIODE_OVERLAPT"


def test_dezelfde_factuur_opnieuw_wordt_herkend_een_andere_onder_hetzelfde_nummer_geweigerd(verwerker, hub):
    for naam in ("aanmelding",):
        stuur(verwerker, voorbeeld(naam))
    assert stuur(verwerker, voorbeeld("factuur")).geaccepteerd
    opnieuw = stuur(verwerker, voorbeeld("factuur"))
    assert opnieuw.geaccepteerd and opnieuw.retour["signalen"][0]["code"] == "FACTUUR_AL_ONTVANGEN"
    anders = voorbeeld("factuur", totaalInclBtw="2800.00")
    assert stuur(verwerker, anders).retour["fouten"][0]["code"] == "FACTUUR_BESTAAT"
    assert hub.zoek_factuur("matchez", "MZ-2024-0012").version == 1


def test_een_reeks_met_hetzelfde_traject_en_een_herhaling_in_een_transactie(verwerker, hub):
    aanmelding, intake = voorbeeld("aanmelding"), voorbeeld("intake")
    reeks = [(lees_json(d), d["afzender"]) for d in (aanmelding, intake, intake, voorbeeld("intake", trajectId="ONBEKEND"))]
    uitkomsten = verwerker.verwerk_reeks(reeks)
    assert [u.retour["status"] for u in uitkomsten] == ["geaccepteerd", "geaccepteerd", "geaccepteerd", "afgewezen"]
    assert uitkomsten[2].herhaling and uitkomsten[2].retour == uitkomsten[1].retour
    assert hub.traject("amstelveen", "AMS-2024-0001").version == 2
    assert hub.zoek_ontvangst("matchez", uuid.UUID(intake["berichtId"])) is not None


def _codes(uitkomst) -> list[str]:
    return [f["code"] for f in uitkomst.retour["fouten"]]


# Berichtidentiteit: een berichtId hoort bij zijn afzender en bij één inhoud. De aanvaller gebruikt zijn eigen
# inloggegevens tegen de gegevens van een ander.

AREA = dict(trajectId="AMS-2024-0002", provider="a-rea", product="AREA-MED", datumAanmelding="2024-01-22")


def test_zelfde_berichtid_andere_inhoud_wordt_geweigerd_en_legt_niets_vast(verwerker, hub):
    stuur(verwerker, voorbeeld("aanmelding", **AREA))
    noshow = voorbeeld("noShow")
    assert stuur(verwerker, noshow).geaccepteerd
    voor = hub.recorder.max_notification_id()
    uitkomst = stuur(verwerker, {**noshow, "datumAfspraak": "2024-02-13"})
    assert uitkomst.retour["status"] == "afgewezen" and _codes(uitkomst) == ["BERICHT_ID_HERGEBRUIKT"]
    [fout] = uitkomst.retour["fouten"]
    assert fout["veld"] == "berichtId" and "nieuwe berichtId" in fout["melding"]
    assert hub.recorder.max_notification_id() == voor
    assert len(hub.traject("amstelveen", "AMS-2024-0002").noshows) == 1


def test_zelfde_inhoud_als_xml_is_hetzelfde_bericht(verwerker):
    from hub.koppelingen.formaten import parse_bericht
    from hub.koppelingen.formaten.berichtxml import naar_xml

    stuur(verwerker, voorbeeld("aanmelding"))
    intake = voorbeeld("intake")
    eerste = stuur(verwerker, intake)
    als_xml = verwerker.verwerk(parse_bericht(naar_xml(lees_json(intake))), "matchez", "xml")
    assert als_xml.herhaling and als_xml.retour == eerste.retour


def test_twee_berichten_met_hetzelfde_id_en_andere_inhoud_direct_na_elkaar(verwerker, hub):
    stuur(verwerker, voorbeeld("aanmelding", **AREA))
    noshow = voorbeeld("noShow")
    tweede = {**noshow, "datumAfspraak": "2024-02-13"}
    uitkomsten = verwerker.verwerk_reeks([(lees_json(noshow), "a-rea"), (lees_json(tweede), "a-rea")])
    assert [u.retour["status"] for u in uitkomsten] == ["geaccepteerd", "afgewezen"]
    assert _codes(uitkomsten[1]) == ["BERICHT_ID_HERGEBRUIKT"]
    assert [n["datum_afspraak"].isoformat() for n in hub.traject("amstelveen", "AMS-2024-0002").noshows] == ["2024-02-06"]
    # Ook als het eerste al in de eventstore staat en het tweede in een reeks komt.
    derde = {**noshow, "datumAfspraak": "2024-02-20"}
    [uitkomst] = verwerker.verwerk_reeks([(lees_json(derde), "a-rea")])
    assert _codes(uitkomst) == ["BERICHT_ID_HERGEBRUIKT"]
    assert len(hub.traject("amstelveen", "AMS-2024-0002").noshows) == 1


def test_berichtid_van_een_ander_geeft_niets_van_zijn_retour_en_blokkeert_hem_niet(verwerker, hub):
    stuur(verwerker, voorbeeld("aanmelding"))
    stuur(verwerker, voorbeeld("aanmelding", **AREA))
    # a-rea gebruikt de berichtId van de intake die matchez gaat sturen, voor een eigen no-show.
    intake = voorbeeld("intake")
    noshow = voorbeeld("noShow", berichtId=intake["berichtId"])
    door_aanvaller = stuur(verwerker, noshow)
    assert door_aanvaller.geaccepteerd and not door_aanvaller.herhaling
    door_slachtoffer = stuur(verwerker, intake)
    assert door_slachtoffer.geaccepteerd and not door_slachtoffer.herhaling
    assert hub.traject("amstelveen", "AMS-2024-0001").datum_intake is not None
    assert len(hub.traject("amstelveen", "AMS-2024-0002").noshows) == 1
    # En andersom: de berichtId van een geaccepteerde aanmelding levert een provider niet die retour op, maar
    # het antwoord op zijn eigen bericht.
    aanmelding = voorbeeld("aanmelding", trajectId="AMS-2024-0003")
    assert stuur(verwerker, aanmelding).doorzendingen
    nagemaakt = stuur(verwerker, voorbeeld("intake", trajectId="BESTAAT-NIET", berichtId=aanmelding["berichtId"]))
    assert _codes(nagemaakt) == ["ONBEKEND_TRAJECT"] and nagemaakt.doorzendingen == [] and not nagemaakt.herhaling


def test_afgewezen_bericht_mag_opnieuw_als_de_oorzaak_is_opgelost(verwerker, hub):
    factuur = voorbeeld("factuur")
    eerste = stuur(verwerker, factuur)
    assert _codes(eerste) == ["ONBEKEND_TRAJECT"]
    stuur(verwerker, voorbeeld("aanmelding"))
    [opnieuw] = verwerker.verwerk_reeks([(lees_json(factuur), "matchez")])
    assert opnieuw.geaccepteerd and not opnieuw.herhaling
    assert hub.zoek_factuur("matchez", "MZ-2024-0012") is not None
    nog_eens = stuur(verwerker, factuur)
    assert nog_eens.herhaling and nog_eens.retour == opnieuw.retour
    assert hub.zoek_factuur("matchez", "MZ-2024-0012").version == 1
    # De weigering blijft als bewijs bewaard.
    ontvangst = hub.zoek_ontvangst("matchez", uuid.UUID(factuur["berichtId"]))
    assert ontvangst.retour == opnieuw.retour
    events = list(hub.events.get(ontvangst.id))
    assert [e.retour["status"] for e in events] == ["afgewezen", "geaccepteerd"]


def test_dezelfde_levering_van_een_afgewezen_bericht_krijgt_hetzelfde_antwoord(verwerker, hub):
    """Een werkportie komt terug bij een werker omdat een retour erin niet weg kon: wat toen werd afgewezen, wordt
    niet opnieuw beoordeeld (de afzender kreeg die afwijzing misschien al), ook niet als het nu wel zou kunnen. Een
    nieuwe levering van hetzelfde bericht (een andere plaats in de intake) is een nieuwe poging."""
    factuur = voorbeeld("factuur")
    [eerste] = verwerker.verwerk_reeks([(lees_json(factuur), "matchez", "json", "IN_matchez-7")])
    assert _codes(eerste) == ["ONBEKEND_TRAJECT"]
    stuur(verwerker, voorbeeld("aanmelding"))
    [terug] = verwerker.verwerk_reeks([(lees_json(factuur), "matchez", "json", "IN_matchez-7")])
    assert terug.herhaling and terug.retour == eerste.retour
    assert hub.zoek_factuur("matchez", "MZ-2024-0012") is None
    [nieuw] = verwerker.verwerk_reeks([(lees_json(factuur), "matchez", "json", "IN_matchez-12")])
    assert nieuw.geaccepteerd and not nieuw.herhaling
    assert hub.zoek_factuur("matchez", "MZ-2024-0012") is not None
    anders = voorbeeld("factuur", berichtId=factuur["berichtId"], factuurnummer="MZ-2024-0099")
    [hergebruikt] = verwerker.verwerk_reeks([(lees_json(anders), "matchez", "json", "IN_matchez-12")])
    assert _codes(hergebruikt) == ["BERICHT_ID_HERGEBRUIKT"]


def test_een_ontvangst_van_voor_de_plaats_leest_nog_en_geldt_als_een_andere_levering(hub):
    """Events van vóór `plaats` (versie 2 van BerichtVerwerkt, versie 1 van OpnieuwVerwerkt) worden gelezen zonder
    plaats: een weigering daarin wordt bij elke levering opnieuw beoordeeld, zoals voorheen."""
    from datetime import UTC, datetime

    from eventsourcing.persistence import StoredEvent

    from hub.aggregates.ontvangst import Ontvangst

    bericht_id = uuid.uuid4()
    afgewezen = {"berichtId": str(bericht_id), "status": "afgewezen"}
    ontvangst = Ontvangst(bericht_id=bericht_id, afzender="matchez", soort="factuur", ontvangen=datetime.now(UTC),
                          retour=afgewezen, sleutel="s", vingerafdruk="a", plaats="IN_matchez-1")
    ontvangst.verwerk_opnieuw("factuur", datetime.now(UTC), afgewezen, "s", "a", plaats="IN_matchez-1")
    transcoder = hub.mapper.transcoder
    oud = []
    for event, versie in zip(ontvangst.collect_events(), (2, 1), strict=True):
        nieuw = hub.mapper.to_stored_event(event)
        staat = transcoder.decode(nieuw.state)
        del staat["plaats"]
        if versie > 1:
            staat["class_version"] = versie
        else:
            staat.pop("class_version", None)
        oud.append(hub.mapper.to_domain_event(StoredEvent(nieuw.originator_id, nieuw.originator_version, nieuw.topic,
                                                          transcoder.encode(staat))))
    herladen = None
    for event in oud:
        herladen = event.mutate(herladen)
    assert isinstance(herladen, Ontvangst) and herladen.plaats is None and herladen.vingerafdruk == "a"
    assert not herladen.zelfde_levering("IN_matchez-1", "a")
    assert ontvangst.zelfde_levering("IN_matchez-1", "a") and not ontvangst.zelfde_levering("IN_matchez-1", "b")
    assert not ontvangst.zelfde_levering(None, "a")


# Een provider leert niet welke trajecten andere providers hebben.

def _antwoord(uitkomst) -> list[tuple]:
    return [(f["code"], f["veld"], f["melding"]) for f in uitkomst.retour["fouten"]]


@pytest.mark.parametrize("naam", ["intake", "oproep", "noShow", "plan", "voortgang", "plaatsing", "beeindiging", "factuur"])
def test_traject_van_een_ander_geeft_hetzelfde_antwoord_als_een_onbekend_traject(naam, verwerker, catalogus, tmp_path):
    from hub.bootstrap import open_hub
    from hub.instellingen import Instellingen

    stuur(verwerker, voorbeeld("aanmelding"))  # AMS-2024-0001 is van matchez
    leeg = Verwerker(open_hub(Instellingen(data=tmp_path / "leeg", contracten=PROJECT / "contracts")), catalogus)
    bericht = voorbeeld(naam, afzender="a-rea", **({} if naam == "factuur" else {"trajectId": "AMS-2024-0001"}))
    van_een_ander, onbekend = stuur(verwerker, bericht), stuur(leeg, bericht)
    assert _antwoord(van_een_ander) == _antwoord(onbekend)
    assert _codes(van_een_ander) == ["ONBEKEND_TRAJECT"]
