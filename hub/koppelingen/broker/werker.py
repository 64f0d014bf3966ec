"""De hub-werker op NATS JetStream: leest de intake van elke afzender, verdeelt over partities, verwerkt, antwoordt.

Twee stappen, elk een durable met hoogstens één batch onbevestigd:

1. **Verdelen.** Per afzender leest één werker tegelijk (een lease ``i.<afzender>``) zijn intake-stream
   ``IN_<afzender>`` (durable ``hub-werker``).
   Elk bericht wordt gelezen (``koppelingen/formaten``); een onleesbaar bericht krijgt meteen zijn retour. De
   leesbare berichten gaan ongewijzigd naar ``hub.werk.<partitie>`` in ``HUB_WERK``, per partitie samen in één
   werkportie (``werkportie.py``) met per bericht de afzender, het subject, de Nats-Msg-Id en de plaats in de
   intake; de hub kiest de partitie uit de inhoud (de ordeningssleutel: het traject, anders de factuur), nooit
   uit wat de afzender in het subject zette. De Nats-Msg-Id van een portie is de reeks intake-plaatsen die ze
   draagt, dus een tweede keer doorzetten van dezelfde batch (na een crash) valt weg als dubbel. Pas als alle
   PubAcks van de batch binnen zijn en het verdeelpunt in ``HUB_VERDEELD`` staat, wordt de batch bevestigd: een
   tweede werker krijgt van die afzender pas daarna iets, en de volgorde van een afzender blijft in elke
   partitie gelijk.
2. **Verwerken.** Per partitie een durable ``werk-<p>``; welke werker hem leest, bepalen leases in de KV-bucket
   ``HUB_PARTITIES`` (``partities.py``): een partitie heeft één werker, een gestorven werker verliest zijn
   leases na ``LEASE`` seconden en de anderen nemen ze over. De werker voegt de klaarliggende batches van zijn
   partities samen tot één transactie (de verwerker ontdubbelt op afzender en berichtId met de ``Ontvangst``),
   publiceert retouren en doorzendingen, wacht op hun PubAcks, bevestigt, en haalt pas dan de volgende batch
   van die partitie. Berichten over één traject worden zo nooit tegelijk of in een andere volgorde verwerkt;
   verschillende trajecten wel, door verschillende werkers. Wat deze werker zelf verdeelde, leest hij bij het
   verwerken niet opnieuw (``_gelezen``).

Ophalen en publiceren gaan via ``pijplijn.py`` (één tijdslimiet per batch, PubAcks zonder de objecten van nats-py).

Zolang een batch onderweg is, meldt de werker ``in_progress``, zodat de broker hem niet aan een ander geeft. Ziet
hij aan het volgnummer van de consumer dat een ander tussendoor berichten van een partitie kreeg, of wisselen
zijn partities, dan leegt hij de cache van de verwerker (die aggregates kunnen verouderd zijn).

Een bericht dat onverwacht faalt (bij het lezen of het verwerken), probeert de werker na ``HERKANS_PAUZE``
opnieuw, zonder verder te gaan met die partitie (de volgorde); na ``MAX_LEVERINGEN`` pogingen landt het met
de reden op ``hub.dlq``, krijgt de afzender een retour ``NIET_VERWERKT`` en gaat de partitie verder. Elke
mislukking telt in het budget van de afzender (``budget.py``): wie blijft mislukken, wordt geparkeerd.

Is de eventstore zelf weg (PostgreSQL onbereikbaar, de verbinding verbroken), dan ligt het niet aan het bericht: de
partitie wacht ``OPSLAG_PAUZE`` en probeert het opnieuw, zo lang als nodig, zonder DLQ, zonder retour
``NIET_VERWERKT`` en zonder dat het de afzender in zijn budget kost.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import logging
import re
import sys
import traceback
import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Any

from faststream.nats import NatsBroker
from nats.aio.msg import Msg
from nats.js.errors import KeyNotFoundError

from hub.berichten import BerichtFout
from hub.berichten.retour import Fout
from hub.berichten.vingerafdruk import vingerafdruk, vingerafdruk_onleesbaar
from hub.domein.fouten import NIET_VERWERKT, NIET_VERWERKT_MELDING
from hub.koppelingen.broker.budget import Afzenderbudget
from hub.koppelingen.broker.configuratie import MAX_PAYLOAD
from hub.koppelingen.broker.partities import INTAKE, Leases
from hub.koppelingen.broker.pijplijn import Publicist, haal
from hub.koppelingen.broker.streams import ACK_WAIT, BATCH, DURABLE_INTAKE, LEASE
from hub.koppelingen.broker.subjects import (
    KV_VERDEELD,
    STREAM_DLQ,
    STREAM_WERK,
    SUBJECT_DLQ,
    consumer_werk,
    partitie,
    sleutel_factuur,
    sleutel_traject,
    stream_in,
    subject_inbox,
    subject_retour,
    subject_werk,
)
from hub.koppelingen.broker.werkportie import (
    KOP_PORTIE,
    Item,
    lees_reeksen,
    pak_uit,
    schrijf_reeksen,
    splits,
    verpak,
    volgnummer,
)
from hub.koppelingen.formaten import parse_bericht, vorm_van
from hub.toepassing.eventstore import opslag_weg
from hub.toepassing.verwerking import Uitkomst, Verwerker

log = logging.getLogger("hub.werker")

MAX_LEVERINGEN = 5
HERKANS_PAUZE = 1.0
OPSLAG_PAUZE = 5.0
DURABLE = DURABLE_INTAKE
VINGERAFDRUK = "Hub-Vingerafdruk"
"""Header van een retour: de vingerafdruk van het bericht waarop hij antwoordt (zie `hub.berichten.vingerafdruk`)."""
PORTIE_BYTES = MAX_PAYLOAD // 2
"""Inhoud per werkportie; wat niet past, gaat in een volgende portie van dezelfde partitie."""
PORTIES_PER_BATCH = BATCH // 8
"""Werkporties die een partitie per keer ophaalt: elk draagt tot een hele verdeelde batch."""
VERDEELD_MAX = 16 * BATCH
"""Hoeveel doorgezette volgnummers per intake het verdeelpunt onthoudt."""
GELEZEN_MAX = 8 * BATCH
"""Hoeveel bij het verdelen gelezen berichten de werker bewaart voor het verwerken (zie `Werker._gelezen`)."""
_BERICHT_ID = re.compile(rb"<(?:\w+:)?berichtId>\s*([0-9a-fA-F-]{36})\s*</")
_FETCH_TIMEOUT = 1.0
PUBACK_TIMEOUT = 10.0
"""Een PubAck die niet komt (de server viel weg tijdens het publiceren) heeft in nats-py geen eigen time-out."""
_MAX_WACHT = 5.0


def bericht_id_uit(data: bytes) -> str | None:
    """De berichtId van een onleesbaar bericht, als die er nog uit te halen is, voor de retour."""
    try:
        waarde = json.loads(data).get("berichtId")
    except (ValueError, AttributeError, UnicodeDecodeError, RecursionError):
        gevonden = _BERICHT_ID.search(data[:100_000])
        waarde = gevonden.group(1).decode() if gevonden else None
    return _uuid_of_niets(waarde)


def _uuid_of_niets(waarde: object) -> str | None:
    try:
        return str(uuid.UUID(str(waarde))) if waarde else None
    except ValueError:
        return None


def _broker_id(waarde: str | None) -> str | None:
    """Zonder leesbare berichtId: de Nats-Msg-Id waaronder de afzender publiceerde, zodat hij zijn retour herkent.
    De afzender-client publiceert onder `berichtId/afzender/vingerafdruk`."""
    return _uuid_of_niets(waarde.split("/")[0]) if waarde else None


def _retour_id(afzender: str, bericht_id: str, inhoud: bytes, vingerafdruk: str | None) -> str:
    """Eén Nats-Msg-Id per afzender, bericht en antwoord: HUB_OUT ontdubbelt over alle afzenders, en een nieuw
    antwoord onder een bekende berichtId (een nieuwe poging, BERICHT_ID_HERGEBRUIKT) mag niet wegvallen."""
    antwoord = hashlib.sha256(inhoud + (vingerafdruk or "").encode()).hexdigest()[:32]
    return f"retour-{afzender}-{bericht_id}-{antwoord}"


def afzender_uit(subject: str) -> str:
    """Een afzender bereikt alleen `hub.in.<afzender>.…` (zijn account importeert niets anders): het subject is
    de identiteit, nooit wat er in het bericht staat."""
    return subject.split(".")[2]


def ordeningssleutel(bericht: Any) -> str:
    """Wat in volgorde moet: een traject (met zijn jobcoachperiodes), anders een factuur (met haar creditnota's)."""
    traject_id = getattr(bericht, "traject_id", None)
    if traject_id:
        return sleutel_traject(bericht.gemeente, traject_id)
    factuurnummer = getattr(bericht, "factuurnummer", None)
    if factuurnummer:
        return sleutel_factuur(factuurnummer)
    return f"bericht:{bericht.bericht_id}"


@dataclass
class Levering:
    bericht: Msg
    """wat de broker leverde: het intake-bericht, of de werkportie waarin dit bericht zit"""
    afzender: str
    subject: str
    """het intake-subject waarop de afzender publiceerde"""
    broker_id: str | None
    herkomst: str
    """intake-stream en volgnummer: in HUB_WERK en op de DLQ de identiteit van het bericht"""
    data: bytes
    uitkomst: Uitkomst | None = None
    gelezen: Any = None
    beantwoord: bool = False
    """al verwerkt en beantwoord in een eerdere levering van dezelfde werkportie (zie `Werker._beantwoord_in_portie`)"""

    @classmethod
    def uit_intake(cls, msg: Msg) -> Levering:
        meta = msg.metadata
        return cls(msg, afzender_uit(msg.subject), msg.subject, (msg.headers or {}).get("Nats-Msg-Id"),
                   f"{meta.stream}-{meta.sequence.stream}", msg.data)

    @classmethod
    def uit_werk(cls, msg: Msg) -> list[Levering]:
        return [cls(msg, i.afzender, i.subject, i.msg_id, i.herkomst, i.data) for i in pak_uit(msg.data, msg.headers)]

    def als_item(self) -> Item:
        return Item(self.afzender, self.subject, self.broker_id, self.herkomst, self.data)


def _eerste_fout(futures: list[asyncio.Future]) -> BaseException | None:
    """De fout van de eerste publicatie die niet lukte (of geen PubAck kreeg binnen de tijd), anders None."""
    for future in futures:
        if not future.done():
            return TimeoutError(f"geen PubAck binnen {PUBACK_TIMEOUT:.0f} s")
        if future.cancelled():
            return asyncio.CancelledError()
        if (fout := future.exception()) is not None:
            return fout
    return None


def _opnieuw_of_nieuw(berichten: list[Msg]) -> list[list[Msg]]:
    """De batch in stukken: eerst wat al eens geleverd was, dan wat nieuw is (of omgekeerd). Zo verdeelt de werker
    een opnieuw geleverde batch precies zoals de eerste keer, zonder nieuwe berichten erbij."""
    delen: list[list[Msg]] = []
    for msg in berichten:
        opnieuw = msg.metadata.num_delivered > 1
        if delen and (delen[-1][0].metadata.num_delivered > 1) == opnieuw:
            delen[-1].append(msg)
        else:
            delen.append([msg])
    return delen


def _start(lezers: dict[str, _Partitie], naam: str, lees: Any) -> None:
    oud = lezers.get(naam)
    if oud is not None and not oud.taak.done():
        oud.stop.clear()
        return
    stop = asyncio.Event()
    lezers[naam] = _Partitie(asyncio.create_task(lees(naam, stop)), stop)


def _vergeet(verzameling: set[str], p: str, _: object) -> None:
    verzameling.discard(p)


def _stop_taak(taak: asyncio.Task, _: object) -> None:
    taak.cancel()


def _klaar(klaar: asyncio.Future, _: object) -> None:
    if not klaar.done():
        klaar.set_result(None)


@dataclass
class Batch:
    """Wat een werker van één partitie ophaalde; `volgende` wijst het eerste nog niet verwerkte bericht aan.
    `opgeslagen`: alles verwerkt (of naar de DLQ), dus de volgende batch van de partitie mag; `klaar`: ook de
    retouren zijn weg en de berichten bevestigd (of de poging is opgegeven)."""

    partitie: str
    leveringen: list[Levering]
    klaar: asyncio.Future
    opgeslagen: asyncio.Future
    volgende: int = 0
    pogingen: int = 0

    def open(self) -> list[Levering]:
        return self.leveringen[self.volgende:]


@dataclass
class _Partitie:
    taak: asyncio.Task
    stop: asyncio.Event = field(default_factory=asyncio.Event)


class Werker:
    def __init__(
        self,
        broker: NatsBroker,
        verwerker: Verwerker,
        afzenders: list[str],
        *,
        ack_wait: float = ACK_WAIT,
        lease: float = LEASE,
        budget: Afzenderbudget | None = None,
        naam: str | None = None,
    ):
        self.broker = broker
        self.verwerker = verwerker
        self.afzenders = list(dict.fromkeys(afzenders))
        self.ack_wait = ack_wait
        self.lease = lease
        self.budget = budget or Afzenderbudget()
        self.naam = naam
        self.verwerkt = 0
        self.leases: Leases | None = None
        self.intake_leases: Leases | None = None
        self._jetstream = None
        self._publicist: Publicist | None = None
        self._stop = asyncio.Event()
        self._taken: list[asyncio.Task] = []
        self._partities: dict[str, _Partitie] = {}
        self._intakes: dict[str, _Partitie] = {}
        self._laatste: dict[str, int] = {}
        self._wachtrij: asyncio.Queue[Batch] = asyncio.Queue()
        self._afronden: set[asyncio.Task] = set()
        self._cache_ongeldig = True
        self._gelezen: dict[str, tuple[str, bytes, Any]] = {}
        """herkomst → (afzender, inhoud, gelezen bericht): wat deze werker verdeelde en misschien zelf verwerkt,
        wordt dan niet nog eens gelezen. Alleen eigen werk uit het geheugen, nooit iets uit de broker."""
        self._verdeeld_kv: Any = None
        self._intake_sinds: dict[str, str] = {}
        self._verdeeld_bekend: dict[str, tuple[str, set[int]]] = {}
        """afzender → (aanmaaktijd van zijn intake-stream, volgnummers in HUB_WERK): wat deze werker van het verdeelpunt
        weet, zodat hij het bij elke batch bijwerkt zonder het eerst te lezen. Alles erin staat echt in HUB_WERK; mist er
        iets dat een andere werker toevoegde, dan wordt dat hoogstens opnieuw doorgezet."""
        self._beantwoord_in_portie: dict[str, None] = {}
        """herkomst van berichten waarvan retour en doorzendingen er al zijn, maar waarvan de werkportie niet bevestigd
        kon worden (de retour van een ander bericht erin mislukte). Komt de portie bij deze werker terug, dan
        verwerkt hij alleen de rest: ook een afgewezen bericht krijgt zo niet later een tweede, ander antwoord."""

    async def start(self) -> None:
        await asyncio.to_thread(self.verwerker.warm_op)
        self.leases = Leases(self._js(), self.naam)
        self.intake_leases = Leases(self._js(), self.leases.naam, tuple(self.afzenders), INTAKE)
        self._taken = [asyncio.create_task(self._verwerk_lus()), asyncio.create_task(self._houd_leases_bij())]

    async def sluit(self) -> None:
        """Stopt met lezen, rondt lopende batches af en geeft de leases terug."""
        self._stop.set()
        lezers = [*self._partities.values(), *self._intakes.values()]
        for deel in lezers:
            deel.stop.set()
        taken = [deel.taak for deel in lezers]
        if taken:
            await asyncio.wait(taken, timeout=_FETCH_TIMEOUT + 10)
        if self._afronden:
            await asyncio.wait(self._afronden, timeout=10)
        overig = [*self._taken, *taken]
        for taak in overig:
            taak.cancel()
        await asyncio.gather(*overig, return_exceptions=True)
        for leases in (self.leases, self.intake_leases):
            if leases is not None:
                with contextlib.suppress(Exception):
                    await leases.stop()

    async def _slaap(self, seconden: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), seconden)

    async def _meld_bezig(self, berichten: list[Msg]) -> None:
        """Zolang de werker met deze berichten bezig is, biedt de broker ze niemand anders aan."""
        while True:
            await asyncio.sleep(self.ack_wait / 3)
            for msg in berichten:
                if not msg._ackd:
                    with contextlib.suppress(Exception):
                        await msg.in_progress()

    @contextlib.asynccontextmanager
    async def _in_behandeling(self, berichten: list[Msg]) -> AsyncIterator[None]:
        taak = asyncio.create_task(self._meld_bezig(berichten))
        try:
            yield
        finally:
            taak.cancel()

    # Stap 1: de intake van een afzender verdelen over de partities.

    def _start_intake(self, afzender: str) -> None:
        _start(self._intakes, afzender, self._lees_intake)

    async def _lees_intake(self, afzender: str, stop: asyncio.Event) -> None:
        sub = None
        wacht = 0.1
        while not stop.is_set() and not self._stop.is_set():
            try:
                if sub is None:
                    sub = await self._js().pull_subscribe_bind(DURABLE_INTAKE, stream_in(afzender))
                pauze = self.budget.pauze(afzender)
                if pauze > 0:
                    await self._slaap(min(pauze, 1.0))
                    continue
                berichten = await haal(sub, self.budget.portie(afzender, BATCH))
                if not berichten:
                    continue
                if berichten[-1].metadata.num_delivered > 1 and len(berichten) < BATCH:
                    berichten += await haal(sub, BATCH - len(berichten), wacht=0.05)
                async with self._in_behandeling(berichten):
                    try:
                        for deel in _opnieuw_of_nieuw(berichten):
                            await self._verdeel(afzender, deel)
                    except BaseException:
                        for msg in berichten:
                            if not msg._ackd:
                                with contextlib.suppress(Exception):
                                    await msg.nak()
                        raise
                wacht = 0.1
            except asyncio.CancelledError:
                raise
            except Exception as fout:
                # Ook ServiceUnavailableError terwijl een cluster een nieuwe leider kiest: wachten en opnieuw.
                log.warning("intake van %s: %r; opnieuw over %.1f s", afzender, fout, wacht)
                await self._slaap(wacht)
                wacht = min(wacht * 2, _MAX_WACHT)
        if sub is not None:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()

    async def _verdeel(self, afzender: str, berichten: list[Msg]) -> None:
        """Per partitie één werkportie (`werkportie.py`). Dezelfde batch opnieuw (na een crash of een nak) geeft
        dezelfde porties met dezelfde Msg-Id, dus wat al in HUB_WERK stond, valt weg als dubbel. Was de batch al
        helemaal doorgezet maar nog niet (helemaal) bevestigd, dan zegt het verdeelpunt in ``HUB_VERDEELD`` dat:
        die berichten worden alleen nog bevestigd. Het verdeelpunt noemt precies welke volgnummers doorgezet zijn,
        geen hoogste: een nieuwere batch kan doorgezet zijn terwijl een oudere, waarvan niet alles aankwam (een
        werker die stierf, een nats-server die wegviel), nog terug moet komen."""
        door: list[tuple[Levering, str]] = []
        afgewezen: list[Levering] = []
        for msg in berichten:
            levering = Levering.uit_intake(msg)
            if await self._lees_met_herkansing(levering) is None:
                afgewezen.append(levering)
            else:
                door.append((levering, partitie(ordeningssleutel(levering.gelezen))))
        al_verdeeld = await self._verdeeld(afzender) if berichten[0].metadata.num_delivered > 1 else set()
        per_partitie: dict[str, list[Item]] = {}
        for lev, p in door:
            if volgnummer(lev.herkomst) not in al_verdeeld:
                per_partitie.setdefault(p, []).append(lev.als_item())
                self._bewaar_gelezen(lev, p)
        publicist = self._pub()
        pubacks = [
            await publicist.publiceer(subject_werk(p), *verpak(stuk))
            for p, items in per_partitie.items() for stuk in splits(items, PORTIE_BYTES)
        ]
        await asyncio.wait_for(asyncio.gather(*pubacks), PUBACK_TIMEOUT)
        if pubacks:
            await self._onthoud_verdeeld(afzender, [volgnummer(i.herkomst) for items in per_partitie.values()
                                                    for i in items])
        for lev, _ in door:
            await lev.bericht.ack()
        if afgewezen:
            self.budget.mislukt(afzender, len(afgewezen))
            self._rond_af_op_achtergrond(afgewezen)

    def _bewaar_gelezen(self, levering: Levering, p: str) -> None:
        """Alleen voor een partitie die deze werker nu heeft: wat een ander verwerkt, zou hier alleen geheugen houden."""
        if self.leases is not None and p not in self.leases.eigen:
            return
        self._gelezen[levering.herkomst] = (levering.afzender, levering.data, levering.gelezen)
        while len(self._gelezen) > GELEZEN_MAX:
            del self._gelezen[next(iter(self._gelezen))]

    def _al_gelezen(self, levering: Levering) -> Any:
        """Het bericht zoals deze werker het bij het verdelen las, als het precies dit bericht van deze afzender is."""
        bewaard = self._gelezen.pop(levering.herkomst, None)
        if bewaard is not None and bewaard[0] == levering.afzender and bewaard[1] == levering.data:
            return bewaard[2]
        return None

    async def _verdeeld_bucket(self) -> Any:
        if self._verdeeld_kv is None:
            self._verdeeld_kv = await self._js().key_value(KV_VERDEELD)
        return self._verdeeld_kv

    async def _sinds(self, afzender: str, opnieuw: bool = False) -> str:
        """Wanneer de intake-stream is aangemaakt: een nieuwe stream (na verlies van de oude) telt weer vanaf 1, en
        dan geldt een oud verdeelpunt niet."""
        if opnieuw or afzender not in self._intake_sinds:
            info = await self._js().stream_info(stream_in(afzender))
            self._intake_sinds[afzender] = info.created.isoformat() if info.created else ""
        return self._intake_sinds[afzender]

    async def _verdeeld(self, afzender: str, opnieuw: bool = True) -> set[int]:
        """De volgnummers van de intake van deze afzender die al in HUB_WERK staan (leeg: niets bekend). `opnieuw`:
        vraag de aanmaaktijd van de intake-stream opnieuw op, in plaats van de onthouden."""
        try:
            waarde = (await (await self._verdeeld_bucket()).get(afzender)).value or b""
        except KeyNotFoundError:
            return set()
        sinds, _, reeksen = waarde.decode().rpartition("|")
        if sinds != await self._sinds(afzender, opnieuw=opnieuw):
            return set()
        verdeeld = lees_reeksen(reeksen)
        self._verdeeld_bekend[afzender] = (sinds, set(verdeeld))
        return verdeeld

    async def _onthoud_verdeeld(self, afzender: str, volgnummers: Iterable[int]) -> None:
        """Voegt de doorgezette volgnummers toe aan het verdeelpunt; de oudste vallen eraf boven `VERDEELD_MAX` (komt
        zo'n oud bericht toch terug, dan wordt het opnieuw doorgezet en ontdubbelt de Ontvangst het)."""
        sinds = await self._sinds(afzender)
        bekend = self._verdeeld_bekend.get(afzender)
        verdeeld = bekend[1] if bekend is not None and bekend[0] == sinds else await self._verdeeld(afzender, opnieuw=False)
        alle = sorted(verdeeld.union(volgnummers))[-VERDEELD_MAX:]
        self._verdeeld_bekend[afzender] = (sinds, set(alle))
        await (await self._verdeeld_bucket()).put(afzender, f"{sinds}|{schrijf_reeksen(alle)}".encode())

    async def _lees_met_herkansing(self, levering: Levering) -> Any:
        """Het gelezen bericht, of None: afgewezen (onleesbaar) of na herhaald falen naar de DLQ."""
        for poging in range(1, MAX_LEVERINGEN + 1):
            try:
                return self._lees(levering)
            except Exception:
                log.exception("bericht op %s kon niet worden gelezen (poging %d)", levering.subject, poging)
                self.budget.mislukt(levering.afzender)
                if poging < MAX_LEVERINGEN:
                    await asyncio.sleep(HERKANS_PAUZE)
                    continue
                await self._naar_dlq(levering, traceback.format_exc(limit=3)[-1500:], poging)
        return None


    # Stap 2: de partities die deze werker heeft, verwerken.

    async def _houd_leases_bij(self) -> None:
        assert self.leases is not None and self.intake_leases is not None
        soorten = [(self.leases, self._partities, self._start_partitie, True),
                   (self.intake_leases, self._intakes, self._start_intake, False)]
        teruggeven: set[str] = set()
        while not self._stop.is_set():
            for leases, lezers, start, raakt_cache in soorten:
                try:
                    genomen, verloren = await leases.ronde()
                    for naam in verloren:
                        self._cache_ongeldig = self._cache_ongeldig or raakt_cache
                        if naam in lezers:
                            lezers[naam].stop.set()
                    for naam in genomen:
                        self._cache_ongeldig = self._cache_ongeldig or raakt_cache
                        start(naam)
                    for naam in leases.teveel():
                        sleutel = leases.voorvoegsel + naam
                        if sleutel not in teruggeven:
                            teruggeven.add(sleutel)
                            taak = asyncio.create_task(self._geef_terug(leases, lezers, naam))
                            taak.add_done_callback(functools.partial(_vergeet, teruggeven, sleutel))
                except asyncio.CancelledError:
                    raise
                except Exception as fout:
                    log.warning("leases niet bijgewerkt: %r", fout)
            await self._slaap(self.lease / 3)

    def _start_partitie(self, p: str) -> None:
        _start(self._partities, p, self._lees_partitie)

    async def _geef_terug(self, leases: Leases, lezers: dict[str, _Partitie], naam: str) -> None:
        """Pas als de lopende batch is afgerond, mag een ander de partitie of intake hebben."""
        deel = lezers.get(naam)
        if deel is not None:
            deel.stop.set()
            await asyncio.wait([deel.taak])
        if lezers is self._partities:
            self._cache_ongeldig = True
        await leases.geef_terug(naam)

    async def _lees_partitie(self, p: str, stop: asyncio.Event) -> None:
        """Haalt de volgende batch zodra de vorige is opgeslagen, terwijl die nog wordt afgerond (retouren, PubAcks,
        acks): zo wacht de verwerking niet op die rondgangen. Eén batch tegelijk in verwerking per partitie."""
        sub = None
        wacht = 0.1
        vorige: Batch | None = None
        while not stop.is_set() and not self._stop.is_set():
            try:
                if sub is None:
                    sub = await self._js().pull_subscribe_bind(consumer_werk(p), STREAM_WERK)
                berichten = await haal(sub, PORTIES_PER_BATCH)
                if not berichten:
                    continue
                eerste = berichten[0].metadata.sequence.consumer
                if self._laatste.get(p) != eerste - 1:
                    self._cache_ongeldig = True
                self._laatste[p] = berichten[-1].metadata.sequence.consumer
                lus = asyncio.get_running_loop()
                batch = vorige = Batch(p, self._leveringen(berichten), lus.create_future(), lus.create_future())
                melder = asyncio.create_task(self._meld_bezig(berichten))
                batch.klaar.add_done_callback(functools.partial(_stop_taak, melder))
                self._wachtrij.put_nowait(batch)
                await batch.opgeslagen
                wacht = 0.1
            except asyncio.CancelledError:
                raise
            except Exception as fout:
                log.warning("partitie %s: %r; opnieuw over %.1f s", p, fout, wacht)
                await self._slaap(wacht)
                wacht = min(wacht * 2, _MAX_WACHT)
        if vorige is not None:
            await asyncio.wait([vorige.klaar])
        if sub is not None:
            with contextlib.suppress(Exception):
                await sub.unsubscribe()

    def _leveringen(self, berichten: list[Msg]) -> list[Levering]:
        leveringen = [lev for m in berichten for lev in Levering.uit_werk(m)]
        for lev in leveringen:
            if lev.herkomst in self._beantwoord_in_portie:
                del self._beantwoord_in_portie[lev.herkomst]
                lev.beantwoord = True
        return leveringen

    async def _verwerk_lus(self) -> None:
        """Eén verwerking tegelijk per werker (de eventstore is synchroon); de klaarliggende batches van
        verschillende partities samen in één transactie."""
        while True:
            batches = [await self._wachtrij.get()]
            while not self._wachtrij.empty():
                batches.append(self._wachtrij.get_nowait())
            try:
                await self._verwerk_batches(batches)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("batches niet verwerkt; de broker biedt ze opnieuw aan")
                for batch in batches:
                    _klaar(batch.opgeslagen, None)
                    _klaar(batch.klaar, None)

    async def _verwerk_batches(self, batches: list[Batch]) -> None:
        nieuw = [b for b in batches if b.pogingen == 0]
        herkansing = [b for b in batches if b.pogingen > 0]
        try:
            await asyncio.to_thread(self._verwerk_in_thread, [lev for b in nieuw for lev in b.open()])
            for batch in nieuw:
                batch.volgende = len(batch.leveringen)
        except Exception:
            log.warning("%d batches samen mislukt; verwerk ze bericht voor bericht", len(nieuw), exc_info=True)
            for batch in nieuw:
                if len(batch.open()) == 1:
                    await self._mislukt(batch)
                else:
                    herkansing.append(batch)
        for batch in herkansing:
            await self._stapsgewijs(batch)
        for batch in batches:
            if batch.volgende >= len(batch.leveringen):
                self._rond_af_op_achtergrond(batch.leveringen, batch.klaar)
                _klaar(batch.opgeslagen, None)

    async def _stapsgewijs(self, batch: Batch) -> None:
        while batch.volgende < len(batch.leveringen):
            try:
                await asyncio.to_thread(self._verwerk_in_thread, [batch.leveringen[batch.volgende]])
            except Exception:
                if not await self._mislukt(batch):
                    return
                continue
            batch.volgende += 1
            batch.pogingen = 0

    async def _mislukt(self, batch: Batch) -> bool:
        """Aan te roepen in een `except`-blok. Nog pogingen over: de batch komt na een pauze terug en de partitie
        wacht (False). Anders naar de DLQ met een retour NIET_VERWERKT en verder met het volgende bericht (True)."""
        levering = batch.leveringen[batch.volgende]
        fout = sys.exc_info()[1]
        if fout is not None and opslag_weg(fout):
            log.warning("eventstore niet bereikbaar (%s); bericht op %s wacht %.0f s", fout, levering.subject, OPSLAG_PAUZE)
            asyncio.get_running_loop().call_later(OPSLAG_PAUZE, self._wachtrij.put_nowait, batch)
            return False
        batch.pogingen += 1
        self.budget.mislukt(levering.afzender)
        log.exception("bericht op %s kon niet worden verwerkt (poging %d)", levering.subject, batch.pogingen)
        if batch.pogingen < MAX_LEVERINGEN:
            asyncio.get_running_loop().call_later(HERKANS_PAUZE, self._wachtrij.put_nowait, batch)
            return False
        await self._naar_dlq(levering, traceback.format_exc(limit=3)[-1500:], batch.pogingen)
        batch.volgende += 1
        batch.pogingen = 0
        return True

    def _verwerk_in_thread(self, leveringen: list[Levering]) -> None:
        te_verwerken: list[Levering] = []
        for levering in leveringen:
            if levering.uitkomst is not None or levering.beantwoord:
                continue
            if levering.gelezen is None:
                levering.gelezen = self._al_gelezen(levering)
            if levering.gelezen is None and self._lees(levering) is None:
                continue
            te_verwerken.append(levering)
        if self._cache_ongeldig:
            self._cache_ongeldig = False
            self.verwerker.vergeet()
        if not te_verwerken:
            return
        uitkomsten = self.verwerker.verwerk_reeks(
            [(lev.gelezen, lev.afzender, vorm_van(lev.data), lev.herkomst) for lev in te_verwerken]
        )
        for levering, uitkomst in zip(te_verwerken, uitkomsten, strict=True):
            levering.uitkomst = uitkomst

    def _lees(self, levering: Levering) -> Any:
        """Het gelezen bericht, of None als het onleesbaar is (dan staat de afwijzing al in `levering.uitkomst`)."""
        data = levering.data
        try:
            bericht = parse_bericht(data, afzender=levering.afzender)
        except BerichtFout as fout:
            bericht_id = bericht_id_uit(data) or _broker_id(levering.broker_id)
            levering.uitkomst = self.verwerker.weiger_onleesbaar(bericht_id, fout.fouten, vingerafdruk_onleesbaar(data))
            return None
        levering.gelezen = bericht
        return bericht

    # Antwoorden, bevestigen, de DLQ.

    def _rond_af_op_achtergrond(self, leveringen: list[Levering], klaar: asyncio.Future | None = None) -> None:
        taak = asyncio.create_task(self._rond_af(leveringen))
        self._afronden.add(taak)
        taak.add_done_callback(self._afronden.discard)
        if klaar is not None:
            taak.add_done_callback(functools.partial(_klaar, klaar))

    async def _rond_af(self, leveringen: list[Levering]) -> None:
        """Retouren publiceren, op hun PubAcks wachten en dan pas bevestigen. Gaat dit mis, dan blijft het bericht
        onbevestigd en komt het terug: onschadelijk, de Ontvangst geeft hetzelfde antwoord. Alles van de batch
        gepijplijnd, met één tijdslimiet; bevestigd wordt per geleverd bericht (een werkportie als al haar
        berichten hun retour hebben), dus een retour die niet weg kan, houdt de bevestiging van de andere niet
        tegen."""
        klaar = [lev for lev in leveringen if lev.uitkomst is not None]
        per_bericht: list[list[asyncio.Future] | BaseException] = []
        for levering in klaar:
            try:
                per_bericht.append(await self._beantwoord(levering))
            except Exception as publicatiefout:
                per_bericht.append(publicatiefout)
        alle = [f for futures in per_bericht if isinstance(futures, list) for f in futures]
        if alle:
            await asyncio.wait(alle, timeout=PUBACK_TIMEOUT)
        mislukt: list[BaseException] = []
        open_: set[int] = {id(lev.bericht) for lev in leveringen if lev.uitkomst is None and not lev.beantwoord}
        gelukt: list[Levering] = []
        for levering, futures in zip(klaar, per_bericht, strict=True):
            fout = futures if isinstance(futures, BaseException) else _eerste_fout(futures)
            if fout is not None:
                mislukt.append(fout)
                open_.add(id(levering.bericht))
            else:
                gelukt.append(levering)
        for levering in gelukt:
            if id(levering.bericht) in open_ and KOP_PORTIE in (levering.bericht.headers or {}):
                self._beantwoord_in_portie[levering.herkomst] = None
        while len(self._beantwoord_in_portie) > GELEZEN_MAX:
            del self._beantwoord_in_portie[next(iter(self._beantwoord_in_portie))]
        geleverd = {id(lev.bericht): lev.bericht for lev in leveringen}
        for sleutel_, msg in geleverd.items():
            if sleutel_ in open_:
                continue
            try:
                await msg.ack()
            except Exception as ackfout:
                mislukt.append(ackfout)
                open_.add(sleutel_)
        for future in alle:
            future.cancel()
        if mislukt:
            log.error("retouren van %d berichten niet bevestigd; de broker biedt ze opnieuw aan",
                      len(mislukt), exc_info=mislukt[0])
        self.verwerkt += sum(1 for lev in klaar if id(lev.bericht) not in open_)

    async def _beantwoord(self, levering: Levering) -> list[asyncio.Future]:
        """Retour en doorzendingen, gepijplijnd gepubliceerd; de aanroeper wacht op alle PubAcks samen."""
        uitkomst = levering.uitkomst
        assert uitkomst is not None
        bericht_id = uitkomst.retour["berichtId"]
        inhoud = json.dumps(uitkomst.retour).encode()
        headers = {"Nats-Msg-Id": _retour_id(levering.afzender, bericht_id, inhoud, uitkomst.vingerafdruk),
                   "Content-Type": "application/json"}
        if uitkomst.vingerafdruk:
            headers[VINGERAFDRUK] = uitkomst.vingerafdruk
        publicist = self._pub()
        publicaties = [await publicist.publiceer(subject_retour(levering.afzender), inhoud, headers=headers)]
        for doorzending in uitkomst.doorzendingen:
            publicaties.append(await publicist.publiceer(
                subject_inbox(doorzending.ontvanger),
                json.dumps(doorzending.bericht).encode(),
                headers={"Nats-Msg-Id": f"door-{bericht_id}-{doorzending.ontvanger}", "Content-Type": "application/json"},
            ))
        return publicaties

    def _pub(self) -> Publicist:
        if self._publicist is None:
            self._publicist = Publicist(self.broker._connection)
        return self._publicist

    def _js(self):
        if self._jetstream is None:
            self._jetstream = self.broker._connection.jetstream()
        return self._jetstream

    async def _naar_dlq(self, levering: Levering, reden: str, pogingen: int) -> None:
        await self.broker.publish(
            levering.data,
            SUBJECT_DLQ,
            headers={
                "Hub-Reden": reden.replace("\n", " | "),
                "Hub-Subject": levering.subject,
                "Hub-Afzender": levering.afzender,
                "Hub-Pogingen": str(pogingen),
                # Volgnummers tellen per intake-stream: de streamnaam hoort erbij, anders viel een tweede afzender weg.
                "Nats-Msg-Id": f"dlq-{levering.herkomst}",
            },
            stream=STREAM_DLQ,
        )
        levering.uitkomst = self._niet_verwerkt(levering)
        log.error("bericht op %s na %d pogingen naar %s verplaatst", levering.subject, pogingen, SUBJECT_DLQ)

    def _niet_verwerkt(self, levering: Levering) -> Uitkomst:
        data = levering.data
        bericht_id = str(levering.gelezen.bericht_id) if levering.gelezen is not None else None
        try:
            afdruk = vingerafdruk(levering.gelezen) if levering.gelezen is not None else vingerafdruk_onleesbaar(data)
        except Exception:
            afdruk = vingerafdruk_onleesbaar(data)
        fout = Fout(code=NIET_VERWERKT, melding=NIET_VERWERKT_MELDING)
        return self.verwerker.weiger_onleesbaar(bericht_id or bericht_id_uit(data) or _broker_id(levering.broker_id), [fout], afdruk)


__all__ = ["VINGERAFDRUK", "Werker", "bericht_id_uit", "ordeningssleutel"]
