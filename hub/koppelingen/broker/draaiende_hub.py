"""Een draaiende hub: de broker (ingebouwd of extern), de streams en de werker, samen te starten en te stoppen.

`hub serve` houdt er één open tot Ctrl-C; `hub stuur` en `hub demo` starten er één voor de duur van de
opdracht als er nog geen draait. Een draaiende hub houdt `hub.lock` in de datamap vast en schrijft
zijn broker-adres in `hub.url`, zodat andere opdrachten hem vinden.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from faststream.nats import NatsBroker
from faststream.nats.security import NatsSecurity, NatsUserPassword

from hub.berichten.standaard import GEMEENTE
from hub.contracten.catalogus import Catalogus
from hub.instellingen import Instellingen
from hub.koppelingen.broker.factuurstatus_uitgang import Factuurstatusuitgang
from hub.koppelingen.broker.identiteiten import Identiteiten
from hub.koppelingen.broker.nats_server import EmbeddedNats, ingebouwde_server
from hub.koppelingen.broker.partities import UITGANG, Leases
from hub.koppelingen.broker.streams import declareer_streams, replicas_voor, servers, verbind
from hub.koppelingen.broker.subjects import HUB_GEBRUIKER, HUB_INBOX_PREFIX
from hub.koppelingen.broker.tls import client_context
from hub.koppelingen.broker.werker import ACK_WAIT, Werker
from hub.toepassing.factuurstatus import Factuurstatussen
from hub.toepassing.verwerking import Verwerker

log = logging.getLogger("hub")

BEWAKING = 0.5
"""Seconden tussen twee controles of de ingebouwde nats-server nog leeft."""

Achtergrondtaak = Callable[[asyncio.Event], Coroutine[Any, Any, None]]
"""Loopt mee zolang de hub draait en stopt als het event gezet wordt (zoals het bijhouden van de leesmodellen)."""


def afzenders(catalogus: Catalogus) -> list[str]:
    return [*catalogus.providers(), GEMEENTE]


@dataclass
class Vergrendeling:
    """Eén draaiende hub per datamap."""

    map: Path
    _fh: IO[str] | None = field(default=None, repr=False)

    @property
    def url_bestand(self) -> Path:
        return self.map / "hub.url"

    def neem(self) -> bool:
        self.map.mkdir(parents=True, exist_ok=True)
        fh = open(self.map / "hub.lock", "a+")  # noqa: SIM115 - blijft open zolang de hub draait
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.close()
            return False
        self._fh = fh
        return True

    def laat_los(self) -> None:
        if self._fh is not None:
            self.url_bestand.unlink(missing_ok=True)
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    def draaiende_url(self) -> str | None:
        if self.neem():
            self.laat_los()
            return None
        try:
            return self.url_bestand.read_text().strip() or None
        except FileNotFoundError:
            return None


class DraaiendeHub:
    """De broker, de werker en de achtergrondtaken. Wat ze aanroepen (de verwerker, de factuurstatussen) komt
    uit de bootstrap; de broker kent alleen de instellingen van de datamap en de NATS-verbinding."""

    def __init__(
        self,
        instellingen: Instellingen,
        afzenders: list[str],
        verwerker: Verwerker,
        factuurstatussen: Factuurstatussen,
        *,
        achtergrond: list[Achtergrondtaak] | None = None,
        poort: int | None = None,
        ack_wait: float = ACK_WAIT,
    ):
        self.ack_wait = ack_wait
        self.instellingen = instellingen
        self.afzenders = afzenders
        self.verwerker = verwerker
        self.factuurstatussen = factuurstatussen
        self.achtergrond = achtergrond or []
        self.poort = poort
        self.hub = verwerker.hub
        self.identiteiten = Identiteiten.laad_of_maak(instellingen.data, afzenders, ca=instellingen.nats_tls_ca)
        self.vergrendeling = Vergrendeling(instellingen.data)
        self.server: EmbeddedNats | None = None
        self.broker: NatsBroker | None = None
        self.werker: Werker | None = None
        self.url: str | None = None
        self._stop = asyncio.Event()
        self._taken: list[asyncio.Task] = []

    async def start(self) -> str:
        if not self.vergrendeling.neem():
            raise RuntimeError(
                f"Er draait al een hub op {self.instellingen.data}; stop die eerst (Ctrl-C in zijn venster) "
                "of gebruik een andere HUB_DATA."
            )
        try:
            ca = self.instellingen.nats_tls_ca
            if self.instellingen.nats_url:
                self.url = self.instellingen.nats_url
                gebruiker = self.instellingen.nats_user
                wachtwoord = self.instellingen.nats_password.get_secret_value() if self.instellingen.nats_password else None
            else:
                self.server = ingebouwde_server(self.instellingen, self.afzenders, self.poort)
                self.identiteiten = self.server.identiteiten
                ca = self.server.certificaten.ca
                self.url = await self.server.start()
                gebruiker, wachtwoord = HUB_GEBRUIKER, self.identiteiten.hub_wachtwoord
            nc = await verbind(self.url, gebruiker, wachtwoord, inbox=HUB_INBOX_PREFIX, ca=ca)
            replicas = replicas_voor(self.url, self.instellingen.nats_replicas)
            await declareer_streams(nc.jetstream(), self.afzenders, replicas=replicas)
            await nc.close()
            tls = client_context(ca) if ca and self.url.startswith("tls://") else None
            beveiliging = (NatsUserPassword(gebruiker, wachtwoord, ssl_context=tls) if gebruiker and wachtwoord
                           else NatsSecurity(ssl_context=tls) if tls else None)
            self.broker = NatsBroker(servers(self.url), security=beveiliging, inbox_prefix=HUB_INBOX_PREFIX, logger=None,
                                     max_reconnect_attempts=-1, reconnect_time_wait=1)
            self.werker = Werker(self.broker, self.verwerker, self.afzenders, ack_wait=self.ack_wait)
            await self.broker.start()
            await self.werker.start()
            uitgang = Factuurstatusuitgang(self.factuurstatussen)
            verbinding = self.broker._connection
            assert verbinding is not None, "de broker is gestart"
            assert self.werker.leases is not None, "de werker is gestart"
            lease = Leases(verbinding.jetstream(), self.werker.leases.naam, ("factuurstatus",), UITGANG)
            self._taken.append(asyncio.create_task(uitgang.draai(verbinding.jetstream(), self._stop, lease)))
            self._taken += [asyncio.create_task(taak(self._stop)) for taak in self.achtergrond]
            if self.server is not None:
                self._taken.append(asyncio.create_task(self._bewaak_server(self.server)))
            self.vergrendeling.url_bestand.write_text(self.url)
            return self.url
        except BaseException:
            await self.stop()
            raise

    async def _bewaak_server(self, server: EmbeddedNats) -> None:
        """Start de ingebouwde server opnieuw als hij onverwacht stopt; de verbindingen van de werker en de uitgang
        verbinden vanzelf opnieuw en de durables gaan verder waar ze waren (onbevestigde berichten komen terug,
        en de hub ontdubbelt op berichtId)."""
        while not self._stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), BEWAKING)
                return
            if server.draait:
                continue
            log.warning("de ingebouwde nats-server is onverwacht gestopt; hij wordt opnieuw gestart")
            try:
                await server.herstart()
            except Exception:
                log.exception("herstart van de nats-server mislukt; nieuwe poging over %.0f s", BEWAKING)

    async def stop(self) -> None:
        self._stop.set()
        for taak in self._taken:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(taak, 60)
        self._taken = []
        if self.werker is not None:
            with contextlib.suppress(Exception):
                await self.werker.sluit()
        if self.broker is not None:
            with contextlib.suppress(Exception):
                await self.broker.stop()
            self.broker = None
        if self.server is not None:
            await self.server.stop()
            self.server = None
        self.vergrendeling.laat_los()

    async def __aenter__(self) -> DraaiendeHub:
        await self.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.stop()


__all__ = ["DraaiendeHub", "Vergrendeling", "afzenders"]
