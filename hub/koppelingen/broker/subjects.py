"""Subjectschema van de hub op NATS JetStream.

Inkomend: ``hub.in.<afzender>.<partitie>``. Het laatste token is een hint van de afzender-client; de hub
vertrouwt het niet. De werker leest de intake van een afzender, bepaalt zelf de ordeningssleutel uit de
inhoud (het traject, of de factuur) en zet het bericht op ``hub.werk.<partitie>`` in de werkstream
``HUB_WERK``: de partitie (0-f) is een stabiele hash van die sleutel, zodat alle berichten over één traject
in dezelfde partitie landen, van welke afzender ook. Afzenders kunnen ``hub.werk`` niet bereiken.
Uitgaand: ``hub.out.<afzender>.retour`` en ``hub.out.<afzender>.inbox``. Onverwerkbaar: ``hub.dlq``.

Elke afzender heeft een eigen NATS-account met dezelfde naam als zijn code; de streams staan in het
account ``HUB`` van de hub. Een afzender ziet de subjects van de hub alleen via zijn imports (zie
``configuratie``), dus ``hub.in.<afzender>`` is het enige intake-subject dat hij kan bereiken.
"""

from __future__ import annotations

import hashlib
import re

STREAM_IN = "HUB_IN"
STREAM_OUT = "HUB_OUT"
STREAM_DLQ = "HUB_DLQ"
STREAM_WERK = "HUB_WERK"
"""De partities: wat de hub uit de intake van alle afzenders heeft gelezen, per partitie in volgorde."""
KV_PARTITIES = "HUB_PARTITIES"
"""Wie welke partitie verwerkt (een lease met een vervaltijd) en welke werkers leven."""
KV_VERDEELD = "HUB_VERDEELD"
"""Per afzender tot welk volgnummer zijn intake helemaal in HUB_WERK staat (zonder vervaltijd)."""
STREAM_IN_PREFIX = "IN_"
"""Eén intake-stream per afzender: JetStream ontdubbelt Nats-Msg-Id per stream, niet per afzender."""

HUB_ACCOUNT = "HUB"
JS_PREFIX_AFZENDER = "$JS.hub.API"
"""Onder dit prefix ziet een afzender de JetStream-API van de hub (alleen zijn eigen consumer op HUB_OUT)."""

SUBJECTS_IN = "hub.in.>"
SUBJECTS_OUT = "hub.out.>"
SUBJECT_DLQ = "hub.dlq"

HUB_GEBRUIKER = "hub"
HUB_INBOX_PREFIX = "_INBOX.hub"
PARTITIES = tuple("0123456789abcdef")

_AFZENDER = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")


def controleer_afzender(afzender: str) -> str:
    """Een afzendercode is één subject-token én een gebruikersnaam: kleine letters, cijfers, koppeltekens."""
    if not _AFZENDER.fullmatch(afzender or ""):
        raise ValueError(
            f"ongeldige afzendercode {afzender!r}: gebruik kleine letters, cijfers en koppeltekens "
            "(niet aan begin of eind), hoogstens 64 tekens"
        )
    if afzender == HUB_GEBRUIKER:
        raise ValueError(f"afzendercode {afzender!r} is gereserveerd voor de hub zelf: kies een andere code")
    return afzender


def sleutel_traject(gemeente: str, traject_id: str) -> str:
    return f"traject:{gemeente}:{traject_id}"


def sleutel_factuur(factuurnummer: str) -> str:
    return f"factuur:{factuurnummer}"


def partitie(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()[0]


def subject_in(afzender: str, sleutel: str) -> str:
    return f"hub.in.{controleer_afzender(afzender)}.{partitie(sleutel)}"


def filter_in_afzender(afzender: str) -> str:
    return f"hub.in.{controleer_afzender(afzender)}.>"


def stream_in(afzender: str) -> str:
    return f"{STREAM_IN_PREFIX}{controleer_afzender(afzender)}"


def subject_werk(partitie_: str) -> str:
    if partitie_ not in PARTITIES:
        raise ValueError(f"ongeldige partitie {partitie_!r}: verwacht één hexadecimaal teken 0-f")
    return f"hub.werk.{partitie_}"


def consumer_werk(partitie_: str) -> str:
    """De durable op HUB_WERK van één partitie; de werker die de lease heeft, leest hem."""
    return f"werk-{partitie_}"


def subject_retour(afzender: str) -> str:
    return f"hub.out.{controleer_afzender(afzender)}.retour"


def subject_inbox(afzender: str) -> str:
    return f"hub.out.{controleer_afzender(afzender)}.inbox"


def filter_out(afzender: str) -> str:
    return f"hub.out.{controleer_afzender(afzender)}.>"


def consumer_naam(afzender: str) -> str:
    """De durable op HUB_OUT die de hub voor deze afzender aanmaakt en die alleen hij kan lezen."""
    return controleer_afzender(afzender)


def inbox_prefix(afzender: str) -> str:
    """Eigen inbox-prefix per afzender, zodat niemand antwoorden aan een ander kan afluisteren."""
    return f"_INBOX.{controleer_afzender(afzender)}"
