"""Welke werker welke partitie verwerkt: leases in de KV-bucket ``HUB_PARTITIES``.

Elke werker schrijft elke ``lease / 3`` seconden zijn hartslag (``w.<werker>``) en vernieuwt zijn leases
(``p.<partitie>``, en ``i.<afzender>`` voor het lezen van een intake) met een voorwaardelijke update op de revisie die hij kent. De bucket heeft een vervaltijd
(``lease``): een gestorven werker vernieuwt niets meer, zijn sleutels verlopen en de anderen nemen zijn
partities over. Elke werker neemt er zoveel als hem toekomen (partities gedeeld door het aantal levende
werkers, naar boven afgerond) en geeft wat te veel is terug, pas nadat zijn lopende batch van die partitie is
afgerond. Een lease nemen is ``create``: dat lukt maar één werker.

Een lease alleen is geen garantie (een werker die stil hangt, verliest hem terwijl hij nog bezig kan zijn);
daarom laat de durable per partitie ook maar één batch tegelijk onbevestigd (``max_ack_pending``), meldt de
werker ``in_progress`` zolang hij bezig is, en leegt hij zijn cache van aggregates als hij merkt dat een
ander tussendoor berichten van de partitie kreeg.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import socket
import uuid

from nats.js import JetStreamContext
from nats.js.errors import KeyNotFoundError, KeyWrongLastSequenceError, NoKeysError
from nats.js.kv import KeyValue

from .subjects import KV_PARTITIES, PARTITIES

log = logging.getLogger("hub.partities")

HARTSLAG = "w."
LEASE = "p."
INTAKE = "i."
UITGANG = "u."
"""De factuurstatus-uitgang: één werker tegelijk (``factuurstatus_uitgang``)."""
"""Ook de intake van een afzender heeft één lezer tegelijk: twee werkers die om dezelfde intake strijden, krijgen
elk brokjes van een batch (de durable laat er één batch onbevestigd) en verwerken dan kleine batches."""


def werkernaam() -> str:
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}".replace(".", "-")


class Leases:
    """Eén werker: ``ronde()`` vernieuwt, neemt en geeft terug, en zegt welke partities hij nu heeft."""

    def __init__(self, js: JetStreamContext, naam: str | None = None, partities: tuple[str, ...] = PARTITIES,
                 voorvoegsel: str = LEASE):
        self.js = js
        self.naam = naam or werkernaam()
        self.partities = partities
        self.voorvoegsel = voorvoegsel
        self.eigen: dict[str, int] = {}
        self._kv: KeyValue | None = None

    async def _bucket(self) -> KeyValue:
        if self._kv is None:
            self._kv = await self.js.key_value(KV_PARTITIES)
        return self._kv

    async def levende_werkers(self) -> int:
        kv = await self._bucket()
        try:
            sleutels = await kv.keys()
        except NoKeysError:
            return 1
        return max(1, sum(1 for s in sleutels if s.startswith(HARTSLAG)))

    async def ronde(self) -> tuple[set[str], set[str]]:
        """Hartslag, vernieuwen en nemen. Geeft (genomen, verloren); wat de werker te veel heeft, staat in
        ``teveel()`` en geeft hij terug met ``geef_terug`` als zijn batch klaar is."""
        kv = await self._bucket()
        await kv.put(HARTSLAG + self.naam, b"")
        verloren = set()
        for p, revisie in list(self.eigen.items()):
            try:
                self.eigen[p] = await kv.update(self.voorvoegsel + p, self.naam.encode(), last=revisie)
            except KeyWrongLastSequenceError:
                if (eigen := await self._nog_van_mij(kv, p)) is not None:
                    self.eigen[p] = eigen
                    continue
                verloren.add(p)
                del self.eigen[p]
                log.warning("lease op partitie %s verloren", p)
        genomen = set()
        quotum = self.quotum(await self.levende_werkers())
        for p in self.partities:
            if len(self.eigen) >= quotum:
                break
            if p in self.eigen:
                continue
            try:
                self.eigen[p] = await kv.create(self.voorvoegsel + p, self.naam.encode())
            except KeyWrongLastSequenceError:
                if (eigen := await self._nog_van_mij(kv, p)) is None:
                    continue
                self.eigen[p] = eigen
            genomen.add(p)
            log.info("lease op partitie %s genomen", p)
        self._quotum = quotum
        return genomen, verloren

    async def _nog_van_mij(self, kv: KeyValue, p: str) -> int | None:
        """De revisie van de lease als die op naam van deze werker staat. Een update of create die de server uitvoerde
        maar waarvan het antwoord verloren ging (een nats-server die wegvalt, een nieuwe leider), laat de werker met
        een oude revisie achter: dan is de lease nog van hem, en anders zou niemand haar hebben tot ze verloopt."""
        try:
            huidig = await kv.get(self.voorvoegsel + p)
        except KeyNotFoundError:
            return None
        return huidig.revision if huidig.value == self.naam.encode() else None

    def quotum(self, werkers: int) -> int:
        return math.ceil(len(self.partities) / werkers)

    def teveel(self) -> list[str]:
        aantal = len(self.eigen) - getattr(self, "_quotum", len(self.partities))
        return sorted(self.eigen)[-aantal:] if aantal > 0 else []

    async def geef_terug(self, p: str) -> None:
        revisie = self.eigen.pop(p, None)
        if revisie is None:
            return
        kv = await self._bucket()
        with contextlib.suppress(KeyWrongLastSequenceError, KeyNotFoundError):
            await kv.delete(self.voorvoegsel + p, last=revisie)

    async def geef_alles_terug(self) -> None:
        for p in list(self.eigen):
            await self.geef_terug(p)

    async def stop(self) -> None:
        for p in list(self.eigen):
            await self.geef_terug(p)
        kv = await self._bucket()
        with contextlib.suppress(KeyNotFoundError):
            await kv.delete(HARTSLAG + self.naam)


__all__ = ["INTAKE", "UITGANG", "Leases", "werkernaam"]
