"""De werkvoorraad van de managementassistent: open facturen, oudste eerst, en één factuur met haar oordeel."""

from __future__ import annotations

from dataclasses import dataclass

from hub.contracten.catalogus import Catalogus
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

    @property
    def ingekort(self) -> bool:
        return len(self.getoond) < len(self.open)


def controleer_code(waarde: str | None, bekend: set[str], optie: str) -> None:
    if waarde is not None and waarde not in bekend:
        raise Onuitvoerbaar(f"{optie} {waarde!r} is onbekend; kies uit {', '.join(sorted(bekend))}.")


class Facturenzoeker:
    def __init__(self, eventstore: Hub, leesmodellen: Leesmodelbron, catalogus: Catalogus):
        self.eventstore = eventstore
        self.leesmodellen = leesmodellen
        self.catalogus = catalogus

    def werkvoorraad(self, gemeente: str | None = None, aanbieder: str | None = None,
                     maximum: int = MAX_IN_LIJST) -> Werkvoorraad:
        """`maximum` 0 toont alle open facturen."""
        controleer_code(gemeente, self.catalogus.partijen.gemeentecodes(), "--gemeente")
        controleer_code(aanbieder, self.catalogus.partijen.providercodes(), "--aanbieder")
        open_ = [f for f in self.leesmodellen.factuurcontrole().facturen() if f.status not in (BESLOTEN, BETAALD, GECREDITEERD)
                 and gemeente in (None, f.gemeente) and aanbieder in (None, f.afzender)]
        getoond = open_[:maximum] if maximum > 0 else open_
        return Werkvoorraad(open_, getoond, gefilterd=gemeente is not None or aanbieder is not None)

    def factuur(self, nummer: str, aanbieder: str | None = None) -> Factuuroordeel:
        """Het oordeel over één factuur. De eventstore zegt bij welke gemeente ze hoort; alleen de factuurcontrole
        van die gemeente wordt bijgewerkt."""
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
