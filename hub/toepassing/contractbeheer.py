"""De contracten zoals de inkoper ze nakijkt en bijhoudt.

De contractbestanden zijn de beginstand; wat de inkoper daarna vastlegt (een prijs, een indexatie, een budget,
een doelstelling, een einddatum, een nieuw contract) staat als events in het dossier van het contract
(`aggregates/contract.py`). De geldende contracten zijn de bestanden met daarover de dossiers, en de contracten die
alleen een dossier hebben (`aggregates/contractregister.py`). Elke wijziging toont eerst welke onbesliste
factuurregels er een ander oordeel door krijgen; pas met `toepassen` wordt ze vastgelegd. Besliste regels houden
het oordeel waarop besloten is (de grondslag op `RegelBesloten`).

Heeft een contract een dossier, dan is het dossier het contract. Wijkt het bestand af van wat het dossier eruit
overnam, dan meldt `afwijkingen` dat (`hub contracten controleer`, de start van `hub serve`) tot de inkoper het
bestand overneemt (`importeer`).
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
from hub.aggregates.contractregister import Contractregister
from hub.contracten.catalogus import Catalogus, OverlapFout
from hub.contracten.model import Contract, Partijen
from hub.contracten.verschil import raakt, verschillen
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout
from hub.domein.geld import euro
from hub.toepassing.eventstore import Hub
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.poorten import Leesmodelbron

BEGINSTAND = "beginstand uit het contractbestand, vastgelegd bij de eerste wijziging in de hub"


@dataclass(frozen=True)
class Bestandsafwijking:
    """Een contractbestand dat afwijkt van wat het dossier in de hub eruit overnam: het telt pas na `importeer`."""

    contract: str
    velden: list[str]
    botsingen: list[str] = field(default_factory=list)
    """Velden die ook in de hub gewijzigd zijn, anders dan het bestand zegt: eerst het bestand aanpassen."""
    ontbreekt: bool = False
    """Het bestand is weg; het contract geldt zoals in het dossier."""

    @property
    def melding(self) -> str:
        if self.ontbreekt:
            return (f"Contract {self.contract}: het contractbestand ontbreekt; het contract geldt zoals in het dossier "
                    "(hub contracten dossier).")
        tekst = (f"Contract {self.contract}: het contractbestand wijkt af van het dossier in de hub in "
                 f"{', '.join(self.velden)}; die wijziging telt niet tot de inkoper haar overneemt met "
                 f"`hub contracten importeer {self.contract} --gebruiker NAAM --reden \"…\"`.")
        if self.botsingen:
            tekst += (f" Let op: {', '.join(self.botsingen)} is in de hub al anders gewijzigd; neem die stand eerst over "
                      "in het bestand.")
        return tekst


@dataclass(frozen=True)
class Contractcontrole:
    contracten: int
    producten: int
    in_de_hub: list[str] = field(default_factory=list)
    """Contracten met een dossier in de hub: een gewijzigd bestand telt voor die contracten pas na `importeer`."""
    afwijkingen: list[Bestandsafwijking] = field(default_factory=list)


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
class Contractoverzicht:
    contract: Contract
    wijzigbaar: bool
    """Alle gemeenten van het contract zijn die van de inkoper."""


@dataclass(frozen=True)
class Dossierregel:
    op: datetime
    wat: str
    door: str
    reden: str


def geldende_catalogus(eventstore: Hub, bestanden: Catalogus) -> Catalogus:
    """De contractbestanden met daarover wat de inkoper in de hub vastlegde, en daarna de contracten die alleen in
    de hub staan. Een bestand dat botst met een contract dat alleen in de hub staat, houdt de hub tegen: welke prijs
    geldt, kan hij dan niet weten."""
    contracten = []
    for contract in bestanden.contracten:
        dossier = eventstore.zoek_contractdossier(contract.id)
        contracten.append(dossier.contract if dossier is not None else contract)
    register = eventstore.zoek_contractregister()
    for contract_id in register.contracten if register is not None else {}:
        if bestanden.contract(contract_id) is None:
            dossier = eventstore.zoek_contractdossier(contract_id)
            if dossier is not None:
                contracten.append(dossier.contract)
    try:
        return Catalogus(bestanden.partijen, contracten)
    except OverlapFout as fout:
        raise Onuitvoerbaar(f"De contractbestanden botsen met een contract in de hub: {fout}. Pas het bestand aan of "
                            "haal het weg (de hub houdt zijn eigen contract); `hub contracten dossier ID` toont wat "
                            "er in de hub staat.") from None


def bestandsafwijkingen(eventstore: Hub, bestanden: Catalogus) -> list[Bestandsafwijking]:
    """De contractbestanden die afwijken van wat hun dossier eruit overnam, en de dossiers waarvan het bestand weg is."""
    uit = []
    for contract in bestanden.contracten:
        dossier = eventstore.zoek_contractdossier(contract.id)
        if dossier is None:
            continue
        bestand = contract.model_dump(mode="json")
        velden = [v.pad for v in verschillen(dossier.bestand, bestand)]
        if velden:
            in_de_hub = [v.pad for v in verschillen(dossier.bestand, dossier.inhoud)]
            anders = [v.pad for v in verschillen(dossier.inhoud, bestand)]
            botsingen = [p for p in velden if raakt(p, anders) and raakt(p, in_de_hub)]
            uit.append(Bestandsafwijking(contract.id, velden, botsingen))
    register = eventstore.zoek_contractregister()
    for contract_id, uit_bestand in (register.contracten if register is not None else {}).items():
        if uit_bestand and bestanden.contract(contract_id) is None:
            uit.append(Bestandsafwijking(contract_id, [], ontbreekt=True))
    return uit


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
                 klok: Callable[[], datetime] | None = None,
                 lees: Callable[[Path, Partijen], Contract] | None = None,
                 bestaande_eventstore: Callable[[], Hub | None] | None = None):
        """`lees` leest en valideert één contractbestand zoals de bestanden in de map; `bestaande_eventstore` geeft de
        eventstore alleen als die er al is (controleren maakt er geen aan)."""
        self.laad = laad
        self._eventstore = eventstore
        self._catalogus = catalogus
        self._leesmodellen = leesmodellen
        self._klok = klok
        self._lees = lees
        self._bestaande_eventstore = bestaande_eventstore

    def controleer(self, map_: Path | None = None) -> Contractcontrole:
        """De bestanden in `map_`; zonder map de ingestelde, en dan ook hoe ze zich verhouden tot de dossiers in de hub
        (als er een eventstore is)."""
        catalogus = self.laad(map_)
        aantallen = len(catalogus.contracten), sum(len(c.producten) for c in catalogus.contracten)
        hub = self._bestaande_eventstore() if map_ is None and self._bestaande_eventstore is not None else None
        if hub is None:
            return Contractcontrole(*aantallen)
        geldend = geldende_catalogus(hub, catalogus)
        in_de_hub = [c.id for c in geldend.contracten if hub.zoek_contractdossier(c.id) is not None]
        return Contractcontrole(*aantallen, in_de_hub, bestandsafwijkingen(hub, catalogus))

    def afwijkingen(self) -> list[Bestandsafwijking]:
        """Wat in de contractbestanden niet telt omdat het dossier in de hub het contract is (zie `importeer`)."""
        hub, _ = self._onderdelen()
        return bestandsafwijkingen(hub, self.laad(None))

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

    def voor_gemeenten(self, gemeenten: Iterable[str]) -> list[Contractoverzicht]:
        """De geldende contracten die over een van `gemeenten` gaan (die van de inkoper)."""
        _, catalogus = self._onderdelen()
        eigen = set(gemeenten)
        return [Contractoverzicht(c, set(c.gemeenten) <= eigen) for c in catalogus.contracten if set(c.gemeenten) & eigen]

    # --- een nieuw contract en een gewijzigd bestand

    def nieuw(self, bestand: Path, door: str, reden: str, toepassen: bool = False,
              gemeenten: Iterable[str] | None = None) -> Contractwijziging:
        """Een contract dat nog niet bestaat, uit een bestand in de vorm van `contracts/*.toml`, met dezelfde controles.
        Een rekeningnummer moet al bij de aanbieder bekend zijn: wie contracten bijhoudt, leidt geen betalingen om."""
        hub, catalogus = self._onderdelen()
        if self._lees is None:
            raise Onuitvoerbaar("Nieuwe contracten lezen kan hier niet; gebruik hub contracten nieuw.")
        contract = self._lees(bestand, catalogus.partijen)
        if catalogus.contract(contract.id) is not None or hub.zoek_contractdossier(contract.id) is not None \
                or self.laad(None).contract(contract.id) is not None:
            raise Onuitvoerbaar(f"Contract {contract.id} bestaat al. Kies een ander id voor een nieuw contract, of wijzig "
                                f"het bestaande met hub contracten prijs, indexeer, beeindig, budget of afspraak.")
        self._mag(contract, gemeenten)
        if contract.iban is not None:
            self._bekend_rekeningnummer(catalogus, contract)
        dossier = Contractdossier.maak(contract, door, reden, self._nu())
        naam = catalogus.partijen.naam(contract.provider)
        looptijd = f"vanaf {contract.geldig_van:%d-%m-%Y}" + (f" t/m {contract.geldig_tot:%d-%m-%Y}" if contract.geldig_tot else "")
        omschrijving = (f"nieuw contract met {naam} voor {', '.join(map(catalogus.partijen.naam, contract.gemeenten))}, "
                        f"{looptijd}, {len(contract.producten)} producten ({', '.join(p.code for p in contract.producten)})")
        return self._leg_vast(hub, catalogus, dossier, omschrijving, toepassen, uit_bestand=False)

    def importeer(self, contract_id: str, door: str, reden: str, toepassen: bool = False,
                  gemeenten: Iterable[str] | None = None) -> Contractwijziging:
        """Neemt een gewijzigd contractbestand over in het dossier: de velden waarin het bestand afwijkt van wat het
        dossier er eerder uit overnam, voor zover het dossier ze nog niet zo heeft."""
        hub, catalogus = self._onderdelen()
        bestand = self.laad(None).contract(contract_id)
        if bestand is None:
            raise Onuitvoerbaar(f"Er is geen contractbestand met id {contract_id!r}; controleer het id in het bestand "
                                "(hub contracten controleer).")
        dossier = hub.zoek_contractdossier(contract_id)
        if dossier is None:
            raise Onuitvoerbaar(f"Contract {contract_id} heeft geen dossier in de hub: het bestand geldt al zoals het is, "
                                "er is niets over te nemen.")
        self._mag(dossier.contract, gemeenten)
        self._mag(bestand, gemeenten)
        paden = dossier.neem_bestand_over(bestand.model_dump(mode="json"), door, reden, self._nu())
        omschrijving = ("contractbestand overgenomen: " + ", ".join(paden) if paden
                        else "contractbestand overgenomen; het dossier had die stand al")
        return self._leg_vast(hub, catalogus, dossier, omschrijving, toepassen, uit_bestand=True)

    @staticmethod
    def _mag(contract: Contract, gemeenten: Iterable[str] | None) -> None:
        """`gemeenten`: die van de inkoper; hij handelt alleen voor een contract dat alleen over zijn gemeenten gaat.
        Zonder: de beheerder op de server."""
        if gemeenten is not None and not set(contract.gemeenten) <= set(gemeenten):
            raise Onuitvoerbaar(f"Contract {contract.id} geldt ook voor {', '.join(sorted(set(contract.gemeenten) - set(gemeenten)))}; "
                                "alleen een inkoper van al die gemeenten kan het wijzigen.")

    @staticmethod
    def _bekend_rekeningnummer(catalogus: Catalogus, contract: Contract) -> None:
        def kaal(iban: str) -> str:
            return iban.replace(" ", "").upper()

        bekend = {kaal(c.iban): c.id for c in catalogus.contracten if c.provider == contract.provider and c.iban}
        if contract.iban is not None and kaal(contract.iban) not in bekend:
            uitleg = (f"gebruik het rekeningnummer uit contract {next(iter(bekend.values()))} of laat iban weg" if bekend
                      else "laat iban weg")
            raise DomeinFout(f.ONGELDIGE_WAARDE, "iban",
                             f"Rekeningnummer {contract.iban} is niet bekend bij {catalogus.partijen.naam(contract.provider)}; "
                             f"{uitleg}. Een nieuw rekeningnummer legt de beheerder vast in een contractbestand op de server.")

    def _nu(self) -> datetime:
        return self._klok() if self._klok else datetime.now().astimezone()

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
        self._mag(huidig, gemeenten)
        op = self._nu()
        dossier = hub.zoek_contractdossier(contract_id)
        if dossier is None:
            if not door.strip():
                raise DomeinFout(f.VERPLICHT_VELD, "door", "Noem wie de wijziging doet.")
            dossier = Contractdossier.leg_beginstand_vast(huidig, door, BEGINSTAND, op)
        commando(dossier, op)
        return self._leg_vast(hub, catalogus, dossier, omschrijving, toepassen, uit_bestand=True)

    def _leg_vast(self, hub: Hub, catalogus: Catalogus, dossier: Contractdossier, omschrijving: str, toepassen: bool,
                  uit_bestand: bool) -> Contractwijziging:
        """Het voorbeeld van de open regels met het gewijzigde dossier; met `toepassen` het dossier (en een nieuw
        dossier in het register) opslaan en de catalogus ter plekke bijwerken."""
        nieuw = dossier.contract
        try:
            straks = catalogus.met(nieuw)
        except OverlapFout as fout:
            raise DomeinFout(f.PERIODE_OVERLAPT, "contract", str(fout)) from fout
        regels = self._voorbeeld(catalogus, straks, nieuw)
        if toepassen:
            register = hub.zoek_contractregister() or Contractregister()
            register.schrijf_in(nieuw.id, uit_bestand)
            try:
                hub.save(dossier, register)
            except IntegrityError:
                raise Onuitvoerbaar(f"Iemand anders legde tegelijk een wijziging vast (contract {nieuw.id} of een nieuw "
                                    "contract); er is niets vastgelegd. Bekijk het dossier en probeer het opnieuw.") from None
            catalogus.vervang(straks.contracten)
        return Contractwijziging(nieuw.id, omschrijving, regels, toepassen)

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
    if isinstance(e, Contractdossier.Aangemaakt):
        producten = ", ".join(p["code"] for p in e.inhoud.get("producten") or []) or "geen producten"
        return f"nieuw contract in de hub vastgelegd met {e.inhoud['provider']} ({producten})"
    if isinstance(e, Contractdossier.BestandOvergenomen):
        paden = ", ".join(w["pad"] for w in e.wijzigingen)
        return f"contractbestand overgenomen: {paden}" if paden else "contractbestand overgenomen (het dossier had die stand al)"
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
