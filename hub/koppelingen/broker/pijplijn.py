"""JetStream gepijplijnd: ophalen uit een pull-consumer en publiceren met PubAck, zonder de kosten per bericht die
nats-py daarbij maakt.

De werker haalt en publiceert elk bericht twee keer (verdelen en verwerken). nats-py wacht bij `fetch(n)` op elk
bericht met `asyncio.wait_for` (een taak en een timer per bericht) en bouwt bij `publish_async` van elke PubAck een
dataclass (via `dataclasses.fields`); samen was dat een merkbaar deel van de CPU-tijd van een werker (gemeten met
py-spy, zie docs/benchmarks.md). Hier: één tijdslimiet per batch, en een PubAck is geslaagd tenzij de server een
fout of 'geen ontvanger' antwoordt.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from nats.aio.msg import Msg
from nats.js.errors import APIError, NoStreamResponseError

STATUS = "Status"
_GEEN_ONTVANGER = "503"
_KLAAR = ("404", "408")
"""'geen berichten' en 'verzoek verlopen': het einde van een no_wait-verzoek"""
_FETCH_TIMEOUT = 1.0
_AANVUL_TIMEOUT = 0.02


async def haal(sub: Any, aantal: int, wacht: float = _FETCH_TIMEOUT) -> list[Msg]:
    """Wacht op het eerste bericht en neem dan wat er al klaarligt, tot `aantal`. `fetch(n)` van nats-py stuurt
    een pull-verzoek met vervaltijd, en dan wacht de server tot de batch vol is of de tijd om is: bij een dunne
    stroom een seconde per batch. Het tweede verzoek is `no_wait` zonder vervaltijd: meteen wat er is.
    Wat na een time-out nog binnenkomt, blijft in de wachtrij van het abonnement en komt bij de volgende aanroep
    als eerste terug (de volgorde blijft)."""
    try:
        berichten = await sub.fetch(1, timeout=wacht)
    except TimeoutError:
        return []
    if aantal > 1:
        berichten += await _klaarliggend(sub, aantal - 1)
    return berichten


async def _klaarliggend(sub: Any, aantal: int) -> list[Msg]:
    """Eerst wat al in de wachtrij van het abonnement staat, dan één no_wait-verzoek voor de rest; één tijdslimiet
    voor het geheel. Een statusbericht (geen berichten meer, of iets anders) sluit de batch; een fout meldt de
    volgende `fetch` van nats-py."""
    abonnement = sub._sub
    wachtrij: asyncio.Queue = abonnement._pending_queue
    berichten: list[Msg] = []

    def neem(msg: Msg) -> bool:
        """Voegt een gewoon bericht toe; False bij een statusbericht (het einde van het verzoek)."""
        abonnement._pending_size -= len(msg.data)
        if msg.headers and msg.headers.get(STATUS):
            return False
        berichten.append(msg)
        return True

    while not wachtrij.empty() and len(berichten) < aantal:
        neem(wachtrij.get_nowait())
    if len(berichten) >= aantal:
        return berichten
    verzoek = json.dumps({"batch": aantal - len(berichten), "no_wait": True}).encode()
    await sub._nc.publish(sub._nms, verzoek, sub._deliver)
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(_AANVUL_TIMEOUT):
            while len(berichten) < aantal:
                if not neem(await wachtrij.get()):
                    break
    return berichten


class Publicist:
    """Publiceert naar JetStream en geeft per bericht een future die slaagt als de stream het heeft opgeslagen (de
    PubAck), of faalt met de fout van de server. Eén abonnement op `<inbox>.<nuid>.*` voor alle antwoorden; een
    future die niet meer gewacht wordt (time-out van de aanroeper), wordt vergeten zodra ze geannuleerd is."""

    def __init__(self, nc: Any):
        self.nc = nc
        self._voorvoegsel: str | None = None
        self._open: dict[str, asyncio.Future] = {}
        self._teller = 0

    async def publiceer(self, subject: str, data: bytes, headers: dict[str, str]) -> asyncio.Future:
        if self._voorvoegsel is None:
            voorvoegsel = f"{self.nc._inbox_prefix.decode()}.{self.nc._nuid.next().decode()}."
            await self.nc.subscribe(voorvoegsel + "*", cb=self._antwoord)
            self._voorvoegsel = voorvoegsel
        self._teller += 1
        sleutel = str(self._teller)
        future = asyncio.get_running_loop().create_future()
        self._open[sleutel] = future
        future.add_done_callback(lambda _: self._open.pop(sleutel, None))
        await self.nc.publish(subject, data, reply=self._voorvoegsel + sleutel, headers=headers)
        return future

    async def _antwoord(self, msg: Msg) -> None:
        assert self._voorvoegsel is not None
        future = self._open.pop(msg.subject[len(self._voorvoegsel):], None)
        if future is None or future.done():
            return
        if msg.headers and msg.headers.get(STATUS) == _GEEN_ONTVANGER:
            future.set_exception(NoStreamResponseError())
        elif b'"error"' in msg.data:
            future.set_exception(_fout(msg.data))
        else:
            future.set_result(None)


def _fout(data: bytes) -> APIError:
    """De fout uit een JetStream-antwoord (`APIError.from_error` werpt hem, in plaats van hem te geven)."""
    try:
        APIError.from_error(json.loads(data)["error"])
    except APIError as fout:
        return fout
    except (ValueError, KeyError, TypeError):
        pass
    return APIError(description=data[:200].decode(errors="replace"))


__all__ = ["Publicist", "haal"]
