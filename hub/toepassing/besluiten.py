"""Besluiten van de managementassistent per factuurregel: goedkeuren (het gefactureerde of het verwachte bedrag),
afwijzen, de schone regels in één keer goedkeuren, en een besluit intrekken zolang de regel niet is betaald."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from hub.aggregates.factuur import AFGEWEZEN, GOEDGEKEURD, VERWACHT_GOEDGEKEURD, Factuur, Grondslag
from hub.projections.oordeel import Factuuroordeel
from hub.toepassing.eventstore import Hub
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.werkvoorraad import Facturenzoeker


@dataclass(frozen=True)
class Besloten:
    """Welke regels van welke factuur het besluit kregen; leeg als er niets te besluiten was."""

    oordeel: Factuuroordeel
    regelnummers: list[int]
    besluit: str | None


class Besluiten:
    def __init__(self, eventstore: Hub, facturen: Facturenzoeker, klok: Callable[[], datetime]):
        self.eventstore = eventstore
        self.facturen = facturen
        self.klok = klok

    # `door` is de naam van wie besluit zoals hij op het besluit staat; `door_id` zijn gebruikersnaam, als hij is
    # aangemeld (de opdrachtregel kent alleen een naam).

    def keur_goed(self, nummer: str, regels: list[int], door: str, reden: str, aanbieder: str | None = None,
                  door_id: str | None = None) -> Besloten:
        return self._besluit(nummer, aanbieder, GOEDGEKEURD, regels, door, reden, door_id=door_id)

    def keur_schoon_goed(self, nummer: str, door: str, reden: str, aanbieder: str | None = None,
                         regels: list[int] | None = None, door_id: str | None = None) -> Besloten:
        """Alle open regels zonder bevindingen (of alleen die van `regels`)."""
        return self._besluit(nummer, aanbieder, GOEDGEKEURD, regels, door, reden, alleen_schoon=True, door_id=door_id)

    def keur_verwacht_goed(self, nummer: str, regels: list[int], door: str, reden: str,
                           aanbieder: str | None = None, door_id: str | None = None) -> Besloten:
        return self._besluit(nummer, aanbieder, VERWACHT_GOEDGEKEURD, regels, door, reden, door_id=door_id)

    def wijs_af(self, nummer: str, regels: list[int], door: str, reden: str, aanbieder: str | None = None,
                door_id: str | None = None) -> Besloten:
        return self._besluit(nummer, aanbieder, AFGEWEZEN, regels, door, reden, door_id=door_id)

    def corrigeer(self, nummer: str, regels: list[int], door: str, reden: str, aanbieder: str | None = None,
                  door_id: str | None = None) -> Besloten:
        oordeel = self.facturen.factuur(nummer, aanbieder)
        nummers = _bestaande_regels(oordeel, regels)
        factuur = self._aggregate(oordeel)
        op = self.klok()
        for n in nummers:
            factuur.corrigeer_besluit(n, door, reden, op, door_id)
        self.eventstore.save(factuur)
        return Besloten(oordeel, nummers, None)

    def _besluit(self, nummer: str, aanbieder: str | None, besluit: str, regels: list[int] | None, door: str,
                 reden: str, alleen_schoon: bool = False, door_id: str | None = None) -> Besloten:
        oordeel = self.facturen.factuur(nummer, aanbieder)
        if regels:
            nummers = _bestaande_regels(oordeel, regels)
        elif alleen_schoon:
            nummers = [r.regelnummer for r in oordeel.open_regels]
        else:
            raise Onuitvoerbaar("Noem de regels met --regel N, of kies --schoon om alle regels zonder bevindingen "
                                "goed te keuren.")
        if alleen_schoon:
            nummers = [n for n in nummers if _schoon_en_open(oordeel, n)]
        if not nummers:
            return Besloten(oordeel, [], besluit)
        factuur = self._aggregate(oordeel)
        op = self.klok()
        for n in nummers:
            factuur.besluit(n, besluit, _bedrag(besluit, oordeel, factuur, n), door, reden, op, _grondslag(oordeel, n),
                            door_id)
        self.eventstore.save(factuur)
        return Besloten(oordeel, nummers, besluit)

    def _aggregate(self, oordeel: Factuuroordeel) -> Factuur:
        factuur = self.eventstore.zoek_factuur(oordeel.afzender, oordeel.factuurnummer)
        assert factuur is not None, "het oordeel komt uit de eventstore"
        return factuur


def _bestaande_regels(oordeel: Factuuroordeel, regels: list[int]) -> list[int]:
    onbekend = [n for n in regels if oordeel.regel(n) is None]
    if onbekend:
        raise Onuitvoerbaar(f"Factuur {oordeel.factuurnummer} heeft geen regel {', '.join(map(str, onbekend))}; "
                            f"de regels zijn {', '.join(str(r.regelnummer) for r in oordeel.regels)}.")
    return list(dict.fromkeys(regels))


def _grondslag(oordeel: Factuuroordeel, n: int) -> Grondslag:
    """Wat de beslisser zag: dat gaat mee in het besluit, als bewijs dat niet meer verandert."""
    regel = oordeel.regel(n)
    assert regel is not None
    return Grondslag(gefactureerd=regel.gefactureerd, verwacht=regel.verwacht, btw_verwacht=regel.btw_verwacht,
                     bevindingen=list(regel.bevindingen), prijsafspraak=regel.prijsafspraak)


def _schoon_en_open(oordeel: Factuuroordeel, n: int) -> bool:
    regel = oordeel.regel(n)
    return regel is not None and regel.schoon and regel.besluit is None


def _bedrag(besluit: str, oordeel: Factuuroordeel, factuur: Factuur, n: int) -> Decimal:
    """Wat het besluit betaalt (excl. BTW): niets bij afwijzen, anders het verwachte of het gefactureerde bedrag."""
    regel = oordeel.regel(n)
    assert regel is not None
    if besluit == AFGEWEZEN:
        return Decimal("0.00")
    if besluit == VERWACHT_GOEDGEKEURD:
        return regel.verwacht
    if factuur.regel(n).bedrag is None:
        raise Onuitvoerbaar(f"Regel {n} noemt geen bedrag; keur het verwachte bedrag goed (keur-verwacht-goed) "
                            "of wijs de regel af.")
    return regel.gefactureerd
