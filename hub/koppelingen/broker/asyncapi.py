"""Het AsyncAPI-document voor de ontwikkelaars van een provider, gemaakt uit dezelfde modellen als de hub.

De kanalen zijn die van de echte broker (`hub.koppelingen.broker.subjects`); de berichten zijn de
pydantic-modellen van de berichtenstandaard. Er draait hier niets: de broker dient alleen als beschrijving.
"""

from __future__ import annotations

import json
from typing import Any

from faststream.nats import NatsBroker
from faststream.nats.security import NatsUserPassword
from faststream.specification import AsyncAPI

from hub.berichten import (
    Aanmelding,
    Bericht,
    Factuurstatus,
    JobcoachToekenning,
    MutatieBesluit,
    PlanBesluit,
    Retour,
)

Inbox = Aanmelding | PlanBesluit | MutatieBesluit | JobcoachToekenning | Factuurstatus

BESCHRIJVING = """\
Berichtenstandaard van de re-integratie hub (versie 1). Elke afzender (provider of `gemeente`) meldt zich
bij de broker aan met eigen inloggegevens en mag alleen publiceren op `hub.in.<afzender>.<partitie>` en
alleen lezen van `hub.out.<afzender>.>`. Voor de partitie (0-f) gebruikt de client het eerste hexadecimale
teken van de SHA-256 van `traject:<gemeente>:<trajectId>` (of `factuur:<factuurnummer>`); de hub bepaalt de
partitie voor de verwerking zelf uit de inhoud, zodat berichten over één traject in volgorde worden verwerkt. Zet bij publiceren de header `Nats-Msg-Id` op
`<berichtId>/<afzender>/<kenmerk van de inhoud>` (bijv. de SHA-256 van de verstuurde bytes): dan laat de broker
alleen hetzelfde bericht als dubbel vallen, niet een ander bericht onder dezelfde `berichtId`. Elk bericht
krijgt een retour op `hub.out.<afzender>.retour`, met in de header `Hub-Vingerafdruk` de vingerafdruk van het
bericht waarop hij antwoordt; doorgestuurde berichten en factuurstatussen staan op
`hub.out.<afzender>.inbox`. Berichten mogen JSON of XML (namespace urn:reintegratie-hub:berichten:1) zijn;
facturen ook UBL 2.1 volgens NLCIUS.
"""


def _beschrijvende_broker() -> NatsBroker:
    broker = NatsBroker(
        "nats://localhost:4222",
        security=NatsUserPassword("<afzender>", "<wachtwoord>"),
        description="NATS JetStream van de hub; een eigen account per afzender, intake-stream IN_<afzender> voor "
                    "inkomend, HUB_OUT voor retouren en inbox (duurzaam op te halen onder $JS.hub.API).",
    )

    @broker.subscriber("hub.in.{afzender}.{partitie}", title="Inkomend", description="Berichten van een afzender aan de hub.")
    async def inkomend(bericht: Bericht) -> None:  # pragma: no cover - alleen beschrijving
        """Een bericht van de standaard; het veld `type` bepaalt de vorm."""

    @broker.publisher("hub.out.{afzender}.retour", title="Retour", schema=Retour,
                      description="Per bericht: geaccepteerd, of afgewezen met fouten (code, veld, melding).")
    async def retour() -> None:  # pragma: no cover
        ...

    @broker.publisher("hub.out.{afzender}.inbox", title="Inbox", schema=Inbox,
                      description="Voor een provider: aanmeldingen, besluiten, toekenningen en factuurstatussen.")
    async def inbox() -> None:  # pragma: no cover
        ...

    return broker


def asyncapi_document() -> dict[str, Any]:
    specificatie = AsyncAPI(
        _beschrijvende_broker(),
        title="Re-integratie hub — berichtenstandaard",
        version="1",
        description=BESCHRIJVING,
        schema_version="3.0.0",
    ).to_specification()
    return json.loads(specificatie.to_json())
