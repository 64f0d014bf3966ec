"""De contracten zoals de inkoper ze nakijkt en bijhoudt.

De contractbestanden zijn de beginstand; wat de inkoper daarna vastlegt (een prijs, een indexatie, een budget,
een doelstelling, een einddatum) staat als events in het dossier van het contract (`aggregates/contract.py`).
De geldende contracten zijn de bestanden met daarover de dossiers. Elke wijziging toont eerst welke onbesliste
factuurregels er een ander oordeel door krijgen; pas met `toepassen` wordt ze vastgelegd. Besliste regels houden
het oordeel waarop besloten is (de grondslag op `RegelBesloten`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from eventsourcing.persistence import IntegrityError

from hub.aggregates.contract import Contractdossier
from hub.contracten.catalogus import Catalogus, OverlapFout
from hub.contracten.model import Contract
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout
from hub.domein.geld import euro
from hub.toepassing.eventstore import Hub
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.poorten import Leesmodelbron

BEGINSTAND = "beginstand uit het contractbestand, vastgelegd bij de eerste wijziging in de hub"


@dataclass(frozen=True)
class Contractcontrole:
    contracten: int
    producten: int
    in_de_hub: list[str] = field(default_factory=list)
    """Contracten met een dossier in de hub: een gewijzigd bestand telt voor die contracten niet meer."""


@dataclass(frozen=True)
class Oordeelswijziging:
    """Een onbesliste factuurregel die door de wijziging een ander oordeel krijgt."""

    gemeente: str
    afzender: str
    factuurnummer: str
    regelnummer: int
    product: str | None
    gefactureerd: Decimal
    verwacht_nu: Decimal
    verwacht_straks: Decimal
    bevindingen_nu: list[str]
    bevindingen_straks: list[str]


@dataclass(frozen=True)
class Contractwijziging:
    contract: str
    omschrijving: str
    regels: list[Oordeelswijziging]
    toegepast: bool


@dataclass(frozen=True)
class Dossierregel:
    op: datetime
    wat: str
    door: str
    reden: str


def geldende_catalogus(eventstore: Hub, bestanden: Catalogus) -> Catalogus:
    """De contractbestanden met daarover wat de inkoper in de hub vastlegde."""
    contracten = []
    for contract in bestanden.contracten:
        dossier = eventstore.zoek_contractdossier(contract.id)
        contracten.append(dossier.contract if dossier is not None else contract)
    return Catalogus(bestanden.partijen, contracten)


def _oordeelswijzigingen(nu: Any, straks: Any, provider: str) -> list[Oordeelswijziging]:
    straks_per_factuur = {(o.afzender, o.factuurnummer): o for o in straks.facturen()}
    uit = []
    for oordeel in nu.facturen():
        if oordeel.afzender != provider:
            continue
        ander = straks_per_factuur.get((oordeel.afzender, oordeel.factuurnummer))
        if ander is None:
            continue
        for regel in oordeel.open_regels:
            nieuw = ander.regel(regel.regelnummer)
            if nieuw is None:
                continue
            codes_nu = [b.code for b in regel.bevindingen]
            codes_straks = [b.code for b in nieuw.bevindingen]
            if (regel.verwacht, codes_nu) != (nieuw.verwacht, codes_straks):
                uit.append(Oordeelswijziging(oordeel.gemeente, oordeel.afzender, oordeel.factuurnummer, regel.regelnummer,
                                             regel.product, regel.gefactureerd, regel.verwacht, nieuw.verwacht,
                                             codes_nu, codes_straks))
    return uit


class Contractbeheer:
    """`laad(map)` leest en valideert de contractbestanden (map None: de ingestelde) en meldt een fout in een contract
    met een uitzondering die zegt welk bestand en welk veld. De wijzigingen vragen de eventstore, de geldende
    catalogus (die na een wijziging ter plekke bijgewerkt wordt, zodat iedereen die haar vasthoudt meegaat), de
    leesmodellen voor het voorbeeld en de klok."""

    def __init__(self, laad: Callable[[Path | None], Catalogus], eventstore: Callable[[], Hub] | None = None,
                 catalogus: Callable[[], Catalogus] | None = None, leesmodellen: Callable[[], Leesmodelbron] | None = None,
                 klok: Callable[[], datetime] | None = None):
        self.laad = laad
        self._eventstore = eventstore
        self._catalogus = catalogus
        self._leesmodellen = leesmodellen
        self._klok = klok

    def controleer(self, map_: Path | None = None) -> Contractcontrole:
        catalogus = self.laad(map_)
        return Contractcontrole(len(catalogus.contracten), sum(len(c.producten) for c in catalogus.contracten))

    def catalogus(self, map_: Path | None = None) -> Catalogus:
        """De contracten uit de bestanden in `map_`; zonder map de geldende contracten (met de wijzigingen uit de hub)."""
        if map_ is None and self._catalogus is not None:
            return self._catalogus()
        return self.laad(map_)

    def ververs(self) -> bool:
        """Neemt wijzigingen over die een ander proces (de webapplicatie, de opdrachtregel) vastlegde; True als er iets
        veranderde. Een draaiende hub doet dit geregeld."""
        hub, catalogus = self._onderdelen()
        nieuw = geldende_catalogus(hub, self.laad(None))
        if nieuw.contracten == catalogus.contracten:
            return False
        catalogus.vervang(nieuw.contracten)
        return True

    def in_de_hub(self) -> list[str]:
        assert self._eventstore is not None and self._catalogus is not None
        hub = self._eventstore()
        return [c.id for c in self._catalogus().contracten
                if hub.zoek_contractdossier(c.id) is not None]

    # --- wijzigingen

    def stel_prijs_vast(self, contract: str, product: str, bedrag: Decimal, van: date, tot: date | None, door: str,
                        reden: str, toepassen: bool = False, gemeenten: Iterable[str] | None = None) -> Contractwijziging:
        tekst = f"{product}: prijs {euro(bedrag)} van {van:%d-%m-%Y}" + (f" t/m {tot:%d-%m-%Y}" if tot else "")
        return self._wijzig(contract, tekst, toepassen,
                            lambda d, op: d.stel_prijs_vast(product, bedrag, van, tot, door, reden, op), door, reden,
                            gemeenten)

    def indexeer(self, contract: str, product: str, percentage: Decimal, per: date, tot: date | None, door: str,
                 reden: str, toepassen: bool = False, gemeenten: Iterable[str] | None = None) -> Contractwijziging:
        nieuw: list[Decimal] = []
        uitkomst = self._wijzig(contract, "", toepassen,
                                lambda d, op: nieuw.append(d.indexeer(product, percentage, per, tot, door, reden, op)),
                                door, reden, gemeenten)
        tekst = f"{product}: geïndexeerd met {_procent(percentage)} % per {per:%d-%m-%Y}, nieuwe prijs {euro(nieuw[0])}"
        return Contractwijziging(uitkomst.contract, tekst, uitkomst.regels, uitkomst.toegepast)

    def beeindig(self, contract: str, per: date, door: str, reden: str, toepassen: bool = False,
                 gemeenten: Iterable[str] | None = None) -> Contractwijziging:
        return self._wijzig(contract, f"contract eindigt op {per:%d-%m-%Y}", toepassen,
                            lambda d, op: d.wijzig_looptijd(per, door, reden, op), door, reden, gemeenten)

    def wijzig_looptijd(self, contract: str, tot: date | None, door: str, reden: str,
                        toepassen: bool = False, gemeenten: Iterable[str] | None = None) -> Contractwijziging:
        tekst = f"contract loopt tot en met {tot:%d-%m-%Y}" if tot else "contract loopt zonder einddatum"
        return self._wijzig(contract, tekst, toepassen, lambda d, op: d.wijzig_looptijd(tot, door, reden, op), door, reden,
                            gemeenten)

    def stel_plafond_vast(self, contract: str, jaar: int | None, gemeente: str | None, bedrag: Decimal | None,
                          aantal: int | None, omschrijving: str, door: str, reden: str,
                          toepassen: bool = False, gemeenten: Iterable[str] | None = None) -> Contractwijziging:
        plafond = {"jaar": jaar, "gemeente": gemeente, "bedrag": str(bedrag) if bedrag is not None else None,
                   "aantal": aantal, "omschrijving": omschrijving}
        wat = euro(bedrag) if bedrag is not None else f"{aantal} cliënten"
        tekst = f"budget {omschrijving or ''} {wat} voor {jaar or 'elk jaar'}".replace("  ", " ")
        return self._wijzig(contract, tekst, toepassen, lambda d, op: d.stel_plafond_vast(plafond, door, reden, op),
                            door, reden, gemeenten)

    def stel_afspraak_vast(self, contract: str, veld: str, waarde: Any, door: str, reden: str,
                           toepassen: bool = False, gemeenten: Iterable[str] | None = None) -> Contractwijziging:
        """Een doelstelling, verdeelsleutel of resultaatdoelen als geheel (zoals het contractbestand ze schrijft)."""
        return self._wijzig(contract, f"{veld} vastgesteld", toepassen,
                            lambda d, op: d.stel_afspraak_vast(veld, waarde, door, reden, op), door, reden, gemeenten)

    def dossier(self, contract: str) -> list[Dossierregel]:
        """Wat er met het contract gebeurde, met wie en waarom (leeg: het contract is zoals het bestand)."""
        hub, catalogus = self._onderdelen()
        self._bestaand(catalogus, contract)
        dossier = hub.zoek_contractdossier(contract)
        if dossier is None:
            return []
        regels = []
        for gebeurd in hub.repository.event_store.get(dossier.id):
            e: Any = gebeurd
            regels.append(Dossierregel(e.op, _beschrijf(e), e.door, e.reden))
        return regels

    def _onderdelen(self) -> tuple[Hub, Catalogus]:
        if self._eventstore is None or self._catalogus is None:
            raise Onuitvoerbaar("Contracten wijzigen kan alleen met een eventstore; start de hub met een datamap.")
        return self._eventstore(), self._catalogus()

    @staticmethod
    def _bestaand(catalogus: Catalogus, contract: str) -> Contract:
        gevonden = catalogus.contract(contract)
        if gevonden is None:
            raise Onuitvoerbaar(f"Contract {contract!r} bestaat niet; kies uit {', '.join(c.id for c in catalogus.contracten)}.")
        return gevonden

    def _wijzig(self, contract_id: str, omschrijving: str, toepassen: bool,
                commando: Callable[[Contractdossier, datetime], Any], door: str, reden: str,
                gemeenten: Iterable[str] | None = None) -> Contractwijziging:
        """`gemeenten`: die van de inkoper (de webapplicatie geeft ze mee); hij wijzigt alleen een contract dat alleen
        over zijn gemeenten gaat. Zonder: de beheerder op de server."""
        hub, catalogus = self._onderdelen()
        huidig = self._bestaand(catalogus, contract_id)
        if gemeenten is not None and not set(huidig.gemeenten) <= set(gemeenten):
            raise Onuitvoerbaar(f"Contract {contract_id} geldt ook voor {', '.join(sorted(set(huidig.gemeenten) - set(gemeenten)))}; "
                                "alleen een inkoper van al die gemeenten kan het wijzigen.")
        op = self._klok() if self._klok else datetime.now().astimezone()
        dossier = hub.zoek_contractdossier(contract_id)
        if dossier is None:
            if not door.strip():
                raise DomeinFout(f.VERPLICHT_VELD, "door", "Noem wie de wijziging doet.")
            dossier = Contractdossier.leg_beginstand_vast(huidig, door, BEGINSTAND, op)
        commando(dossier, op)
        nieuw = dossier.contract
        try:
            straks = catalogus.met(nieuw)
        except OverlapFout as fout:
            raise DomeinFout(f.PERIODE_OVERLAPT, "contract", str(fout)) from fout
        regels = self._voorbeeld(catalogus, straks, nieuw)
        if toepassen:
            try:
                hub.save(dossier)
            except IntegrityError:
                raise Onuitvoerbaar(f"Iemand anders wijzigde tegelijk contract {contract_id}; er is niets vastgelegd. "
                                    "Bekijk het dossier en probeer het opnieuw.") from None
            catalogus.vervang(straks.contracten)
        return Contractwijziging(contract_id, omschrijving, regels, toepassen)

    def _voorbeeld(self, nu: Catalogus, straks: Catalogus, contract: Contract) -> list[Oordeelswijziging]:
        if self._leesmodellen is None:
            return []
        leesmodellen = self._leesmodellen()
        gemeenten = [g for g in contract.gemeenten if g in nu.partijen.gemeentecodes()]
        huidig = Catalogus(nu.partijen, nu.contracten)
        return _oordeelswijzigingen(leesmodellen.factuurcontrole_met(huidig, gemeenten),
                                    leesmodellen.factuurcontrole_met(straks, gemeenten), contract.provider)


def _beschrijf(e: Any) -> str:
    if isinstance(e, Contractdossier.BeginstandVastgelegd):
        return "beginstand uit het contractbestand"
    if isinstance(e, Contractdossier.PrijsVastgesteld):
        periode = f" t/m {e.geldig_tot:%d-%m-%Y}" if e.geldig_tot else ""
        return f"prijs {e.product} {euro(e.bedrag)} vanaf {e.geldig_van:%d-%m-%Y}{periode}"
    if isinstance(e, Contractdossier.Geindexeerd):
        return f"{e.product} geïndexeerd met {_procent(e.percentage)} % per {e.per:%d-%m-%Y}: {euro(e.bedrag)}"
    if isinstance(e, Contractdossier.LooptijdGewijzigd):
        return f"looptijd tot en met {e.geldig_tot:%d-%m-%Y}" if e.geldig_tot else "looptijd zonder einddatum"
    if isinstance(e, Contractdossier.PlafondVastgesteld):
        p = e.plafond
        wat = euro(Decimal(p["bedrag"])) if p.get("bedrag") else f"{p.get('aantal')} cliënten"
        return f"budget {p.get('omschrijving') or ''} {wat} ({p.get('jaar') or 'elk jaar'})"
    if isinstance(e, Contractdossier.AfspraakVastgesteld):
        return f"{e.veld} vastgesteld"
    return type(e).__name__


def _procent(waarde: Decimal) -> str:
    return str(waarde).replace(".", ",")
