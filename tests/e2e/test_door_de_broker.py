"""Eind-tot-eind door een echte nats-server met JetStream, in een echte SQLite-eventstore."""

from __future__ import annotations

import json
from datetime import UTC

import nats
import pytest

from hub.berichten import lees_json
from hub.koppelingen.broker.afzender import ontvang, stuur_inhoud
from hub.koppelingen.broker.streams import verbind_afzender
from hub.koppelingen.formaten.berichtxml import naar_xml
from tests.e2e.conftest import als_bytes, voorbeeld


async def stuur(hub, afzender: str, *berichten: dict | bytes) -> list[dict]:
    inhoud = [b if isinstance(b, bytes) else als_bytes(b) for b in berichten]
    return await stuur_inhoud(hub.url, afzender, hub.identiteiten, inhoud, wachttijd=15)


def _codes(retour: dict) -> list[str]:
    return [f["code"] for f in retour["fouten"]]


JOBCOACH = dict(gemeente="heemstede", trajectId="HMS-2024-0007", provider="jobcoach-org", product="JC-UUR",
                datumAanmelding="2024-06-20")
AREA = dict(trajectId="AMS-2024-0002", provider="a-rea", product="AREA-MED", datumAanmelding="2024-01-22")


async def test_elk_type_geaccepteerd_in_json_en_xml(draaiende_hub):
    gemeente = [voorbeeld("aanmelding"), voorbeeld("aanmelding", **AREA), voorbeeld("aanmelding", **JOBCOACH)]
    assert [r["status"] for r in await stuur(draaiende_hub, "gemeente", *gemeente)] == ["geaccepteerd"] * 3
    reeks = [("matchez", "oproep"), ("matchez", "intake"), ("a-rea", "noShow"), ("matchez", "plan"), ("gemeente", "planBesluit"),
             ("matchez", "voortgang"), ("matchez", "mutatie"), ("gemeente", "mutatieBesluit"), ("matchez", "plaatsing"),
             ("matchez", "nazorg"), ("matchez", "beeindiging"), ("jobcoach-org", "jobcoachAanvraag"),
             ("gemeente", "jobcoachToekenning"), ("jobcoach-org", "urenverantwoording"), ("matchez", "factuur")]
    for i, (afzender, naam) in enumerate(reeks):
        data = voorbeeld(naam)
        inhoud = naar_xml(lees_json(data)) if i % 2 else als_bytes(data)
        [retour] = await stuur(draaiende_hub, afzender, inhoud)
        assert retour["status"] == "geaccepteerd", (naam, retour)
        assert retour["berichtId"] == data["berichtId"]
    traject = draaiende_hub.hub.traject("amstelveen", "AMS-2024-0001")
    assert traject.beeindigd and traject.nazorgmaanden == ["2024-04"]


@pytest.mark.parametrize(
    ("afzender", "naam", "anders", "code"),
    [
        ("gemeente", "aanmelding", {"product": "MZ-ONBEKEND", "trajectId": "AMS-2024-0999"}, "ONBEKEND_PRODUCT"),
        ("gemeente", "planBesluit", {"trajectId": "ONBEKEND"}, "ONBEKEND_TRAJECT"),
        ("gemeente", "mutatieBesluit", {}, "ONGELDIGE_VOLGORDE"),
        ("gemeente", "jobcoachToekenning", {"trajectId": "ONBEKEND"}, "ONBEKEND_TRAJECT"),
        ("matchez", "oproep", {"trajectId": "ONBEKEND"}, "ONBEKEND_TRAJECT"),
        ("matchez", "intake", {"datum": "2023-12-01"}, "ONGELDIGE_WAARDE"),
        ("a-rea", "noShow", {"trajectId": "AMS-2024-0001"}, "ONBEKEND_TRAJECT"),
        ("matchez", "plan", {"trede": 7}, "SCHEMA"),
        ("matchez", "voortgang", {"kwartaal": "2024-Q5"}, "SCHEMA"),
        ("matchez", "mutatie", {"nieuwProduct": "MZ-ONBEKEND"}, "ONBEKEND_PRODUCT"),
        ("matchez", "plaatsing", {"datumIndienst": "2023-01-01"}, "ONGELDIGE_WAARDE"),
        ("matchez", "nazorg", {}, "ONGELDIGE_VOLGORDE"),
        ("matchez", "beeindiging", {}, "ONGELDIGE_VOLGORDE"),
        ("jobcoach-org", "jobcoachAanvraag", {"trajectId": "ONBEKEND"}, "ONBEKEND_TRAJECT"),
        ("jobcoach-org", "urenverantwoording", {"trajectId": "ONBEKEND"}, "ONBEKEND_TRAJECT"),
        ("matchez", "factuur", {"iban": "NL00ABNA0000000000"}, "IBAN_ONGELDIG"),
    ],
)
async def test_elk_type_afgewezen_met_een_code_en_niets_vastgelegd(draaiende_hub, afzender, naam, anders, code):
    [aanmelding] = await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"))
    assert aanmelding["status"] == "geaccepteerd"
    voor = draaiende_hub.hub.recorder.max_notification_id()
    [retour] = await stuur(draaiende_hub, afzender, voorbeeld(naam, **anders))
    assert retour["status"] == "afgewezen" and code in _codes(retour), retour
    assert all(f["melding"] for f in retour["fouten"])
    ontvangsten = 1 if code not in ("SCHEMA", "AFZENDER_ONBEVOEGD") else 0
    assert draaiende_hub.hub.recorder.max_notification_id() == voor + ontvangsten


async def test_zelfde_berichtid_twee_keer_een_feit_en_gelijke_retouren(draaiende_hub):
    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"))
    intake = voorbeeld("intake")
    [eerste] = await stuur(draaiende_hub, "matchez", intake)
    [tweede] = await stuur(draaiende_hub, "matchez", intake)
    assert eerste == tweede and eerste["status"] == "geaccepteerd"
    assert draaiende_hub.hub.traject("amstelveen", "AMS-2024-0001").version == 2


async def test_aanmelding_wordt_doorgestuurd_naar_de_inbox_van_de_provider(draaiende_hub):
    aanmelding = voorbeeld("aanmelding")
    await stuur(draaiende_hub, "gemeente", aanmelding)
    ontvangen = await ontvang(draaiende_hub.url, "matchez", draaiende_hub.identiteiten)
    assert any(b.get("type") == "aanmelding" and b["berichtId"] == aanmelding["berichtId"] for b in ontvangen)
    assert await ontvang(draaiende_hub.url, "matchez", draaiende_hub.identiteiten) == []
    assert not any(b.get("berichtId") == aanmelding["berichtId"] for b in await ontvang(draaiende_hub.url, "a-rea", draaiende_hub.identiteiten))


async def test_broker_weigert_publiceren_op_het_subject_van_een_ander(draaiende_hub):
    fouten = []

    async def bij_fout(fout):
        fouten.append(str(fout))

    nc = await verbind_afzender(draaiende_hub.url, "a-rea", draaiende_hub.identiteiten, error_cb=bij_fout)
    try:
        js = nc.jetstream()
        with pytest.raises((nats.errors.Error, nats.js.errors.Error, TimeoutError)):
            await js.publish("hub.in.matchez.0", als_bytes(voorbeeld("intake", afzender="matchez")), timeout=1)
    finally:
        await nc.close()
    assert any("permissions violation" in f.lower() for f in fouten)


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [
        ("xxe", b'<?xml version="1.0"?><!DOCTYPE intake [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<intake xmlns="urn:reintegratie-hub:berichten:1"><trajectId>&x;</trajectId></intake>'),
        ("billion-laughs", b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
                           b']><intake xmlns="urn:reintegratie-hub:berichten:1">&lol2;</intake>'),
        ("te-groot", b'{"berichtId": "' + b"x" * 1_000_100 + b'"}'),
        ("geen-utf8", '{"berichtId": "café"}'.encode("latin-1")),
        ("onzin", b"\x00\x01\x02 geen bericht"),
    ],
)
async def test_kwaadaardige_invoer_duidelijk_geweigerd_niets_vastgelegd_werker_leeft(draaiende_hub, naam, inhoud):
    voor = draaiende_hub.hub.recorder.max_notification_id()
    [retour] = await stuur(draaiende_hub, "matchez", inhoud)
    assert retour["status"] == "afgewezen" and _codes(retour) == ["SCHEMA"], retour
    assert draaiende_hub.hub.recorder.max_notification_id() == voor
    [daarna] = await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"))
    assert daarna["status"] == "geaccepteerd"


async def test_retour_heeft_de_vorm_uit_de_standaard(draaiende_hub):
    data = voorbeeld("aanmelding")
    [retour] = await stuur(draaiende_hub, "gemeente", data)
    assert retour == {"berichtId": data["berichtId"], "status": "geaccepteerd", "fouten": [], "signalen": []}
    assert json.dumps(retour)


async def test_provider_krijgt_een_factuurstatus_en_een_nieuwe_na_een_besluit(draaiende_hub):
    import asyncio
    from datetime import datetime
    from decimal import Decimal

    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"))
    await stuur(draaiende_hub, "matchez", voorbeeld("intake"))
    [retour] = await stuur(draaiende_hub, "matchez", voorbeeld("factuur"))
    assert retour["status"] == "geaccepteerd"

    async def statussen(aantal: int) -> list[dict]:
        gevonden: list[dict] = []
        for _ in range(40):
            gevonden += [b for b in await ontvang(draaiende_hub.url, "matchez", draaiende_hub.identiteiten)
                         if b.get("type") == "factuurstatus"]
            if len(gevonden) >= aantal:
                return gevonden
            await asyncio.sleep(0.25)
        return gevonden

    [eerste] = await statussen(1)
    assert eerste["factuurnummer"] == "MZ-2024-0012" and eerste["regels"][0]["besluit"] is None
    assert eerste["regels"][0]["gefactureerd"] == "2250.00"
    factuur = draaiende_hub.hub.zoek_factuur("matchez", "MZ-2024-0012")
    factuur.besluit(1, "goedgekeurd", Decimal("2250.00"), "M. de Boer", "Conform prijsafspraak", datetime.now(UTC))
    draaiende_hub.hub.save(factuur)
    [tweede] = await statussen(1)
    assert tweede["regels"][0]["besluit"]["uitkomst"] == "goedgekeurd"


async def test_ubl_e_factuur_door_de_broker(draaiende_hub):
    from tests.conftest import PROJECT

    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"))
    ubl = (PROJECT / "berichten" / "voorbeelden" / "ubl" / "factuur.xml").read_bytes()
    [retour] = await stuur(draaiende_hub, "matchez", ubl)
    assert retour["status"] == "geaccepteerd", retour
    factuur = draaiende_hub.hub.zoek_factuur("matchez", "MZ-2024-0012")
    assert factuur.bron == "ubl" and factuur.regels[0].product == "MZ-BNW3"
    [nogmaals] = await stuur(draaiende_hub, "matchez", ubl)
    assert nogmaals == retour
    [als_ander] = await stuur(draaiende_hub, "a-rea", ubl)
    assert als_ander["status"] == "afgewezen"


async def test_traject_van_een_andere_provider_klinkt_als_een_onbekend_traject(draaiende_hub):
    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"))  # AMS-2024-0001 is van matchez
    van_matchez, onbekend = await stuur(draaiende_hub, "a-rea", voorbeeld("intake", afzender="a-rea"),
                                        voorbeeld("intake", afzender="a-rea", trajectId="AMS-2024-0999"))
    assert [(f["code"], f["veld"]) for f in van_matchez["fouten"]] == [("ONBEKEND_TRAJECT", "trajectId")]
    assert [{**f, "melding": f["melding"].replace("AMS-2024-0001", "AMS-2024-0999")} for f in van_matchez["fouten"]] == onbekend["fouten"]
    factuur = voorbeeld("factuur", afzender="a-rea")
    [op_traject_van_matchez] = await stuur(draaiende_hub, "a-rea", factuur)
    factuur["regels"][0]["trajectId"] = "AMS-2024-0999"
    [op_onbekend_traject] = await stuur(draaiende_hub, "a-rea", {**factuur, "berichtId": voorbeeld("factuur")["berichtId"]})
    assert _codes(op_traject_van_matchez) == ["ONBEKEND_TRAJECT"]
    assert [{**f, "melding": f["melding"].replace("AMS-2024-0001", "AMS-2024-0999")} for f in op_traject_van_matchez["fouten"]] \
        == op_onbekend_traject["fouten"]
