"""De enige plek die instellingen in objecten omzet: eventstore, contracten, leesmodellen, broker en klok.

Elke ingang (opdrachtregel, broker, demo) vraagt hier zijn use cases op; niets anders leest de omgeving of kiest
een koppeling. Onderdelen worden pas gemaakt als iemand ze vraagt: `hub contracten controleer` opent geen
eventstore.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from hub.contracten.catalogus import Catalogus
from hub.instellingen import Instellingen, InstellingFout
from hub.koppelingen.betaling.bestanden import Betaalmap
from hub.koppelingen.betaling.sepa import OPDRACHTGEVERS, laad_opdrachtgevers
from hub.koppelingen.broker.draaiende_hub import DraaiendeHub, Vergrendeling, afzenders
from hub.koppelingen.broker.identiteiten import Identiteiten
from hub.koppelingen.broker.nats_server import ingebouwde_server, lokaal_adres
from hub.koppelingen.broker.toegang import Toegangsbeheer
from hub.koppelingen.broker.werker import ACK_WAIT, bericht_id_uit
from hub.koppelingen.formaten import parse_bericht, vorm_van
from hub.koppelingen.formaten.ubl_doorbelasting import Doorbelastingmap, UblDoorbelasting
from hub.koppelingen.opslag.contractbestanden import laad_catalogus, lees_contractbestand
from hub.koppelingen.opslag.eventstore import persistentie
from hub.koppelingen.opslag.leesmodelbijhouder import INTERVAL, Leesmodelbijhouder
from hub.koppelingen.opslag.leesmodelbron import Leesmodelbestanden
from hub.koppelingen.opslag.leesmodeltabel import Leesmodeltabel
from hub.koppelingen.opslag.sleutelbestand import SleutelbestandFout, lees_of_maak_sleutel
from hub.koppelingen.opslag.verzonden import Verzondentabel
from hub.toepassing.aanbiederportaal import Aanbiederportaal
from hub.toepassing.aanleveren import Aanleveren
from hub.toepassing.audit import Audit
from hub.toepassing.besluiten import Besluiten
from hub.toepassing.betalen import Betalen
from hub.toepassing.contractbeheer import Contractbeheer, geldende_catalogus
from hub.toepassing.doorbelasten import Doorbelasten
from hub.toepassing.eventstore import Hub, controleer_sleutel
from hub.toepassing.extern_aanmelden import ExternAanmelden
from hub.toepassing.factuurstatus import Factuurstatussen
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.gebruikers import Gebruikers
from hub.toepassing.geschiedenis import Geschiedenis
from hub.toepassing.klantmanager import Klantmanagerwerk
from hub.toepassing.leesmodelbeheer import Leesmodelbeheer
from hub.toepassing.rapport import Rapportage
from hub.toepassing.verwerking import Verwerker
from hub.toepassing.werkvoorraad import Facturenzoeker

log = logging.getLogger(__name__)


GC_DREMPEL = 10_000
"""Nieuwe objecten tussen twee jonge rondes van de garbage collector in een dienstproces (Python kiest 700)."""


def nu() -> datetime:
    return datetime.now(UTC)


def als_dienst() -> None:
    """Voor een proces dat blijft draaien (`hub serve`, `hub web`): de garbage collector minder vaak. Zo'n proces
    houdt leesmodellen en een cache van aggregates in het geheugen, en elke volledige ronde loopt die allemaal na,
    terwijl reference counting bijna alles al opruimt. Met de drempel van Python ging ~11 % van de tijd van een
    werker op aan de garbage collector (`docs/benchmarks.md`); kringen worden nog steeds opgeruimd, alleen later."""
    gc.set_threshold(GC_DREMPEL)


DEMOSCHEMA = "demo"


def open_hub(instellingen: Instellingen | None = None) -> Hub:
    """De eventstore uit de instellingen (standaard: uit de omgeving); weigert een sleutel die niet past."""
    hub = Hub(env=persistentie(instellingen or Instellingen.uit_omgeving()))
    controleer_sleutel(hub)
    return hub


def bron_voor_hulpproces(instellingen: Instellingen) -> tuple[Hub, Catalogus]:
    """Voor een hulpproces dat leesmodellen herbouwt: een eigen verbinding met de eventstore en de contracten."""
    hub = open_hub(instellingen)
    return hub, geldende_catalogus(hub, laad_catalogus(instellingen.contracten))


class Onderdelen:
    def __init__(self, instellingen: Instellingen, klok: Callable[[], datetime] = nu):
        self.instellingen = instellingen
        self.klok = klok

    @cached_property
    def eventstore(self) -> Hub:
        return open_hub(self.instellingen)

    @cached_property
    def catalogus(self) -> Catalogus:
        """De contractbestanden met daarover wat de inkoper in de hub vastlegde; één object dat een wijziging
        ter plekke bijwerkt."""
        return geldende_catalogus(self.eventstore, laad_catalogus(self.instellingen.contracten))

    @cached_property
    def leesmodelopslag(self) -> Leesmodeltabel:
        """In de database van de eventstore: elk proces op dezelfde eventstore deelt positie en toestand."""
        return Leesmodeltabel(self.eventstore, self.instellingen.sleutel_tekst, oude_map=self.instellingen.data / "leesmodellen")

    @cached_property
    def leesmodellen(self) -> Leesmodelbestanden:
        return Leesmodelbestanden(self.eventstore, self.catalogus, self.leesmodelopslag,
                                  partial(bron_voor_hulpproces, self.instellingen))

    @cached_property
    def facturen(self) -> Facturenzoeker:
        return Facturenzoeker(self.eventstore, self.leesmodellen, self.catalogus, self.klok)

    @cached_property
    def besluiten(self) -> Besluiten:
        return Besluiten(self.eventstore, self.facturen, self.klok)

    @cached_property
    def betalen(self) -> Betalen:
        return Betalen(self.eventstore, self.leesmodellen, self.catalogus, self.klok)

    @cached_property
    def doorbelasten(self) -> Doorbelasten:
        return Doorbelasten(self.eventstore, self.leesmodellen, self.catalogus, self.klok)

    def doorbelastingsfacturen(self) -> UblDoorbelasting:
        return UblDoorbelasting()

    def doorbelastingmap(self, map_: Path | None = None) -> Doorbelastingmap:
        return Doorbelastingmap(map_ or self.instellingen.data / "doorbelastingen")

    @cached_property
    def gebruikers(self) -> Gebruikers:
        return Gebruikers(self.eventstore, self.catalogus, self.klok)

    @cached_property
    def apparaatsleutel(self) -> bytes:
        """Waarmee de webapplicatie apparaatcookies ondertekent: HUB_WEB_SLEUTEL, of een eigen in de datamap."""
        if self.instellingen.web_sleutel is not None:
            sleutel = self.instellingen.web_sleutel.get_secret_value().encode()
            if len(sleutel) < 32:
                raise InstellingFout("HUB_WEB_SLEUTEL is te kort; gebruik ten minste 32 willekeurige tekens, bijvoorbeeld "
                                     "uit `python -c 'import secrets; print(secrets.token_urlsafe(32))'`.")
            return sleutel
        try:
            return lees_of_maak_sleutel(self.instellingen.data / "web-sleutel")
        except SleutelbestandFout as fout:
            raise InstellingFout(str(fout)) from None

    @cached_property
    def geschiedenis(self) -> Geschiedenis:
        return Geschiedenis(self.eventstore)

    @cached_property
    def audit(self) -> Audit:
        return Audit(self.eventstore)

    @cached_property
    def rapportage(self) -> Rapportage:
        return Rapportage(self.leesmodellen, self.catalogus, lambda contracten: self.doorbelasten.geldend(contracten))

    @cached_property
    def leesmodelbeheer(self) -> Leesmodelbeheer:
        return Leesmodelbeheer(self.leesmodellen)

    @cached_property
    def contractbeheer(self) -> Contractbeheer:
        return Contractbeheer(lambda map_: laad_catalogus(map_ or self.instellingen.contracten),
                              eventstore=lambda: self.eventstore, catalogus=lambda: self.catalogus,
                              leesmodellen=lambda: self.leesmodellen, klok=self.klok,
                              lees=lees_contractbestand, bestaande_eventstore=self.bestaande_eventstore)

    def bestaande_eventstore(self) -> Hub | None:
        """De eventstore als die er al is; een SQLite-bestand dat er nog niet is, wordt niet aangemaakt."""
        if self.instellingen.eventstore != "postgres" and not self.instellingen.sqlite_bestand.is_file():
            return None
        return self.eventstore

    @cached_property
    def aanleveren(self) -> Aanleveren:
        return Aanleveren(self.verwerker, parse_bericht, vorm_van, bericht_id_uit)

    @cached_property
    def aanbiederportaal(self) -> Aanbiederportaal:
        return Aanbiederportaal(self.eventstore, self.leesmodellen, self.klok)

    @cached_property
    def klantmanager(self) -> Klantmanagerwerk:
        return Klantmanagerwerk(self.aanleveren, self.eventstore, self.leesmodellen, self.catalogus, self.klok)

    @cached_property
    def extern_aanmelden(self) -> ExternAanmelden | None:
        """Aanmelden via de identiteitsprovider van de gemeente, als die is ingesteld (HUB_OIDC_…)."""
        i = self.instellingen
        if not (i.oidc_discovery_url and i.oidc_client_id):
            return None
        from hub.koppelingen.identiteit import OpenIdConnect

        geheim = i.oidc_client_secret.get_secret_value() if i.oidc_client_secret else None
        return ExternAanmelden(OpenIdConnect(i.oidc_discovery_url, i.oidc_client_id, geheim, i.oidc_claim, i.oidc_naam),
                               self.gebruikers)

    def verwerker(self) -> Verwerker:
        return Verwerker(self.eventstore, self.catalogus, self.klok)

    def opdrachtgevers(self, bestand: Path | None = None):
        return laad_opdrachtgevers(bestand or OPDRACHTGEVERS)

    def betaalmap(self, map_: Path | None = None) -> Betaalmap:
        return Betaalmap(map_ or self.instellingen.data / "betaalbatches")

    def afzenders(self) -> list[str]:
        return afzenders(self.catalogus)

    def identiteiten(self) -> Identiteiten:
        return Identiteiten.laad_of_maak(self.instellingen.data, self.afzenders(), ca=self.instellingen.nats_tls_ca)

    def toegangsbeheer(self, adres: str | None = None) -> Toegangsbeheer:
        """Toegang voor aanbieders. Het adres in hun bestand: ``adres``, anders de eerste naam uit HUB_NATS_NAMEN (of
        het adres van deze machine) met de poort van de draaiende hub, of HUB_NATS_URL bij een eigen NATS."""
        i = self.instellingen
        if i.nats_url:
            return Toegangsbeheer(i.data, self.identiteiten(), self.afzenders(), [adres or i.nats_url], i.nats_tls_ca,
                                  ingebouwd=False, klok=self.klok)
        server = ingebouwde_server(i, self.afzenders(), i.nats_poort)
        draaiend = self.draaiende_url()
        poort = draaiend.rsplit(":", 1)[1] if draaiend else str(i.nats_poort)
        naam = (i.nats_naamlijst or [lokaal_adres(i.nats_host)])[0]
        return Toegangsbeheer(i.data, server.identiteiten, self.afzenders(), [adres or f"tls://{naam}:{poort}"],
                              server.certificaten.ca, klok=self.klok)

    def draaiende_url(self) -> str | None:
        """Het broker-adres van een hub die al op deze datamap draait."""
        return Vergrendeling(self.instellingen.data).draaiende_url()

    def draaiende_hub(self, poort: int | None = None, *, ack_wait: float = ACK_WAIT,
                      leesmodel_interval: float = INTERVAL) -> DraaiendeHub:
        bijhouder = Leesmodelbijhouder(self.eventstore, self.catalogus, self.leesmodelopslag, interval=leesmodel_interval)
        statussen = Factuurstatussen(
            self.leesmodellen, Verzondentabel(self.eventstore, self.instellingen.data / "leesmodellen" / "factuurstatus-verzonden.json"))
        return DraaiendeHub(self.instellingen, self.afzenders(), self.verwerker(), statussen,
                            achtergrond=[bijhouder.draai, self._volg_contracten(leesmodel_interval)], poort=poort,
                            ack_wait=ack_wait)

    def _volg_contracten(self, interval: float) -> Callable[[asyncio.Event], Coroutine[Any, Any, None]]:
        """Neemt in een draaiende hub de contractwijzigingen over die een ander proces vastlegde, en waarschuwt (bij de
        start en daarna bij elke nieuwe) voor een contractbestand dat afwijkt van zijn dossier in de hub."""
        async def volg(stop: asyncio.Event) -> None:
            gemeld: set[str] = set()
            while not stop.is_set():
                try:
                    await asyncio.to_thread(self.contractbeheer.ververs)
                except Onuitvoerbaar as fout:
                    log.warning("%s De contracten blijven zoals ze waren; volgende poging over %.0f s.", fout, interval)
                except Exception:
                    log.exception("contracten konden niet worden ververst; volgende poging over %.0f s", interval)
                try:
                    meldingen = [a.melding for a in await asyncio.to_thread(self.contractbeheer.afwijkingen)]
                except Exception:
                    log.exception("contractbestanden konden niet met de dossiers worden vergeleken")
                    meldingen = []
                for melding in meldingen:
                    if melding not in gemeld:
                        log.warning(melding)
                gemeld = set(meldingen)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), interval)
        return volg

    def voor_contracten(self, contracten: Path) -> Onderdelen:
        """Dezelfde instellingen met een andere map contracten."""
        return Onderdelen(self.instellingen.met(contracten=contracten), self.klok)

    def voor_data(self, data: Path) -> Onderdelen:
        """Dezelfde instellingen op een andere datamap (zoals de demo die een eigen map krijgt)."""
        return Onderdelen(self.instellingen.met(data=data), self.klok)

    def voor_demo(self, data: Path) -> Onderdelen:
        """De demo op een eigen datamap; op PostgreSQL ook in een eigen schema, dat bij elke start leeg begint. Zo raakt
        de demo de echte gegevens nooit en kan ze opnieuw draaien."""
        instellingen = self.instellingen.met(data=data)
        if instellingen.eventstore == "postgres":
            if self.instellingen.postgres_schema == DEMOSCHEMA:
                raise InstellingFout(f"HUB_POSTGRES_SCHEMA={DEMOSCHEMA!r} is het schema dat de demo bij elke start leegmaakt; "
                                     "kies voor de gegevens van de hub een ander schema.")
            from hub.koppelingen.opslag.postgres import leeg_schema

            instellingen = instellingen.met(postgres_schema=DEMOSCHEMA)
            leeg_schema(instellingen)
        return Onderdelen(instellingen, self.klok)


def bootstrap(instellingen: Instellingen | None = None, klok: Callable[[], datetime] = nu) -> Onderdelen:
    return Onderdelen(instellingen or Instellingen.uit_omgeving(), klok)
