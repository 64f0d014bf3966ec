"""Een werkportie: de berichten van één verdeelde batch die in dezelfde partitie horen, samen in één bericht op
``HUB_WERK``.

Per partitie één publicatie, één PubAck, één levering en één ack in plaats van één per bericht. Elk bericht houdt
zijn eigen identiteit: de afzender (uit het subject van zijn intake), dat subject, de Nats-Msg-Id van de afzender,
zijn plaats in de intake (`herkomst`) en de inhoud zoals ontvangen. Alleen de hub kan op ``HUB_WERK`` publiceren.

De Nats-Msg-Id van een portie is de reeks intake-plaatsen die ze draagt; een portie van één bericht gaat in de vorm
van één bericht (de Msg-Id is dan de plaats in de intake, zoals vóór de porties), zodat ook een bericht zo groot
als de broker toelaat erdoor past. Beide vormen worden gelezen.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

KOP_PORTIE = "Hub-Portie"
"""Header van een werkportie: de versie van de vorm hieronder."""
VERSIE = "1"
H_AFZENDER = "Hub-Afzender"
H_SUBJECT = "Hub-Subject"
H_MSG_ID = "Hub-Msg-Id"


@dataclass(frozen=True)
class Item:
    """Eén bericht in een portie."""

    afzender: str
    subject: str
    msg_id: str | None
    herkomst: str
    """intake-stream en volgnummer, ``IN_<afzender>-<volgnummer>``"""
    data: bytes


def volgnummer(herkomst: str) -> int:
    return int(herkomst.rsplit("-", 1)[1])


def splits(items: Iterable[Item], max_bytes: int) -> list[list[Item]]:
    """Opeenvolgende stukken van hoogstens `max_bytes` inhoud; een bericht dat alleen al groter is, krijgt zijn eigen
    stuk. Hangt alleen af van de berichten en hun volgorde, zodat dezelfde batch opnieuw dezelfde stukken geeft."""
    stukken: list[list[Item]] = []
    huidig: list[Item] = []
    grootte = 0
    for item in items:
        if huidig and grootte + len(item.data) > max_bytes:
            stukken.append(huidig)
            huidig, grootte = [], 0
        huidig.append(item)
        grootte += len(item.data)
    if huidig:
        stukken.append(huidig)
    return stukken


def schrijf_reeksen(volgnummers: Iterable[int]) -> str:
    """Oplopende volgnummers als reeksen: ``1-30,32,40-41``."""
    reeksen: list[list[int]] = []
    for n in sorted(set(volgnummers)):
        if reeksen and n == reeksen[-1][1] + 1:
            reeksen[-1][1] = n
        else:
            reeksen.append([n, n])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in reeksen)


def lees_reeksen(tekst: str) -> set[int]:
    """Het omgekeerde van `schrijf_reeksen`; wat niet te lezen is, telt als niet doorgezet."""
    volgnummers: set[int] = set()
    for deel in filter(None, tekst.split(",")):
        van, _, tot = deel.partition("-")
        if not van.isdigit() or not (tot or van).isdigit():
            return set()
        volgnummers.update(range(int(van), int(tot or van) + 1))
    return volgnummers


def msg_id(items: list[Item]) -> str:
    if len(items) == 1:
        return items[0].herkomst
    return f"{items[0].herkomst}-{volgnummer(items[-1].herkomst)}"


def verpak(items: list[Item]) -> tuple[bytes, dict[str, str]]:
    """Inhoud en headers voor ``HUB_WERK``: een regel JSON met per bericht zijn kenmerken en lengte, dan de inhouden
    achter elkaar, ongewijzigd (ook XML of wat de afzender stuurde)."""
    if len(items) == 1:
        item = items[0]
        kop = {"Nats-Msg-Id": item.herkomst, H_AFZENDER: item.afzender, H_SUBJECT: item.subject}
        if item.msg_id:
            kop[H_MSG_ID] = item.msg_id
        return item.data, kop
    inhoud = json.dumps([[i.afzender, i.subject, i.msg_id, i.herkomst, len(i.data)] for i in items],
                        separators=(",", ":")).encode()
    return b"".join([inhoud, b"\n", *(i.data for i in items)]), {"Nats-Msg-Id": msg_id(items), KOP_PORTIE: VERSIE}


def pak_uit(data: bytes, headers: dict[str, str] | None) -> list[Item]:
    kop = headers or {}
    if KOP_PORTIE not in kop:
        return [Item(kop[H_AFZENDER], kop.get(H_SUBJECT, ""), kop.get(H_MSG_ID), kop.get("Nats-Msg-Id", ""), data)]
    if kop[KOP_PORTIE] != VERSIE:
        raise ValueError(f"werkportie in een onbekende vorm (versie {kop[KOP_PORTIE]!r}): werk de hub bij")
    einde = data.index(b"\n")
    items = []
    positie = einde + 1
    for afzender, subject, msg_id_, herkomst, lengte in json.loads(data[:einde]):
        items.append(Item(afzender, subject, msg_id_, herkomst, data[positie:positie + lengte]))
        positie += lengte
    if positie != len(data):
        raise ValueError(f"werkportie {kop.get('Nats-Msg-Id')} is beschadigd: de lengtes kloppen niet met de inhoud")
    return items


__all__ = ["KOP_PORTIE", "Item", "lees_reeksen", "msg_id", "pak_uit", "schrijf_reeksen", "splits", "verpak"]
