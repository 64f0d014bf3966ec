"""Goedgekeurde bedragen betalen: per gemeente een betaalbatch met één overboeking per factuur, in twee stappen.

1. `stel_voor`: de goedgekeurde, nog niet betaalde regels komen in een voorstel (`BatchVoorgesteld`); een regel staat
   nooit in twee voorstellen tegelijk.
2. `geef_vrij`: een tweede persoon, die over geen van de regels besliste, geeft het voorstel vrij (vier ogen). Dan
   eerst het betaalbestand (voorlopig, getoetst), dan de events die elke regel aan de batch binden en de vrijgave,
   samen in één transactie, dan pas het definitieve bestand: mislukt het vastleggen, dan blijft er geen bestand voor
   de bank achter.

Wat in een post komt (welke regels, welk bedrag) bepaalt `projections/betaalvoorstel.py`; een verrekening (zoals
een creditnota) hoort daar, de posten gaan ongewijzigd door voorstel en vrijgave.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from hub.aggregates.betaalbatch import Batchpost, Beslisser, Betaalbatches, Voorstel
from hub.aggregates.factuur import Factuur
from hub.contracten.catalogus import Catalogus
from hub.domein.betaling import Opdrachtgever, Overboeking
from hub.domein.geld import bedrag
from hub.domein.kalender import plus_werkdagen
from hub.projections.betaalvoorstel import Betaalbatch, TeBetalen, betaalbatches, betaalvoorstel
from hub.toepassing.eventstore import Hub
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.poorten import Betaalbestanden, Leesmodelbron

BATCH_ID_LENGTE = 35
"""pain.001 staat voor een bericht-id ten hoogste 35 tekens toe."""


@dataclass(frozen=True)
class GemaakteBatch:
    """Een vrijgegeven batch met zijn definitieve betaalbestand."""

    opdrachtgever: Opdrachtgever
    voorstel: Voorstel
    uitvoeringsdatum: date
    bestand: Path
    vrijgegeven_door: Beslisser

    @property
    def posten(self) -> list[Batchpost]:
        return self.voorstel.posten

    @property
    def totaal(self) -> Decimal:
        return self.voorstel.totaal


class Betalen:
    def __init__(self, eventstore: Hub, leesmodellen: Leesmodelbron, catalogus: Catalogus,
                 klok: Callable[[], datetime]):
        self.eventstore = eventstore
        self.leesmodellen = leesmodellen
        self.catalogus = catalogus
        self.klok = klok

    def batches(self) -> list[Betaalbatch]:
        """De vrijgegeven batches."""
        return betaalbatches(self.leesmodellen.factuurcontrole().facturen())

    def voorstellen(self, gemeenten: Collection[str] | None = None) -> list[Voorstel]:
        """De batches die op vrijgave wachten, oudste eerst."""
        open_ = [v for a in self._alle(gemeenten) for v in a.open.values()]
        return sorted(open_, key=lambda v: (v.voorgesteld_op, v.batch_id))

    def voorstel(self, batch_id: str) -> Voorstel:
        return self._met_batch(batch_id).voorstel(batch_id)

    def stel_voor(self, opdrachtgevers: Mapping[str, Opdrachtgever], door: Beslisser,
                  uitvoeringsdatum: date | None = None, gemeenten: Collection[str] | None = None) -> list[Voorstel]:
        """Alle goedgekeurde regels die nog niet betaald zijn en niet al in een voorstel staan; standaard uit te voeren
        op de volgende werkdag. `gemeenten`: alleen voor deze gemeenten."""
        aggregates = {a.gemeente: a for a in self._alle(gemeenten)}
        behalve = {sleutel for a in aggregates.values() for sleutel in a.gereserveerd()}
        facturen = self.leesmodellen.factuurcontrole().facturen()
        voorstel = {g: p for g, p in betaalvoorstel(facturen, behalve).items() if gemeenten is None or g in gemeenten}
        if not voorstel:
            return []
        ontbreekt = sorted(g for g in voorstel if g not in opdrachtgevers)
        if ontbreekt:
            raise Onuitvoerbaar(f"Geen rekeninggegevens voor {', '.join(ontbreekt)}; vul naam, iban en bic aan.")
        nu = self.klok()
        datum = uitvoeringsdatum or self._volgende_werkdag(nu)
        volgnummer = len({b.batch_id for b in betaalbatches(facturen)} | self._bekende_ids())
        gemaakt, opslaan = [], []
        for gemeente, posten in sorted(voorstel.items()):
            volgnummer += 1
            batch_id = f"BB-{nu:%Y%m%d-%H%M%S}-{volgnummer}-{gemeente}"[:BATCH_ID_LENGTE]
            for post in posten:
                self._overboeking(post.oordeel.afzender, gemeente, post.oordeel.factuurnummer, post.regelnummers, post.bedrag)
            nieuw = Voorstel(batch_id, gemeente, datum, [self._post(p) for p in posten], door, nu)
            aggregate = aggregates.get(gemeente) or Betaalbatches(gemeente=gemeente)
            aggregate.stel_voor(nieuw)
            opslaan.append(aggregate)
            gemaakt.append(nieuw)
        self.eventstore.save(*opslaan)
        return gemaakt

    def geef_vrij(self, batch_id: str, door: Beslisser, opdrachtgevers: Mapping[str, Opdrachtgever],
                  bestanden: Betaalbestanden) -> GemaakteBatch:
        """Vier ogen: wie over een regel van de batch besliste, kan hem niet vrijgeven (de hub weigert het)."""
        aggregate = self._met_batch(batch_id)
        voorstel = aggregate.voorstel(batch_id)
        if voorstel.gemeente not in opdrachtgevers:
            raise Onuitvoerbaar(f"Geen rekeninggegevens voor {voorstel.gemeente}; vul naam, iban en bic aan.")
        geladen: dict[tuple[str, str], Factuur] = {}
        for post in voorstel.posten:
            if (post.afzender, post.factuurnummer) not in geladen:
                geladen[post.afzender, post.factuurnummer] = self._factuur(post)
        facturen = [geladen[p.afzender, p.factuurnummer] for p in voorstel.posten]
        self._nog_zo_besloten(voorstel)
        beslissers = [_beslisser(factuur, n) for factuur, p in zip(facturen, voorstel.posten, strict=True)
                      if not p.verrekening for n in p.regelnummers]
        nu = self.klok()
        datum = max(voorstel.uitvoeringsdatum, self._volgende_werkdag(nu))
        aggregate.geef_vrij(batch_id, door, beslissers, nu, datum)
        overboekingen = self._overboekingen(voorstel)
        opdrachtgever = opdrachtgevers[voorstel.gemeente]
        klaar = bestanden.klaarzetten(batch_id, nu.astimezone(), datum, opdrachtgever, overboekingen)
        try:
            for factuur, post in zip(facturen, voorstel.posten, strict=True):
                if post.verrekening:
                    factuur.verreken_in_batch(batch_id, post.regelnummers, nu)
                else:
                    factuur.neem_op_in_batch(batch_id, post.regelnummers, nu)
            self.eventstore.save(aggregate, *geladen.values())
        except BaseException:
            klaar.verwerp()
            raise
        return GemaakteBatch(opdrachtgever, voorstel, datum, klaar.definitief(), door)

    def trek_in(self, batch_id: str, door: Beslisser, reden: str) -> Voorstel:
        """Het voorstel vervalt; de regels komen in het volgende voorstel terug."""
        aggregate = self._met_batch(batch_id)
        voorstel = aggregate.voorstel(batch_id)
        aggregate.trek_in(batch_id, door, reden, self.klok())
        self.eventstore.save(aggregate)
        return voorstel

    def betaalbestand(self, batch_id: str, bestanden: Betaalbestanden) -> Path:
        """Het definitieve bestand van een vrijgegeven batch."""
        bestand = bestanden.vind(batch_id) if any(b.batch_id == batch_id for b in self.batches()) else None
        if bestand is None:
            raise Onuitvoerbaar(f"Er is geen betaalbestand van batch {batch_id}; alleen een vrijgegeven batch heeft er een.")
        return bestand

    def crediteur_iban(self, aanbieder: str, gemeente: str) -> str | None:
        """Er wordt betaald op de rekening uit het contract, niet op die van de factuur."""
        return next((c.iban for c in self.catalogus.contracten_van(aanbieder, gemeente) if c.iban), None)

    # --- hulp

    def _alle(self, gemeenten: Collection[str] | None = None) -> list[Betaalbatches]:
        codes = sorted(self.catalogus.partijen.gemeentecodes())
        gevonden = (self.eventstore.zoek_betaalbatches(g) for g in codes if gemeenten is None or g in gemeenten)
        return [a for a in gevonden if a is not None]

    def _bekende_ids(self) -> set[str]:
        return {i for a in self._alle() for i in (*a.open, *a.vrijgegeven, *a.ingetrokken)}

    def _met_batch(self, batch_id: str) -> Betaalbatches:
        for aggregate in self._alle():
            if batch_id in aggregate.open or batch_id in aggregate.vrijgegeven or batch_id in aggregate.ingetrokken:
                return aggregate
        raise Onuitvoerbaar(f"Betaalbatch {batch_id} is onbekend; de batches die op vrijgave wachten staan bij "
                            "`hub betaalbatch toon`.")

    def _volgende_werkdag(self, nu: datetime) -> date:
        return plus_werkdagen(nu.astimezone().date(), 1)

    def _factuur(self, post: Batchpost) -> Factuur:
        factuur = self.eventstore.zoek_factuur(post.afzender, post.factuurnummer)
        assert factuur is not None, "het betaalvoorstel komt uit de eventstore"
        return factuur

    def _post(self, post: TeBetalen) -> Batchpost:
        factuur = self.eventstore.zoek_factuur(post.oordeel.afzender, post.oordeel.factuurnummer)
        assert factuur is not None, "het betaalvoorstel komt uit de eventstore"
        beslissers = [] if post.verrekening else list(dict.fromkeys(_beslisser(factuur, n) for n in post.regelnummers))
        return Batchpost(post.oordeel.afzender, post.oordeel.factuurnummer, post.regelnummers, post.bedrag, beslissers,
                         post.verrekening)

    def _nog_zo_besloten(self, voorstel: Voorstel) -> None:
        """Sinds het voorstel kan een besluit zijn ingetrokken of veranderd; dan klopt het voorstel niet meer."""
        oordelen = self.leesmodellen.factuurcontrole([voorstel.gemeente])
        for post in voorstel.posten:
            oordeel = oordelen.oordeel(post.afzender, post.factuurnummer)
            regels = [oordeel.regel(n) for n in post.regelnummers] if oordeel is not None else []
            bedragen = [(r.te_verrekenen if post.verrekening else r.te_betalen) if r is not None else Decimal(0)
                        for r in regels]
            nu = bedrag(sum(bedragen, Decimal(0)))
            if oordeel is None or any(b <= 0 for b in bedragen) or nu != post.bedrag:
                raise Onuitvoerbaar(
                    f"Het besluit over factuur {post.factuurnummer} is veranderd sinds betaalbatch {voorstel.batch_id} "
                    "werd voorgesteld; trek het voorstel in en maak een nieuw.")

    def _overboekingen(self, voorstel: Voorstel) -> list[Overboeking]:
        """Eén overboeking per factuur; moet er bij een aanbieder iets verrekend worden, dan één overboeking voor die
        aanbieder met het saldo, en de omschrijving noemt wat betaald en wat verrekend is."""
        uit = []
        per_aanbieder: dict[str, list[Batchpost]] = {}
        for post in voorstel.posten:
            per_aanbieder.setdefault(post.afzender, []).append(post)
        for afzender, posten in per_aanbieder.items():
            if not any(p.verrekening for p in posten):
                uit += [self._overboeking(afzender, voorstel.gemeente, p.factuurnummer, p.regelnummers, p.bedrag)
                        for p in posten]
                continue
            saldo = bedrag(sum((p.saldo for p in posten), Decimal(0)))
            betaald = ", ".join(p.factuurnummer for p in posten if not p.verrekening)
            verrekend = ", ".join(f"{p.factuurnummer} regel {', '.join(map(str, p.regelnummers))}"
                                  for p in posten if p.verrekening)
            kenmerk = next(p.factuurnummer for p in posten if not p.verrekening)
            overboeking = self._overboeking(afzender, voorstel.gemeente, kenmerk, [], saldo)
            uit.append(replace(overboeking, omschrijving=f"Facturen {betaald}; verrekend gecrediteerd {verrekend}"))
        return uit

    def _overboeking(self, afzender: str, gemeente: str, factuurnummer: str, regelnummers: list[int],
                     te_betalen: Decimal) -> Overboeking:
        iban = self.crediteur_iban(afzender, gemeente)
        if iban is None:
            raise Onuitvoerbaar(f"Het contract van {afzender} met {gemeente} noemt geen IBAN; "
                                "laat de inkoper het invullen.")
        return Overboeking(
            kenmerk=factuurnummer,
            bedrag=te_betalen,
            naam=self.catalogus.partijen.naam(afzender),
            iban=iban,
            omschrijving=f"Factuur {factuurnummer} regel {', '.join(map(str, regelnummers))}",
        )


def _beslisser(factuur: Factuur, regelnummer: int) -> Beslisser:
    besluit = factuur.besluiten[regelnummer]
    return Beslisser(besluit["door"], besluit.get("door_id"))
