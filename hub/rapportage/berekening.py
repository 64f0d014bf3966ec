"""Rekent de kwartaalrapportage uit de leesmodellen. Een feit telt in het kwartaal van zijn eigen datum."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from hub.aggregates.traject import REDENEN_EINDE
from hub.contracten.catalogus import Catalogus
from hub.controle.overheveling import toegekend_na_overheveling
from hub.controle.trajectfeiten import Trajectfeiten
from hub.domein.kalender import kwartaal_grenzen, vorige_kwartalen
from hub.domein.verdeling import verdeel
from hub.projections.kwartaal import Factuurfeiten, Kwartaalfeiten, Partijfeiten
from hub.projections.termijnbewaking import Termijnbewaking
from hub.rapportage.model import (
    NUL,
    Aandeel,
    Budgetaandeel,
    Budgetgebruik,
    Factuurbedragen,
    Jobcoachuren,
    Kwartaalrapport,
    Ladder,
    Loonwaarderesultaat,
    Providercijfers,
    Uitstroom,
)
from hub.rapportage.voetnoten import VOETNOTEN

TE_LAAT = "TE_LAAT"
TREND_KWARTALEN = 4
GOEDKEURING = ("goedgekeurd", "verwachtGoedgekeurd")
WERK_OF_SCHOOL = ("uitstroomWerk", "terugNaarSchool")


def _in(dag: date | None, begin: date, eind: date) -> bool:
    return dag is not None and begin <= dag <= eind


def _lopend_in(t: Trajectfeiten, begin: date, eind: date) -> bool:
    if t.datum_aanmelding > eind:
        return False
    afgesloten = t.afgesloten
    return afgesloten is None or afgesloten >= begin


def _actief_op(t: Trajectfeiten, eind: date) -> bool:
    return t.datum_aanmelding <= eind and not (t.einde and t.einde <= eind) and not (t.omgezet_op and t.omgezet_op <= eind)


def _in_het_jaar(t: Trajectfeiten, jaarbegin: date, eind: date) -> bool:
    """Liep in het jaar tot en met `eind`: aangemeld, niet vóór het jaar beëindigd en niet omgezet (de cliënt loopt
    dan door in het nieuwe traject)."""
    return (t.datum_aanmelding <= eind and not (t.einde and t.einde < jaarbegin)
            and not (t.omgezet_op and t.omgezet_op <= eind))


def _in_begeleiding(t: Trajectfeiten, eind: date) -> bool:
    """In begeleiding naar werk of scholing: het traject loopt op `eind` en de klantmanager keurde het plan goed."""
    return _actief_op(t, eind) and t.datum_plan_goedgekeurd is not None and t.datum_plan_goedgekeurd <= eind


def _treden(t: Trajectfeiten, kwartaal: str, eind: date) -> tuple[int, int] | None:
    metingen = [trede for k, trede in t.voortgang if k <= kwartaal]
    if t.plan_trede is not None and t.plan_trede_datum is not None and t.plan_trede_datum <= eind:
        start = t.plan_trede
    elif metingen:
        start = metingen[0]
    else:
        return None
    return start, (metingen[-1] if metingen else start)


def _raakt(t: Trajectfeiten, begin: date, eind: date) -> bool:
    """Of een traject iets telt in een kwartaal tussen `begin` en `eind`: lopend, of met een datum erin."""
    if _lopend_in(t, begin, eind):
        return True
    dagen = (t.datum_aanmelding, t.datum_oproep, t.datum_plan, t.datum_indienst, t.einde, t.omgezet_op, *t.noshows.values())
    maanden = f"{begin:%Y-%m}", f"{eind:%Y-%m}"
    return any(_in(d, begin, eind) for d in dagen) or any(maanden[0] <= m <= maanden[1] for m in t.nazorgmaanden)


def _ladder(trajecten: Iterable[Trajectfeiten], kwartaal: str, begin: date, eind: date) -> Ladder:
    omhoog = gelijk = omlaag = som_start = som_laatst = 0
    for t in trajecten:
        if not _lopend_in(t, begin, eind):
            continue
        treden = _treden(t, kwartaal, eind)
        if treden is None:
            continue
        start, laatst = treden
        som_start += start
        som_laatst += laatst
        if laatst > start:
            omhoog += 1
        elif laatst < start:
            omlaag += 1
        else:
            gelijk += 1
    return Ladder(omhoog, gelijk, omlaag, som_start, som_laatst)


def _bedragen(facturen: list[Factuurfeiten]) -> Factuurbedragen:
    gefactureerd = goedgekeurd = afgewezen = open_ = NUL
    regels = 0
    for factuur in facturen:
        for regel in factuur.regels:
            regels += 1
            gefactureerd += regel.bedrag
            besluit = factuur.besluiten.get(regel.regelnummer)
            if besluit is None:
                open_ += regel.bedrag
            elif besluit[0] in GOEDKEURING:
                goedgekeurd += besluit[1]
                afgewezen += regel.bedrag - besluit[1]
            else:
                afgewezen += regel.bedrag
    return Factuurbedragen(len(facturen), regels, gefactureerd, goedgekeurd, afgewezen, open_)


def _goedgekeurd_op(facturen: Iterable[Factuurfeiten], producten: list[str]) -> Decimal:
    """Het goedgekeurde op de regels van deze producten (leeg: alle regels)."""
    totaal = NUL
    for factuur in facturen:
        for regel in factuur.regels:
            besluit = factuur.besluiten.get(regel.regelnummer)
            if besluit is not None and besluit[0] in GOEDKEURING and (not producten or regel.product in producten):
                totaal += besluit[1]
    return totaal


def _ondergrens(categorie: str) -> int:
    return int(categorie.split("-")[0])


class Rapporteur:
    """Rekent per aanbieder en kwartaal; `oordelen` zijn de Factuuroordelen van de factuurcontrole, of None."""

    def __init__(
        self,
        feiten: Kwartaalfeiten,
        termijnen: Termijnbewaking,
        catalogus: Catalogus,
        oordelen: Iterable[Any] | None = None,
        penvoerders: dict[str, Kwartaalfeiten] | None = None,
    ):
        """`penvoerders`: de kwartaalfeiten van de gemeenten die voor een gedeeld budget (verdeelsleutel) de facturen
        krijgen, als dat een andere gemeente is dan die van het rapport."""
        self.feiten = feiten
        self.penvoerders = penvoerders or {}
        self.termijnen = termijnen
        self.catalogus = catalogus
        self._uren: dict[tuple[str, str, str], bool] = {}
        self.oordelen: dict[tuple[str, str], list[Any]] | None = None
        if oordelen is not None:
            self.oordelen = {}
            for oordeel in oordelen:
                self.oordelen.setdefault((oordeel.gemeente, oordeel.afzender), []).append(oordeel)

    def _uureenheid(self, provider: str, gemeente: str, code: str) -> bool:
        sleutel = (provider, gemeente, code)
        if sleutel not in self._uren:
            product = self.catalogus.product(provider, gemeente, code)
            self._uren[sleutel] = product.eenheid == "uur" if product is not None else code == "JC-UUR"
        return self._uren[sleutel]

    def _jobcoach(self, partij: Partijfeiten, gemeente: str, provider: str, begin: date, eind: date,
                  facturen: list[Factuurfeiten]) -> Jobcoachuren:
        """Toegekend: de uren van de periodes die in het kwartaal beginnen, na overheveling tussen de jaren (art. 11.2)."""
        toegekend = overgeheveld = Decimal(0)
        for p in partij.periodes:
            if p.uren_toegekend is not None and _in(p.start, begin, eind):
                toegekend += toegekend_na_overheveling(
                    p, [q for q in partij.periodes if q.traject_id == p.traject_id]) or Decimal(0)
                overgeheveld += p.overgeheveld
        verantwoord = sum((uren for p in partij.periodes for dag, uren in p.uren if _in(dag, begin, eind)), Decimal(0))
        gefactureerd = sum(
            (r.aantal for f in facturen for r in f.regels if self._uureenheid(provider, gemeente, r.product)), Decimal(0)
        )
        return Jobcoachuren(toegekend, verantwoord, gefactureerd, overgeheveld)

    def _budget(self, partij: Partijfeiten, gemeente: str, provider: str, eind: date,
                trajecten: list[Trajectfeiten]) -> list[Budgetgebruik]:
        jaarbegin = date(eind.year, 1, 1)
        uit = []
        gedeeld = {id(p) for c in self.catalogus.contracten_van(provider, gemeente) if c.verdeelsleutel for p in c.plafonds}
        for plafond in self.catalogus.plafonds(provider, gemeente, eind.year):
            if id(plafond) in gedeeld and plafond.gemeente is None:
                continue
            besteed = _goedgekeurd_op((f for f in partij.facturen if _in(f.factuurdatum, jaarbegin, eind)), plafond.producten)
            aantal = sum(1 for t in trajecten if _in(t.datum_aanmelding, jaarbegin, eind))
            uit.append(Budgetgebruik(eind.year, plafond.omschrijving, plafond.bedrag, besteed, plafond.aantal, aantal))
        return uit

    def _budgetaandelen(self, gemeente: str, provider: str, eind: date) -> list[Budgetaandeel]:
        """De gedeelde budgetten: het goedgekeurde staat bij de penvoerder; elke gemeente draagt haar aandeel."""
        jaarbegin = date(eind.year, 1, 1)
        uit = []
        for contract in self.catalogus.contracten_van(provider, gemeente):
            sleutel = contract.verdeelsleutel
            if sleutel is None:
                continue
            feiten = self.feiten if sleutel.penvoerder == gemeente else self.penvoerders.get(sleutel.penvoerder)
            facturen = feiten.partij(sleutel.penvoerder, provider).facturen if feiten is not None else []
            for plafond in contract.plafonds:
                if plafond.gemeente is not None or plafond.jaar not in (None, eind.year) or plafond.bedrag is None:
                    continue
                besteed = _goedgekeurd_op((f for f in facturen if _in(f.factuurdatum, jaarbegin, eind)), plafond.producten)
                delen = verdeel(plafond.bedrag, sleutel.aandelen)
                doorbelast = verdeel(besteed, sleutel.aandelen)
                uit.append(Budgetaandeel(eind.year, plafond.omschrijving, gemeente, sleutel.penvoerder,
                                         sleutel.aandelen[gemeente], plafond.bedrag, delen[gemeente], besteed,
                                         doorbelast[gemeente], doorbelast))
        return uit

    def _loonwaarde(self, gemeente: str, provider: str, trajecten: list[Trajectfeiten], begin: date,
                    eind: date) -> list[Loonwaarderesultaat]:
        """Per loonwaardecategorie met een doel in het contract, of met aangemelde cliënten."""
        doelen: dict[str, Any] = {d.loonwaarde: d for c in self.catalogus.contracten_van(provider, gemeente) if c.geldt_op(eind)
                  for d in c.resultaatdoelen}
        categorieen = sorted(set(doelen) | {t.loonwaarde for t in trajecten if t.loonwaarde}, key=_ondergrens)
        jaarbegin = date(eind.year, 1, 1)
        uit = []
        for categorie in categorieen:
            doel = doelen.get(categorie)
            eigen = [t for t in trajecten if t.loonwaarde == categorie]
            geplaatst = [t for t in eigen if doel is None or doel.product is None or doel.product in t.gekochte_producten]
            beeindigd = [t for t in eigen if _in(t.einde, begin, eind)]
            in_beeld = [t for t in eigen if _in_het_jaar(t, jaarbegin, eind)]
            redenen = Counter(t.reden_einde for t in in_beeld if _in(t.einde, jaarbegin, eind))
            uit.append(Loonwaarderesultaat(
                categorie,
                sum(1 for t in eigen if _in(t.datum_aanmelding, begin, eind)),
                len(beeindigd),
                sum(1 for t in beeindigd if t.reden_einde == "uitstroomWerk"),
                sum(1 for t in geplaatst if _in(t.datum_indienst, jaarbegin, eind)),
                doel,
                in_beeld=len(in_beeld),
                werk_of_school=sum(redenen[r] for r in WERK_OF_SCHOOL),
                in_begeleiding=sum(1 for t in in_beeld if _in_begeleiding(t, eind)),
                handhaving=redenen["handhaving"],
                op_traject=sum(1 for t in eigen if _actief_op(t, eind)),
            ))
        return uit

    def _oordelen(self, gemeente: str, provider: str, begin: date, eind: date) -> tuple[list[tuple[str, int]] | None, int | None]:
        if self.oordelen is None:
            return None, None
        codes: Counter[str] = Counter()
        te_laat = 0
        for oordeel in self.oordelen.get((gemeente, provider), []):
            if not _in(oordeel.factuurdatum, begin, eind):
                continue
            gevonden = [b.code for regel in oordeel.regels for b in regel.bevindingen]
            codes.update(gevonden)
            te_laat += TE_LAAT in gevonden
        return sorted(codes.items(), key=lambda paar: (-paar[1], paar[0])), te_laat

    def cijfers(self, gemeente: str, provider: str, kwartaal: str, trajecten: list[Trajectfeiten] | None = None) -> Providercijfers:
        """`trajecten`: alleen deze van de aanbieder bekijken (wie meer kwartalen rekent, kiest eerst uit)."""
        begin, eind = kwartaal_grenzen(kwartaal)
        begin_maand, eind_maand = f"{begin:%Y-%m}", f"{eind:%Y-%m}"
        partij = self.feiten.partij(gemeente, provider)
        trajecten = partij.trajecten if trajecten is None else trajecten
        oproepen = [t for t in trajecten if _in(t.datum_oproep, begin, eind)]
        plannen = [t for t in trajecten if _in(t.datum_plan, begin, eind)]
        redenen = Counter(t.reden_einde for t in trajecten if _in(t.einde, begin, eind))
        beeindigingen = {reden: redenen.get(reden, 0) for reden in REDENEN_EINDE}
        plaatsingen = [t for t in trajecten if _in(t.datum_indienst, begin, eind)]
        facturen = [f for f in partij.facturen if _in(f.factuurdatum, begin, eind)]
        bevindingen, te_late_facturen = self._oordelen(gemeente, provider, begin, eind)
        signalen = [s for s in self.termijnen.signalen_van(gemeente, provider) if _in(s.datum, begin, eind)]
        if te_late_facturen is None:
            te_late_facturen = sum(1 for s in signalen if s.termijn == "factuur")
        return Providercijfers(
            provider=provider,
            naam=self.catalogus.partijen.naam(provider),
            kwartaal=kwartaal,
            aanmeldingen=sum(1 for t in trajecten if _in(t.datum_aanmelding, begin, eind)),
            oproepen=Aandeel(sum(1 for t in oproepen if t.oproep_op_tijd), len(oproepen)),
            plannen=Aandeel(sum(1 for t in plannen if t.plan_op_tijd), len(plannen)),
            noshows=sum(1 for t in trajecten for dag in t.noshows.values() if _in(dag, begin, eind)),
            actief=sum(1 for t in trajecten if _actief_op(t, eind)),
            beeindigingen=beeindigingen,
            omzettingen=sum(1 for t in trajecten if _in(t.omgezet_op, begin, eind)),
            uitstroom=Uitstroom(beeindigingen["uitstroomWerk"], sum(beeindigingen.values()),
                                self.catalogus.doelstelling(provider, gemeente, eind)),
            plaatsingen=len(plaatsingen),
            plaatsingen_binnen_3_maanden=sum(1 for t in plaatsingen if t.binnen_bonusvenster),
            nazorgmaanden=sum(1 for t in trajecten for m in t.nazorgmaanden if begin_maand <= m <= eind_maand),
            ladder=_ladder(trajecten, kwartaal, begin, eind),
            jobcoach=self._jobcoach(partij, gemeente, provider, begin, eind, facturen),
            facturen=_bedragen(facturen),
            bevindingen=bevindingen,
            budget=self._budget(partij, gemeente, provider, eind, trajecten),
            te_late_facturen=te_late_facturen,
            te_late_berichten=dict(sorted(Counter(s.termijn for s in signalen if s.termijn != "factuur").items())),
            openstaand=dict(sorted(Counter(s.termijn for s in self.termijnen.openstaand(gemeente, provider, eind)).items())),
            budgetaandelen=self._budgetaandelen(gemeente, provider, eind),
            loonwaarde=self._loonwaarde(gemeente, provider, trajecten, begin, eind),
        )

    def rapport(self, gemeente: str, kwartaal: str, providers: list[str] | None = None) -> Kwartaalrapport:
        begin, eind = kwartaal_grenzen(kwartaal)
        if providers is None:
            providers = self.feiten.providers_van(gemeente) or sorted(
                {c.provider for c in self.catalogus.contracten if gemeente in c.gemeenten}
            )
            providers = [*providers, *sorted({c.provider for c in self.catalogus.contracten
                                              if c.verdeelsleutel and gemeente in c.gemeenten} - set(providers))]
        kwartalen = [*vorige_kwartalen(kwartaal, TREND_KWARTALEN), kwartaal]
        vanaf = date(kwartaal_grenzen(kwartalen[0])[0].year, 1, 1)
        trend = {}
        for p in providers:
            in_beeld = [t for t in self.feiten.partij(gemeente, p).trajecten if _raakt(t, vanaf, eind)]
            trend[p] = [self.cijfers(gemeente, p, k, in_beeld) for k in kwartalen]
        return Kwartaalrapport(
            gemeente=gemeente,
            gemeentenaam=self.catalogus.partijen.naam(gemeente),
            kwartaal=kwartaal,
            begin=begin,
            eind=eind,
            providers=[trend[p][-1] for p in providers],
            trend=trend,
            bevindingen_beschikbaar=self.oordelen is not None,
            voetnoten=list(VOETNOTEN),
        )
