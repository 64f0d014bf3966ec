"""Partities: de hub kiest ze uit de inhoud, leases verdelen ze over de werkers en gaan over bij uitval."""

from __future__ import annotations

import asyncio
import json

import pytest

from hub.berichten.bericht import lees_json
from hub.koppelingen.broker.partities import Leases
from hub.koppelingen.broker.streams import declareer_partitiebucket
from hub.koppelingen.broker.subjects import PARTITIES, partitie, sleutel_factuur, sleutel_traject
from hub.koppelingen.broker.werker import ordeningssleutel
from tests.broker.conftest import verbinding
from tests.e2e.conftest import voorbeeld

pytestmark = pytest.mark.broker


def test_berichten_over_een_traject_delen_hun_sleutel_van_welke_afzender_ook():
    aanmelding = lees_json(voorbeeld("aanmelding"))
    plan = lees_json(voorbeeld("plan"))
    toekenning = lees_json(voorbeeld("jobcoachToekenning"))
    assert ordeningssleutel(aanmelding) == ordeningssleutel(plan) == sleutel_traject("amstelveen", "AMS-2024-0001")
    assert ordeningssleutel(toekenning) == sleutel_traject(toekenning.gemeente, toekenning.traject_id)
    factuur = lees_json(voorbeeld("factuur"))
    assert ordeningssleutel(factuur) == sleutel_factuur(factuur.factuurnummer)


async def test_werkers_verdelen_de_partities_en_nemen_over_wat_een_gestorven_werker_had(server):
    async with verbinding(server) as nc:
        js = nc.jetstream()
        await declareer_partitiebucket(js, lease=1.0)
        a, b = Leases(js, "a"), Leases(js, "b")
        genomen, _ = await a.ronde()
        assert genomen == set(PARTITIES)  # alleen a leeft: alles
        genomen, _ = await b.ronde()
        assert genomen == set()  # alles is van a; b krijgt pas wat a teruggeeft
        await a.ronde()
        teveel = a.teveel()
        assert len(teveel) == len(PARTITIES) // 2
        for p in teveel:
            await a.geef_terug(p)
        genomen, _ = await b.ronde()
        assert genomen == set(teveel)
        assert set(a.eigen).isdisjoint(b.eigen) and set(a.eigen) | set(b.eigen) == set(PARTITIES)
        # a sterft zonder iets terug te geven; b leeft door (een ronde per derde van de lease) en neemt na de
        # vervaltijd van a's leases alles over, zonder de zijne kwijt te raken.
        van_a = set(a.eigen)
        overgenomen: set[str] = set()
        for _ in range(20):
            await asyncio.sleep(0.3)
            genomen, verloren = await b.ronde()
            assert verloren == set()
            overgenomen |= genomen
            if len(b.eigen) == len(PARTITIES):
                break
        assert set(b.eigen) == set(PARTITIES) and overgenomen == van_a
        # a komt terug en merkt dat zijn leases weg zijn.
        _, verloren = await a.ronde()
        assert verloren == van_a


async def test_een_lease_waarvan_het_antwoord_verloren_ging_blijft_van_de_werker(server):
    """Valt een nats-server weg terwijl hij een lease vernieuwt of aanmaakt, dan kan de server het gedaan hebben zonder
    dat de werker de nieuwe revisie hoorde. De lease staat dan op zijn naam: hij houdt haar (en anders had niemand
    haar tot ze verliep)."""
    from hub.koppelingen.broker.partities import LEASE
    from hub.koppelingen.broker.subjects import KV_PARTITIES

    async with verbinding(server) as nc:
        js = nc.jetstream()
        await declareer_partitiebucket(js, lease=30.0)
        kv = await js.key_value(KV_PARTITIES)
        a = Leases(js, "a", partities=("0", "1"))
        await kv.create(LEASE + "1", b"a")  # een create van a die de server uitvoerde, zonder antwoord
        genomen, _ = await a.ronde()
        assert genomen == {"0", "1"}
        await kv.update(LEASE + "0", b"a", last=a.eigen["0"])  # een vernieuwing van a zonder antwoord
        genomen, verloren = await a.ronde()
        assert (genomen, verloren) == (set(), set()) and set(a.eigen) == {"0", "1"}
        await kv.put(LEASE + "1", b"b")  # een ander heeft hem echt
        _, verloren = await a.ronde()
        assert verloren == {"1"} and set(a.eigen) == {"0"}


async def test_de_hub_kiest_de_partitie_niet_de_afzender(tmp_path, catalogus):
    """Een afzender die een ander partitienummer in het subject zet, verplaatst het bericht niet: de hub zet het in
    de partitie van het traject, met de afzender uit het subject (zijn account) in een header."""
    from hub.bootstrap import bootstrap
    from hub.instellingen import Instellingen
    from hub.koppelingen.broker.streams import verbind_afzender
    from hub.koppelingen.broker.subjects import STREAM_WERK, subject_werk
    from tests.conftest import PROJECT

    instellingen = Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts")
    aanmelding = voorbeeld("aanmelding")
    juist = partitie(sleutel_traject("amstelveen", aanmelding["trajectId"]))
    fout = next(p for p in PARTITIES if p != juist)
    async with bootstrap(instellingen).draaiende_hub() as hub:
        await hub.werker.sluit()  # alleen verdelen bekijken: de werker stopt, de verdeling doet een eigen werker
        from hub.koppelingen.broker.werker import Werker

        verdeler = Werker(hub.broker, hub.verwerker, hub.afzenders)
        verdeler._start_partitie = lambda p: None  # verwerk niets, zodat het bericht in HUB_WERK blijft staan
        await verdeler.start()
        nc = await verbind_afzender(hub.url, "gemeente", hub.identiteiten)
        await nc.jetstream().publish(f"hub.in.gemeente.{fout}", json.dumps(aanmelding).encode(),
                                     headers={"Nats-Msg-Id": aanmelding["berichtId"]})
        await nc.close()
        js = hub.broker._connection.jetstream()
        for _ in range(100):
            info = await js.stream_info(STREAM_WERK, subjects_filter="hub.werk.*")
            if info.state.messages:
                break
            await asyncio.sleep(0.1)
        assert info.state.subjects == {subject_werk(juist): 1}
        bericht = await js.get_last_msg(STREAM_WERK, subject_werk(juist))
        assert bericht.headers["Hub-Afzender"] == "gemeente"
        await verdeler.sluit()
