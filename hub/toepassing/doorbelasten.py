"""Een gedeeld budget doorbelasten: de penvoerder belast elke andere gemeente per kwartaal haar aandeel door.

De aanbieder factureert de penvoerder; de penvoerder keurt goed en betaalt (`betalen.py`). Per kwartaal stelt de
managementassistent van de penvoerder de doorbelasting vast: de regels van het contract die in dat kwartaal in een
vrijgegeven betaalbatch zaten en nog niet doorbelast zijn. Het goedgekeurde bedrag excl. BTW wordt verdeeld volgens
de verdeelsleutel (`domein/verdeling.py`, de grootste rest: de delen tellen precies op); de BTW die de penvoerder de
aanbieder betaalde, compenseert hij zelf. Elke andere gemeente krijgt een e-factuur; het eigen deel van de penvoerder
blijft bij hem. De managementassistent, omdat hij ook de facturen beoordeelt en de betaalbatches maakt waar de
doorbelasting uit volgt; de inkoper legt de verdeelsleutel vast, niet de bedragen.

Vastgesteld is nog niet verzonden: tot de penvoerder de facturen als verzonden markeert, kan hij de doorbelasting
intrekken (zoals een betaalbatch vóór de vrijgave); de regels komen dan vrij voor een nieuwe.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from hub.aggregates.doorbelasting import (
    Doorbelasteregel,
    Doorbelasting,
    Doorbelastingen,
    Doorbelastingsdocument,
    delen_per_budget,
)
from hub.aggregates.gebruiker import MANAGEMENTASSISTENT
from hub.contracten.budgetjaar import Budgetjaar, budget_van, budgetten
from hub.contracten.catalogus import Catalogus
from hub.contracten.model import Contract, Partij
from hub.domein.kalender import kwartaal_grenzen, kwartaal_van
from hub.domein.verdeling import verdeel
from hub.projections.betaalvoorstel import betaalbatches
from hub.rapportage.model import procent
from hub.toepassing.eventstore import Hub
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.gebruikers import Profiel
from hub.toepassing.poorten import Documentmap, Doorbelastingsfacturen, Doorbelastingsfactuur, Leesmodelbron

NUL = Decimal("0.00")


@dataclass(frozen=True)
class Gemeentedeel:
    """Wat één gemeente in deze doorbelasting draagt (haar factuur; de penvoerder zijn eigen deel)."""

    gemeente: str
    naam: str
    aandeel: Decimal
    penvoerder: bool
    deze: Decimal


@dataclass(frozen=True)
class Budgetdeel:
    """Wat één gemeente van één budget draagt: haar aandeel in het plafond, in deze doorbelasting en in wat haar
    eerder tegen dat plafond is doorbelast."""

    gemeente: str
    naam: str
    aandeel: Decimal
    penvoerder: bool
    budget_aandeel: Decimal | None
    deze: Decimal
    eerder: Decimal

    @property
    def tot_nu(self) -> Decimal:
        return self.eerder + self.deze

    @property
    def procent_budget(self) -> Decimal | None:
        if not self.budget_aandeel:
            return None
        return procent(self.tot_nu, self.budget_aandeel)


@dataclass(frozen=True)
class Budgetregel:
    """Eén plafond in één jaar (of, zonder plafond, "buiten budget") met de regels die ertegen tellen."""

    budget: Budgetjaar | None
    gemeenten: list[Budgetdeel]

    @property
    def naam(self) -> str:
        return self.budget.naam if self.budget is not None else "buiten budget"

    @property
    def deze(self) -> Decimal:
        return sum((g.deze for g in self.gemeenten), NUL)

    @property
    def tot_nu(self) -> Decimal:
        return sum((g.tot_nu for g in self.gemeenten), NUL)


@dataclass(frozen=True)
class Doorbelastingvoorstel:
    contract: Contract
    kwartaal: str
    regels: list[Doorbelasteregel]
    gemeenten: list[Gemeentedeel]
    budgetten: list[Budgetregel]
    """per plafond en jaar waartegen de regels tellen (zonder regels: de plafonds van het jaar van het kwartaal)"""
    nog_niet_betaald: int
    """goedgekeurde regels van het contract die nog in geen vrijgegeven betaalbatch zaten: die komen later"""

    @property
    def totaal(self) -> Decimal:
        return sum((r.bedrag for r in self.regels), NUL)


@dataclass(frozen=True)
class Vastgesteld:
    doorbelasting: Doorbelasting
    overzicht: Doorbelastingvoorstel
    bestanden: list[Path]


@dataclass(frozen=True)
class Doorbelastingstand:
    doorbelasting: Doorbelasting
    status: str
    """vastgesteld, verzonden of ingetrokken"""


def _kwartaal(tekst: str) -> str:
    """Het kwartaal in zijn vaste vorm (2024-Q3); het staat in het nummer van de doorbelasting en haar facturen."""
    try:
        return kwartaal_van(kwartaal_grenzen(tekst.strip())[0])
    except ValueError as fout:
        raise Onuitvoerbaar(f"Kwartaal {tekst!r} is ongeldig; schrijf het als JJJJ-Q1 t/m JJJJ-Q4, bijv. 2024-Q3.") from fout


class Doorbelasten:
    def __init__(self, eventstore: Hub, leesmodellen: Leesmodelbron, catalogus: Catalogus,
                 klok: Callable[[], datetime]):
        self.eventstore = eventstore
        self.leesmodellen = leesmodellen
        self.catalogus = catalogus
        self.klok = klok

    def contracten(self) -> list[Contract]:
        """De contracten met een verdeelsleutel."""
        return [c for c in self.catalogus.contracten if c.verdeelsleutel is not None]

    def voorstel(self, contract_id: str, kwartaal: str, profiel: Profiel) -> Doorbelastingvoorstel:
        contract = self._contract(contract_id)
        self._mag(profiel, contract)
        return self._voorstel(contract, _kwartaal(kwartaal), self._aggregate(contract))

    def stel_vast(self, contract_id: str, kwartaal: str, profiel: Profiel, facturen: Doorbelastingsfacturen,
                  map_: Documentmap) -> Vastgesteld:
        """Eerst de facturen opstellen en toetsen; dan de doorbelasting met de facturen in één event vastleggen; pas
        dan de bestanden schrijven. Wat niet aan de standaard voldoet, wordt niet vastgelegd."""
        contract = self._contract(contract_id)
        self._mag(profiel, contract)
        kwartaal = _kwartaal(kwartaal)
        aggregate = self._aggregate(contract)
        voorstel = self._voorstel(contract, kwartaal, aggregate)
        if not voorstel.regels:
            later = (f" {voorstel.nog_niet_betaald} goedgekeurde regel(s) zijn nog niet betaald; die worden doorbelast "
                     "in het kwartaal waarin hun betaalbatch wordt vrijgegeven." if voorstel.nog_niet_betaald else "")
            raise Onuitvoerbaar(f"Er is voor {contract.id} in {kwartaal} niets door te belasten: geen goedgekeurde regels "
                                f"die in dat kwartaal betaald zijn en nog niet doorbelast.{later}")
        sleutel = contract.verdeelsleutel
        assert sleutel is not None
        nu = self.klok()
        doorbelasting = Doorbelasting(
            doorbelasting_id=f"DB-{contract.id}-{kwartaal.replace('-', '')}-{len(aggregate.alle) + 1}",
            contract=contract.id, kwartaal=kwartaal, penvoerder=sleutel.penvoerder, aandelen=dict(sleutel.aandelen),
            regels=voorstel.regels, factuurdatum=nu.astimezone().date(), vastgesteld_door=profiel.als_beslisser,
            vastgesteld_op=nu)
        begin, eind = kwartaal_grenzen(kwartaal)
        penvoerder = self._partij(sleutel.penvoerder)
        documenten = []
        for gemeente, deel in doorbelasting.delen.items():
            if gemeente == sleutel.penvoerder:
                continue
            factuur = Doorbelastingsfactuur(
                doorbelasting.factuurnummer(gemeente), doorbelasting.factuurdatum, kwartaal, begin, eind, contract.id,
                penvoerder, self._partij(gemeente), sleutel.aandelen[gemeente], deel, doorbelasting.totaal,
                voorstel.regels)
            inhoud = facturen.opstellen(factuur)
            documenten.append(Doorbelastingsdocument(gemeente, factuur.factuurnummer, deel, inhoud.decode("utf-8"),
                                                     hashlib.sha256(inhoud).hexdigest()))
        doorbelasting = replace(doorbelasting, documenten=documenten)
        aggregate.stel_vast(doorbelasting)
        self.eventstore.save(aggregate)
        try:
            bestanden = self._schrijf(doorbelasting.documenten, map_)
        except OSError as fout:
            raise Onuitvoerbaar(f"Doorbelasting {doorbelasting.doorbelasting_id} is vastgelegd, maar de facturen konden "
                                f"niet worden geschreven ({fout.strerror or fout}). Kies een map waarin u mag schrijven: "
                                f"hub doorbelasting document {doorbelasting.doorbelasting_id} --uit MAP") from fout
        return Vastgesteld(doorbelasting, self._voorstel(contract, kwartaal, aggregate, doorbelasting), bestanden)

    def markeer_verzonden(self, doorbelasting_id: str, profiel: Profiel) -> Doorbelasting:
        """De facturen zijn naar de gemeenten; vanaf nu kan de doorbelasting niet meer worden ingetrokken."""
        aggregate, contract = self._met(doorbelasting_id)
        self._mag(profiel, contract)
        aggregate.markeer_verzonden(doorbelasting_id, profiel.als_beslisser, self.klok())
        self.eventstore.save(aggregate)
        return aggregate.doorbelasting(doorbelasting_id)

    def trek_in(self, doorbelasting_id: str, profiel: Profiel, reden: str) -> Doorbelasting:
        """Vóór het versturen: de doorbelasting vervalt, haar regels komen in de volgende."""
        aggregate, contract = self._met(doorbelasting_id)
        self._mag(profiel, contract)
        aggregate.trek_in(doorbelasting_id, profiel.als_beslisser, reden, self.klok())
        self.eventstore.save(aggregate)
        return aggregate.doorbelasting(doorbelasting_id)

    def documenten(self, doorbelasting_id: str, profiel: Profiel, map_: Documentmap) -> list[Path]:
        """De vastgelegde facturen opnieuw als bestand, byte voor byte zoals ze zijn vastgesteld: voor de penvoerder
        alle, voor een andere gemeente alleen de hare."""
        aggregate, contract = self._met(doorbelasting_id)
        self._mag(profiel, contract, lezen=True)
        doorbelasting = aggregate.doorbelasting(doorbelasting_id)
        eigen = [d for d in doorbelasting.documenten
                 if profiel.mag_gemeente(doorbelasting.penvoerder) or profiel.mag_gemeente(d.gemeente)]
        return self._schrijf(eigen, map_)

    def document(self, doorbelasting_id: str, gemeente: str, profiel: Profiel) -> Doorbelastingsdocument:
        """De vastgelegde factuur aan één gemeente, zoals ze is vastgesteld: voor de penvoerder elke, voor een andere
        gemeente alleen de hare."""
        aggregate, contract = self._met(doorbelasting_id)
        self._mag(profiel, contract, lezen=True)
        doorbelasting = aggregate.doorbelasting(doorbelasting_id)
        if not (profiel.mag_gemeente(doorbelasting.penvoerder) or profiel.mag_gemeente(gemeente)):
            raise Onuitvoerbaar(f"De factuur aan {self.catalogus.partijen.naam(gemeente)} is voor die gemeente en de "
                                "penvoerder; u werkt voor geen van beide. Vraag uw eigen factuur op.")
        document = next((d for d in doorbelasting.documenten if d.gemeente == gemeente), None)
        if document is None:
            raise Onuitvoerbaar(f"Doorbelasting {doorbelasting_id} heeft geen factuur aan "
                                f"{self.catalogus.partijen.naam(gemeente)}; de penvoerder draagt zijn eigen deel.")
        return document

    def lijst(self, gemeenten: Collection[str] | None = None) -> list[Doorbelastingstand]:
        """Alle doorbelastingen, oudste eerst; `gemeenten`: alleen van contracten waarin een van deze gemeenten deelt."""
        uit = []
        for contract in self.contracten():
            if gemeenten is not None and not set(gemeenten) & set(contract.gemeenten):
                continue
            aggregate = self.eventstore.zoek_doorbelastingen(contract.id)
            if aggregate is not None:
                uit += [Doorbelastingstand(d, aggregate.status(i)) for i, d in aggregate.alle.items()]
        return sorted(uit, key=lambda s: (s.doorbelasting.vastgesteld_op, s.doorbelasting.doorbelasting_id))

    def geldend(self, contract_ids: Collection[str]) -> list[Doorbelasting]:
        """De vastgestelde en niet ingetrokken doorbelastingen van deze contracten (voor de kwartaalrapportage)."""
        uit = []
        for contract_id in contract_ids:
            aggregate = self.eventstore.zoek_doorbelastingen(contract_id)
            uit += aggregate.geldend() if aggregate is not None else []
        return uit

    # --- hulp

    def _contract(self, contract_id: str) -> Contract:
        contract = self.catalogus.contract(contract_id)
        if contract is None or contract.verdeelsleutel is None:
            bekend = ", ".join(c.id for c in self.contracten()) or "geen"
            wat = "is onbekend" if contract is None else "heeft geen verdeelsleutel"
            raise Onuitvoerbaar(f"Contract {contract_id} {wat}; doorbelasten kan alleen bij een contract met een "
                                f"verdeelsleutel ({bekend}).")
        return contract

    def _mag(self, profiel: Profiel, contract: Contract, lezen: bool = False) -> None:
        sleutel = contract.verdeelsleutel
        assert sleutel is not None
        naam = self.catalogus.partijen.naam(sleutel.penvoerder)
        if not profiel.heeft_rol(MANAGEMENTASSISTENT):
            raise Onuitvoerbaar(f"Doorbelasten doet de managementassistent van de penvoerder ({naam}); u "
                                f"({profiel.naam}) heeft die rol niet. Vraag de beheerder om de rol of laat een "
                                "managementassistent van de penvoerder het doen.")
        if lezen and any(profiel.mag_gemeente(g) for g in contract.gemeenten):
            return
        if not profiel.mag_gemeente(sleutel.penvoerder):
            raise Onuitvoerbaar(f"{naam} is de penvoerder van contract {contract.id} en belast de andere gemeenten "
                                f"door; u werkt niet voor {naam}. Laat een managementassistent van {naam} het doen.")

    def _aggregate(self, contract: Contract) -> Doorbelastingen:
        return self.eventstore.zoek_doorbelastingen(contract.id) or Doorbelastingen(contract=contract.id)

    def _met(self, doorbelasting_id: str) -> tuple[Doorbelastingen, Contract]:
        for contract in self.contracten():
            aggregate = self.eventstore.zoek_doorbelastingen(contract.id)
            if aggregate is not None and doorbelasting_id in aggregate.alle:
                return aggregate, contract
        raise Onuitvoerbaar(f"Doorbelasting {doorbelasting_id} is onbekend; de doorbelastingen staan bij "
                            "`hub doorbelasting lijst`.")

    def _partij(self, code: str) -> Partij:
        partij = self.catalogus.partijen.partij(code)
        if partij is None:
            raise Onuitvoerbaar(f"Gemeente {code} staat niet in contracts/partijen.toml; vul haar gegevens aan.")
        return partij

    def _voorstel(self, contract: Contract, kwartaal: str, aggregate: Doorbelastingen,
                  vastgesteld: Doorbelasting | None = None) -> Doorbelastingvoorstel:
        """`vastgesteld`: het overzicht van die doorbelasting, na het vastleggen."""
        begin, eind = kwartaal_grenzen(kwartaal)
        sleutel = contract.verdeelsleutel
        assert sleutel is not None
        codes = {p.code for p in contract.producten}
        al = aggregate.doorbelast()
        regels, nog_niet_betaald = [], 0
        facturen = [f for f in self.leesmodellen.factuurcontrole([sleutel.penvoerder]).facturen()
                    if f.afzender == contract.provider and f.gemeente == sleutel.penvoerder]
        batchdatum = {b.batch_id: b.op.astimezone().date() for b in betaalbatches(facturen) if b.op is not None}
        for factuur in facturen:
            for r in factuur.regels:
                besluit = r.besluit
                if (besluit is None or besluit["besluit"] == "afgewezen" or Decimal(besluit["bedrag"]) <= 0
                        or r.product not in codes):
                    continue
                if r.gecrediteerd is not None:
                    correctie = self._correctie(aggregate, factuur.afzender, factuur.factuurnummer, r.regelnummer,
                                                r.verrekend_in, batchdatum)
                    if correctie is not None and begin <= correctie.betaald_op <= eind and correctie.sleutel not in al:
                        regels.append(correctie)
                    continue
                if r.betaald_in is None or r.betaald_op is None:
                    nog_niet_betaald += 1
                    continue
                regel = Doorbelasteregel(factuur.afzender, factuur.factuurnummer, r.regelnummer, r.product,
                                         Decimal(besluit["bedrag"]), r.betaald_in, r.betaald_op.astimezone().date(),
                                         factuurdatum=factuur.factuurdatum)
                if begin <= regel.betaald_op <= eind and regel.sleutel not in al:
                    regels.append(regel)
        regels.sort(key=lambda r: (r.betaald_op, r.sleutel))
        if vastgesteld is not None:
            regels = vastgesteld.regels
        totaal = sum((r.bedrag for r in regels), NUL)
        delen = verdeel(totaal, sleutel.aandelen)
        gemeenten = [Gemeentedeel(g, self.catalogus.partijen.naam(g), aandeel, g == sleutel.penvoerder, delen[g])
                     for g, aandeel in sleutel.aandelen.items()]
        return Doorbelastingvoorstel(contract, kwartaal, regels, gemeenten,
                                     self._budgetten(contract, kwartaal, regels, aggregate, vastgesteld),
                                     nog_niet_betaald)

    def _budgetten(self, contract: Contract, kwartaal: str, regels: list[Doorbelasteregel],
                   aggregate: Doorbelastingen, vastgesteld: Doorbelasting | None) -> list[Budgetregel]:
        """Per plafond: de regels tellen tegen het plafond van hun product in het jaar van hun factuurdatum;
        eerder: de geldende doorbelastingen tot en met het kwartaal, in dat plafond en jaar."""
        sleutel = contract.verdeelsleutel
        assert sleutel is not None

        def budget(r: Doorbelasteregel) -> Budgetjaar | None:
            return budget_van(contract, r.product, r.factuurdatum)

        nu = delen_per_budget(regels, dict(sleutel.aandelen), budget)
        eerder: dict[Budgetjaar | None, dict[str, Decimal]] = {}
        for d in aggregate.geldend():
            if d.kwartaal > kwartaal or (vastgesteld is not None and d.doorbelasting_id == vastgesteld.doorbelasting_id):
                continue
            for b, delen in d.delen_per_budget(budget).items():
                for g, deel in delen.items():
                    eerder.setdefault(b, {})[g] = eerder.get(b, {}).get(g, NUL) + deel
        geraakt = [b for b in nu if b is not None] if regels else budgetten(contract, int(kwartaal[:4]))
        rijen: list[Budgetjaar | None] = [*sorted(set(geraakt), key=lambda b: (b.jaar, b.plafond))]
        if None in nu:
            rijen.append(None)
        uit = []
        for b in rijen:
            budgetdelen = verdeel(b.bedrag, sleutel.aandelen) if b is not None else {}
            uit.append(Budgetregel(b, [
                Budgetdeel(g, self.catalogus.partijen.naam(g), aandeel, g == sleutel.penvoerder, budgetdelen.get(g),
                           nu.get(b, {}).get(g, NUL), eerder.get(b, {}).get(g, NUL))
                for g, aandeel in sleutel.aandelen.items()]))
        return uit

    @staticmethod
    def _correctie(aggregate: Doorbelastingen, afzender: str, factuurnummer: str, regelnummer: int,
                   verrekend_in: str | None, batchdatum: dict[str, date]) -> Doorbelasteregel | None:
        """Een doorbelaste regel die daarna gecrediteerd is: zodra de penvoerder het bedrag terugkreeg (verrekend in
        een betaalbatch), gaat hetzelfde bedrag er in dat kwartaal weer af."""
        doorbelast = aggregate.doorbelaste_regel((afzender, factuurnummer, regelnummer, False))
        if doorbelast is None or verrekend_in is None or verrekend_in not in batchdatum:
            return None
        return replace(doorbelast, bedrag=-doorbelast.bedrag, betaald_in=verrekend_in,
                       betaald_op=batchdatum[verrekend_in], correctie=True)

    def _schrijf(self, documenten: list[Doorbelastingsdocument], map_: Documentmap) -> list[Path]:
        return [map_.schrijf(f"{d.factuurnummer}.xml", d.inhoud.encode("utf-8")) for d in documenten]
