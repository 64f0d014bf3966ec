"""Factuurstatussen naar de inbox van de aanbieder. Wat er te versturen is, bepaalt `hub.toepassing.factuurstatus`;
hier alleen het publiceren, ontdubbeld op een Nats-Msg-Id met de vingerafdruk van de status. Elk bericht gaat
door het model `Factuurstatus`, dus wat de aanbieder krijgt, is wat het gepubliceerde schema beschrijft."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from nats.errors import Error as NatsFout

from hub.berichten import Factuurstatus
from hub.koppelingen.broker.partities import Leases
from hub.koppelingen.broker.subjects import subject_inbox
from hub.toepassing.factuurstatus import Factuurstatussen

log = logging.getLogger("hub.factuurstatus")

INTERVAL = 2.0
"""Seconden tussen twee rondes; korter dan de vervaltijd van een lease (``LEASE``), die elke ronde vernieuwd wordt."""


class Factuurstatusuitgang:
    def __init__(self, factuurstatussen: Factuurstatussen):
        self.factuurstatussen = factuurstatussen

    async def verstuur(self, js: Any) -> int:
        klaar = await asyncio.to_thread(self.factuurstatussen.te_versturen)
        if not klaar:
            return 0
        futures = []
        for status in klaar:
            bericht = Factuurstatus.model_validate(status.status).model_dump(mode="json")
            futures.append(
                await js.publish_async(
                    subject_inbox(status.aanbieder),
                    json.dumps(bericht).encode(),
                    headers={"Nats-Msg-Id": f"status-{status.aanbieder}-{status.factuurnummer}-{status.vingerafdruk}"},
                )
            )
        await asyncio.gather(*futures)
        await asyncio.to_thread(self.factuurstatussen.verstuurd, klaar)
        return len(klaar)

    async def draai(self, js: Any, stop: asyncio.Event, lease: Leases | None = None) -> None:
        """Met `lease` (een lease op ``UITGANG`` onder de naam van de werker) verstuurt alleen de werker die hem heeft:
        bij meerdere werkers leest zo niet elke werker alle nieuwe events voor dezelfde statussen. Sterft hij, dan
        neemt een ander de lease over en begint bij het register van wat verstuurd is."""
        had = lease is None
        try:
            while not stop.is_set():
                try:
                    heeft = True
                    if lease is not None:
                        await lease.ronde()
                        heeft = bool(lease.eigen)
                        if heeft and not had:
                            await asyncio.to_thread(self.factuurstatussen.begin_opnieuw)
                        had = heeft
                    if heeft:
                        await self.verstuur(js)
                except (NatsFout, TimeoutError, ConnectionError) as fout:
                    # Een nats-server die wegvalt of een nieuwe leider kiest: verwacht en van voorbijgaande aard.
                    log.warning("factuurstatussen nu niet te versturen (%r); volgende poging over %.0f s", fout, INTERVAL)
                except Exception:
                    log.exception("factuurstatussen konden niet worden verstuurd; volgende poging over %.0f s", INTERVAL)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), INTERVAL)
        finally:
            if lease is not None:
                with contextlib.suppress(Exception):
                    await lease.geef_alles_terug()
