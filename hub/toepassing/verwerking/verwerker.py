"""De verwerker: ontdubbelen, autoriseren, het commando uitvoeren en alles in één transactie opslaan.

Ontdubbeld wordt op (afzender, berichtId) met de vingerafdruk van de inhoud. Hetzelfde bericht opnieuw krijgt
de eerste retour en legt niets vast; een ander bericht onder een geaccepteerde berichtId wordt geweigerd met
`BERICHT_ID_HERGEBRUIKT`. Een afgewezen bericht legde niets vast en wordt bij een nieuwe poging gewoon
verwerkt; dezelfde levering opnieuw (dezelfde plaats in de intake, omdat haar retour niet weg kon) is geen nieuwe
poging en krijgt hetzelfde antwoord. Dezelfde berichtId van een andere afzender is een ander bericht. De Ontvangst
(met de retour) wordt samen met de events van het bericht opgeslagen, dus een crash tussen opslaan en bevestigen aan
de broker levert bij herlevering hetzelfde antwoord.

Een reeks berichten (een batch van de broker) wordt in één werkeenheid verwerkt: aggregates blijven
tussen de berichten in het geheugen en alles wordt in één transactie bewaard. De eerste poging kijkt
niet per bericht in de eventstore of de berichtId al bekend is: een bekende berichtId laat het opslaan
van zijn Ontvangst mislukken (optimistische concurrency), en dan volgt de reeks bericht voor bericht
mét die controle. Alleen Ontvangsten uit de eerste versie (onder de berichtId alleen) worden altijd opgezocht. Opgeslagen aggregates blijven in een begrensde cache; als een ander proces hetzelfde
aggregate wijzigde, mislukt het opslaan op dezelfde manier en wordt de cache geleegd.

Wat niet in de cache staat (die oude Ontvangsten, de trajecten, periodes en facturen die de berichten noemen),
laadt de eerste poging voor de hele reeks in één keer (`Hub.haal_vele`: op PostgreSQL één rondgang in plaats
van één of twee per bericht); wat daarbij niet bestond, zoekt de reeks niet opnieuw op.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from hub.aggregates.betaalbatch import Beslisser
from hub.aggregates.factuur import factuur_uuid
from hub.aggregates.jobcoachperiode import periode_uuid
from hub.aggregates.ontvangst import Ontvangst, ontvangst_uuid
from hub.aggregates.traject import traject_uuid
from hub.berichten import Bericht, Retour
from hub.berichten.retour import Fout, Signaal
from hub.berichten.standaard import GEMEENTE
from hub.berichten.vingerafdruk import vingerafdruk
from hub.contracten.catalogus import Catalogus
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout
from hub.domein.kalender import is_werkdag
from hub.toepassing.eventstore import Hub, Opzoeken
from hub.toepassing.verwerking import gemeenteberichten, providerberichten
from hub.toepassing.verwerking.resultaat import Resultaat

CACHE_GROOTTE = 20_000


@dataclass(frozen=True)
class Doorzending:
    """Een bericht dat de hub doorstuurt naar de inbox van een provider."""

    ontvanger: str
    bericht: dict[str, Any]


@dataclass
class Uitkomst:
    retour: dict[str, Any]
    doorzendingen: list[Doorzending] = field(default_factory=list)
    herhaling: bool = False
    vingerafdruk: str | None = None
    """van het bericht waarop de retour antwoordt, zodat de afzender hem aan zijn bericht kan koppelen"""

    @property
    def geaccepteerd(self) -> bool:
        return self.retour["status"] == "geaccepteerd"


def retour(bericht_id: UUID | str, fouten: list[Fout] | None = None, signalen: list[Signaal] | None = None) -> dict[str, Any]:
    """De retour als JSON-vorm van `Retour`. Het gewone geval (geaccepteerd, zonder signalen) direct: het model
    bouwen en weer uitschrijven kostte bij elk bericht meer dan de rest van de retour."""
    if not fouten and not signalen and isinstance(bericht_id, UUID):
        return {"berichtId": str(bericht_id), "status": "geaccepteerd", "fouten": [], "signalen": []}
    model = Retour(
        bericht_id=bericht_id,
        status="afgewezen" if fouten else "geaccepteerd",
        fouten=fouten or [],
        signalen=signalen or [],
    )
    return model.model_dump(mode="json")


def sleutel(bericht: Bericht) -> str:
    traject_id = getattr(bericht, "traject_id", None)
    if traject_id is not None:
        return f"{bericht.gemeente}/{traject_id}"
    return f"{bericht.afzender}/{getattr(bericht, 'factuurnummer', bericht.bericht_id)}"


def _hergebruikt(bericht: Bericht) -> Fout:
    return Fout(
        code=f.BERICHT_ID_HERGEBRUIKT,
        veld="berichtId",
        melding=f"BerichtId {bericht.bericht_id} is al gebruikt voor een bericht met een andere inhoud, en dat bericht is "
        "geaccepteerd. Geef een nieuw bericht een nieuwe berichtId; stuur een bericht alleen ongewijzigd opnieuw.",
    )


class Verwerker(Opzoeken):
    def __init__(self, hub: Hub, catalogus: Catalogus, klok: Callable[[], datetime] | None = None):
        self.hub = hub
        self.catalogus = catalogus
        self.klok = klok or (lambda: datetime.now(UTC))
        self._geladen: dict[UUID, Any] = {}
        self._afwezig: set[UUID] = set()
        self._cache: dict[UUID, Any] = {}
        self._controleer_ontvangst = True
        self.vorm = "json"
        self.door: Beslisser | None = None

    def verwerk(self, bericht: Bericht, identiteit: str, vorm: str = "json", door: Beslisser | None = None) -> Uitkomst:
        """`identiteit`: de afzender die de broker heeft geauthenticeerd; `vorm`: json, xml of ubl; `door`: de
        aangemelde persoon die het bericht in de webapplicatie indiende, vastgelegd bij zijn besluit."""
        self.door = door
        try:
            return self.verwerk_reeks([(bericht, identiteit, vorm)])[0]
        finally:
            self.door = None

    def verwerk_reeks(
        self, reeks: Sequence[tuple[Bericht, str] | tuple[Bericht, str, str] | tuple[Bericht, str, str, str | None]]
    ) -> list[Uitkomst]:
        """Per bericht (bericht, afzender[, vorm[, plaats]]); `plaats`: waar het binnenkwam (bij de broker de
        intake-stream en het volgnummer), zodat dezelfde levering na een mislukte retour hetzelfde antwoord krijgt."""
        try:
            return self._in_een_transactie(reeks, controleer_ontvangst=False)
        except IntegrityError:
            self._cache.clear()
            return [self._in_een_transactie([paar], controleer_ontvangst=True)[0] for paar in reeks]

    def warm_op(self) -> None:
        """Vooraf wat anders het eerste bericht laat wachten: het pakket holidays laadt bij de eerste vraag naar een
        feestdag de kalenders van alle landen (enkele tienden van een seconde)."""
        is_werkdag(self.klok().date())

    def vergeet(self) -> None:
        """Leeg de cache van aggregates: een ander proces kan ze intussen gewijzigd hebben (een partitie wisselde
        van werker). Wat dan nog in de cache stond, zou een beslissing op verouderde stand geven."""
        self._cache.clear()

    def weiger_onleesbaar(self, bericht_id: str | None, fouten: list[Fout], vingerafdruk: str | None = None) -> Uitkomst:
        """Een bericht dat niet door het schema komt: niets vastgelegd, ook geen Ontvangst."""
        return Uitkomst(retour(bericht_id or "00000000-0000-0000-0000-000000000000", fouten), vingerafdruk=vingerafdruk)

    def _in_een_transactie(self, reeks: Sequence[tuple], controleer_ontvangst: bool) -> list[Uitkomst]:
        self._geladen = {}
        self._controleer_ontvangst = controleer_ontvangst
        try:
            if not controleer_ontvangst:
                self._laad_vooraf(reeks)
            uitkomsten = [self._een(*paar) for paar in reeks]
            te_bewaren = [a for a in self._geladen.values() if getattr(a, "_pending_events", None)]
            if te_bewaren:
                self.hub.save(*te_bewaren)
            self._onthoud(a for a in self._geladen.values() if not isinstance(a, Ontvangst))
            return uitkomsten
        except BaseException:
            self._cache.clear()
            raise
        finally:
            self._geladen = {}
            self._afwezig = set()

    def _laad_vooraf(self, reeks: Sequence[tuple]) -> None:
        nodig = {id_ for paar in reeks for id_ in _nodig(paar[0])} - self._cache.keys()
        if nodig:
            gevonden = self.hub.haal_vele(nodig)
            self._geladen.update(gevonden)
            self._afwezig = nodig - gevonden.keys()

    def _onthoud(self, aggregates) -> None:
        for aggregate in aggregates:
            self._cache.pop(aggregate.id, None)
            self._cache[aggregate.id] = aggregate
        while len(self._cache) > CACHE_GROOTTE:
            del self._cache[next(iter(self._cache))]

    def _een(self, bericht: Bericht, identiteit: str, vorm: str = "json", plaats: str | None = None) -> Uitkomst:
        self.vorm = vorm
        afdruk = vingerafdruk(bericht)
        eerder = self.zoek_ontvangst(identiteit, bericht.bericht_id)
        if eerder is not None and eerder.geaccepteerd and eerder.vingerafdruk not in (None, afdruk):
            return Uitkomst(retour(bericht.bericht_id, [_hergebruikt(bericht)]), vingerafdruk=afdruk)
        if eerder is not None and (eerder.geaccepteerd or eerder.zelfde_levering(plaats, afdruk)):
            doorzendingen = [Doorzending(d["ontvanger"], d["bericht"]) for d in eerder.doorzendingen]
            return Uitkomst(eerder.retour, doorzendingen, herhaling=True, vingerafdruk=afdruk)
        try:
            self._autoriseer(bericht, identiteit)
            resultaat = self._voer_uit(bericht)
        except DomeinFout as fout:
            antwoord = retour(bericht.bericht_id, [Fout(code=fout.code, veld=fout.veld, melding=fout.melding)])
            if fout.code != f.AFZENDER_ONBEVOEGD:
                self._ontvangen(bericht, afdruk, antwoord, eerder, plaats=plaats)
            return Uitkomst(antwoord, vingerafdruk=afdruk)
        for aggregate in resultaat.aggregates:
            self._geladen[aggregate.id] = aggregate
        antwoord = retour(bericht.bericht_id, signalen=[Signaal(**s) for s in resultaat.signalen])
        doorzendingen = [Doorzending(o, inhoud) for o, inhoud in resultaat.doorsturen]
        self._ontvangen(bericht, afdruk, antwoord, eerder, doorzendingen, plaats)
        return Uitkomst(antwoord, doorzendingen, vingerafdruk=afdruk)

    def _ontvangen(
        self,
        bericht: Bericht,
        afdruk: str,
        antwoord: dict[str, Any],
        eerder: Ontvangst | None,
        doorzendingen: Sequence[Doorzending] = (),
        plaats: str | None = None,
    ) -> None:
        """Een nieuwe Ontvangst, of na een eerdere afwijzing een nieuwe poging op dezelfde (de weigering blijft staan)."""
        doorgestuurd = [{"ontvanger": d.ontvanger, "bericht": d.bericht} for d in doorzendingen]
        if eerder is not None:
            eerder.verwerk_opnieuw(bericht.type, self.klok(), antwoord, sleutel(bericht), afdruk, doorgestuurd, plaats)
            ontvangst = eerder
        else:
            ontvangst = Ontvangst(
                bericht_id=bericht.bericht_id,
                afzender=bericht.afzender,
                soort=bericht.type,
                ontvangen=self.klok(),
                retour=antwoord,
                sleutel=sleutel(bericht),
                doorzendingen=doorgestuurd,
                vingerafdruk=afdruk,
                plaats=plaats,
            )
        self._geladen[ontvangst.id] = ontvangst

    def _zoek(self, soort: type, id_: UUID) -> Any:
        if id_ in self._geladen:
            gevonden = self._geladen[id_]
        elif id_ in self._cache:
            gevonden = self._geladen[id_] = self._cache[id_]
        elif id_ in self._afwezig:
            return None
        else:
            try:
                gevonden = self.hub.repository.get(id_)
            except AggregateNotFoundError:
                return None
            self._geladen[id_] = gevonden
        return gevonden if isinstance(gevonden, soort) else None

    def zoek_ontvangst(self, afzender: str, bericht_id: UUID) -> Ontvangst | None:
        if self._controleer_ontvangst:
            return super().zoek_ontvangst(afzender, bericht_id)
        gevonden = self._geladen.get(ontvangst_uuid(afzender, bericht_id))
        if isinstance(gevonden, Ontvangst):
            return gevonden
        return self.zoek_oude_ontvangst(afzender, bericht_id)

    def _autoriseer(self, bericht: Bericht, identiteit: str) -> None:
        if bericht.afzender != identiteit:
            raise DomeinFout(
                f.AFZENDER_ONBEVOEGD,
                "afzender",
                f"Afzender {bericht.afzender!r} is niet de identiteit waarmee u bent aangemeld ({identiteit!r}); "
                "stuur berichten alleen namens uzelf.",
            )
        if bericht.gemeente not in self.catalogus.partijen.gemeentecodes():
            raise DomeinFout(f.ONGELDIGE_WAARDE, "gemeente", f"Gemeente {bericht.gemeente!r} is onbekend; gebruik de gemeentecode uit de standaard.")
        is_gemeentebericht = bericht.type in gemeenteberichten.AFHANDELING
        if is_gemeentebericht and identiteit != GEMEENTE:
            raise DomeinFout(f.AFZENDER_ONBEVOEGD, "type", f"Een {bericht.type} komt van de gemeente, niet van een provider.")
        if not is_gemeentebericht and identiteit == GEMEENTE:
            raise DomeinFout(f.AFZENDER_ONBEVOEGD, "type", f"Een {bericht.type} komt van de provider van het traject.")

    def _voer_uit(self, bericht: Bericht) -> Resultaat:
        afhandeling = gemeenteberichten.AFHANDELING.get(bericht.type) or providerberichten.AFHANDELING[bericht.type]
        return afhandeling(self, bericht)


def _nodig(bericht: Bericht) -> set[UUID]:
    """Wat de verwerking van dit bericht zal opzoeken: de Ontvangst uit de eerste versie en wat het bericht noemt.
    Wat hier ontbreekt, zoekt de verwerking zelf op; te veel kost alleen een id in de vraag. De velden komen uit
    `vars`: een veld dat een berichtsoort niet heeft, via `getattr` opvragen kost bij pydantic een uitzondering."""
    velden = vars(bericht)
    ids: set[UUID] = {bericht.bericht_id}
    gemeente = bericht.gemeente
    for traject_id in (velden.get("traject_id"), velden.get("omzetting_van")):
        if traject_id:
            ids.add(traject_uuid(gemeente, traject_id))
    if periode_id := velden.get("periode_id"):
        ids.add(periode_uuid(gemeente, periode_id))
    if factuurnummer := velden.get("factuurnummer"):
        ids.add(factuur_uuid(bericht.afzender, factuurnummer))
    for regel in velden.get("regels") or ():
        regelvelden = vars(regel)
        if traject_id := regelvelden.get("traject_id"):
            ids.add(traject_uuid(gemeente, traject_id))
        if periode_id := regelvelden.get("periode_id"):
            ids.add(periode_uuid(gemeente, periode_id))
    return ids
