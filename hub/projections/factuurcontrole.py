"""Factuurcontrole: per factuurregel het verwachte bedrag, het gefactureerde en de bevindingen.

De projectie bewaart de feiten per traject en jobcoachperiode en alle ontvangen regels. Een nieuw feit
maakt de facturen die het raakt 'te herzien'; bij het lezen (en vlak vóór een besluit) worden de
onbesliste regels daarvan opnieuw beoordeeld. Zo volgt het oordeel laat binnenkomende feiten, en is
het oordeel over een besliste regel bevroren zoals het was op het moment van het besluit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable
from uuid import UUID

from hub.aggregates.factuur import Factuur
from hub.aggregates.jobcoachperiode import Jobcoachperiode
from hub.aggregates.traject import Traject
from hub.contracten.catalogus import Catalogus
from hub.controle import Gefactureerd, Kop, Periodefeiten, Regel, Trajectfeiten, controleer_factuur
from hub.domein.geld import bedrag
from hub.projections.basis import Projectie
from hub.projections.oordeel import Factuuroordeel, Regeloordeel, factuurstatus, status_van

Sleutel = tuple[str, str]

__all__ = ["Factuurcontrole", "Factuuroordeel", "Regeloordeel", "factuurstatus"]


class _Feiten:
    def __init__(self, controle: Factuurcontrole):
        self._controle = controle
        self._per_aanbieder: dict[Sleutel, list[Gefactureerd]] = {}
        for factuur in controle.ontvangen.values():
            groep = self._per_aanbieder.setdefault((factuur["kop"].afzender, factuur["kop"].gemeente), [])
            groep.extend(factuur["regels"].values())
        for groep in self._per_aanbieder.values():
            groep.sort(key=lambda g: g.volgorde)

    def traject(self, gemeente: str, traject_id: str) -> Trajectfeiten | None:
        return self._controle.trajecten.get((gemeente, traject_id))

    def periode(self, gemeente: str, periode_id: str) -> Periodefeiten | None:
        return self._controle.periodes.get((gemeente, periode_id))

    def regels_van(self, afzender: str, gemeente: str) -> list[Gefactureerd]:
        return self._per_aanbieder.get((afzender, gemeente), [])


class Factuurcontrole(Projectie):
    naam = "factuurcontrole"
    versie = 1

    def __init__(self, catalogus: Catalogus):
        self._catalogus = catalogus
        self.trajecten: dict[Sleutel, Trajectfeiten] = {}
        self.periodes: dict[Sleutel, Periodefeiten] = {}
        self.ontvangen: dict[Sleutel, dict[str, Any]] = {}
        self.herkomst: dict[UUID, tuple[str, Sleutel]] = {}
        self.mutaties: dict[Sleutel, str] = {}
        self.te_herzien: set[Sleutel] = set()
        super().__init__()

    def afhandelaars(self) -> dict[type, Callable[[Any], None]]:
        return {
            Traject.Aangemeld: self._aangemeld,
            Traject.IntakeGehouden: self._traject_feit(lambda t, e: setattr(t, "datum_intake", e.datum)),
            Traject.NoShowGeregistreerd: self._traject_feit(lambda t, e: t.noshows.__setitem__(e.volgnummer, e.datum_afspraak)),
            Traject.Geplaatst: self._traject_feit(lambda t, e: setattr(t, "datum_indienst", e.datum_indienst)),
            Traject.NazorgmaandGeleverd: self._traject_feit(lambda t, e: t.nazorgmaanden.append(e.maand)),
            Traject.Beeindigd: self._traject_feit(self._beeindigd),
            Traject.Omgezet: self._traject_feit(self._omgezet),
            Traject.MutatieAangevraagd: self._mutatie_aangevraagd,
            Traject.MutatieBeoordeeld: self._traject_feit(self._mutatie_beoordeeld),
            Jobcoachperiode.Aangevraagd: self._periode_aangevraagd,
            Jobcoachperiode.Toegekend: self._periode_feit(self._toegekend),
            Jobcoachperiode.UrenVerantwoord: self._periode_feit(self._uren),
            Factuur.FactuurOntvangen: self._factuur_ontvangen,
            Factuur.RegelBesloten: self._besloten,
            Factuur.BesluitGecorrigeerd: self._gecorrigeerd,
            Factuur.InBetaalbatchOpgenomen: self._in_batch,
        }

    # --- trajecten en jobcoachperiodes

    def _aangemeld(self, e: Any) -> None:
        sleutel = (e.gemeente, e.traject_id)
        self.herkomst[e.originator_id] = ("traject", sleutel)
        self.trajecten[sleutel] = Trajectfeiten(
            gemeente=e.gemeente,
            traject_id=e.traject_id,
            provider=e.provider,
            product=e.product,
            datum_aanmelding=e.datum_aanmelding,
            omzetting_van=e.omzetting_van,
        )
        self._raakt_traject(sleutel)

    def _traject_feit(self, wijzig: Callable[[Trajectfeiten, Any], None]) -> Callable[[Any], None]:
        def afhandelaar(e: Any) -> None:
            soort, sleutel = self.herkomst.get(e.originator_id, ("", ("", "")))
            traject = self.trajecten.get(sleutel) if soort == "traject" else None
            if traject is None:
                return
            wijzig(traject, e)
            self._raakt_traject(sleutel)

        return afhandelaar

    @staticmethod
    def _beeindigd(traject: Trajectfeiten, e: Any) -> None:
        traject.einde, traject.reden_einde = e.datum, e.reden

    @staticmethod
    def _omgezet(traject: Trajectfeiten, e: Any) -> None:
        traject.omgezet_naar, traject.omgezet_op = e.naar_traject_id, e.datum

    def _mutatie_aangevraagd(self, e: Any) -> None:
        soort, sleutel = self.herkomst.get(e.originator_id, ("", ("", "")))
        if soort == "traject":
            self.mutaties[sleutel] = e.nieuw_product

    def _mutatie_beoordeeld(self, traject: Trajectfeiten, e: Any) -> None:
        nieuw = self.mutaties.pop((traject.gemeente, traject.traject_id), None)
        if e.besluit == "goedgekeurd" and nieuw:
            traject.oorspronkelijk_product = traject.oorspronkelijk_product or traject.product
            traject.product = nieuw

    def _periode_aangevraagd(self, e: Any) -> None:
        sleutel = (e.gemeente, e.periode_id)
        self.herkomst[e.originator_id] = ("periode", sleutel)
        self.periodes[sleutel] = Periodefeiten(
            gemeente=e.gemeente,
            periode_id=e.periode_id,
            traject_id=e.traject_id,
            provider=e.provider,
            soort=e.soort,
            start=e.start,
            eind=e.eind,
        )
        self._raakt_periode(sleutel)

    def _periode_feit(self, wijzig: Callable[[Periodefeiten, Any], None]) -> Callable[[Any], None]:
        def afhandelaar(e: Any) -> None:
            soort, sleutel = self.herkomst.get(e.originator_id, ("", ("", "")))
            periode = self.periodes.get(sleutel) if soort == "periode" else None
            if periode is None:
                return
            wijzig(periode, e)
            self._raakt_periode(sleutel)

        return afhandelaar

    @staticmethod
    def _toegekend(periode: Periodefeiten, e: Any) -> None:
        periode.start, periode.eind, periode.uren_toegekend = e.start, e.eind, Decimal(e.uren_toegekend)

    @staticmethod
    def _uren(periode: Periodefeiten, e: Any) -> None:
        periode.uren.extend((r["datum"], Decimal(str(r["uren"]))) for r in e.regels)

    # --- facturen

    def _factuur_ontvangen(self, e: Any) -> None:
        sleutel = (e.afzender, e.factuurnummer)
        self.herkomst[e.originator_id] = ("factuur", sleutel)
        kop = Kop(
            afzender=e.afzender,
            gemeente=e.gemeente,
            factuurnummer=e.factuurnummer,
            factuurdatum=e.factuurdatum,
            verzonden=e.verzonden,
            totaal_excl_btw=e.totaal_excl_btw,
            btw_bedrag=e.btw_bedrag,
            totaal_incl_btw=e.totaal_incl_btw,
        )
        nummer = len(self.ontvangen) + 1
        regels = {}
        for ruw in e.regels:
            regel = Regel.uit_bericht(ruw)
            regels[regel.regelnummer] = Gefactureerd(e.afzender, e.gemeente, e.factuurnummer, (nummer, regel.regelnummer), regel)
        self.ontvangen[sleutel] = {"kop": kop, "regels": dict(sorted(regels.items()))}
        self._raakt_aanbieder(e.afzender, e.gemeente)

    def _factuur_van(self, e: Any) -> tuple[Sleutel, dict[str, Any]] | None:
        soort, sleutel = self.herkomst.get(e.originator_id, ("", ("", "")))
        factuur = self.ontvangen.get(sleutel) if soort == "factuur" else None
        return (sleutel, factuur) if factuur is not None else None

    def _besloten(self, e: Any) -> None:
        gevonden = self._factuur_van(e)
        if gevonden is None:
            return
        sleutel, factuur = gevonden
        self._herzie({sleutel})
        factuur["regels"][e.regelnummer].besluit = {
            "besluit": e.besluit, "bedrag": e.bedrag, "door": e.door, "reden": e.reden, "op": e.op
        }
        self._raakt_aanbieder(sleutel[0], factuur["kop"].gemeente)

    def _gecorrigeerd(self, e: Any) -> None:
        gevonden = self._factuur_van(e)
        if gevonden is None:
            return
        sleutel, factuur = gevonden
        factuur["regels"][e.regelnummer].besluit = None
        self._raakt_aanbieder(sleutel[0], factuur["kop"].gemeente)

    def _in_batch(self, e: Any) -> None:
        gevonden = self._factuur_van(e)
        if gevonden is None:
            return
        for n in e.regelnummers:
            regel = gevonden[1]["regels"][n]
            regel.betaald_in, regel.betaald_op = e.batch_id, e.op

    # --- wat een feit raakt, en herzien

    def _raakt_traject(self, traject: Sleutel) -> None:
        gemeente, traject_id = traject
        for sleutel, factuur in self.ontvangen.items():
            if factuur["kop"].gemeente != gemeente:
                continue
            if any(g.regel.traject_id == traject_id or self._omzetting_raakt(g, traject_id) for g in factuur["regels"].values()):
                self.te_herzien.add(sleutel)

    def _omzetting_raakt(self, g: Gefactureerd, traject_id: str) -> bool:
        feiten = self.trajecten.get((g.gemeente, g.regel.traject_id or ""))
        return feiten is not None and feiten.omzetting_van == traject_id

    def _raakt_periode(self, periode: Sleutel) -> None:
        gemeente, periode_id = periode
        for sleutel, factuur in self.ontvangen.items():
            if factuur["kop"].gemeente == gemeente and any(g.regel.periode_id == periode_id for g in factuur["regels"].values()):
                self.te_herzien.add(sleutel)

    def _raakt_aanbieder(self, afzender: str, gemeente: str) -> None:
        for sleutel, factuur in self.ontvangen.items():
            if sleutel[0] == afzender and factuur["kop"].gemeente == gemeente:
                self.te_herzien.add(sleutel)

    def _herzie(self, sleutels: set[Sleutel] | None = None) -> None:
        te_doen = self.te_herzien if sleutels is None else self.te_herzien & sleutels
        if not te_doen:
            return
        feiten = _Feiten(self)
        for sleutel in sorted(te_doen, key=lambda s: next(iter(self.ontvangen[s]["regels"].values())).volgorde):
            factuur = self.ontvangen[sleutel]
            regels = list(factuur["regels"].values())
            onbeslist = {g.regel.regelnummer for g in regels if g.besluit is None}
            for n, uitkomst in controleer_factuur(factuur["kop"], regels, feiten, self._catalogus, onbeslist).items():
                g = factuur["regels"][n]
                g.verwacht, g.bevindingen, g.btw_verwacht = uitkomst.verwacht, list(uitkomst.bevindingen), uitkomst.btw_verwacht
        self.te_herzien -= te_doen

    def herstel(self, toestand: dict[str, Any], positie: int) -> None:
        """Na het laden opnieuw beoordelen: de contracten kunnen intussen zijn aangevuld."""
        super().herstel(toestand, positie)
        self.te_herzien = set(self.ontvangen)

    # --- lezen

    def _oordeel(self, sleutel: Sleutel) -> Factuuroordeel:
        factuur = self.ontvangen[sleutel]
        kop: Kop = factuur["kop"]
        regels = [
            Regeloordeel(
                regelnummer=g.regel.regelnummer,
                traject_id=g.regel.traject_id,
                product=g.regel.product,
                periode_start=g.regel.periode_start,
                periode_eind=g.regel.periode_eind,
                gefactureerd=bedrag(g.gefactureerd),
                verwacht=g.verwacht,
                bevindingen=list(g.bevindingen),
                besluit=dict(g.besluit) if g.besluit else None,
                betaald_in=g.betaald_in,
                btw_percentage=g.regel.btw_percentage,
                btw_verwacht=g.btw_verwacht,
                betaald_op=g.betaald_op,
            )
            for g in factuur["regels"].values()
        ]
        return Factuuroordeel(
            factuurnummer=kop.factuurnummer,
            afzender=kop.afzender,
            gemeente=kop.gemeente,
            factuurdatum=kop.factuurdatum,
            status=status_van(regels),
            totaal_gefactureerd=bedrag(sum((r.gefactureerd for r in regels), Decimal(0))),
            totaal_verwacht=bedrag(sum((r.verwacht for r in regels), Decimal(0))),
            regels=regels,
        )

    def facturen(self) -> list[Factuuroordeel]:
        """Alle facturen in volgorde van ontvangst."""
        self._herzie()
        return [self._oordeel(s) for s in self.ontvangen]

    def oordeel(self, afzender: str, factuurnummer: str) -> Factuuroordeel | None:
        sleutel = (afzender, factuurnummer)
        if sleutel not in self.ontvangen:
            return None
        self._herzie({sleutel})
        return self._oordeel(sleutel)

    def afzenders_van(self, factuurnummer: str) -> list[str]:
        return sorted(a for a, n in self.ontvangen if n == factuurnummer)

