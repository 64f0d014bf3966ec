"""Het auditspoor van een factuur of traject: wie deed wat en wanneer, uit de opgeslagen events.

Een rij noemt de persoon (de naam op het besluit en zijn gebruikersnaam) of de partij die het bericht stuurde
(gemeente of aanbieder). Persoonsgegevens van de cliënt komen er niet in: geen BSN, naam, adres of werkgever."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import DomainEvent

from hub.aggregates.betaalbatch import Beslisser, Betaalbatches, betaalbatches_uuid
from hub.aggregates.factuur import AFGEWEZEN, GOEDGEKEURD, VERWACHT_GOEDGEKEURD
from hub.aggregates.jobcoachperiode import Jobcoachperiode, periode_uuid
from hub.aggregates.traject import Traject, traject_uuid
from hub.domein.geld import euro
from hub.toepassing.eventstore import Hub
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.geschiedenis import _tekst, _woorden

BESLUIT = {GOEDGEKEURD: "goedgekeurd", VERWACHT_GOEDGEKEURD: "verwacht bedrag goedgekeurd", AFGEWEZEN: "afgewezen"}
VAN_DE_GEMEENTE = {"Aangemeld", "PlanBeoordeeld", "MutatieBeoordeeld", "Omgezet"}
"""Traject-events uit een bericht van de gemeente; de andere komen van de aanbieder."""


@dataclass(frozen=True)
class Auditregel:
    moment: datetime
    wie: str
    """De naam van de persoon, of de code van de partij als `partij`."""
    wat: str
    details: list[tuple[str, str]]
    gebruiker: str | None = None
    """De gebruikersnaam van wie aangemeld besloot; leeg bij een partij of de opdrachtregel."""
    partij: bool = False


@dataclass(frozen=True)
class Auditspoor:
    gemeente: str
    regels: list[Auditregel]
    trajecten: list[str]
    """Bij een factuur: de trajecten van haar regels, voor hun eigen spoor."""


def _regels(nummers: Iterable[int]) -> str:
    lijst = [str(n) for n in nummers]
    return f"regel {lijst[0]}" if len(lijst) == 1 else f"regels {', '.join(lijst[:-1])} en {lijst[-1]}"


def _details(**velden: Any) -> list[tuple[str, str]]:
    return [(k.replace("_", " "), t) for k, v in velden.items() if (t := _tekst(v))]


class Audit:
    def __init__(self, eventstore: Hub):
        self.eventstore = eventstore

    def _events(self, id_: UUID) -> list[DomainEvent]:
        uit = []
        for e in self.eventstore.events.get(id_):
            assert isinstance(e, DomainEvent)
            uit.append(e)
        return uit

    def factuur(self, aanbieder: str, nummer: str) -> Auditspoor:
        aggregate = self.eventstore.zoek_factuur(aanbieder, nummer)
        if aggregate is None:
            raise Onuitvoerbaar(f"Factuur {nummer} van {aanbieder} is niet ontvangen; kies een factuur uit de werkvoorraad.")
        batches = self._batches(aggregate.gemeente, aanbieder, nummer)
        vrijgever = {e.batch_id: e.door for _, e in batches if type(e).__name__ == "BatchVrijgegeven"}
        rijen = [(e.timestamp, self._factuurregel(e, aanbieder, vrijgever)) for e in self._events(aggregate.id)]
        rijen += [(e.timestamp, self._batchregel(e, posten)) for posten, e in batches]
        trajecten = list(dict.fromkeys(r.traject_id for r in aggregate.regels if r.traject_id))
        return Auditspoor(aggregate.gemeente, [r for _, r in sorted(rijen, key=lambda t: t[0])], trajecten)

    def traject(self, gemeente: str, traject_id: str) -> Auditspoor:
        events = self._events(traject_uuid(gemeente, traject_id))
        if not events:
            raise Onuitvoerbaar(f"Traject {traject_id} van {gemeente} is niet aangemeld; controleer het trajectnummer.")
        aanbieder = getattr(events[0], "provider", "")
        regels = [_persoon_of_partij(e, gemeente if type(e).__name__ in VAN_DE_GEMEENTE else aanbieder) for e in events]
        periodes = [e.periode["periode_id"] for e in events if isinstance(e, Traject.JobcoachperiodeGekoppeld)]
        for periode_id in periodes:
            regels += [_persoon_of_partij(e, gemeente if isinstance(e, Jobcoachperiode.Toegekend) else aanbieder)
                       for e in self._events(periode_uuid(gemeente, periode_id))]
        return Auditspoor(gemeente, sorted(regels, key=lambda r: r.moment), [])

    def _batches(self, gemeente: str, aanbieder: str, nummer: str) -> list[tuple[list[int], Any]]:
        """De batch-events over regels van deze factuur, met de regels die erin stonden."""
        events = self._events(betaalbatches_uuid(gemeente)) if self.eventstore.zoek_betaalbatches(gemeente) else []
        posten: dict[str, list[int]] = {}
        uit: list[tuple[list[int], Any]] = []
        for e in events:
            if isinstance(e, Betaalbatches.BatchVoorgesteld):
                regels = sorted(n for p in e.voorstel.posten if (p.afzender, p.factuurnummer) == (aanbieder, nummer)
                                for n in p.regelnummers)
                if regels:
                    posten[e.voorstel.batch_id] = regels
                    uit.append((regels, e))
            elif isinstance(e, Betaalbatches.BatchVrijgegeven | Betaalbatches.BatchIngetrokken) and e.batch_id in posten:
                uit.append((posten[e.batch_id], e))
        return uit

    @staticmethod
    def _factuurregel(e: DomainEvent, aanbieder: str, vrijgever: dict[str, Beslisser]) -> Auditregel:
        naam, v = type(e).__name__, vars(e)
        moment = v.get("op") or e.timestamp
        if naam == "FactuurOntvangen":
            return Auditregel(e.timestamp, aanbieder, f"Factuur ontvangen met {len(v['regels'])} regel(s), "
                              f"{euro(v['totaal_incl_btw'])} incl. BTW", _details(factuurdatum=v["factuurdatum"],
                                                                                 aangeleverd_als=v["bron"]), partij=True)
        if naam == "RegelBesloten":
            grondslag = v.get("grondslag")
            bevindingen = ", ".join(b.melding for b in grondslag.bevindingen) if grondslag else ""
            return Auditregel(moment, v["door"], f"Regel {v['regelnummer']} {BESLUIT.get(v['besluit'], v['besluit'])}: "
                              f"{euro(v['bedrag'])}", _details(reden=v["reden"], bevindingen_bij_het_besluit=bevindingen),
                              v.get("door_id"))
        if naam == "BesluitGecorrigeerd":
            return Auditregel(moment, v["door"], f"Besluit over regel {v['regelnummer']} ingetrokken",
                              _details(reden=v["reden"]), v.get("door_id"))
        if naam == "Gecrediteerd":
            return Auditregel(moment, aanbieder, f"Creditnota {v['creditnota']} crediteert {_regels(v['regelnummers'])}",
                              _details(reden=v.get("reden"), creditnotadatum=v["datum"]), partij=True)
        if naam in ("InBetaalbatchOpgenomen", "VerrekendInBetaalbatch"):
            wat = "betaald" if naam == "InBetaalbatchOpgenomen" else "verrekend"
            door = vrijgever.get(v["batch_id"])
            return Auditregel(moment, door.naam if door else "de hub",
                              f"{_regels(v['regelnummers']).capitalize()} {wat} in betaalbatch {v['batch_id']}", [],
                              door.gebruiker if door else None)
        return Auditregel(moment, "de hub", _woorden(naam), [])

    @staticmethod
    def _batchregel(e: DomainEvent, regels: list[int]) -> Auditregel:
        naam, v = type(e).__name__, vars(e)
        if naam == "BatchVoorgesteld":
            voorstel = v["voorstel"]
            door = voorstel.voorgesteld_door
            return Auditregel(voorstel.voorgesteld_op, door.naam, f"Betaalbatch {voorstel.batch_id} voorgesteld met "
                              f"{_regels(regels)}", _details(uitvoeringsdatum=voorstel.uitvoeringsdatum), door.gebruiker)
        door = v["door"]
        if naam == "BatchVrijgegeven":
            return Auditregel(v["op"], door.naam, f"Betaalbatch {v['batch_id']} vrijgegeven (vier ogen)",
                              _details(uitvoeringsdatum=v["uitvoeringsdatum"]), door.gebruiker)
        return Auditregel(v["op"], door.naam, f"Betaalbatch {v['batch_id']} ingetrokken; {_regels(regels)} weer open",
                          _details(reden=v["reden"]), door.gebruiker)


def _persoon_of_partij(e: DomainEvent, partij: str) -> Auditregel:
    """Een besluit dat een klantmanager in de webapplicatie nam, staat op zijn naam; de rest op die van de partij."""
    door = getattr(e, "door", None)
    if door:
        return Auditregel(e.timestamp, door, *_trajectzin(e), getattr(e, "door_id", None))
    return Auditregel(e.timestamp, partij, *_trajectzin(e), partij=True)


def _trajectzin(e: DomainEvent) -> tuple[str, list[tuple[str, str]]]:
    """De zin en de details van een traject-event; vrije tekst over de cliënt (plan, werkgever) blijft weg."""
    naam, v = type(e).__name__, vars(e)
    zinnen: dict[str, tuple[str, list[tuple[str, str]]]] = {
        "Aangemeld": (f"Aanmelding voor {v.get('product')} bij {v.get('provider')}",
                      _details(klantmanager=v.get("klantmanager"), datum_aanmelding=v.get("datum_aanmelding"),
                               omzetting_van=v.get("omzetting_van"))),
        "OproepGeregistreerd": ("Oproep voor een gesprek", _details(gesprek_op=v.get("datum_gesprek"))),
        "IntakeGehouden": ("Intake gehouden", _details(datum=v.get("datum"))),
        "NoShowGeregistreerd": (f"No-show {v.get('volgnummer')} geregistreerd",
                                _details(afspraak=v.get("soort_afspraak"), datum=v.get("datum_afspraak"))),
        "PlanIngediend": ("Re-integratieplan ingediend", _details(datum=v.get("datum"), trede=v.get("trede"))),
        "PlanBeoordeeld": (f"Plan beoordeeld: {v.get('besluit')}", _details(datum=v.get("datum"))),
        "VoortgangGerapporteerd": (f"Voortgang over {v.get('kwartaal')} gerapporteerd", _details(trede=v.get("trede"))),
        "MutatieAangevraagd": (f"Mutatie aangevraagd naar {v.get('nieuw_product')}",
                               _details(nieuwe_prijs=v.get("nieuwe_prijs"))),
        "MutatieBeoordeeld": (f"Mutatie beoordeeld: {v.get('besluit')}", _details(datum=v.get("datum"))),
        "Omgezet": (f"Omgezet naar traject {v.get('naar_traject_id')}", _details(datum=v.get("datum"))),
        "Geplaatst": ("Plaatsing gemeld", _details(in_dienst_per=v.get("datum_indienst"),
                                                   uren_per_week=v.get("uren_per_week"),
                                                   contractduur_maanden=v.get("contractduur_maanden"))),
        "NazorgmaandGeleverd": (f"Nazorgmaand {v.get('maand')} geleverd", []),
        "Beeindigd": ("Traject beëindigd", _details(datum=v.get("datum"), reden=v.get("reden"))),
        "JobcoachperiodeGekoppeld": ("Jobcoachperiode gekoppeld",
                                     _details(periode=(v.get("periode") or {}).get("periode_id"))),
        "Aangevraagd": (f"Jobcoachperiode {v.get('periode_id')} aangevraagd",
                        _details(soort=v.get("soort"), van=v.get("start"), tot_en_met=v.get("eind"))),
        "Toegekend": ("Jobcoachperiode toegekend", _details(uren=v.get("uren_toegekend"), van=v.get("start"),
                                                            tot_en_met=v.get("eind"))),
        "UrenVerantwoord": ("Jobcoachuren verantwoord", _details(regels=len(v.get("regels") or []))),
    }
    return zinnen.get(naam, (_woorden(naam), []))
