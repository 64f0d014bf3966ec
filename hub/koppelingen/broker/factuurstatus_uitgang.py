"""Factuurstatussen naar de provider: bij elke verandering van een oordeel, een besluit of een betaling.

De factuurcontrole blijft hier in het geheugen en volgt alleen nieuwe events; zonder nieuwe events wordt
niets opnieuw bekeken, en na nieuwe events alleen de facturen die er daardoor anders kunnen uitzien. De eerste
keer na het starten worden alle facturen vergeleken met wat het laatst is verstuurd.

De hub houdt bij welke status hij per factuur het laatst stuurde (een vingerafdruk per factuur in de
datamap) en stuurt alleen wat veranderde; de Nats-Msg-Id bevat die vingerafdruk, zodat een herstart
na een crash geen dubbele status in de inbox zet.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import tempfile
from typing import Any

from hub.contracten.catalogus import Catalogus
from hub.instellingen import Instellingen
from hub.koppelingen.broker.subjects import subject_inbox
from hub.koppelingen.opslag.leesmodellen import Leesmodellen, werk_gemeenten_bij
from hub.projections.facturen import Facturen
from hub.projections.gemeentemodel import Gemeentemodel
from hub.projections.oordeel import factuurstatus
from hub.projections.register import facturen, factuurcontroles
from hub.toepassing.eventstore import Hub

log = logging.getLogger("hub.factuurstatus")

INTERVAL = 2.0


def vingerafdruk(status: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(status, sort_keys=True).encode()).hexdigest()[:20]


class Factuurstatusuitgang:
    def __init__(self, hub: Hub, catalogus: Catalogus, instellingen: Instellingen):
        self.hub = hub
        self.catalogus = catalogus
        self.leesmodellen = Leesmodellen.van(instellingen).per_gemeente()
        self.bestand = instellingen.data / "leesmodellen" / "factuurstatus-verzonden.json"
        self.verzonden: dict[str, str] = self._lees()
        self.modellen: list[Gemeentemodel] = []
        self.controle: Facturen | None = None

    def _lees(self) -> dict[str, str]:
        try:
            return json.loads(self.bestand.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}

    def _bewaar(self) -> None:
        self.bestand.parent.mkdir(parents=True, exist_ok=True)
        fd, tijdelijk = tempfile.mkstemp(dir=self.bestand.parent, prefix=".factuurstatus.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self.verzonden, fh)
        os.replace(tijdelijk, self.bestand)

    def te_versturen(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(afzender, vingerafdruk, status) voor elke factuur waarvan de status anders is dan de laatst verstuurde."""
        try:
            if self.controle is None:
                self.modellen = factuurcontroles(self.catalogus)
                for model in self.modellen:
                    self.leesmodellen.laad(model)
                werk_gemeenten_bij(self.hub, self.modellen)
                self.controle = facturen(self.modellen)
                oordelen = self.controle.facturen()
                self.controle.gewijzigd()
            elif not werk_gemeenten_bij(self.hub, self.modellen):
                return []
            else:
                oordelen = self.controle.gewijzigd()
        except Exception:
            self.controle = None
            raise
        uit = []
        for oordeel in oordelen:
            status = factuurstatus(oordeel)
            afdruk = vingerafdruk(status)
            if self.verzonden.get(f"{oordeel.afzender}/{oordeel.factuurnummer}") != afdruk:
                uit.append((oordeel.afzender, afdruk, status))
        return uit

    def markeer(self, afzender: str, factuurnummer: str, afdruk: str) -> None:
        self.verzonden[f"{afzender}/{factuurnummer}"] = afdruk

    async def verstuur(self, js: Any) -> int:
        klaar = await asyncio.to_thread(self.te_versturen)
        if not klaar:
            return 0
        futures = []
        for afzender, afdruk, status in klaar:
            bericht = {"type": "factuurstatus", **status}
            futures.append(
                await js.publish_async(
                    subject_inbox(afzender),
                    json.dumps(bericht).encode(),
                    headers={"Nats-Msg-Id": f"status-{afzender}-{status['factuurnummer']}-{afdruk}"},
                )
            )
        await asyncio.gather(*futures)
        for afzender, afdruk, status in klaar:
            self.markeer(afzender, status["factuurnummer"], afdruk)
        await asyncio.to_thread(self._bewaar)
        return len(klaar)

    async def draai(self, js: Any, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.verstuur(js)
            except Exception:
                log.exception("factuurstatussen konden niet worden verstuurd; volgende poging over %.0f s", INTERVAL)
            try:
                await asyncio.wait_for(stop.wait(), INTERVAL)
            except TimeoutError:
                pass
