"""Goedgekeurde bedragen betalen: per gemeente één betaalbatch met één overboeking per factuur.

Eerst het betaalbestand (voorlopig, getoetst), dan de events die elke regel aan de batch binden, dan pas het
definitieve bestand: mislukt het vastleggen, dan blijft er geen bestand voor de bank achter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from hub.contracten.catalogus import Catalogus
from hub.domein.betaling import Opdrachtgever, Overboeking
from hub.domein.kalender import plus_werkdagen
from hub.projections.betaalvoorstel import Betaalbatch, TeBetalen, betaalbatches, betaalvoorstel
from hub.toepassing.eventstore import Hub
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.poorten import Betaalbestanden, Leesmodelbron

BATCH_ID_LENGTE = 35
"""pain.001 staat voor een bericht-id ten hoogste 35 tekens toe."""


@dataclass(frozen=True)
class GemaakteBatch:
    opdrachtgever: Opdrachtgever
    posten: list[TeBetalen]
    uitvoeringsdatum: date
    bestand: Path

    @property
    def totaal(self) -> Decimal:
        return sum((p.bedrag for p in self.posten), Decimal(0))


class Betalen:
    def __init__(self, eventstore: Hub, leesmodellen: Leesmodelbron, catalogus: Catalogus,
                 klok: Callable[[], datetime]):
        self.eventstore = eventstore
        self.leesmodellen = leesmodellen
        self.catalogus = catalogus
        self.klok = klok

    def batches(self) -> list[Betaalbatch]:
        return betaalbatches(self.leesmodellen.factuurcontrole().facturen())

    def maak(self, opdrachtgevers: Mapping[str, Opdrachtgever], bestanden: Betaalbestanden,
             uitvoeringsdatum: date | None = None) -> list[GemaakteBatch]:
        """Alle goedgekeurde, nog niet betaalde regels; standaard uit te voeren op de volgende werkdag."""
        facturen = self.leesmodellen.factuurcontrole().facturen()
        voorstel = betaalvoorstel(facturen)
        if not voorstel:
            return []
        ontbreekt = sorted(g for g in voorstel if g not in opdrachtgevers)
        if ontbreekt:
            raise Onuitvoerbaar(f"Geen rekeninggegevens voor {', '.join(ontbreekt)}; vul naam, iban en bic aan.")
        nu = self.klok()
        datum = uitvoeringsdatum or plus_werkdagen(nu.astimezone().date(), 1)
        volgnummer = len(betaalbatches(facturen))
        gemaakt = []
        for gemeente, posten in sorted(voorstel.items()):
            volgnummer += 1
            batch_id = f"BB-{nu:%Y%m%d-%H%M%S}-{volgnummer}-{gemeente}"[:BATCH_ID_LENGTE]
            bestand = self._batch(batch_id, nu, datum, opdrachtgevers[gemeente], posten, bestanden)
            gemaakt.append(GemaakteBatch(opdrachtgevers[gemeente], posten, datum, bestand))
        return gemaakt

    def _batch(self, batch_id: str, nu: datetime, uitvoeringsdatum: date, opdrachtgever: Opdrachtgever,
               posten: list[TeBetalen], bestanden: Betaalbestanden) -> Path:
        overboekingen = [self._overboeking(p) for p in posten]
        klaar = bestanden.klaarzetten(batch_id, nu.astimezone(), uitvoeringsdatum, opdrachtgever, overboekingen)
        try:
            facturen = []
            for post in posten:
                factuur = self.eventstore.zoek_factuur(post.oordeel.afzender, post.oordeel.factuurnummer)
                assert factuur is not None, "het betaalvoorstel komt uit de eventstore"
                factuur.neem_op_in_batch(batch_id, post.regelnummers, nu)
                facturen.append(factuur)
            self.eventstore.save(*facturen)
        except BaseException:
            klaar.verwerp()
            raise
        return klaar.definitief()

    def _overboeking(self, post: TeBetalen) -> Overboeking:
        f = post.oordeel
        iban = self.crediteur_iban(f.afzender, f.gemeente)
        if iban is None:
            raise Onuitvoerbaar(f"Het contract van {f.afzender} met {f.gemeente} noemt geen IBAN; "
                                "laat de inkoper het invullen.")
        return Overboeking(
            kenmerk=f.factuurnummer,
            bedrag=post.bedrag,
            naam=self.catalogus.partijen.naam(f.afzender),
            iban=iban,
            omschrijving=f"Factuur {f.factuurnummer} regel {', '.join(map(str, post.regelnummers))}",
        )

    def crediteur_iban(self, aanbieder: str, gemeente: str) -> str | None:
        """Er wordt betaald op de rekening uit het contract, niet op die van de factuur."""
        return next((c.iban for c in self.catalogus.contracten_van(aanbieder, gemeente) if c.iban), None)
