"""Het traject van één cliënt bij één aanbieder, van aanmelding tot en met de nazorg."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from hub.aggregates import stabiel_id
from hub.domein import fouten as f
from hub.domein.clientgegevens import Clientgegevens
from hub.domein.fouten import DomeinFout
from hub.domein.identificatie import bsn_geldig
from hub.domein.kalender import maand_van, maanden_na
from hub.domein.trajectregels import product_na_mutatiebesluit, startdatum

REDENEN_EINDE = ("uitstroomWerk", "afgerond", "voortijdigeUitval", "zonderResultaat", "anders", "terugNaarSchool", "handhaving")
"""`terugNaarSchool` (uitstroom naar onderwijs of scholing) en `handhaving` (uitstroom door handhaving) kwamen later:
geen plaatsing nodig, wel een vervolgadvies, en geen nazorg na het einde (alleen `uitstroomWerk` houdt die open)."""
SOORTEN_AFSPRAAK = ("intake", "onderzoek", "gesprek")
BESLUITEN = ("goedgekeurd", "afgewezen")


def traject_uuid(gemeente: str, traject_id: str) -> UUID:
    return stabiel_id("traject", gemeente, traject_id)


def controleer_bsn(bsn: str, veld: str = "client.bsn") -> None:
    if not bsn_geldig(bsn):
        raise DomeinFout(f.BSN_ONGELDIG, veld, f"BSN {bsn!r} voldoet niet aan de elfproef; controleer het BSN van de cliënt.")


def controleer_trede(trede: int, veld: str = "trede") -> None:
    if not 1 <= trede <= 6:
        raise DomeinFout(f.ONGELDIGE_WAARDE, veld, f"Trede {trede} bestaat niet; de participatieladder loopt van 1 tot en met 6.")


class Traject(Aggregate):
    """Id: vast uit gemeente en trajectId (`traject_id`), want de gemeente kiest het trajectId."""

    @staticmethod
    def create_id(gemeente: str, traject_id: str, **_: Any) -> UUID:
        return traject_uuid(gemeente, traject_id)

    @classmethod
    def meld_aan(
        cls,
        *,
        gemeente: str,
        traject_id: str,
        provider: str,
        product: str,
        datum_aanmelding: date,
        klantmanager: str,
        reden_verwijzing: str,
        client: Clientgegevens,
        product_bekend: bool,
        omzetting_van: str | None = None,
        opdrachtbedrag: Decimal | None = None,
        loonwaarde: str | None = None,
    ) -> Traject:
        """`product_bekend` zegt of een contract van deze aanbieder voor deze gemeente het product kent."""
        controleer_bsn(client.bsn or "")
        if not product_bekend:
            raise DomeinFout(
                f.ONBEKEND_PRODUCT,
                "product",
                f"Product {product!r} staat niet in een contract van {provider} voor {gemeente}; kies een productcode uit het contract.",
            )
        return cls(
            gemeente=gemeente,
            traject_id=traject_id,
            provider=provider,
            product=product,
            datum_aanmelding=datum_aanmelding,
            klantmanager=klantmanager,
            reden_verwijzing=reden_verwijzing,
            client=client,
            omzetting_van=omzetting_van,
            opdrachtbedrag=opdrachtbedrag,
            loonwaarde=loonwaarde,
        )

    class Aangemeld(Aggregate.Created):
        """Versie 2: de cliënt als `Clientgegevens`; versie 1 bewaarde een dict met dezelfde sleutels. Versie 3: met
        het `opdrachtbedrag` (toewijzing) en de `loonwaarde`-categorie, leeg bij eerdere aanmeldingen."""

        class_version = 3
        gemeente: str
        traject_id: str
        provider: str
        product: str
        datum_aanmelding: date
        klantmanager: str
        reden_verwijzing: str
        client: Clientgegevens
        omzetting_van: str | None
        opdrachtbedrag: Decimal | None
        loonwaarde: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["client"] = Clientgegevens(**state["client"])

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            state["opdrachtbedrag"] = None
            state["loonwaarde"] = None

    @event(Aangemeld)
    def __init__(
        self,
        gemeente: str,
        traject_id: str,
        provider: str,
        product: str,
        datum_aanmelding: date,
        klantmanager: str,
        reden_verwijzing: str,
        client: Clientgegevens,
        omzetting_van: str | None,
        opdrachtbedrag: Decimal | None = None,
        loonwaarde: str | None = None,
    ) -> None:
        self.opdrachtbedrag = opdrachtbedrag
        self.loonwaarde = loonwaarde
        self.gemeente = gemeente
        self.traject_id = traject_id
        self.provider = provider
        self.product = product
        self.datum_aanmelding = datum_aanmelding
        self.klantmanager = klantmanager
        self.reden_verwijzing = reden_verwijzing
        self.client = client
        self.omzetting_van = omzetting_van
        self.oproepen: list[dict[str, Any]] = []
        self.datum_intake: date | None = None
        self.noshows: list[dict[str, Any]] = []
        self.plan: dict[str, Any] | None = None
        self.planbesluit: str | None = None
        self.voortgang: list[dict[str, Any]] = []
        self.mutatie: dict[str, Any] | None = None
        self.mutatiebesluit: str | None = None
        self.plaatsing: dict[str, Any] | None = None
        self.nazorgmaanden: list[str] = []
        self.einde: dict[str, Any] | None = None
        self.omgezet_naar: str | None = None
        self.jobcoachperiodes: list[dict[str, Any]] = []
        self.contactmomenten: list[dict[str, Any]] = []
        self.werkaanbiedingen: list[dict[str, Any]] = []

    @property
    def startdatum(self) -> date:
        return startdatum(self.datum_aanmelding, self.datum_intake)

    @property
    def beeindigd(self) -> bool:
        return self.einde is not None

    @property
    def eerste_trede(self) -> int | None:
        if self.plan is not None:
            return self.plan["trede"]
        return self.voortgang[0]["trede"] if self.voortgang else None

    @property
    def laatste_trede(self) -> int | None:
        return self.voortgang[-1]["trede"] if self.voortgang else self.eerste_trede

    def _nog_lopend(self, wat: str) -> None:
        if self.omgezet_naar is not None:
            raise DomeinFout(
                f.ONGELDIGE_VOLGORDE,
                "type",
                f"Traject {self.traject_id} is omgezet naar {self.omgezet_naar}; stuur de {wat} voor het nieuwe traject.",
            )
        if self.einde is not None:
            raise DomeinFout(
                f.ONGELDIGE_VOLGORDE,
                "type",
                f"Traject {self.traject_id} is beëindigd op {self.einde['datum']:%d-%m-%Y}; een {wat} kan niet meer worden vastgelegd.",
            )

    def registreer_oproep(self, datum_uitnodiging: date, datum_gesprek: date, kopie_naar_klantmanager: bool) -> None:
        self._nog_lopend("oproep")
        if datum_gesprek < datum_uitnodiging:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "datumGesprek", "De datum van het gesprek ligt vóór de uitnodiging; controleer beide datums.")
        self._oproep(datum_uitnodiging, datum_gesprek, kopie_naar_klantmanager)

    class OproepGeregistreerd(Aggregate.Event):
        datum_uitnodiging: date
        datum_gesprek: date
        kopie_naar_klantmanager: bool

    @event(OproepGeregistreerd)
    def _oproep(self, datum_uitnodiging: date, datum_gesprek: date, kopie_naar_klantmanager: bool) -> None:
        self.oproepen.append(
            {"datum_uitnodiging": datum_uitnodiging, "datum_gesprek": datum_gesprek, "kopie": kopie_naar_klantmanager}
        )

    def registreer_intake(self, datum: date) -> None:
        self._nog_lopend("intake")
        if self.datum_intake is not None:
            raise DomeinFout(f.DUBBELE_MELDING, "datum", f"De intake is al gemeld op {self.datum_intake:%d-%m-%Y}.")
        if datum < self.datum_aanmelding:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "datum", "De intake ligt vóór de aanmelding; controleer de datum.")
        self._intake(datum)

    class IntakeGehouden(Aggregate.Event):
        datum: date

    @event(IntakeGehouden)
    def _intake(self, datum: date) -> None:
        self.datum_intake = datum

    def registreer_noshow(self, datum_afspraak: date, soort_afspraak: str) -> int:
        """Legt een no-show vast en geeft het volgnummer terug (1e, 2e, …) waarop de staffel rekent."""
        self._nog_lopend("no-show")
        if soort_afspraak not in SOORTEN_AFSPRAAK:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "soortAfspraak", f"Soort afspraak moet een van {', '.join(SOORTEN_AFSPRAAK)} zijn.")
        if any(n["datum_afspraak"] == datum_afspraak and n["soort_afspraak"] == soort_afspraak for n in self.noshows):
            raise DomeinFout(f.DUBBELE_MELDING, "datumAfspraak", f"Deze no-show op {datum_afspraak:%d-%m-%Y} is al gemeld.")
        volgnummer = len(self.noshows) + 1
        self._noshow(datum_afspraak, soort_afspraak, volgnummer)
        return volgnummer

    class NoShowGeregistreerd(Aggregate.Event):
        datum_afspraak: date
        soort_afspraak: str
        volgnummer: int

    @event(NoShowGeregistreerd)
    def _noshow(self, datum_afspraak: date, soort_afspraak: str, volgnummer: int) -> None:
        self.noshows.append({"datum_afspraak": datum_afspraak, "soort_afspraak": soort_afspraak, "volgnummer": volgnummer})

    def dien_plan_in(
        self,
        datum: date,
        trajectbegeleider: dict[str, str],
        ondertekend_client: bool,
        ondertekend_begeleider: bool,
        gericht_op_uitstroom: bool,
        analyse: str,
        stappen: list[dict[str, str]],
        trede: int,
    ) -> None:
        self._nog_lopend("plan")
        controleer_trede(trede)
        if not ondertekend_client:
            raise DomeinFout(f.VERPLICHT_VELD, "ondertekendClient", "Het plan moet ondertekend zijn door de cliënt; stuur het ondertekende plan.")
        if not ondertekend_begeleider:
            raise DomeinFout(f.VERPLICHT_VELD, "ondertekendBegeleider", "Het plan moet ondertekend zijn door de trajectbegeleider; stuur het ondertekende plan.")
        if not gericht_op_uitstroom:
            raise DomeinFout(f.VERPLICHT_VELD, "gerichtOpUitstroom", "Het plan moet gericht zijn op uitstroom naar werk.")
        if not trajectbegeleider.get("naam") or not trajectbegeleider.get("telefoon"):
            raise DomeinFout(f.VERPLICHT_VELD, "trajectbegeleider", "Noem de trajectbegeleider met naam en telefoonnummer.")
        if not analyse.strip():
            raise DomeinFout(f.VERPLICHT_VELD, "analyse", "Het plan bevat een analyse van de uitgangssituatie.")
        if not stappen:
            raise DomeinFout(f.VERPLICHT_VELD, "stappen", "Het plan heeft een stappenplan met doel, planning en terugkoppeling nodig.")
        if self.plan is not None and self.planbesluit != "afgewezen":
            raise DomeinFout(f.DUBBELE_MELDING, "type", "Er is al een plan ingediend; wacht op het besluit van de klantmanager.")
        self._plan(datum, dict(trajectbegeleider), analyse, [dict(s) for s in stappen], trede)

    class PlanIngediend(Aggregate.Event):
        datum: date
        trajectbegeleider: dict[str, str]
        analyse: str
        stappen: list[dict[str, str]]
        trede: int

    @event(PlanIngediend)
    def _plan(self, datum: date, trajectbegeleider: dict[str, str], analyse: str, stappen: list[dict[str, str]], trede: int) -> None:
        self.plan = {"datum": datum, "trajectbegeleider": trajectbegeleider, "trede": trede, "aantal_stappen": len(stappen)}
        self.planbesluit = None

    def beoordeel_plan(self, datum: date, besluit: str, toelichting: str, door: str | None = None,
                       door_id: str | None = None) -> None:
        """`door`, `door_id`: de naam en gebruikersnaam van wie in de webapplicatie besloot; leeg bij een bericht
        uit de systemen van de gemeente."""
        self._nog_lopend("planbesluit")
        if self.plan is None:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "type", "Er is nog geen plan ingediend om over te besluiten.")
        if self.planbesluit is not None:
            raise DomeinFout(f.DUBBELE_MELDING, "besluit", f"Over dit plan is al besloten ({self.planbesluit}).")
        _controleer_besluit(besluit)
        self._planbesluit(datum, besluit, toelichting, door, door_id)

    class PlanBeoordeeld(Aggregate.Event):
        class_version = 2

        datum: date
        besluit: str
        toelichting: str
        door: str | None
        door_id: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Versie 1 kwam alleen uit berichten van de gemeente: geen persoon bekend."""
            state["door"] = state["door_id"] = None

    @event(PlanBeoordeeld)
    def _planbesluit(self, datum: date, besluit: str, toelichting: str, door: str | None, door_id: str | None) -> None:
        self.planbesluit = besluit
        self.plan = {**self.plan, "besluitdatum": datum} if self.plan else None

    def rapporteer_voortgang(self, kwartaal: str, trede: int, toelichting: str) -> None:
        self._nog_lopend("voortgangsrapportage")
        controleer_trede(trede)
        if any(v["kwartaal"] == kwartaal for v in self.voortgang):
            raise DomeinFout(f.DUBBELE_MELDING, "kwartaal", f"De voortgang over {kwartaal} is al gerapporteerd.")
        self._voortgang(kwartaal, trede, toelichting)

    class VoortgangGerapporteerd(Aggregate.Event):
        kwartaal: str
        trede: int
        toelichting: str

    @event(VoortgangGerapporteerd)
    def _voortgang(self, kwartaal: str, trede: int, toelichting: str) -> None:
        self.voortgang.append({"kwartaal": kwartaal, "trede": trede, "toelichting": toelichting})

    def vraag_mutatie_aan(
        self, reden: str, bijgesteld_doel: str, nieuw_product: str, nieuwe_prijs: Decimal, planning: str, product_bekend: bool
    ) -> None:
        self._nog_lopend("mutatie")
        if not product_bekend:
            raise DomeinFout(f.ONBEKEND_PRODUCT, "nieuwProduct", f"Product {nieuw_product!r} staat niet in het contract; kies een productcode uit het contract.")
        if self.mutatie is not None and self.mutatiebesluit is None:
            raise DomeinFout(f.DUBBELE_MELDING, "type", "Er loopt al een mutatie; wacht op het besluit van de klantmanager.")
        self._mutatie(reden, bijgesteld_doel, nieuw_product, nieuwe_prijs, planning)

    class MutatieAangevraagd(Aggregate.Event):
        reden: str
        bijgesteld_doel: str
        nieuw_product: str
        nieuwe_prijs: Decimal
        planning: str

    @event(MutatieAangevraagd)
    def _mutatie(self, reden: str, bijgesteld_doel: str, nieuw_product: str, nieuwe_prijs: Decimal, planning: str) -> None:
        self.mutatie = {"reden": reden, "nieuw_product": nieuw_product, "nieuwe_prijs": nieuwe_prijs}
        self.mutatiebesluit = None

    def beoordeel_mutatie(self, datum: date, besluit: str, toelichting: str, door: str | None = None,
                          door_id: str | None = None) -> None:
        self._nog_lopend("mutatiebesluit")
        if self.mutatie is None or self.mutatiebesluit is not None:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "type", "Er is geen mutatie die op een besluit wacht.")
        _controleer_besluit(besluit)
        self._mutatiebesluit(datum, besluit, toelichting, door, door_id)

    class MutatieBeoordeeld(Aggregate.Event):
        class_version = 2

        datum: date
        besluit: str
        toelichting: str
        door: str | None
        door_id: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Versie 1 kwam alleen uit berichten van de gemeente: geen persoon bekend."""
            state["door"] = state["door_id"] = None

    @event(MutatieBeoordeeld)
    def _mutatiebesluit(self, datum: date, besluit: str, toelichting: str, door: str | None,
                        door_id: str | None) -> None:
        self.mutatiebesluit = besluit
        self.product = product_na_mutatiebesluit(self.product, self.mutatie["nieuw_product"] if self.mutatie else None, besluit)

    def zet_om(self, naar_traject_id: str, datum: date) -> None:
        """Omzetting: een nieuw product vervangt dit traject; alleen als de cliënt niet is uitgestroomd."""
        self._nog_lopend("omzetting")
        if self.plaatsing is not None:
            raise DomeinFout(
                f.ONGELDIGE_VOLGORDE,
                "omzettingVan",
                f"Traject {self.traject_id} heeft al een plaatsing; omzetten kan alleen als de cliënt niet is uitgestroomd.",
            )
        self._omgezet(naar_traject_id, datum)

    class Omgezet(Aggregate.Event):
        naar_traject_id: str
        datum: date

    @event(Omgezet)
    def _omgezet(self, naar_traject_id: str, datum: date) -> None:
        self.omgezet_naar = naar_traject_id

    def plaats(
        self, datum_indienst: date, werkgever: str, uren_per_week: Decimal, contractduur_maanden: int, arbeidsovereenkomst_ref: str
    ) -> None:
        self._nog_lopend("plaatsing")
        if self.plaatsing is not None:
            raise DomeinFout(f.DUBBELE_MELDING, "type", "Er is al een plaatsing gemeld voor dit traject.")
        if datum_indienst < self.datum_aanmelding:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "datumIndienst", "De datum in dienst ligt vóór de aanmelding; controleer de datum.")
        if not arbeidsovereenkomst_ref.strip():
            raise DomeinFout(f.VERPLICHT_VELD, "arbeidsovereenkomstRef", "Bij een plaatsing hoort een kopie van de arbeidsovereenkomst; geef de verwijzing op.")
        self._geplaatst(datum_indienst, werkgever, uren_per_week, contractduur_maanden, arbeidsovereenkomst_ref)

    class Geplaatst(Aggregate.Event):
        datum_indienst: date
        werkgever: str
        uren_per_week: Decimal
        contractduur_maanden: int
        arbeidsovereenkomst_ref: str

    @event(Geplaatst)
    def _geplaatst(
        self, datum_indienst: date, werkgever: str, uren_per_week: Decimal, contractduur_maanden: int, arbeidsovereenkomst_ref: str
    ) -> None:
        self.plaatsing = {"datum_indienst": datum_indienst, "werkgever": werkgever}

    def lever_nazorgmaand(self, maand: str) -> None:
        if self.plaatsing is None:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "maand", "Nazorg kan pas na een plaatsing; meld eerst de plaatsing.")
        if self.einde is not None and self.einde["reden"] != "uitstroomWerk":
            self._nog_lopend("nazorgmaand")
        try:
            jaar, mnd = maand_van(maand)
        except ValueError:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "maand", f"{maand!r} is geen maand; schrijf JJJJ-MM.") from None
        if maanden_na(self.plaatsing["datum_indienst"], jaar, mnd) < 0:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "maand", f"Nazorgmaand {maand} ligt vóór de plaatsing.")
        if maand in self.nazorgmaanden:
            raise DomeinFout(f.DUBBELE_MELDING, "maand", f"Nazorgmaand {maand} is al gemeld.")
        self._nazorg(maand)

    class NazorgmaandGeleverd(Aggregate.Event):
        maand: str

    @event(NazorgmaandGeleverd)
    def _nazorg(self, maand: str) -> None:
        self.nazorgmaanden.append(maand)

    def registreer_contactmoment(self, datum: date, onderwerp: str) -> None:
        self._nog_lopend("contactmoment")
        if datum < self.datum_aanmelding:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "datum", "Een contactmoment ligt niet vóór de aanmelding.")
        self._contactmoment(datum, onderwerp)

    class ContactmomentGeregistreerd(Aggregate.Event):
        datum: date
        onderwerp: str

    @event(ContactmomentGeregistreerd)
    def _contactmoment(self, datum: date, onderwerp: str) -> None:
        self.contactmomenten.append({"datum": datum, "onderwerp": onderwerp})

    def registreer_werkaanbieding(self, datum: date, werkgever: str, functie: str) -> None:
        self._nog_lopend("werkaanbieding")
        if datum < self.datum_aanmelding:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "datum", "Een werkaanbieding ligt niet vóór de aanmelding.")
        if any(w["datum"] == datum and w["werkgever"] == werkgever and w["functie"] == functie
               for w in self.werkaanbiedingen):
            raise DomeinFout(f.DUBBELE_MELDING, "datum", f"Deze werkaanbieding op {datum:%d-%m-%Y} is al gemeld.")
        self._werkaanbieding(datum, werkgever, functie)

    class WerkaanbiedingGedaan(Aggregate.Event):
        datum: date
        werkgever: str
        functie: str

    @event(WerkaanbiedingGedaan)
    def _werkaanbieding(self, datum: date, werkgever: str, functie: str) -> None:
        self.werkaanbiedingen.append({"datum": datum, "werkgever": werkgever, "functie": functie})

    def beeindig(self, datum: date, reden: str, vervolgadvies: str | None) -> None:
        self._nog_lopend("beëindiging")
        if reden not in REDENEN_EINDE:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "reden", f"Reden moet een van {', '.join(REDENEN_EINDE)} zijn.")
        if reden == "uitstroomWerk" and self.plaatsing is None:
            raise DomeinFout(f.ONGELDIGE_VOLGORDE, "reden", "Uitstroom naar werk vraagt eerst een plaatsing met de arbeidsovereenkomst.")
        if reden != "uitstroomWerk" and not (vervolgadvies or "").strip():
            raise DomeinFout(
                f.VERPLICHT_VELD, "vervolgadvies", "Zonder uitstroom naar werk is een advies voor een vervolgtraject verplicht."
            )
        if datum < self.datum_aanmelding:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "datum", "De einddatum ligt vóór de aanmelding; controleer de datum.")
        self._beeindigd(datum, reden, vervolgadvies)

    class Beeindigd(Aggregate.Event):
        datum: date
        reden: str
        vervolgadvies: str | None

    @event(Beeindigd)
    def _beeindigd(self, datum: date, reden: str, vervolgadvies: str | None) -> None:
        self.einde = {"datum": datum, "reden": reden, "vervolgadvies": vervolgadvies}

    def koppel_jobcoachperiode(self, periode: dict[str, Any]) -> None:
        """`periode`: periode_id, soort, start, eind; de regels staan in `jobcoachperiode.controleer_nieuwe_periode`."""
        from hub.aggregates.jobcoachperiode import controleer_nieuwe_periode

        self._nog_lopend("jobcoachperiode")
        controleer_nieuwe_periode(self.jobcoachperiodes, periode)
        self._periode_gekoppeld(periode)

    class JobcoachperiodeGekoppeld(Aggregate.Event):
        periode: dict[str, Any]

    @event(JobcoachperiodeGekoppeld)
    def _periode_gekoppeld(self, periode: dict[str, Any]) -> None:
        self.jobcoachperiodes.append(periode)



def _controleer_besluit(besluit: str) -> None:
    if besluit not in BESLUITEN:
        raise DomeinFout(f.ONGELDIGE_WAARDE, "besluit", f"Besluit moet 'goedgekeurd' of 'afgewezen' zijn, niet {besluit!r}.")
