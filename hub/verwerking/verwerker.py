"""De verwerker: ontdubbelen, autoriseren, het commando uitvoeren en alles in één transactie opslaan.

Een bericht waarvan de `berichtId` al eerder is verwerkt, krijgt de eerste retour opnieuw en legt
niets vast. De Ontvangst (met de retour) wordt samen met de events van het bericht opgeslagen, dus
een crash tussen opslaan en bevestigen aan de broker levert bij herlevering hetzelfde antwoord.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from hub.berichten import Bericht, Retour
from hub.berichten.retour import Fout, Signaal
from hub.contracten.catalogus import Catalogus
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout
from hub.ontvangst import Ontvangst
from hub.toepassing import Hub
from hub.verwerking import gemeenteberichten, providerberichten
from hub.verwerking.resultaat import Resultaat

GEMEENTE = "gemeente"
POGINGEN = 3


@dataclass(frozen=True)
class Doorzending:
    """Een bericht dat de hub doorstuurt naar de inbox van een provider."""

    ontvanger: str
    bericht: dict[str, Any]


@dataclass
class Uitkomst:
    retour: dict[str, Any]
    doorzendingen: list[Doorzending] = field(default_factory=list)
    herhaling: bool = False

    @property
    def geaccepteerd(self) -> bool:
        return self.retour["status"] == "geaccepteerd"


def retour(bericht_id: UUID | str, fouten: list[Fout] | None = None, signalen: list[Signaal] | None = None) -> dict[str, Any]:
    model = Retour(
        bericht_id=bericht_id,
        status="afgewezen" if fouten else "geaccepteerd",
        fouten=fouten or [],
        signalen=signalen or [],
    )
    return model.model_dump(mode="json")


def _fout(fout: DomeinFout) -> Fout:
    return Fout(code=fout.code, veld=fout.veld, melding=fout.melding)


def sleutel(bericht: Bericht) -> str:
    """Waar het bericht over gaat; de broker ordent per sleutel."""
    traject_id = getattr(bericht, "traject_id", None)
    if traject_id is not None:
        return f"{bericht.gemeente}/{traject_id}"
    return f"{bericht.afzender}/{getattr(bericht, 'factuurnummer', bericht.bericht_id)}"


class Verwerker:
    def __init__(self, hub: Hub, catalogus: Catalogus, klok: Callable[[], datetime] | None = None):
        self.hub = hub
        self.catalogus = catalogus
        self.klok = klok or (lambda: datetime.now(timezone.utc))

    def verwerk(self, bericht: Bericht, identiteit: str) -> Uitkomst:
        """`identiteit` is de afzender die de broker heeft geauthenticeerd."""
        eerder = self.hub.zoek_ontvangst(bericht.bericht_id)
        if eerder is not None:
            return Uitkomst(eerder.retour, herhaling=True)
        for poging in range(POGINGEN):
            try:
                return self._verwerk_eenmaal(bericht, identiteit)
            except IntegrityError:
                eerder = self.hub.zoek_ontvangst(bericht.bericht_id)
                if eerder is not None:
                    return Uitkomst(eerder.retour, herhaling=True)
                if poging == POGINGEN - 1:
                    raise
        raise AssertionError("onbereikbaar")

    def weiger_onleesbaar(self, bericht_id: str | None, fouten: list[Fout]) -> Uitkomst:
        """Een bericht dat niet door het schema komt: niets vastgelegd, ook geen Ontvangst."""
        return Uitkomst(retour(bericht_id or "00000000-0000-0000-0000-000000000000", fouten))

    def _verwerk_eenmaal(self, bericht: Bericht, identiteit: str) -> Uitkomst:
        try:
            self._autoriseer(bericht, identiteit)
            resultaat = self._voer_uit(bericht)
        except DomeinFout as fout:
            antwoord = retour(bericht.bericht_id, [_fout(fout)])
            if fout.code != f.AFZENDER_ONBEVOEGD:
                self._bewaar(bericht, antwoord, [])
            return Uitkomst(antwoord)
        antwoord = retour(bericht.bericht_id, signalen=[Signaal(**s) for s in resultaat.signalen])
        self._bewaar(bericht, antwoord, resultaat.aggregates)
        doorzendingen = [Doorzending(ontvanger, inhoud) for ontvanger, inhoud in resultaat.doorsturen]
        return Uitkomst(antwoord, doorzendingen)

    def _bewaar(self, bericht: Bericht, antwoord: dict[str, Any], aggregates: list) -> None:
        ontvangst = Ontvangst(
            bericht_id=bericht.bericht_id,
            afzender=bericht.afzender,
            soort=bericht.type,
            ontvangen=self.klok(),
            retour=antwoord,
            sleutel=sleutel(bericht),
        )
        self.hub.save(*aggregates, ontvangst)

    def _autoriseer(self, bericht: Bericht, identiteit: str) -> None:
        if bericht.afzender != identiteit:
            raise DomeinFout(
                f.AFZENDER_ONBEVOEGD,
                "afzender",
                f"Afzender {bericht.afzender!r} is niet de identiteit waarmee u bent aangemeld ({identiteit!r}); "
                "stuur berichten alleen namens uzelf.",
            )
        if bericht.gemeente not in self.catalogus.partijen.gemeentecodes():
            raise DomeinFout(f.ONGELDIGE_WAARDE, "gemeente", f"Gemeente {bericht.gemeente!r} is onbekend; gebruik de gemeentecode uit de standaard.")
        is_gemeentebericht = bericht.type in gemeenteberichten.AFHANDELING
        if is_gemeentebericht and identiteit != GEMEENTE:
            raise DomeinFout(f.AFZENDER_ONBEVOEGD, "type", f"Een {bericht.type} komt van de gemeente, niet van een provider.")
        if not is_gemeentebericht and identiteit == GEMEENTE:
            raise DomeinFout(f.AFZENDER_ONBEVOEGD, "type", f"Een {bericht.type} komt van de provider van het traject.")

    def _voer_uit(self, bericht: Bericht) -> Resultaat:
        afhandeling = gemeenteberichten.AFHANDELING.get(bericht.type) or providerberichten.AFHANDELING[bericht.type]
        return afhandeling(self, bericht)
