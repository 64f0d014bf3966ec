"""Factuurstatussen voor de aanbieder: bij elke verandering van een oordeel, een besluit of een betaling.

De factuurcontrole blijft in het geheugen en volgt alleen nieuwe events; zonder nieuwe events wordt niets opnieuw
bekeken, en na nieuwe events alleen de facturen die er daardoor anders kunnen uitzien. De eerste keer na het
starten worden alle facturen vergeleken met wat het laatst is verstuurd.

Per factuur wordt de vingerafdruk van de laatst verstuurde status bewaard; alleen wat veranderde gaat opnieuw uit.
De vingerafdruk gaat mee in het kenmerk van het bericht, zodat een herstart na een crash niets dubbel verstuurt.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from hub.projections.oordeel import factuurstatus
from hub.toepassing.poorten import Factuurcontrolevolger, Leesmodelbron, Verzondenregister


def vingerafdruk(status: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(status, sort_keys=True).encode()).hexdigest()[:20]


@dataclass(frozen=True)
class TeVersturen:
    aanbieder: str
    vingerafdruk: str
    status: dict[str, Any]

    @property
    def factuurnummer(self) -> str:
        return str(self.status["factuurnummer"])


class Factuurstatussen:
    def __init__(self, leesmodellen: Leesmodelbron, register: Verzondenregister):
        self.leesmodellen = leesmodellen
        self.register = register
        self.verzonden: dict[str, str] = register.lees()
        self._volger: Factuurcontrolevolger | None = None

    def te_versturen(self) -> list[TeVersturen]:
        """Elke factuur waarvan de status anders is dan de laatst verstuurde."""
        try:
            if self._volger is None:
                self._volger = self.leesmodellen.volg_factuurcontroles()
                oordelen = self._volger.facturen.facturen()
                self._volger.facturen.gewijzigd()
            elif not self._volger.bij():
                return []
            else:
                oordelen = self._volger.facturen.gewijzigd()
        except Exception:
            self._volger = None
            raise
        uit = []
        for oordeel in oordelen:
            status = factuurstatus(oordeel)
            afdruk = vingerafdruk(status)
            if self.verzonden.get(_sleutel(oordeel.afzender, oordeel.factuurnummer)) != afdruk:
                uit.append(TeVersturen(oordeel.afzender, afdruk, status))
        return uit

    def begin_opnieuw(self) -> None:
        """Vanaf het register: een ander proces kan intussen statussen hebben verstuurd."""
        self.verzonden = self.register.lees()
        self._volger = None

    def verstuurd(self, verstuurd: list[TeVersturen]) -> None:
        for status in verstuurd:
            self.verzonden[_sleutel(status.aanbieder, status.factuurnummer)] = status.vingerafdruk
        self.register.bewaar(self.verzonden)


def _sleutel(aanbieder: str, factuurnummer: str) -> str:
    return f"{aanbieder}/{factuurnummer}"
