"""Wat de afhandeling van één berichtsoort van de verwerker mag gebruiken: aggregates opzoeken en de contracten.

De afhandelingen kennen alleen dit protocol, niet de verwerker zelf; zo importeert de verwerker zijn
afhandelingen zonder dat die hem terug importeren.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from hub.aggregates.betaalbatch import Beslisser
from hub.aggregates.factuur import Factuur
from hub.aggregates.jobcoachperiode import Jobcoachperiode
from hub.aggregates.traject import Traject
from hub.contracten.catalogus import Catalogus


class Verwerkingscontext(Protocol):
    catalogus: Catalogus
    vorm: str
    """json, xml of ubl: de vorm waarin het bericht binnenkwam"""
    klok: Callable[[], datetime]
    door: Beslisser | None
    """Wie het bericht in de webapplicatie indiende (een klantmanager); leeg bij een bericht via de broker"""

    def zoek_traject(self, gemeente: str, traject_id: str) -> Traject | None: ...

    def traject(self, gemeente: str, traject_id: str) -> Traject: ...

    def zoek_periode(self, gemeente: str, periode_id: str) -> Jobcoachperiode | None: ...

    def zoek_factuur(self, afzender: str, factuurnummer: str) -> Factuur | None: ...
