"""Een bericht of factuur aanleveren zonder eigen berichtensoftware (het aanbiedersportaal): bytes lezen, verwerken
en meteen de retour teruggeven.

Dezelfde weg als een bericht via de broker: dezelfde lezer (JSON, XML, UBL), dezelfde verwerker (ontdubbelen,
autoriseren, retourcodes). De afzender is altijd de aangemelde aanbieder; een bestand dat een andere afzender noemt,
krijgt `AFZENDER_ONBEVOEGD`. Hetzelfde bestand opnieuw aanleveren is onschadelijk: het krijgt de eerste retour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hub.aggregates.betaalbatch import Beslisser
from hub.berichten import BerichtFout
from hub.berichten.vingerafdruk import vingerafdruk_onleesbaar
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.poorten import Berichtlezer
from hub.toepassing.verwerking import Verwerker

MAX_BYTES = 1_000_000
"""Zoals een bericht via de broker: groter dan dit wordt niet gelezen."""


@dataclass(frozen=True)
class Aanlevering:
    """De retour op een aangeleverd bestand; `soort` en `vorm` alleen als het bestand te lezen was. `vastgelegd`: de
    retour staat bij de eigen retouren (niet bij een onleesbaar bestand of een andere afzender)."""

    retour: dict[str, Any]
    soort: str | None
    vorm: str | None
    herhaling: bool
    vastgelegd: bool = False

    @property
    def geaccepteerd(self) -> bool:
        return self.retour.get("status") == "geaccepteerd"


class Aanleveren:
    def __init__(self, verwerker: Callable[[], Verwerker], lees: Berichtlezer, vorm: Callable[[bytes], str],
                 bericht_id: Callable[[bytes], str | None]):
        """`verwerker` maakt per aanlevering een nieuwe verwerker: zijn cache van aggregates mag niet achterlopen op
        wat de broker intussen verwerkte. `bericht_id` haalt de berichtId uit een onleesbaar bestand, voor de retour."""
        self.verwerker = verwerker
        self.lees = lees
        self.vorm = vorm
        self.bericht_id = bericht_id

    def lever_aan(self, data: bytes, afzender: str, door: Beslisser | None = None) -> Aanlevering:
        """`afzender`: de aanbiedercode van de aangemelde gebruiker, nooit wat het bestand zegt; `door`: de aangemelde
        persoon, vastgelegd bij een besluit van de gemeente."""
        if not afzender:
            raise Onuitvoerbaar("Alleen een gebruiker van een aanbieder kan berichten aanleveren.")
        if not data.strip():
            raise Onuitvoerbaar("Het bestand is leeg; kies het bestand met het bericht of de factuur.")
        verwerker = self.verwerker()
        try:
            bericht = self.lees(data, MAX_BYTES, afzender=afzender)
        except BerichtFout as fout:
            uitkomst = verwerker.weiger_onleesbaar(self.bericht_id(data), fout.fouten, vingerafdruk_onleesbaar(data))
            return Aanlevering(uitkomst.retour, None, None, False)
        vorm = self.vorm(data)
        uitkomst = verwerker.verwerk(bericht, afzender, vorm, door)  # doorzendingen zijn er alleen bij berichten van de gemeente
        vastgelegd = verwerker.hub.zoek_ontvangst(afzender, bericht.bericht_id) is not None
        return Aanlevering(uitkomst.retour, bericht.type, vorm, uitkomst.herhaling, vastgelegd)
