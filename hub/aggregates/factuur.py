"""Een factuur van een aanbieder: ontvangen, per regel besloten door de managementassistent, betaald."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from hub.aggregates import stabiel_id
from hub.domein import fouten as f
from hub.domein.bevinding import Controlebevinding
from hub.domein.clientgegevens import Clientgegevens
from hub.domein.fouten import DomeinFout

GOEDGEKEURD = "goedgekeurd"
AFGEWEZEN = "afgewezen"
VERWACHT_GOEDGEKEURD = "verwachtGoedgekeurd"
BESLUITEN = (GOEDGEKEURD, AFGEWEZEN, VERWACHT_GOEDGEKEURD)


def factuur_uuid(afzender: str, factuurnummer: str) -> UUID:
    return stabiel_id("factuur", afzender, factuurnummer)


@dataclass(frozen=True)
class Factuurregel:
    """Een regel zoals de aanbieder hem factureerde. Alleen het regelnummer is zeker: een ontbrekend veld is een
    bevinding van de controle, geen reden om de factuur te weigeren."""

    regelnummer: int
    traject_id: str | None = None
    product: str | None = None
    periode_start: date | None = None
    periode_eind: date | None = None
    aantal: Decimal | None = None
    prijs: Decimal | None = None
    bedrag: Decimal | None = None
    btw_percentage: Decimal | None = None
    client: Clientgegevens | None = None
    datum_aanmelding: date | None = None
    klantmanager: str | None = None
    noshow_volgnummer: int | None = None
    percentage: Decimal | None = None
    periode_id: str | None = None

    @property
    def leverdatum(self) -> date | None:
        """De dag waarop de prestatie af was: het einde van de periode, anders het begin."""
        return self.periode_eind or self.periode_start

    @property
    def maand(self) -> str | None:
        dag = self.periode_start or self.periode_eind
        return f"{dag:%Y-%m}" if dag else None

    @property
    def client_sleutel(self) -> str:
        """Wie de cliënt is voor een plafond in aantallen: het BSN, anders het traject."""
        bsn = (self.client.bsn or "").strip() if self.client is not None else ""
        return bsn or f"traject:{self.traject_id}"


@dataclass(frozen=True)
class GebruiktePrijsafspraak:
    """De prijsafspraak waarmee een regel is beoordeeld. `contractversie` is een vingerafdruk van het contract zoals
    het toen luidde: verandert het contract later, dan is te zien dat het besluit op de oude tekst is genomen."""

    contract: str
    contractversie: str
    product: str
    prijs: Decimal
    geldig_van: date
    geldig_tot: date | None
    btw_percentage: Decimal


@dataclass(frozen=True)
class Grondslag:
    """Het oordeel dat de managementassistent zag toen hij besloot: het bewijs achter het besluit. Een besliste regel
    wordt voortaan zo getoond, ook als contracten of feiten later veranderen."""

    gefactureerd: Decimal
    verwacht: Decimal
    btw_verwacht: Decimal | None
    bevindingen: list[Controlebevinding]
    prijsafspraak: GebruiktePrijsafspraak | None


# De sleutels van een regel in de eerste versie van `FactuurOntvangen`: die van het bericht.
_BERICHTSLEUTELS = {
    "trajectId": "traject_id",
    "periodeStart": "periode_start",
    "periodeEind": "periode_eind",
    "btwPercentage": "btw_percentage",
    "datumAanmelding": "datum_aanmelding",
    "noShowVolgnummer": "noshow_volgnummer",
    "periodeId": "periode_id",
}


def regel_uit_versie_1(velden: dict[str, Any]) -> Factuurregel:
    """Een regel zoals versie 1 van `FactuurOntvangen` hem bewaarde: de velden van het bericht (camelCase)."""
    waarden = {_BERICHTSLEUTELS.get(k, k): v for k, v in velden.items()}
    client = waarden.get("client")
    waarden["client"] = Clientgegevens(**client) if client is not None else None
    return Factuurregel(**waarden)


class Factuur(Aggregate):
    """Een factuurnummer is uniek per aanbieder; het id volgt daaruit."""

    @staticmethod
    def create_id(afzender: str, factuurnummer: str, **_: Any) -> UUID:
        return factuur_uuid(afzender, factuurnummer)

    @classmethod
    def ontvang(cls, **gegevens: Any) -> Factuur:
        regels = gegevens["regels"]
        if not regels:
            raise DomeinFout(f.VERPLICHT_VELD, "regels", "Een factuur heeft ten minste één regel.")
        nummers = [r.regelnummer for r in regels]
        if len(set(nummers)) != len(nummers):
            raise DomeinFout(f.ONGELDIGE_WAARDE, "regels", "Elke regel heeft een eigen regelnummer; nummer de regels opnieuw.")
        return cls(**gegevens)

    class FactuurOntvangen(Aggregate.Created):
        """Versie 2: de regels als `Factuurregel`; versie 1 bewaarde ze als de velden van het bericht."""

        class_version = 2
        afzender: str
        gemeente: str
        factuurnummer: str
        factuurdatum: date
        verzonden: datetime
        iban: str
        regels: list[Factuurregel]
        totaal_excl_btw: Decimal
        btw_bedrag: Decimal
        totaal_incl_btw: Decimal
        bron: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["regels"] = [regel_uit_versie_1(r) for r in state["regels"]]

    class RegelBesloten(Aggregate.Event):
        """Versie 2: met de `grondslag`, het oordeel waarop besloten is. Versie 3: met `door_id`, de gebruikersnaam
        van wie besloot (leeg bij een besluit van de opdrachtregel, die alleen een naam kent)."""

        class_version = 3
        regelnummer: int
        besluit: str
        bedrag: Decimal
        door: str
        reden: str
        op: datetime
        grondslag: Grondslag | None
        door_id: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["grondslag"] = None

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            state["door_id"] = None

    class BesluitGecorrigeerd(Aggregate.Event):
        """Versie 2: met `door_id`, zoals `RegelBesloten`."""

        class_version = 2
        regelnummer: int
        door: str
        reden: str
        op: datetime
        door_id: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["door_id"] = None

    class InBetaalbatchOpgenomen(Aggregate.Event):
        batch_id: str
        regelnummers: list[int]
        op: datetime

    class Gecrediteerd(Aggregate.Event):
        """Een creditnota van de aanbieder annuleert hele regels van deze factuur."""

        creditnota: str
        datum: date
        regelnummers: list[int]
        reden: str | None
        op: datetime

    class VerrekendInBetaalbatch(Aggregate.Event):
        """Betaalde regels die later gecrediteerd zijn, in mindering gebracht op een volgende betaling."""

        batch_id: str
        regelnummers: list[int]
        op: datetime

    @event(FactuurOntvangen)
    def __init__(
        self,
        afzender: str,
        gemeente: str,
        factuurnummer: str,
        factuurdatum: date,
        verzonden: datetime,
        iban: str,
        regels: list[Factuurregel],
        totaal_excl_btw: Decimal,
        btw_bedrag: Decimal,
        totaal_incl_btw: Decimal,
        bron: str,
    ) -> None:
        """`bron` is json of ubl."""
        self.afzender = afzender
        self.gemeente = gemeente
        self.factuurnummer = factuurnummer
        self.factuurdatum = factuurdatum
        self.verzonden = verzonden
        self.iban = iban
        self.regels = regels
        self.totaal_excl_btw = totaal_excl_btw
        self.btw_bedrag = btw_bedrag
        self.totaal_incl_btw = totaal_incl_btw
        self.bron = bron
        self.besluiten: dict[int, dict[str, Any]] = {}
        self.betaald: dict[int, str] = {}
        self.gecrediteerd: dict[int, str] = {}
        self.verrekend: dict[int, str] = {}

    def regel(self, regelnummer: int) -> Factuurregel:
        for regel in self.regels:
            if regel.regelnummer == regelnummer:
                return regel
        raise DomeinFout(f.ONGELDIGE_WAARDE, "regelnummer", f"Factuur {self.factuurnummer} heeft geen regel {regelnummer}.")

    def besluit(self, regelnummer: int, besluit: str, bedrag: Decimal, door: str, reden: str, op: datetime,
                grondslag: Grondslag | None = None, door_id: str | None = None) -> None:
        """Bedrag is wat betaald wordt: het gefactureerde, het verwachte of nul bij afwijzen. `grondslag`: het oordeel
        dat de beslisser zag; de toepassing geeft het altijd mee."""
        self.regel(regelnummer)
        self._niet_gecrediteerd(regelnummer)
        if besluit not in BESLUITEN:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "besluit", f"Besluit moet een van {', '.join(BESLUITEN)} zijn.")
        if regelnummer in self.besluiten:
            eerder = self.besluiten[regelnummer]
            raise DomeinFout(
                f.AL_BESLOTEN,
                "regelnummer",
                f"Over regel {regelnummer} is al besloten ({eerder['besluit']} door {eerder['door']}); corrigeer eerst dat besluit.",
            )
        if not door.strip() or not reden.strip():
            raise DomeinFout(f.VERPLICHT_VELD, "reden", "Een besluit vraagt wie het neemt en een reden.")
        if bedrag < 0:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "bedrag", "Een goedgekeurd bedrag is niet negatief.")
        self._besloten(regelnummer, besluit, bedrag, door, reden, op, grondslag, door_id)

    @event(RegelBesloten)
    def _besloten(self, regelnummer: int, besluit: str, bedrag: Decimal, door: str, reden: str, op: datetime,
                  grondslag: Grondslag | None, door_id: str | None) -> None:
        self.besluiten[regelnummer] = {"besluit": besluit, "bedrag": bedrag, "door": door, "reden": reden, "op": op,
                                       "grondslag": grondslag, "door_id": door_id}

    def _niet_gecrediteerd(self, regelnummer: int) -> None:
        if regelnummer in self.gecrediteerd:
            raise DomeinFout(
                f.ONGELDIGE_VOLGORDE, "regelnummer",
                f"Regel {regelnummer} is gecrediteerd met creditnota {self.gecrediteerd[regelnummer]}; er valt niets meer "
                "over te besluiten.",
            )

    def corrigeer_besluit(self, regelnummer: int, door: str, reden: str, op: datetime, door_id: str | None = None) -> None:
        self._niet_gecrediteerd(regelnummer)
        if regelnummer not in self.besluiten:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "regelnummer", f"Over regel {regelnummer} is nog niet besloten.")
        if regelnummer in self.betaald:
            raise DomeinFout(
                f.ONGELDIGE_VOLGORDE, "regelnummer", f"Regel {regelnummer} is al betaald in batch {self.betaald[regelnummer]}."
            )
        if not reden.strip():
            raise DomeinFout(f.VERPLICHT_VELD, "reden", "Een correctie vraagt een reden.")
        self._gecorrigeerd(regelnummer, door, reden, op, door_id)

    @event(BesluitGecorrigeerd)
    def _gecorrigeerd(self, regelnummer: int, door: str, reden: str, op: datetime, door_id: str | None) -> None:
        del self.besluiten[regelnummer]

    def te_betalen(self) -> dict[int, Decimal]:
        """Goedgekeurde regels die nog in een betaalbatch moeten; een gecrediteerde regel niet meer."""
        return {
            n: b["bedrag"]
            for n, b in self.besluiten.items()
            if b["besluit"] != "afgewezen" and b["bedrag"] > 0 and n not in self.betaald and n not in self.gecrediteerd
        }

    def te_verrekenen(self) -> list[int]:
        """Betaalde regels die daarna gecrediteerd zijn en nog niet met een volgende betaling zijn verrekend."""
        return sorted(n for n in self.gecrediteerd if n in self.betaald and n not in self.verrekend)

    def crediteer(self, creditnota: str, datum: date, regelnummers: list[int], reden: str | None, op: datetime) -> None:
        """Een creditnota annuleert hele regels: een onbesliste regel vervalt, een goedgekeurde maar onbetaalde gaat uit
        het betaalvoorstel, een betaalde wordt verrekend met de volgende betaling aan deze aanbieder."""
        if not regelnummers:
            raise DomeinFout(f.VERPLICHT_VELD, "regels", "Een creditnota crediteert ten minste één regel van de factuur.")
        for i, n in enumerate(regelnummers):
            if not any(r.regelnummer == n for r in self.regels):
                raise DomeinFout(
                    f.ONGELDIGE_WAARDE, f"regels[{i}].factuurregel",
                    f"Factuur {self.factuurnummer} heeft geen regel {n}; de regels zijn "
                    f"{', '.join(str(r.regelnummer) for r in self.regels)}.",
                )
            if n in self.gecrediteerd:
                raise DomeinFout(
                    f.DUBBELE_MELDING, f"regels[{i}].factuurregel",
                    f"Regel {n} van factuur {self.factuurnummer} is al gecrediteerd met creditnota {self.gecrediteerd[n]}.",
                )
        if len(set(regelnummers)) != len(regelnummers):
            raise DomeinFout(f.ONGELDIGE_WAARDE, "regels", "Noem elke regel van de factuur één keer in de creditnota.")
        self._gecrediteerd_met(creditnota, datum, sorted(regelnummers), reden, op)

    @event(Gecrediteerd)
    def _gecrediteerd_met(self, creditnota: str, datum: date, regelnummers: list[int], reden: str | None,
                          op: datetime) -> None:
        for n in regelnummers:
            self.gecrediteerd[n] = creditnota

    def verreken_in_batch(self, batch_id: str, regelnummers: list[int], op: datetime) -> None:
        open_ = self.te_verrekenen()
        for n in regelnummers:
            if n not in open_:
                raise DomeinFout(f.ONGELDIGE_VOLGORDE, "regelnummer", f"Regel {n} is niet betaald-en-gecrediteerd of al verrekend.")
        self._verrekend_in(batch_id, sorted(regelnummers), op)

    @event(VerrekendInBetaalbatch)
    def _verrekend_in(self, batch_id: str, regelnummers: list[int], op: datetime) -> None:
        for n in regelnummers:
            self.verrekend[n] = batch_id

    def neem_op_in_batch(self, batch_id: str, regelnummers: list[int], op: datetime) -> None:
        open_ = self.te_betalen()
        for n in regelnummers:
            if n not in open_:
                raise DomeinFout(f.ONGELDIGE_VOLGORDE, "regelnummer", f"Regel {n} is niet goedgekeurd of al betaald.")
        self._in_batch(batch_id, sorted(regelnummers), op)

    @event(InBetaalbatchOpgenomen)
    def _in_batch(self, batch_id: str, regelnummers: list[int], op: datetime) -> None:
        for n in regelnummers:
            self.betaald[n] = batch_id
