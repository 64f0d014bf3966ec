"""Wat de klantmanager doet: een cliënt aanmelden, een plan of mutatie beoordelen, een jobcoachperiode toekennen, en
de termijnen van zijn trajecten zien.

Elk formulier wordt een bericht van de gemeente (afzender `gemeente`) en gaat door dezelfde lezer en verwerker als
een bericht uit de systemen van de gemeente (`Aanleveren`): dezelfde controles, dezelfde retourcodes, niets vastgelegd
bij een fout. De ingang krijgt de fouten per veld (de veldnaam van de berichtenstandaard, zoals `client.bsn`), zodat
ze naast het veld staan. De klantmanager werkt alleen voor zijn eigen gemeenten; de naam op een aanmelding is altijd
die van de aangemelde klantmanager.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from hub.berichten.standaard import GEMEENTE
from hub.contracten.catalogus import Catalogus
from hub.domein import fouten as f
from hub.projections.register import zoek
from hub.projections.termijnbewaking import LopendeTermijn, Termijnbewaking
from hub.toepassing.aanleveren import Aanleveren
from hub.toepassing.eventstore import Hub
from hub.toepassing.gebruikers import Profiel
from hub.toepassing.poorten import Leesmodelbron

VELDEN: dict[str, tuple[str, ...]] = {
    "aanmelding": ("trajectId", "provider", "product", "datumAanmelding", "redenVerwijzing", "client.bsn", "client.naam",
                   "client.geboortedatum", "client.clientnummer", "client.adres", "omzettingVan"),
    "planBesluit": ("trajectId", "datum", "besluit", "toelichting"),
    "mutatieBesluit": ("trajectId", "datum", "besluit", "toelichting"),
    "jobcoachToekenning": ("trajectId", "periodeId", "start", "eind", "urenToegekend", "soort"),
}
"""Per soort de velden van het formulier (naast `gemeente`), met de namen uit de berichtenstandaard."""
OPTIONEEL = {"toelichting", "omzettingVan"}

TERMIJNNAMEN = {"oproep": "oproep van de cliënt", "plan": "re-integratieplan", "besluit": "besluit over het plan",
                "mutatiebesluit": "besluit over de mutatie", "jobcoachtoekenning": "toekenning jobcoachperiode"}


@dataclass(frozen=True)
class Ingediend:
    """De retour op een formulier. `per_veld`: veld → meldingen (met de code); `overig`: fouten zonder formulierveld."""

    retour: dict[str, Any]
    per_veld: dict[str, list[str]] = field(default_factory=dict)
    overig: list[str] = field(default_factory=list)

    @property
    def geaccepteerd(self) -> bool:
        return self.retour.get("status") == "geaccepteerd"

    @property
    def signalen(self) -> list[str]:
        return [f"{s['code']}: {s['melding']}" for s in self.retour.get("signalen") or []]


@dataclass(frozen=True)
class Termijnregel:
    termijn: LopendeTermijn
    klantmanager: str
    dagen: int | None
    """dagen tot de uiterste datum (negatief: verstreken); None als er geen termijn staat"""

    @property
    def naam(self) -> str:
        return TERMIJNNAMEN.get(self.termijn.termijn, self.termijn.termijn)

    @property
    def verstreken(self) -> bool:
        return self.dagen is not None and self.dagen < 0


class Klantmanagerwerk:
    def __init__(self, aanleveren: Aanleveren, eventstore: Hub, leesmodellen: Leesmodelbron, catalogus: Catalogus,
                 klok: Callable[[], datetime]):
        self.aanleveren = aanleveren
        self.eventstore = eventstore
        self.leesmodellen = leesmodellen
        self.catalogus = catalogus
        self.klok = klok

    def dien_in(self, profiel: Profiel, soort: str, bericht_id: str, velden: Mapping[str, str]) -> Ingediend:
        """Een formulier van soort `aanmelding`, `planBesluit`, `mutatieBesluit` of `jobcoachToekenning` als bericht."""
        if soort not in VELDEN:
            raise ValueError(soort)
        gemeente = velden.get("gemeente", "")
        if not profiel.mag_gemeente(gemeente):
            melding = (f"{f.AFZENDER_ONBEVOEGD}: u werkt niet voor gemeente {gemeente!r}; kies uit "
                       f"{', '.join(self.catalogus.partijen.naam(g) for g in profiel.gemeenten)}.")
            return Ingediend({"status": "afgewezen"}, {"gemeente": [melding]})
        bericht: dict[str, Any] = {"berichtId": bericht_id, "type": soort, "versie": "1", "afzender": GEMEENTE,
                                   "gemeente": gemeente, "verzonden": self.klok().isoformat()}
        for naam in VELDEN[soort]:
            waarde = velden.get(naam, "").strip()
            if naam in OPTIONEEL and not waarde:
                continue
            doel = bericht
            *ouders, blad = naam.split(".")
            for ouder in ouders:
                doel = doel.setdefault(ouder, {})
            doel[blad] = waarde
        if soort == "aanmelding":
            bericht["klantmanager"] = profiel.naam
        aanlevering = self.aanleveren.lever_aan(json.dumps(bericht, ensure_ascii=False).encode(), GEMEENTE,
                                                profiel.als_beslisser)
        return _per_veld(aanlevering.retour, {"gemeente", *VELDEN[soort]})

    def termijnen(self, profiel: Profiel, alleen_eigen: bool = True, op: date | None = None) -> list[Termijnregel]:
        """Wat in de trajecten van de eigen gemeenten nog op een bericht wacht, de dringendste eerst; `alleen_eigen`:
        alleen de trajecten waarop deze klantmanager staat."""
        op = op or self.klok().astimezone().date()
        regels = []
        for gemeente in profiel.gemeenten:
            bewaking = zoek(self.leesmodellen.van_gemeente(gemeente, met_factuurcontrole=False), Termijnbewaking)
            assert isinstance(bewaking, Termijnbewaking)
            namen: dict[str, str] = {}
            for termijn in bewaking.lopend(gemeente, op):
                if termijn.traject_id not in namen:
                    traject = self.eventstore.zoek_traject(gemeente, termijn.traject_id)
                    namen[termijn.traject_id] = traject.klantmanager if traject is not None else ""
                if alleen_eigen and namen[termijn.traject_id] != profiel.naam:
                    continue
                dagen = (termijn.uiterlijk - op).days if termijn.uiterlijk is not None else None
                regels.append(Termijnregel(termijn, namen[termijn.traject_id], dagen))
        return sorted(regels, key=lambda r: (r.dagen is None, r.dagen or 0, r.termijn.traject_id))


def _per_veld(retour: dict[str, Any], formuliervelden: set[str]) -> Ingediend:
    per_veld: dict[str, list[str]] = {}
    overig: list[str] = []
    for fout in retour.get("fouten") or []:
        tekst = f"{fout['code']}: {fout['melding']}"
        veld = fout.get("veld") or ""
        if veld in formuliervelden:
            per_veld.setdefault(veld, []).append(tekst)
        else:
            overig.append(tekst if not veld else f"{tekst} (veld {veld})")
    return Ingediend(retour, per_veld, overig)
