"""Vijandige invoer door de echte broker: elk bericht krijgt een retour, snel, en houdt geldige berichten niet op.

Nooit stilte, nooit de dead-letter-wachtrij voor invoer die gewoon fout is, nooit eindeloos opnieuw aangeboden.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid

import pytest

from hub.koppelingen.broker import werker
from hub.koppelingen.broker.afzender import ontvang, stuur_inhoud
from hub.koppelingen.broker.dlq import lees_dlq
from tests.conftest import PROJECT
from tests.e2e.conftest import VOORBEELDEN, als_bytes, voorbeeld

WACHTTIJD = 20


async def stuur(hub, afzender: str, *berichten: dict | bytes, wachttijd: float = WACHTTIJD) -> list[dict]:
    inhoud = [b if isinstance(b, bytes) else als_bytes(b) for b in berichten]
    return await stuur_inhoud(hub.url, afzender, hub.identiteiten, inhoud, wachttijd=wachttijd)


def _met_veld(naam: str, extra: bytes) -> bytes:
    """Het voorbeeld met een extra veld waarvan de waarde letterlijk `extra` is (JSON die json.dumps niet maakt)."""
    return als_bytes(voorbeeld(naam))[:-1] + b', "extra": ' + extra + b"}"


def _diep_json(diepte: int) -> bytes:
    return _met_veld("intake", b"[" * diepte + b"]" * diepte)


def _intake_xml(binnen: bytes) -> bytes:
    xml = (VOORBEELDEN / "intake.xml").read_bytes()
    xml = re.sub(rb"<berichtId>[^<]*</berichtId>", f"<berichtId>{uuid.uuid4()}</berichtId>".encode(), xml)
    return xml.replace(b"</intake>", binnen + b"</intake>")


def _ubl(wijzig) -> bytes:
    ubl = (PROJECT / "berichten" / "voorbeelden" / "ubl" / "factuur.xml").read_bytes()
    ubl = ubl.replace(b"<cbc:ID>MZ-2024-0012</cbc:ID>", f"<cbc:ID>MZ-{uuid.uuid4().hex[:8]}</cbc:ID>".encode(), 1)
    return wijzig(ubl)


def _factuur_met_regel(**regel) -> dict:
    factuur = voorbeeld("factuur")
    factuur["regels"][0].update(regel)
    return factuur


VIJANDIG: dict[str, bytes] = {
    "json-1000-diep": _diep_json(1_000),
    "json-100000-diep": _diep_json(100_000),
    "json-getal-5000-cijfers": _met_veld("intake", b"9" * 5_000),
    "json-bedrag-5000-cijfers": als_bytes(_factuur_met_regel(bedrag="9" * 5_000 + ".00")),
    "json-50000-onbekende-velden": als_bytes({**voorbeeld("intake"), **{f"veld{i}": i for i in range(50_000)}}),
    "json-11000-schemafouten": als_bytes({**voorbeeld("factuur"), "regels": [{"onbekend": i} for i in range(1_000)]}),
    "json-veldnaam-van-5000-tekens": als_bytes({**voorbeeld("intake"), "x" * 5_000: 1}),
    "json-dubbele-lange-veldnaam": _met_veld("intake", b'1, "' + b"y" * 500 + b'": 1, "' + b"y" * 500 + b'": 2'),
    "xml-1000-diep": _intake_xml(b"<x>" * 1_000 + b"</x>" * 1_000),
    "xml-getal-5000-cijfers": (VOORBEELDEN / "factuur.xml").read_bytes().replace(
        b"<bedrag>2250.00</bedrag>", b"<bedrag>" + b"9" * 5_000 + b".00</bedrag>"),
    "xml-xinclude": _intake_xml(b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>'),
    "xml-vreemde-namespace": _intake_xml(b'<v:opdracht xmlns:v="urn:vreemd">1</v:opdracht>'),
    "xml-20000-onbekende-elementen": _intake_xml(b"".join(b"<e%d/>" % i for i in range(20_000))),
    "xml-elementnaam-van-300-tekens": _intake_xml(b"<" + b"e" * 300 + b"/>"),
    "ubl-zonder-leverancier": _ubl(lambda u: re.sub(
        rb"<cac:AccountingSupplierParty>.*?</cac:AccountingSupplierParty>", b"", u, flags=re.S)),
    "ubl-xinclude": _ubl(lambda u: u.replace(
        b"<cac:AccountingSupplierParty>",
        b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/><cac:AccountingSupplierParty>')),
}


@pytest.mark.parametrize("naam", list(VIJANDIG))
async def test_vijandig_bericht_afgewezen_met_schemafout_snel_en_niets_vastgelegd(draaiende_hub, naam):
    voor = draaiende_hub.hub.recorder.max_notification_id()
    begin = time.monotonic()
    [retour] = await stuur(draaiende_hub, "matchez", VIJANDIG[naam])
    duur = time.monotonic() - begin
    assert retour["status"] == "afgewezen", retour
    assert {f["code"] for f in retour["fouten"]} <= {"SCHEMA", "EN16931"} and "SCHEMA" in {f["code"] for f in retour["fouten"]}
    assert all(f["melding"] for f in retour["fouten"])
    assert len(retour["fouten"]) <= 101 and len(json.dumps(retour)) < 100_000
    assert duur < 5, f"{naam}: retour pas na {duur:.1f} s"
    assert draaiende_hub.hub.recorder.max_notification_id() == voor
    assert await lees_dlq(draaiende_hub.url, draaiende_hub.identiteiten) == []


async def test_veel_schemafouten_begrensd_met_een_slotregel(draaiende_hub):
    [retour] = await stuur(draaiende_hub, "matchez", VIJANDIG["json-11000-schemafouten"])
    *fouten, slot = retour["fouten"]
    assert len(fouten) == 100
    assert slot["code"] == "SCHEMA" and slot["veld"] is None
    assert re.search(r"[Ee]n nog \d+ fouten", slot["melding"]), slot


async def test_geldig_bericht_in_dezelfde_batch_als_vijandige_wordt_gewoon_verwerkt(draaiende_hub):
    [aanmelding] = await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"))
    assert aanmelding["status"] == "geaccepteerd"
    intake = voorbeeld("intake")
    berichten = [*VIJANDIG.values(), als_bytes(intake), *VIJANDIG.values()]
    retouren = await stuur(draaiende_hub, "matchez", *berichten)
    statussen = [r["status"] for r in retouren]
    assert statussen.count("geaccepteerd") == 1 and statussen.count("afgewezen") == len(berichten) - 1, statussen
    assert retouren[len(VIJANDIG)]["berichtId"] == intake["berichtId"]
    assert draaiende_hub.hub.traject("amstelveen", "AMS-2024-0001").version == 2


@pytest.mark.parametrize(
    ("afzender", "naam", "veld", "anders"),
    [
        ("matchez", "plan", "datum", {"datum": "9999-12-31"}),
        ("jobcoach-org", "jobcoachAanvraag", "eind", {"eind": "9999-12-31"}),
        ("matchez", "factuur", "regels[0].periodeEind", {"regels": [{**voorbeeld("factuur")["regels"][0], "periodeEind": "9999-12-31"}]}),
        ("matchez", "factuur", "regels[0].bedrag", {"regels": [{**voorbeeld("factuur")["regels"][0], "bedrag": "-2250.00"}]}),
        ("matchez", "factuur", "regels[0].aantal", {"regels": [{**voorbeeld("factuur")["regels"][0], "aantal": "-1"}]}),
    ],
    ids=["plan-9999", "jobcoachaanvraag-9999", "factuurperiode-9999", "negatief-bedrag", "negatief-aantal"],
)
async def test_datum_voorbij_de_horizon_of_negatief_bedrag_is_een_schemafout(draaiende_hub, afzender, naam, veld, anders):
    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"))
    voor = draaiende_hub.hub.recorder.max_notification_id()
    [retour] = await stuur(draaiende_hub, afzender, voorbeeld(naam, **anders))
    assert retour["status"] == "afgewezen", retour
    assert [(f["code"], f["veld"]) for f in retour["fouten"]] == [("SCHEMA", veld)]
    assert "1900 t/m 2199" in retour["fouten"][0]["melding"] or "niet negatief" in retour["fouten"][0]["melding"]
    assert draaiende_hub.hub.recorder.max_notification_id() == voor


async def _wacht_op_dlq(hub, aantal: int, seconden: float = 30) -> list[dict]:
    einde = time.monotonic() + seconden
    berichten: list[dict] = []
    while time.monotonic() < einde and len(berichten) < aantal:
        await asyncio.sleep(0.3)
        berichten = await lees_dlq(hub.url, hub.identiteiten)
    return berichten


async def test_onverwerkbaar_bericht_krijgt_niet_verwerkt_en_gaat_naar_de_dlq(draaiende_hub, monkeypatch):
    monkeypatch.setattr(werker, "HERKANS_PAUZE", 0.1)
    echte = draaiende_hub.werker.verwerker.verwerk_reeks

    def kapot_bij_plan(reeks):
        if any(getattr(bericht, "type", None) == "plan" for bericht, *_ in reeks):
            raise RuntimeError("onverwachte fout in de verwerking")
        return echte(reeks)

    monkeypatch.setattr(draaiende_hub.werker.verwerker, "verwerk_reeks", kapot_bij_plan)
    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"))
    plan, intake = voorbeeld("plan"), voorbeeld("intake")
    retour, daarna = await stuur(draaiende_hub, "matchez", plan, intake, wachttijd=30)
    assert daarna["status"] == "geaccepteerd"
    assert retour["status"] == "afgewezen", retour
    [fout] = retour["fouten"]
    assert fout["code"] == "NIET_VERWERKT" and "beheer" in fout["melding"]
    [dood] = await _wacht_op_dlq(draaiende_hub, 1)
    assert plan["berichtId"] in dood["inhoud"] and "onverwachte fout" in dood["reden"]
    assert draaiende_hub.hub.traject("amstelveen", "AMS-2024-0001").plan is None


async def test_onverwachte_fout_bij_het_lezen_houdt_de_batch_niet_op(draaiende_hub, monkeypatch):
    """Een fout van de hub zelf bij het lezen: retour NIET_VERWERKT en de DLQ, de rest van de batch gaat door."""
    monkeypatch.setattr(werker, "HERKANS_PAUZE", 0.1)
    echte = werker.parse_bericht

    def kapot_bij_oproep(data, **kwargs):
        if b'"oproep"' in data:
            raise OverflowError("kapotte lezer")
        return echte(data, **kwargs)

    monkeypatch.setattr(werker, "parse_bericht", kapot_bij_oproep)
    await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"))
    oproep, intake = voorbeeld("oproep"), voorbeeld("intake")
    [_, daarna] = await stuur(draaiende_hub, "matchez", oproep, intake, wachttijd=5)
    assert daarna["status"] == "geaccepteerd"
    [dood] = await _wacht_op_dlq(draaiende_hub, 1)
    assert oproep["berichtId"] in dood["inhoud"] and "kapotte lezer" in dood["reden"]
    retouren = [r for r in await ontvang(draaiende_hub.url, "matchez", draaiende_hub.identiteiten)
                if r.get("berichtId") == oproep["berichtId"]]
    assert [(r["status"], [f["code"] for f in r["fouten"]]) for r in retouren] == [("afgewezen", ["NIET_VERWERKT"])]


async def test_stoot_van_duizend_diep_geneste_berichten_blokkeert_anderen_niet(draaiende_hub):
    diep = [_diep_json(1_000) for _ in range(1_000)]
    begin = time.monotonic()
    verzonden = asyncio.create_task(stuur(draaiende_hub, "a-rea", *diep, wachttijd=60))
    await asyncio.sleep(0.2)
    [aanmelding] = await stuur(draaiende_hub, "gemeente", voorbeeld("aanmelding"), wachttijd=30)
    voor_anderen = time.monotonic() - begin
    retouren = await verzonden
    totaal = time.monotonic() - begin
    beantwoord = sum(r["status"] == "afgewezen" for r in retouren)
    print(f"\n{len(diep)} berichten van 1000 niveaus diep: {beantwoord} beantwoord na {totaal:.2f} s; "
          f"geldige aanmelding: {aanmelding['status']} na {voor_anderen:.2f} s")
    assert aanmelding["status"] == "geaccepteerd"
    assert beantwoord == len(diep)
    assert all(r["fouten"][0]["code"] == "SCHEMA" for r in retouren)
    assert totaal < 30 and voor_anderen < 15
