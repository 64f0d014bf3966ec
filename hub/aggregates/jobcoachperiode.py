"""Een periode van jobcoaching of interne werkbegeleiding: aanvraag, toekenning en urenverantwoording."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from hub.aggregates import stabiel_id
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout
from hub.domein.kalender import plus_dagen, plus_maanden

SOORTEN = ("jobcoaching", "interneWerkbegeleiding")
MAXIMUM_PERIODES = 4
MAXIMUM_MET_VERLENGING = 6
DUUR_MAANDEN = {"jobcoaching": 6, "interneWerkbegeleiding": 12}


def periode_uuid(gemeente: str, periode_id: str) -> UUID:
    return stabiel_id("jobcoachperiode", gemeente, periode_id)


def _overlappen(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["start"] <= b["eind"] and b["start"] <= a["eind"]


def controleer_periode(soort: str, start: date, eind: date, veld: str = "eind") -> None:
    if soort not in SOORTEN:
        raise DomeinFout(f.ONGELDIGE_WAARDE, "soort", f"Soort moet {' of '.join(SOORTEN)} zijn, niet {soort!r}.")
    if eind < start:
        raise DomeinFout(f.ONGELDIGE_WAARDE, veld, "Het einde van de periode ligt vóór de start; controleer de datums.")
    uiterlijk = plus_dagen(plus_maanden(start, DUUR_MAANDEN[soort]), -1)
    if eind > uiterlijk:
        duur = "een half jaar" if soort == "jobcoaching" else "een jaar"
        raise DomeinFout(
            f.ONGELDIGE_WAARDE, veld, f"Een periode {soort} duurt ten hoogste {duur}: uiterlijk t/m {uiterlijk:%d-%m-%Y}."
        )


def controleer_nieuwe_periode(bestaande: list[dict[str, Any]], nieuw: dict[str, Any]) -> None:
    """Ten hoogste 4 periodes jobcoaching, met bijzondere omstandigheden 6; nooit twee vormen van steun tegelijk.

    `bestaande` en `nieuw` zijn dicts met periode_id, soort, start, eind en (nieuw) bijzondere_omstandigheden.
    """
    controleer_periode(nieuw["soort"], nieuw["start"], nieuw["eind"])
    if any(p["periode_id"] == nieuw["periode_id"] for p in bestaande):
        raise DomeinFout(f.DUBBELE_MELDING, "periodeId", f"Periode {nieuw['periode_id']} is al aangevraagd.")
    for periode in bestaande:
        if _overlappen(periode, nieuw):
            wat = "dezelfde steun" if periode["soort"] == nieuw["soort"] else f"{periode['soort']}"
            raise DomeinFout(
                f.PERIODE_OVERLAPT,
                "start",
                f"Deze periode overlapt met periode {periode['periode_id']} ({wat}, {periode['start']:%d-%m-%Y} t/m "
                f"{periode['eind']:%d-%m-%Y}); twee vormen van persoonlijke ondersteuning tegelijk kan niet.",
            )
    if nieuw["soort"] != "jobcoaching":
        return
    aantal = sum(1 for p in bestaande if p["soort"] == "jobcoaching")
    if aantal >= MAXIMUM_MET_VERLENGING:
        raise DomeinFout(
            f.MAXIMUM_PERIODES,
            "periodeId",
            f"Er zijn al {aantal} periodes jobcoaching; meer dan {MAXIMUM_MET_VERLENGING} kan niet. Overweeg een andere vorm van ondersteuning.",
        )
    if aantal >= MAXIMUM_PERIODES and not (nieuw.get("bijzondere_omstandigheden") or "").strip():
        raise DomeinFout(
            f.MAXIMUM_PERIODES,
            "bijzondereOmstandigheden",
            f"Er zijn al {aantal} periodes jobcoaching; een 5e of 6e periode kan alleen bij bijzondere omstandigheden. Beschrijf die.",
        )



@dataclass(frozen=True)
class Urenregel:
    """Eén dag van een urenverantwoording: hoeveel uur en wat er gedaan is."""

    datum: date
    uren: Decimal
    activiteit: str

    @classmethod
    def uit_versie_1(cls, regel: dict[str, Any]) -> Urenregel:
        datum = regel["datum"]
        return cls(datum if isinstance(datum, date) else date.fromisoformat(str(datum)[:10]),
                   Decimal(str(regel["uren"])), str(regel.get("activiteit", "")))

class Jobcoachperiode(Aggregate):
    @staticmethod
    def create_id(gemeente: str, periode_id: str, **_: Any) -> UUID:
        return periode_uuid(gemeente, periode_id)

    class Aangevraagd(Aggregate.Created):
        gemeente: str
        periode_id: str
        traject_id: str
        provider: str
        soort: str
        start: date
        eind: date
        uren_gepland: Decimal
        jobcoachplan_ref: str
        werkgever: str
        bijzondere_omstandigheden: str | None
        datum_aanvraag: date

    @event(Aangevraagd)
    def __init__(
        self,
        gemeente: str,
        periode_id: str,
        traject_id: str,
        provider: str,
        soort: str,
        start: date,
        eind: date,
        uren_gepland: Decimal,
        jobcoachplan_ref: str,
        werkgever: str,
        bijzondere_omstandigheden: str | None,
        datum_aanvraag: date,
    ) -> None:
        self.gemeente = gemeente
        self.periode_id = periode_id
        self.traject_id = traject_id
        self.provider = provider
        self.soort = soort
        self.start = start
        self.eind = eind
        self.uren_gepland = uren_gepland
        self.datum_aanvraag = datum_aanvraag
        self.toekenning: dict[str, Any] | None = None
        self.verantwoordingen: list[dict[str, Any]] = []

    @property
    def uren_verantwoord(self) -> Decimal:
        return sum((r.uren for v in self.verantwoordingen for r in v["regels"]), Decimal(0))

    @property
    def uren_toegekend(self) -> Decimal:
        return Decimal(self.toekenning["uren_toegekend"]) if self.toekenning else Decimal(0)

    def ken_toe(self, start: date, eind: date, uren_toegekend: Decimal, soort: str, door: str | None = None,
                door_id: str | None = None) -> None:
        """`door`, `door_id`: wie in de webapplicatie toekende; leeg bij een bericht uit de systemen van de gemeente."""
        if self.toekenning is not None:
            raise DomeinFout(f.DUBBELE_MELDING, "periodeId", f"Periode {self.periode_id} is al toegekend.")
        if soort != self.soort:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "soort", f"De aanvraag was voor {self.soort}, de toekenning voor {soort}.")
        controleer_periode(soort, start, eind)
        if uren_toegekend <= 0:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "urenToegekend", "Ken een positief aantal uren toe.")
        self._toegekend(start, eind, uren_toegekend, soort, door, door_id)

    class Toegekend(Aggregate.Event):
        class_version = 2

        start: date
        eind: date
        uren_toegekend: Decimal
        soort: str
        door: str | None
        door_id: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Versie 1 kwam alleen uit berichten van de gemeente: geen persoon bekend."""
            state["door"] = state["door_id"] = None

    @event(Toegekend)
    def _toegekend(self, start: date, eind: date, uren_toegekend: Decimal, soort: str, door: str | None,
                   door_id: str | None) -> None:
        self.toekenning = {"start": start, "eind": eind, "uren_toegekend": uren_toegekend}
        self.start, self.eind = start, eind

    def verantwoord_uren(
        self,
        regels: list[Urenregel],
        afwijkingen: str,
        ondertekend: dict[str, bool],
        doelen_bereikt: str,
        datum_ontvangen: date,
    ) -> None:
        """`regels`: datum, uren, activiteit. Getekend door jobcoach, werkgever en werknemer."""
        if self.toekenning is None:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "periodeId", f"Periode {self.periode_id} is nog niet toegekend; verantwoord uren na de toekenning.")
        if not regels:
            raise DomeinFout(f.VERPLICHT_VELD, "regels", "Een urenverantwoording bevat uren per datum met de verrichte werkzaamheden.")
        for wie in ("jobcoach", "werkgever", "werknemer"):
            if not ondertekend.get(wie):
                raise DomeinFout(f.VERPLICHT_VELD, f"ondertekend.{wie}", f"De urenverantwoording moet ook door de {wie} ondertekend zijn.")
        for i, regel in enumerate(regels):
            if not self.start <= regel.datum <= self.eind:
                raise DomeinFout(
                    f.ONGELDIGE_WAARDE,
                    f"regels[{i}].datum",
                    f"{regel.datum:%d-%m-%Y} valt buiten de toegekende periode {self.start:%d-%m-%Y} t/m {self.eind:%d-%m-%Y}.",
                )
            if not Decimal(0) < regel.uren <= Decimal(24):
                raise DomeinFout(f.ONGELDIGE_WAARDE, f"regels[{i}].uren", "Uren per dag liggen tussen 0 en 24.")
            if not regel.activiteit.strip():
                raise DomeinFout(f.VERPLICHT_VELD, f"regels[{i}].activiteit", "Beschrijf per datum de verrichte werkzaamheden.")
        self._verantwoord(list(regels), afwijkingen, dict(ondertekend), doelen_bereikt, datum_ontvangen)

    class UrenVerantwoord(Aggregate.Event):
        """Versie 2: de regels als `Urenregel`; versie 1 bewaarde ze als dicts."""

        class_version = 2
        regels: list[Urenregel]
        afwijkingen: str
        ondertekend: dict[str, bool]
        doelen_bereikt: str
        datum_ontvangen: date

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["regels"] = [Urenregel.uit_versie_1(r) for r in state["regels"]]

    @event(UrenVerantwoord)
    def _verantwoord(
        self, regels: list[Urenregel], afwijkingen: str, ondertekend: dict[str, bool], doelen_bereikt: str, datum_ontvangen: date
    ) -> None:
        self.verantwoordingen.append({"regels": regels, "datum_ontvangen": datum_ontvangen})
