"""Wat een aanbieder in het portaal ziet: zijn eigen facturen met de factuurstatus per regel, en zijn eigen retouren.

Alles hier vraagt de aanbiedercode van de aangemelde gebruiker; een factuur of retour van een andere aanbieder is
voor hem onbekend (niet: verboden), zodat hij niet kan afleiden dat ze bestaat.

De retouren staan in de eventstore als `Ontvangst` (één per afzender en berichtId, met de laatste retour). Om die van
één afzender te vinden, houdt `Ontvangstindex` per afzender de ids van zijn Ontvangsten bij; hij leest alleen de
events `BerichtVerwerkt` uit de notificatielog (filter op topic in de database) en daarna alleen de nieuwe. De
Ontvangsten zelf worden pas geladen als ze getoond worden, dus de retour is altijd die van de laatste poging.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from hub.aggregates.ontvangst import Ontvangst
from hub.projections.oordeel import Factuuroordeel, factuurstatus
from hub.toepassing.eventstore import Hub
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.poorten import Leesmodelbron

TOPIC = get_topic(Ontvangst.BerichtVerwerkt)
PER_KEER = 1000
MAX_IN_LIJST = 200


@dataclass(frozen=True)
class Retourregel:
    bericht_id: str
    soort: str
    ontvangen: datetime
    retour: dict[str, Any]
    betreft: str
    """Wat het bericht raakt: gemeente/traject of aanbieder/factuurnummer."""

    @property
    def geaccepteerd(self) -> bool:
        return self.retour.get("status") == "geaccepteerd"

    @property
    def fouten(self) -> list[dict[str, Any]]:
        return list(self.retour.get("fouten") or [])

    @property
    def signalen(self) -> list[dict[str, Any]]:
        return list(self.retour.get("signalen") or [])

    def als_json(self) -> dict[str, Any]:
        return {"berichtId": self.bericht_id, "soort": self.soort, "betreft": self.betreft,
                "ontvangen": self.ontvangen.isoformat(), "retour": self.retour}


def _regel(o: Ontvangst) -> Retourregel:
    return Retourregel(str(o.bericht_id), o.soort, o.ontvangen, o.retour, o.sleutel)


class Ontvangstindex:
    """Per afzender de ids van zijn Ontvangsten, in volgorde van eerste ontvangst; bij elke vraag bijgewerkt."""

    def __init__(self, eventstore: Hub):
        self.eventstore = eventstore
        self._positie = 0
        self._per_afzender: dict[str, list[UUID]] = {}
        self._slot = threading.Lock()

    def van(self, afzender: str) -> list[UUID]:
        with self._slot:
            self._bij()
            return list(self._per_afzender.get(afzender, []))

    def _bij(self) -> None:
        while True:
            reeks = self.eventstore.recorder.select_notifications(start=self._positie + 1, limit=PER_KEER, topics=[TOPIC])
            for notificatie in reeks:
                event = self.eventstore.mapper.to_domain_event(notificatie)
                afzender = getattr(event, "afzender", None)
                if isinstance(afzender, str):
                    self._per_afzender.setdefault(afzender, []).append(event.originator_id)
                self._positie = notificatie.id
            if len(reeks) < PER_KEER:
                return


class Aanbiederportaal:
    def __init__(self, eventstore: Hub, leesmodellen: Leesmodelbron,
                 klok: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.eventstore = eventstore
        self.leesmodellen = leesmodellen
        self.klok = klok
        self.index = Ontvangstindex(eventstore)

    def facturen(self, aanbieder: str) -> list[Factuuroordeel]:
        """De facturen van deze aanbieder, de nieuwste eerst."""
        eigen = [f for f in self.leesmodellen.factuurcontrole().facturen() if f.afzender == aanbieder]
        return list(reversed(eigen))

    def factuur(self, aanbieder: str, nummer: str) -> Factuuroordeel:
        factuur = self.eventstore.zoek_factuur(aanbieder, nummer)
        oordeel = self.leesmodellen.factuurcontrole([factuur.gemeente]).oordeel(aanbieder, nummer) if factuur else None
        if oordeel is None:
            raise Onuitvoerbaar(f"U hebt geen factuur met nummer {nummer}; kies een factuur uit de lijst.")
        return oordeel

    def factuurstatus(self, aanbieder: str, nummer: str) -> dict[str, Any]:
        """Hetzelfde bericht `factuurstatus` dat de hub via de broker stuurt."""
        return factuurstatus(self.factuur(aanbieder, nummer))

    def retouren(self, aanbieder: str, maximum: int | None = MAX_IN_LIJST) -> list[Retourregel]:
        """De retouren van deze aanbieder, de laatst ontvangen eerst; `maximum` None: alle."""
        ids = list(reversed(self.index.van(aanbieder)))
        if maximum is not None:
            ids = ids[:maximum]
        regels = []
        for id_ in ids:
            ontvangst: object = self.eventstore.repository.get(id_)
            if isinstance(ontvangst, Ontvangst) and ontvangst.afzender == aanbieder:
                regels.append(_regel(ontvangst))
        return sorted(regels, key=lambda r: r.ontvangen, reverse=True)

    def aantal_retouren(self, aanbieder: str) -> int:
        return len(self.index.van(aanbieder))

    def retour(self, aanbieder: str, bericht_id: str) -> Retourregel:
        try:
            sleutel = UUID(bericht_id)
        except ValueError:
            sleutel = None
        ontvangst = self.eventstore.zoek_ontvangst(aanbieder, sleutel) if sleutel else None
        if ontvangst is None or ontvangst.afzender != aanbieder:
            raise Onuitvoerbaar(f"U hebt geen bericht met berichtId {bericht_id}; kies een retour uit de lijst.")
        return _regel(ontvangst)
