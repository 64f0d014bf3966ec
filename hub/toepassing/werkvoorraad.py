"""De werkvoorraad van de managementassistent: open facturen, oudste eerst, en één factuur met haar oordeel."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from hub.contracten.catalogus import Catalogus
from hub.domein.bevinding import NAMEN as BEVINDING_NAAM  # noqa: F401 - de namen staan bij de bevinding
from hub.domein.bevinding import naam as bevinding_naam  # noqa: F401
from hub.projections.oordeel import BESLOTEN, BETAALD, GECREDITEERD, Factuuroordeel
from hub.toepassing.eventstore import Hub
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.poorten import Leesmodelbron

MAX_IN_LIJST = 50


@dataclass(frozen=True)
class Werkvoorraad:
    open: list[Factuuroordeel]
    getoond: list[Factuuroordeel]
    gefilterd: bool
    vandaag: date | None = None
    bevindingen: list[str] = field(default_factory=list)
    """De codes van de bevindingen op de open facturen (vóór het filter op bevinding en leeftijd), om op te filteren."""

    @property
    def ingekort(self) -> bool:
        return len(self.getoond) < len(self.open)

    def leeftijd(self, factuur: Factuuroordeel) -> int | None:
        """Dagen sinds de factuur binnenkwam."""
        return leeftijd(factuur, self.vandaag) if self.vandaag else None


def leeftijd(factuur: Factuuroordeel, vandaag: date) -> int:
    ontvangen = factuur.ontvangen.astimezone().date() if factuur.ontvangen else factuur.factuurdatum
    return (vandaag - ontvangen).days


def controleer_code(waarde: str | None, bekend: set[str], optie: str) -> None:
    if waarde is not None and waarde not in bekend:
        raise Onuitvoerbaar(f"{optie} {waarde!r} is onbekend; kies uit {', '.join(sorted(bekend))}.")


class Facturenzoeker:
    def __init__(self, eventstore: Hub, leesmodellen: Leesmodelbron, catalogus: Catalogus,
                 klok: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.eventstore = eventstore
        self.leesmodellen = leesmodellen
        self.catalogus = catalogus
        self.klok = klok

    def werkvoorraad(self, gemeente: str | None = None, aanbieder: str | None = None,
                     maximum: int = MAX_IN_LIJST, bevinding: str | None = None, ouder_dan: int | None = None,
                     gemeenten: Collection[str] | None = None) -> Werkvoorraad:
        """`maximum` 0 toont alle open facturen. `bevinding`: alleen facturen met een regel met deze bevinding;
        `ouder_dan`: alleen facturen die meer dan zoveel dagen geleden binnenkwamen; `gemeenten`: alleen facturen aan
        deze gemeenten (waarvoor de gebruiker werkt)."""
        controleer_code(gemeente, self.catalogus.partijen.gemeentecodes(), "--gemeente")
        controleer_code(aanbieder, self.catalogus.partijen.providercodes(), "--aanbieder")
        if ouder_dan is not None and ouder_dan < 0:
            raise Onuitvoerbaar("Een leeftijd in dagen is 0 of meer.")
        vandaag = self.klok().astimezone().date()
        open_ = [f for f in self.leesmodellen.factuurcontrole().facturen() if f.status not in (BESLOTEN, BETAALD, GECREDITEERD)
                 and gemeente in (None, f.gemeente) and aanbieder in (None, f.afzender)
                 and (gemeenten is None or f.gemeente in gemeenten)]
        codes = sorted(frozenset[str]().union(*(f.bevindingcodes for f in open_)))
        open_ = [f for f in open_
                 if (bevinding is None or any(b.code == bevinding for r in f.open_regels for b in r.bevindingen))
                 and (ouder_dan is None or leeftijd(f, vandaag) > ouder_dan)]
        getoond = open_[:maximum] if maximum > 0 else open_
        gefilterd = any(v is not None for v in (gemeente, aanbieder, bevinding, ouder_dan))
        return Werkvoorraad(open_, getoond, gefilterd, vandaag, codes)

    def factuur(self, nummer: str, aanbieder: str | None = None) -> Factuuroordeel:
        """Het oordeel over één factuur, uit de bijgewerkte factuurcontroles; met een onbekend nummer of zonder aanbieder
        zegt de eventstore bij welke aanbieder en gemeente ze hoort."""
        if aanbieder:
            bekend = self.leesmodellen.factuurcontrole().oordeel(aanbieder, nummer)
            if bekend is not None:
                return bekend
        kandidaten = [aanbieder] if aanbieder else sorted(self.catalogus.partijen.providercodes())
        gevonden = [(a, f.gemeente) for a in kandidaten if (f := self.eventstore.zoek_factuur(a, nummer)) is not None]
        if len(gevonden) > 1:
            raise Onuitvoerbaar(f"Factuurnummer {nummer} komt voor bij {', '.join(a for a, _ in gevonden)}; "
                                "kies de aanbieder met --aanbieder.")
        if not gevonden:
            bij = f" van {aanbieder}" if aanbieder else ""
            raise Onuitvoerbaar(f"Factuur {nummer}{bij} is onbekend; zoek het nummer op met `hub factuur lijst`.")
        [(afzender, gemeente)] = gevonden
        oordeel = self.leesmodellen.factuurcontrole([gemeente]).oordeel(afzender, nummer)
        if oordeel is None:
            raise Onuitvoerbaar(f"Factuur {nummer} van {afzender} staat nog niet in de factuurcontrole; "
                                "probeer het zo opnieuw.")
        return oordeel
