"""Werkporties: per partitie één bericht op HUB_WERK met de berichten van een verdeelde batch, elk met zijn eigen
identiteit. Ook na een crash tussen doorzetten en bevestigen staat elk intake-bericht precies één keer in HUB_WERK,
ook als de batch bij de tweede levering anders is samengesteld."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nats.errors import Error as NatsFout

from hub.berichten import lees_json
from hub.koppelingen.broker import factuurstatus_uitgang
from hub.koppelingen.broker.factuurstatus_uitgang import Factuurstatusuitgang
from hub.koppelingen.broker.partities import UITGANG, Leases
from hub.koppelingen.broker.pijplijn import haal
from hub.koppelingen.broker.streams import DURABLE_INTAKE
from hub.koppelingen.broker.subjects import STREAM_WERK, sleutel_traject, stream_in, subject_in
from hub.koppelingen.broker.werker import Levering, Werker, _opnieuw_of_nieuw
from hub.koppelingen.broker.werkportie import (
    KOP_PORTIE,
    Item,
    lees_reeksen,
    msg_id,
    pak_uit,
    schrijf_reeksen,
    splits,
    verpak,
)
from tests.broker.conftest import verbinding
from tests.e2e.conftest import als_bytes, voorbeeld

pytestmark = pytest.mark.broker


def _item(volgnummer: int, data: bytes, afzender: str = "matchez") -> Item:
    return Item(afzender, f"hub.in.{afzender}.3", f"id-{volgnummer}", f"IN_{afzender}-{volgnummer}", data)


def test_een_portie_geeft_elk_bericht_ongewijzigd_en_met_zijn_eigen_identiteit_terug():
    items = [_item(7, b'{"a": "\n"}'), _item(9, b"<x>\r\n\xc3\xabn</x>"), Item("gemeente", "hub.in.gemeente.0", None,
                                                                            "IN_gemeente-12", b"")]
    data, kop = verpak(items)
    assert kop == {"Nats-Msg-Id": "IN_matchez-7-12", KOP_PORTIE: "1"}
    assert pak_uit(data, kop) == items


def test_een_portie_van_een_bericht_heeft_de_vorm_van_een_bericht():
    item = _item(5, b"<bericht/>")
    data, kop = verpak([item])
    assert data == b"<bericht/>"
    assert kop == {"Nats-Msg-Id": "IN_matchez-5", "Hub-Afzender": "matchez", "Hub-Subject": "hub.in.matchez.3",
                   "Hub-Msg-Id": "id-5"}
    assert pak_uit(data, kop) == [item]


def test_een_beschadigde_portie_wordt_niet_half_gelezen():
    data, kop = verpak([_item(1, b"abc"), _item(2, b"def")])
    with pytest.raises(ValueError, match="beschadigd"):
        pak_uit(data[:-1], kop)


def test_splitsen_op_grootte_hangt_alleen_van_de_berichten_af():
    items = [_item(n, b"x" * grootte) for n, grootte in enumerate([40, 40, 30, 100, 10], start=1)]
    stukken = splits(items, 100)
    assert [[i.herkomst for i in stuk] for stuk in stukken] == [
        ["IN_matchez-1", "IN_matchez-2"], ["IN_matchez-3"], ["IN_matchez-4"], ["IN_matchez-5"]]
    assert splits(items, 100) == stukken
    assert [msg_id(stuk) for stuk in stukken] == ["IN_matchez-1-2", "IN_matchez-3", "IN_matchez-4", "IN_matchez-5"]


def test_de_werker_leest_een_bericht_niet_opnieuw_dat_hij_zelf_verdeelde_en_vertrouwt_geen_andere_inhoud():
    werker = Werker(None, None, [])  # type: ignore[arg-type]
    werker.leases = SimpleNamespace(eigen={"4": 1})  # type: ignore[assignment]
    msg = SimpleNamespace()
    verdeeld = Levering(msg, "matchez", "hub.in.matchez.0", None, "IN_matchez-4", b'{"x": 1}', gelezen="gelezen")
    werker._bewaar_gelezen(verdeeld, "4")
    anders = Levering(msg, "matchez", "hub.in.matchez.0", None, "IN_matchez-4", b'{"x": 2}')
    assert werker._al_gelezen(anders) is None
    werker._bewaar_gelezen(verdeeld, "4")
    andere_afzender = Levering(msg, "a-rea", "hub.in.a-rea.0", None, "IN_matchez-4", b'{"x": 1}')
    assert werker._al_gelezen(andere_afzender) is None
    werker._bewaar_gelezen(verdeeld, "4")
    zelfde = Levering(msg, "matchez", "hub.in.matchez.0", None, "IN_matchez-4", b'{"x": 1}')
    assert werker._al_gelezen(zelfde) == "gelezen"
    assert werker._al_gelezen(zelfde) is None, "één keer: daarna leest de werker het zelf"
    werker._bewaar_gelezen(verdeeld, "9")
    assert werker._al_gelezen(zelfde) is None, "partitie 9 verwerkt een andere werker: niets bewaard"


async def _publiceer_aanmeldingen(server, aantal: int) -> None:
    async with verbinding(server, "gemeente") as nc:
        js = nc.jetstream()
        for _ in range(aantal):
            aanmelding = voorbeeld("aanmelding", trajectId=f"T-{voorbeeld('aanmelding')['berichtId'][:8]}")
            await js.publish(subject_in("gemeente", sleutel_traject("amstelveen", aanmelding["trajectId"])),
                             als_bytes(aanmelding), headers={"Nats-Msg-Id": aanmelding["berichtId"]})


async def _in_werk(js) -> list[str]:
    info = await js.stream_info(STREAM_WERK)
    herkomsten = []
    for volgnummer in range(info.state.first_seq, info.state.last_seq + 1):
        msg = await js.get_msg(STREAM_WERK, volgnummer)
        herkomsten += [item.herkomst for item in pak_uit(msg.data, msg.headers)]
    return herkomsten


async def _haal_alles(sub, verwacht: int) -> list:
    berichten: list = []
    for _ in range(50):
        berichten += await haal(sub, verwacht - len(berichten), wacht=0.2)
        if len(berichten) >= verwacht:
            break
    return berichten


async def test_na_een_crash_voor_het_bevestigen_staat_elk_bericht_een_keer_in_hub_werk(hub, server):
    """Eerst doorgezet maar niet bevestigd (de werker viel weg voor het verdeelpunt); de tweede levering brengt
    nieuwe berichten mee. Die horen niet in dezelfde porties, anders kregen die porties een andere Msg-Id."""
    js = hub.jetstream()
    werker = Werker(SimpleNamespace(_connection=hub), None, ["gemeente"])  # type: ignore[arg-type]
    sub = await js.pull_subscribe_bind(DURABLE_INTAKE, stream_in("gemeente"))
    await _publiceer_aanmeldingen(server, 30)
    eerste = await _haal_alles(sub, 30)

    async def valt_weg(afzender: str, tot: int) -> None:
        raise NatsFout("verbinding weg")

    werker._onthoud_verdeeld = valt_weg  # type: ignore[method-assign]
    with pytest.raises(NatsFout):
        await werker._verdeel("gemeente", eerste)
    assert sorted(await _in_werk(js)) == sorted(Levering.uit_intake(m).herkomst for m in eerste)
    for msg in eerste:
        await msg.nak()
    del werker._onthoud_verdeeld

    await _publiceer_aanmeldingen(server, 5)
    tweede = await _haal_alles(sub, 35)
    assert len(tweede) == 35
    for deel in _opnieuw_of_nieuw(tweede):
        await werker._verdeel("gemeente", deel)
    in_werk = await _in_werk(js)
    assert sorted(in_werk) == sorted({Levering.uit_intake(m).herkomst for m in tweede})
    assert len(in_werk) == 35


@given(st.sets(st.integers(min_value=1, max_value=10_000), max_size=300))
def test_het_verdeelpunt_noemt_precies_de_doorgezette_volgnummers(volgnummers):
    tekst = schrijf_reeksen(volgnummers)
    assert lees_reeksen(tekst) == volgnummers
    assert len(tekst) <= 12 * len(volgnummers) + 1


def test_een_onleesbaar_verdeelpunt_telt_als_niets_doorgezet():
    assert schrijf_reeksen([3, 1, 2, 7, 9, 10]) == "1-3,7,9-10"
    assert lees_reeksen("1-3,x") == set() and lees_reeksen("") == set()


async def test_een_oudere_batch_die_terugkomt_nadat_een_nieuwere_verdeeld_is_komt_toch_in_hub_werk(hub, server):
    """Een werker las berichten 1–30 en stierf voor hij ze doorzette; de werker die de intake overnam, kreeg eerst de
    nieuwe 31–35 (de broker laat meer dan één batch onbevestigd) en zette die door. Als 1–30 terugkomen, mogen ze
    niet als 'al verdeeld' gelden: ze stonden nooit in HUB_WERK en kregen anders nooit een retour."""
    js = hub.jetstream()
    werker = Werker(SimpleNamespace(_connection=hub), None, ["gemeente"])  # type: ignore[arg-type]
    sub = await js.pull_subscribe_bind(DURABLE_INTAKE, stream_in("gemeente"))
    await _publiceer_aanmeldingen(server, 30)
    gestorven = await _haal_alles(sub, 30)
    await _publiceer_aanmeldingen(server, 5)
    nieuw = await _haal_alles(sub, 5)
    assert [m.metadata.num_delivered for m in nieuw] == [1] * 5
    await werker._verdeel("gemeente", nieuw)
    for msg in gestorven:
        await msg.nak()
    terug = await _haal_alles(sub, 30)
    assert [m.metadata.num_delivered for m in terug] == [2] * 30
    await werker._verdeel("gemeente", terug)
    assert sorted(await _in_werk(js)) == sorted(Levering.uit_intake(m).herkomst for m in gestorven + nieuw)


async def test_na_een_crash_tijdens_het_bevestigen_wordt_het_verdeelde_niet_opnieuw_doorgezet(hub, server):
    """Alles doorgezet en het verdeelpunt bewaard, maar maar een deel bevestigd: de rest komt terug in een kleinere
    batch, die andere porties zou geven. Het verdeelpunt zegt dat ze er al staan."""
    js = hub.jetstream()
    werker = Werker(SimpleNamespace(_connection=hub), None, ["gemeente"])  # type: ignore[arg-type]
    sub = await js.pull_subscribe_bind(DURABLE_INTAKE, stream_in("gemeente"))
    await _publiceer_aanmeldingen(server, 20)
    eerste = await _haal_alles(sub, 20)
    bevestigd = 0
    echte_ack = type(eerste[0]).ack

    async def ack_tot_de_crash(msg) -> None:
        nonlocal bevestigd
        if bevestigd == 7:
            raise NatsFout("verbinding weg")
        bevestigd += 1
        await echte_ack(msg)

    for msg in eerste:
        msg.ack = ack_tot_de_crash.__get__(msg)
    with pytest.raises(NatsFout):
        await werker._verdeel("gemeente", eerste)
    for msg in eerste[7:]:
        await msg.nak()
    voor = await _in_werk(js)

    rest = await _haal_alles(sub, 13)
    assert [m.metadata.num_delivered for m in rest] == [2] * 13
    await werker._verdeel("gemeente", rest)
    assert await _in_werk(js) == voor
    assert sorted(voor) == sorted(Levering.uit_intake(m).herkomst for m in eerste)
    await asyncio.sleep(0.2)
    assert (await js.consumer_info(stream_in("gemeente"), DURABLE_INTAKE)).num_ack_pending == 0


class _Statussen:
    def __init__(self) -> None:
        self.rondes = 0
        self.opnieuw = 0

    def te_versturen(self) -> list:
        self.rondes += 1
        return []

    def verstuurd(self, _: list) -> None:
        pass

    def begin_opnieuw(self) -> None:
        self.opnieuw += 1


async def test_factuurstatussen_verstuurt_een_werker_tegelijk_en_een_ander_neemt_het_over(hub, monkeypatch):
    monkeypatch.setattr(factuurstatus_uitgang, "INTERVAL", 0.05)
    js = hub.jetstream()
    statussen = {"a": _Statussen(), "b": _Statussen()}
    stops = {naam: asyncio.Event() for naam in statussen}
    taken = {naam: asyncio.create_task(Factuurstatusuitgang(s).draai(  # type: ignore[arg-type]
        js, stops[naam], Leases(js, f"werker-{naam}", ("factuurstatus",), UITGANG))) for naam, s in statussen.items()}
    await asyncio.sleep(0.5)
    bezig = [naam for naam, s in statussen.items() if s.rondes]
    assert len(bezig) == 1
    [eerste] = bezig
    [tweede] = [naam for naam in statussen if naam != eerste]
    assert statussen[eerste].opnieuw == 1
    stops[eerste].set()
    await taken[eerste]
    for _ in range(50):
        if statussen[tweede].rondes:
            break
        await asyncio.sleep(0.1)
    assert statussen[tweede].rondes and statussen[tweede].opnieuw == 1
    stops[tweede].set()
    await taken[tweede]


class _Portie:
    """Een geleverde werkportie zonder broker: inhoud, headers en of ze bevestigd is."""

    def __init__(self, items: list[Item]) -> None:
        self.data, self.headers = verpak(items)
        self.bevestigd = 0

    async def ack(self) -> None:
        self.bevestigd += 1


class _Verwerker:
    def __init__(self) -> None:
        self.verwerkt: list[str] = []

    def vergeet(self) -> None:
        pass

    def verwerk_reeks(self, reeks: list) -> list:
        from hub.toepassing.verwerking.verwerker import Uitkomst, retour

        self.verwerkt += [str(bericht.bericht_id) for bericht, *_ in reeks]
        return [Uitkomst(retour(bericht.bericht_id, [])) for bericht, *_ in reeks]


async def test_een_portie_waarvan_een_retour_mislukte_komt_terug_en_alleen_dat_bericht_wordt_opnieuw_verwerkt():
    """De werkportie wordt pas bevestigd als elk bericht erin zijn retour heeft; komt ze terug, dan verwerkt de werker
    alleen wat nog geen retour had. Zo krijgt een bericht dat eerst werd afgewezen, niet later een ander antwoord."""
    berichten = [voorbeeld("aanmelding", trajectId=f"T-P{n}") for n in range(3)]
    items = [Item("gemeente", "hub.in.gemeente.0", b["berichtId"], f"IN_gemeente-{n + 1}", als_bytes(b))
             for n, b in enumerate(berichten)]
    verwerker = _Verwerker()
    werker = Werker(None, verwerker, ["gemeente"])  # type: ignore[arg-type]
    mislukt = berichten[1]["berichtId"]

    async def beantwoord(levering: Levering) -> list:
        future = asyncio.get_running_loop().create_future()
        if levering.uitkomst.retour["berichtId"] == mislukt:  # type: ignore[union-attr]
            future.set_exception(NatsFout("geen PubAck"))
        else:
            future.set_result(None)
        return [future]

    werker._beantwoord = beantwoord  # type: ignore[method-assign]
    eerste = _Portie(items)
    leveringen = werker._leveringen([eerste])  # type: ignore[list-item]
    await asyncio.to_thread(werker._verwerk_in_thread, leveringen)
    await werker._rond_af(leveringen)
    assert eerste.bevestigd == 0
    assert verwerker.verwerkt == [b["berichtId"] for b in berichten]

    werker._beantwoord = lambda lev: asyncio.sleep(0, [])  # type: ignore[assignment,method-assign]
    opnieuw = _Portie(items)
    leveringen = werker._leveringen([opnieuw])  # type: ignore[list-item]
    await asyncio.to_thread(werker._verwerk_in_thread, leveringen)
    await werker._rond_af(leveringen)
    assert verwerker.verwerkt[3:] == [mislukt]
    assert opnieuw.bevestigd == 1


async def test_komt_de_portie_bij_een_andere_werker_terug_dan_houdt_een_afgewezen_bericht_zijn_antwoord(
        instellingen, catalogus):
    """Werker A verwerkt een portie met een oproep die wordt afgewezen (het traject bestaat nog niet), maar de retour
    van het andere bericht erin kan niet weg, dus de portie komt terug, nu bij werker B, die er niets van onthield.
    Intussen is het traject aangemeld. B geeft de oproep hetzelfde antwoord als A: de Ontvangst weet dat het dezelfde
    levering is (dezelfde plaats in de intake), geen nieuwe poging."""
    from hub.bootstrap import open_hub
    from hub.toepassing.verwerking import Verwerker

    oproep, andere = voorbeeld("oproep", trajectId="T-PL1"), voorbeeld("aanmelding", trajectId="T-PL2")
    items = [Item("matchez", "hub.in.matchez.0", oproep["berichtId"], "IN_matchez-1", als_bytes(oproep)),
             Item("gemeente", "hub.in.gemeente.0", andere["berichtId"], "IN_gemeente-1", als_bytes(andere))]
    eventstore = open_hub(instellingen)
    antwoorden: dict[str, list[dict]] = {}

    async def beantwoord(levering: Levering, lukt: bool) -> list:
        antwoorden.setdefault(levering.uitkomst.retour["berichtId"], []).append(levering.uitkomst.retour)  # type: ignore[union-attr]
        future = asyncio.get_running_loop().create_future()
        if lukt or levering.afzender == "matchez":
            future.set_result(None)
        else:
            future.set_exception(NatsFout("geen PubAck"))
        return [future]

    a = Werker(None, Verwerker(eventstore, catalogus), ["gemeente", "matchez"])  # type: ignore[arg-type]
    a._beantwoord = lambda lev: beantwoord(lev, lukt=False)  # type: ignore[method-assign]
    eerste = _Portie(items)
    leveringen = a._leveringen([eerste])  # type: ignore[list-item]
    await asyncio.to_thread(a._verwerk_in_thread, leveringen)
    await a._rond_af(leveringen)
    assert eerste.bevestigd == 0 and antwoorden[oproep["berichtId"]][0]["status"] == "afgewezen"

    Verwerker(eventstore, catalogus).verwerk(
        lees_json(voorbeeld("aanmelding", trajectId="T-PL1")), "gemeente")
    b = Werker(None, Verwerker(open_hub(instellingen), catalogus), ["gemeente", "matchez"])  # type: ignore[arg-type]
    b._beantwoord = lambda lev: beantwoord(lev, lukt=True)  # type: ignore[method-assign]
    opnieuw = _Portie(items)
    leveringen = b._leveringen([opnieuw])  # type: ignore[list-item]
    await asyncio.to_thread(b._verwerk_in_thread, leveringen)
    await b._rond_af(leveringen)
    assert opnieuw.bevestigd == 1
    eerst, daarna = antwoorden[oproep["berichtId"]]
    assert daarna == eerst
    assert [r["status"] for r in antwoorden[andere["berichtId"]]] == ["geaccepteerd", "geaccepteerd"]


async def test_de_volgende_batch_van_een_partitie_wordt_verwerkt_terwijl_de_vorige_nog_wordt_afgerond(hub):
    """Na het opslaan van een batch haalt de werker de volgende van die partitie al, terwijl retouren en acks van de
    vorige nog onderweg zijn; zolang een batch niet is opgeslagen, komt de volgende niet."""
    js = hub.jetstream()
    verwerker = _Verwerker()
    werker = Werker(SimpleNamespace(_connection=hub), verwerker, ["gemeente"])  # type: ignore[arg-type]
    afronden = asyncio.Event()
    afgerond: list[int] = []

    async def rond_af(leveringen: list[Levering]) -> None:
        await afronden.wait()
        for msg in {id(lev.bericht): lev.bericht for lev in leveringen}.values():
            await msg.ack()
        afgerond.append(len(leveringen))

    werker._rond_af = rond_af  # type: ignore[method-assign]

    async def publiceer_portie(eerste: int) -> list[str]:
        berichten = [voorbeeld("aanmelding", trajectId=f"T-V{eerste + n}") for n in range(2)]
        data, kop = verpak([Item("gemeente", "hub.in.gemeente.0", b["berichtId"], f"IN_gemeente-{eerste + n}",
                                 als_bytes(b)) for n, b in enumerate(berichten)])
        await js.publish("hub.werk.3", data, headers=kop)
        return [b["berichtId"] for b in berichten]

    async def verwerkt(aantal: int) -> None:
        for _ in range(100):
            if len(verwerker.verwerkt) >= aantal:
                return
            await asyncio.sleep(0.05)

    stop = asyncio.Event()
    lus = asyncio.create_task(werker._verwerk_lus())
    lezer = asyncio.create_task(werker._lees_partitie("3", stop))
    try:
        eerste = await publiceer_portie(1)
        await verwerkt(2)
        tweede = await publiceer_portie(3)
        await verwerkt(4)
        assert verwerker.verwerkt == eerste + tweede
        assert afgerond == [], "de eerste batch wordt nog afgerond"
    finally:
        afronden.set()
        stop.set()
        await asyncio.wait_for(lezer, 5)
        lus.cancel()
    assert afgerond == [2, 2]


async def test_een_aanbieder_bereikt_hub_werk_en_het_verdeelpunt_niet(server, hub):
    """De werker vertrouwt werkporties en het verdeelpunt: een afzender kan ze met zijn eigen inloggegevens niet
    schrijven (zijn account importeert alleen zijn intake en zijn uitgang)."""
    from hub.koppelingen.broker.subjects import KV_VERDEELD, STREAM_WERK

    js = hub.jetstream()
    kv = await js.key_value(KV_VERDEELD)
    await kv.put("matchez", b"2026-12-03T00:00:00+00:00|7")
    data, kop = verpak([_item(1, b"{}"), _item(2, b"{}")])
    async with verbinding(server, "matchez") as nc:
        await nc.publish("hub.werk.3", data, headers=kop)
        await nc.publish(f"$KV.{KV_VERDEELD}.matchez", b"999999")
        for api in (f"$JS.API.STREAM.MSG.DELETE.KV_{KV_VERDEELD}", f"$JS.API.STREAM.PURGE.KV_{KV_VERDEELD}",
                    f"$JS.API.STREAM.PURGE.{STREAM_WERK}"):
            with pytest.raises(Exception):  # noqa: B017 - geen antwoord of een weigering, beide goed
                await nc.request(api, b"{}", timeout=0.5)
        await nc.flush()
    await asyncio.sleep(0.2)
    assert (await js.stream_info(STREAM_WERK)).state.messages == 0
    assert (await kv.get("matchez")).value == b"2026-12-03T00:00:00+00:00|7"


async def test_een_verdeelpunt_van_een_eerdere_intake_stream_geldt_niet(hub, server):
    """Een intake-stream die opnieuw is aangemaakt, telt weer vanaf 1: het oude verdeelpunt zou opnieuw geleverde
    berichten overslaan, die dan nooit in HUB_WERK kwamen."""
    from hub.koppelingen.broker.subjects import KV_VERDEELD

    js = hub.jetstream()
    werker = Werker(SimpleNamespace(_connection=hub), None, ["gemeente"])  # type: ignore[arg-type]
    await werker._onthoud_verdeeld("gemeente", range(1, 41))
    assert await werker._verdeeld("gemeente") == set(range(1, 41))
    kv = await js.key_value(KV_VERDEELD)
    await kv.put("gemeente", b"2020-01-01T00:00:00+00:00|1-40")
    assert await werker._verdeeld("gemeente") == set()


async def test_het_verdeelpunt_onthoudt_de_nieuwste_volgnummers_tot_zijn_maximum(hub):
    from hub.koppelingen.broker.werker import VERDEELD_MAX

    werker = Werker(SimpleNamespace(_connection=hub), None, ["gemeente"])  # type: ignore[arg-type]
    await werker._onthoud_verdeeld("gemeente", range(1, VERDEELD_MAX + 1))
    await werker._onthoud_verdeeld("gemeente", range(VERDEELD_MAX + 1, VERDEELD_MAX + 101))
    anders = Werker(SimpleNamespace(_connection=hub), None, ["gemeente"])  # type: ignore[arg-type]
    assert await anders._verdeeld("gemeente") == set(range(101, VERDEELD_MAX + 101))
