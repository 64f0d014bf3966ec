"""Factuurcontrole: per factuurregel het verwachte bedrag, het gefactureerde en de bevindingen.

De projectie bewaart de feiten per traject en jobcoachperiode en alle ontvangen regels. Het oordeel over
een regel hangt alleen af van een paar ingangen: haar traject (en het traject waaruit dat is omgezet), haar
jobcoachperiode en de andere periodes op haar traject, de andere regels van dezelfde aanbieder en gemeente op
die traject of periode, en het goedgekeurde in haar leverjaar als daar een plafond voor geldt. Elke wijziging stempelt de ingang met een
oplopende teller; een regel is 'te herzien' als een van haar ingangen later gestempeld is dan haar laatste
toets. Onbesliste regels worden pas bij het lezen opnieuw beoordeeld; een regel die besloten wordt, vlak vóór
het besluit. Zo volgt het oordeel laat binnenkomende feiten, en is het oordeel over een besliste regel
bevroren zoals het was op het moment van het besluit.

Vóór het bewaren worden alle te herziene regels getoetst, want de stempels gaan niet mee. Na het laden is
dan alleen opnieuw toetsen nodig als de contracten anders zijn dan bij het bewaren (`contracten` is hun
vingerafdruk); anders blijven de bewaarde oordelen staan tot nieuwe events hun ingangen stempelen. Sleutels van `herkomst` zijn `originator_id.int`:
een geheel getal laadt veel sneller dan een UUID.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from hub.aggregates.factuur import Factuur, Factuurregel, GebruiktePrijsafspraak
from hub.aggregates.jobcoachperiode import Jobcoachperiode
from hub.aggregates.traject import Traject
from hub.contracten.catalogus import Catalogus, Prijsafspraak
from hub.controle import Gefactureerd, Kop, Periodefeiten, Trajectfeiten, controleer_factuur
from hub.controle.ingangen import Ingang, Periodeingang, PeriodesOpTraject, Trajectingang, gevolgen, ingangen
from hub.controle.ontvangen_regels import OntvangenRegels
from hub.controle.trajectfeiten import LATERE_EVENTS
from hub.domein.geld import bedrag
from hub.projections.basis import Projectie
from hub.projections.oordeel import Factuuroordeel, Regeloordeel, factuurstatus, status_van
from hub.projections.waarden import gedeeld

Sleutel = tuple[str, str]

__all__ = ["Factuurcontrole", "Factuuroordeel", "Regeloordeel", "factuurstatus"]


ZONDER_GEVOLG = frozenset({Traject.OproepGeregistreerd, Traject.PlanIngediend, Traject.PlanBeoordeeld,
                           Traject.VoortgangGerapporteerd, Traject.MutatieAangevraagd})
"""Traject-events waar het oordeel over een regel niet van afhangt: hun regels hoeven niet opnieuw getoetst."""

GEDEELDE_VELDEN = ("product", "periode_start", "periode_eind", "aantal", "prijs", "bedrag", "btw_percentage",
                   "datum_aanmelding", "klantmanager", "percentage", "periode_id")


def gedeelde_regel(regel: Factuurregel) -> Factuurregel:
    """De regel met gelijke waarden als één object (zie `waarden`); het trajectId en de cliënt blijven eigen."""
    return replace(regel, **{veld: gedeeld(getattr(regel, veld)) for veld in GEDEELDE_VELDEN})


def vingerafdruk(catalogus: Catalogus) -> str:
    return hashlib.sha256(repr((catalogus.partijen, catalogus.contracten)).encode()).hexdigest()


CONTRACTVERSIE_LENGTE = 16


def gebruikte_prijsafspraak(afspraak: Prijsafspraak) -> GebruiktePrijsafspraak:
    """De prijsafspraak als waarde voor het bewijs van een besluit, met een vingerafdruk van het hele contract."""
    versie = hashlib.sha256(afspraak.contract.model_dump_json().encode()).hexdigest()[:CONTRACTVERSIE_LENGTE]
    return GebruiktePrijsafspraak(
        contract=afspraak.contract.id,
        contractversie=versie,
        product=afspraak.product.code,
        prijs=afspraak.bedrag,
        geldig_van=afspraak.prijs.geldig_van,
        geldig_tot=afspraak.prijs.geldig_tot,
        btw_percentage=afspraak.btw_percentage,
    )


class Factuurcontrole(Projectie):
    naam = "factuurcontrole"
    versie = 10

    def __init__(self, catalogus: Catalogus):
        self._catalogus = catalogus
        self._afspraken: dict[tuple[str, str, Any], GebruiktePrijsafspraak] = {}
        self.trajecten: dict[Sleutel, Trajectfeiten] = {}
        self.periodes: dict[Sleutel, Periodefeiten] = {}
        self.ontvangen: dict[Sleutel, dict[str, Any]] = {}
        self.herkomst: dict[int, tuple[str, Sleutel]] = {}
        self.contracten = vingerafdruk(catalogus)
        self._tik = 0
        self._geladen = 0
        self._stempels: dict[Ingang, int] = {}
        self._plafond: dict[tuple[str, str, int], bool] = {}
        self._ontvangen_regels: OntvangenRegels | None = None
        self._gewijzigd: dict[Sleutel, int] = {}
        self._wijzigingen = 0
        self._oordelen: dict[Sleutel, tuple[int, Factuuroordeel]] = {}
        self._herzien_bij: tuple[int, int, int] | None = None
        self._lijst: tuple[int, list[Factuuroordeel]] | None = None
        super().__init__()

    def afhandelaars(self) -> dict[type, Callable[[Any], None]]:
        return {
            Traject.Aangemeld: self._aangemeld,
            **{soort: self._traject_feit for soort in LATERE_EVENTS},
            Jobcoachperiode.Aangevraagd: self._periode_aangevraagd,
            Jobcoachperiode.Toegekend: self._periode_feit(self._toegekend),
            Jobcoachperiode.UrenVerantwoord: self._periode_feit(self._uren),
            Factuur.FactuurOntvangen: self._factuur_ontvangen,
            Factuur.RegelBesloten: self._besloten,
            Factuur.BesluitGecorrigeerd: self._gecorrigeerd,
            Factuur.InBetaalbatchOpgenomen: self._in_batch,
            Factuur.Gecrediteerd: self._gecrediteerd,
            Factuur.VerrekendInBetaalbatch: self._verrekend,
        }

    # --- trajecten en jobcoachperiodes

    def _aangemeld(self, e: Any) -> None:
        sleutel = (e.gemeente, e.traject_id)
        self._stempel(Trajectingang(*sleutel))
        self.herkomst[e.originator_id.int] = ("traject", sleutel)
        self.trajecten[sleutel] = Trajectfeiten.uit_aanmelding(e, gedeeld)

    def _traject_feit(self, e: Any) -> None:
        soort, sleutel = self.herkomst.get(e.originator_id.int, ("", ("", "")))
        traject = self.trajecten.get(sleutel) if soort == "traject" else None
        if traject is None:
            return
        if type(e) not in ZONDER_GEVOLG:
            self._stempel(Trajectingang(*sleutel))
        traject.verwerk(e, gedeeld)

    def _periode_aangevraagd(self, e: Any) -> None:
        sleutel = (e.gemeente, e.periode_id)
        self._stempel(Periodeingang(*sleutel), PeriodesOpTraject(e.gemeente, e.traject_id))
        self.herkomst[e.originator_id.int] = ("periode", sleutel)
        self.periodes[sleutel] = Periodefeiten(
            gemeente=e.gemeente,
            periode_id=e.periode_id,
            traject_id=e.traject_id,
            provider=e.provider,
            soort=e.soort,
            start=e.start,
            eind=e.eind,
        )

    def _periode_feit(self, wijzig: Callable[[Periodefeiten, Any], None]) -> Callable[[Any], None]:
        def afhandelaar(e: Any) -> None:
            soort, sleutel = self.herkomst.get(e.originator_id.int, ("", ("", "")))
            periode = self.periodes.get(sleutel) if soort == "periode" else None
            if periode is None:
                return
            self._stempel(Periodeingang(*sleutel), PeriodesOpTraject(periode.gemeente, periode.traject_id))
            wijzig(periode, e)

        return afhandelaar

    @staticmethod
    def _toegekend(periode: Periodefeiten, e: Any) -> None:
        periode.start, periode.eind, periode.uren_toegekend = e.start, e.eind, Decimal(e.uren_toegekend)

    @staticmethod
    def _uren(periode: Periodefeiten, e: Any) -> None:
        periode.uren.extend((r.datum, r.uren) for r in e.regels)

    # --- facturen

    def _factuur_ontvangen(self, e: Any) -> None:
        sleutel = (e.afzender, e.factuurnummer)
        self.herkomst[e.originator_id.int] = ("factuur", sleutel)
        kop = Kop(
            afzender=e.afzender,
            gemeente=e.gemeente,
            factuurnummer=e.factuurnummer,
            factuurdatum=e.factuurdatum,
            verzonden=e.verzonden,
            totaal_excl_btw=e.totaal_excl_btw,
            btw_bedrag=e.btw_bedrag,
            totaal_incl_btw=e.totaal_incl_btw,
            ontvangen=e.timestamp,
        )
        nummer = len(self.ontvangen) + 1
        regels = {}
        for ontvangen in e.regels:
            regel = gedeelde_regel(ontvangen)
            regels[regel.regelnummer] = Gefactureerd(gedeeld(e.afzender), gedeeld(e.gemeente), e.factuurnummer, (nummer, regel.regelnummer), regel)
        vervangen = self.ontvangen.get(sleutel)
        for g in [*(vervangen["regels"].values() if vervangen else ()), *regels.values()]:
            self._stempel(*gevolgen(g))
        self.ontvangen[sleutel] = {"kop": kop, "regels": dict(sorted(regels.items()))}
        self._markeer(sleutel)
        if vervangen is not None:
            self._ontvangen_regels = None
        elif self._ontvangen_regels is not None:
            for g in self.ontvangen[sleutel]["regels"].values():
                self._ontvangen_regels.voeg_toe(g)

    def _factuur_van(self, e: Any) -> tuple[Sleutel, dict[str, Any]] | None:
        soort, sleutel = self.herkomst.get(e.originator_id.int, ("", ("", "")))
        factuur = self.ontvangen.get(sleutel) if soort == "factuur" else None
        return (sleutel, factuur) if factuur is not None else None

    def _besloten(self, e: Any) -> None:
        gevonden = self._factuur_van(e)
        if gevonden is None:
            return
        factuur = gevonden[1]
        g = factuur["regels"][e.regelnummer]
        if e.grondslag is not None:
            self._leg_vast(g, e.grondslag)
        elif g.besluit is None and self._te_herzien(g):
            self._toets(factuur, [g])
        self._markeer(gevonden[0])
        besluit = {"besluit": e.besluit, "bedrag": e.bedrag, "door": e.door, "reden": e.reden, "op": e.op}
        self._wijzig_besluit(g, {k: gedeeld(v) for k, v in besluit.items()})

    def _leg_vast(self, g: Gefactureerd, grondslag: Any) -> None:
        """Het oordeel zoals de beslisser het zag: voortaan getoond zoals het was, wat contracten of feiten ook doen."""
        g.verwacht, g.btw_verwacht = gedeeld(grondslag.verwacht), gedeeld(grondslag.btw_verwacht)
        g.bevindingen = [gedeeld(b) for b in grondslag.bevindingen]
        g.prijsafspraak = gedeeld(grondslag.prijsafspraak)
        g.getoetst = self._tik

    def _gecorrigeerd(self, e: Any) -> None:
        gevonden = self._factuur_van(e)
        if gevonden is None:
            return
        g = gevonden[1]["regels"][e.regelnummer]
        self._wijzig_besluit(g, None)
        g.getoetst = -1
        self._markeer(gevonden[0])

    def _wijzig_besluit(self, g: Gefactureerd, besluit: dict[str, Any] | None) -> None:
        self._wijzig(g, besluit=besluit)

    def _wijzig(self, g: Gefactureerd, **velden: Any) -> None:
        """Een besluit of creditering verandert wat de regel voor andere regels telt (goedgekeurd bedrag, cliënten)."""
        self._stempel(*gevolgen(g))
        ontvangen_regels = self._ontvangen_regels
        if ontvangen_regels is not None:
            ontvangen_regels.voor_besluit(g)
        for veld, waarde in velden.items():
            setattr(g, veld, waarde)
        if ontvangen_regels is not None:
            ontvangen_regels.na_besluit(g)

    def _in_batch(self, e: Any) -> None:
        gevonden = self._factuur_van(e)
        if gevonden is None:
            return
        for n in e.regelnummers:
            regel = gevonden[1]["regels"][n]
            regel.betaald_in, regel.betaald_op = e.batch_id, e.op
        self._markeer(gevonden[0])

    def _gecrediteerd(self, e: Any) -> None:
        """Een gecrediteerde regel telt voor andere regels niet meer mee, net als een afgewezen."""
        gevonden = self._factuur_van(e)
        if gevonden is None:
            return
        for n in e.regelnummers:
            self._wijzig(gevonden[1]["regels"][n], gecrediteerd=e.creditnota)
        self._markeer(gevonden[0])

    def _verrekend(self, e: Any) -> None:
        gevonden = self._factuur_van(e)
        if gevonden is None:
            return
        for n in e.regelnummers:
            gevonden[1]["regels"][n].verrekend_in = e.batch_id
        self._markeer(gevonden[0])

    # --- ingangen, stempels en herzien

    def _markeer(self, sleutel: Sleutel) -> None:
        """De factuur kan er voor de aanbieder anders uitzien: een nieuw oordeel, besluit of betaling."""
        self._wijzigingen += 1
        self._gewijzigd[sleutel] = self._wijzigingen

    def _stempel(self, *ingangen: Ingang) -> None:
        self._tik += 1
        for ingang in ingangen:
            self._stempels[ingang] = self._tik

    def _met_plafond(self, afzender: str, gemeente: str, jaar: int) -> bool:
        sleutel = (afzender, gemeente, jaar)
        if sleutel not in self._plafond:
            self._plafond[sleutel] = bool(self._catalogus.plafonds(afzender, gemeente, jaar))
        return self._plafond[sleutel]

    def _te_herzien(self, g: Gefactureerd) -> bool:
        if g.getoetst < self._geladen:
            return True
        stempels = self._stempels
        return any(stempels.get(i, 0) > g.getoetst for i in ingangen(g, self.trajecten, self._met_plafond))

    def _toets(self, factuur: dict[str, Any], regels: list[Gefactureerd]) -> None:
        if self._ontvangen_regels is None:
            regels_alle = (g for f in self.ontvangen.values() for g in f["regels"].values())
            self._ontvangen_regels = OntvangenRegels(self.trajecten, self.periodes, regels_alle)
        alleen = {g.regel.regelnummer for g in regels}
        uitkomsten = controleer_factuur(factuur["kop"], list(factuur["regels"].values()), self._ontvangen_regels, self._catalogus, alleen)
        anders = False
        for n, uitkomst in uitkomsten.items():
            g = factuur["regels"][n]
            oud = (g.verwacht, g.btw_verwacht, g.bevindingen, g.prijsafspraak)
            g.verwacht, g.btw_verwacht = gedeeld(uitkomst.verwacht), gedeeld(uitkomst.btw_verwacht)
            g.bevindingen = [gedeeld(b) for b in uitkomst.bevindingen]
            g.prijsafspraak = self._gebruikt(uitkomst.prijsafspraak)
            g.getoetst = self._tik
            anders = anders or (g.verwacht, g.btw_verwacht, g.bevindingen, g.prijsafspraak) != oud
        if anders:
            kop = factuur["kop"]
            self._markeer((kop.afzender, kop.factuurnummer))

    def _gebruikt(self, afspraak: Prijsafspraak | None) -> GebruiktePrijsafspraak | None:
        if afspraak is None:
            return None
        sleutel = (afspraak.contract.id, afspraak.product.code, afspraak.prijs.geldig_van)
        if sleutel not in self._afspraken:
            self._afspraken[sleutel] = gebruikte_prijsafspraak(afspraak)
        return self._afspraken[sleutel]

    def _herzie_alles(self) -> None:
        """Alle open regels nalopen kost tijd bij duizenden facturen; zonder nieuw feit (`_tik`), nieuwe wijziging of
        nieuw geladen toestand sinds de vorige keer is er niets te herzien."""
        if self._herzien_bij == (self._tik, self._wijzigingen, self._geladen):
            return
        self._herzie(self.ontvangen)
        self._herzien_bij = (self._tik, self._wijzigingen, self._geladen)

    def _herzie(self, sleutels: Any) -> None:
        for sleutel in sleutels:
            factuur = self.ontvangen[sleutel]
            regels = [g for g in factuur["regels"].values() if g.besluit is None and self._te_herzien(g)]
            if regels:
                self._toets(factuur, regels)

    def toestand(self) -> dict[str, Any]:
        """Eerst elk oordeel bijwerken: de stempels gaan niet mee, en na het laden hoeft dan niets opnieuw."""
        self._herzie_alles()
        return super().toestand()

    def herstel(self, toestand: dict[str, Any], positie: int) -> None:
        """Na het laden alles opnieuw beoordelen als de contracten intussen anders zijn."""
        contracten = self.contracten
        super().herstel(toestand, positie)
        self._tik = 1 + max((g.getoetst for f in self.ontvangen.values() for g in f["regels"].values()), default=0)
        self._geladen = self._tik if self.contracten != contracten else 0
        self.contracten = contracten
        self._stempels, self._ontvangen_regels = {}, None
        self._gewijzigd, self._wijzigingen, self._oordelen, self._herzien_bij, self._lijst = {}, 0, {}, None, None

    # --- lezen

    def _oordeel(self, sleutel: Sleutel) -> Factuuroordeel:
        """Onthouden tot de factuur weer gemarkeerd wordt (`_markeer`): elke wijziging van een factuur, haar regels
        of hun oordeel gaat daarlangs. Zo maakt de werkvoorraad niet bij elke vraag duizenden oordelen opnieuw."""
        teller = self._gewijzigd.get(sleutel, 0)
        onthouden = self._oordelen.get(sleutel)
        if onthouden is not None and onthouden[0] == teller:
            return onthouden[1]
        oordeel = self._maak_oordeel(sleutel)
        self._oordelen[sleutel] = (teller, oordeel)
        return oordeel

    def _maak_oordeel(self, sleutel: Sleutel) -> Factuuroordeel:
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
                prijsafspraak=g.prijsafspraak,
                gecrediteerd=g.gecrediteerd,
                verrekend_in=g.verrekend_in,
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
            ontvangen=kop.ontvangen,
        )

    def facturen(self) -> list[Factuuroordeel]:
        """Alle facturen in volgorde van ontvangst. Een nieuwe factuur of een wijziging markeert (`_markeer`); zonder
        dat is de lijst van de vorige keer nog goed."""
        self._herzie_alles()
        if self._lijst is None or self._lijst[0] != self._wijzigingen:
            self._lijst = (self._wijzigingen, [self._oordeel(s) for s in self.ontvangen])
        return list(self._lijst[1])

    def oordeel(self, afzender: str, factuurnummer: str) -> Factuuroordeel | None:
        sleutel = (afzender, factuurnummer)
        if sleutel not in self.ontvangen:
            return None
        self._herzie({sleutel})
        return self._oordeel(sleutel)

    def gewijzigd_sinds(self, teller: int) -> tuple[list[Factuuroordeel], int]:
        """De facturen die er na `teller` anders kunnen uitzien, en de teller van nu. Wie steeds alleen wil zien
        wat veranderde (de factuurstatus naar de aanbieder), hoeft zo niet alle facturen opnieuw te lezen."""
        self._herzie_alles()
        gewijzigd = [s for s, t in self._gewijzigd.items() if t > teller]
        return [self._oordeel(s) for s in gewijzigd], self._wijzigingen

    def afzenders_van(self, factuurnummer: str) -> list[str]:
        return sorted(a for a, n in self.ontvangen if n == factuurnummer)

