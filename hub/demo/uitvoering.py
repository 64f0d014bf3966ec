"""Speelt het scenario af via een echte broker, in een eigen datamap, en laat zien wat de hub ervan vindt."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Callable
from itertools import groupby
from typing import Any

from rich.console import Console

from hub.berichten import lees_json
from hub.bootstrap import Onderdelen
from hub.demo.gebruikers import maak_demogebruikers, toon_webapplicatie
from hub.demo.scenario import Stap, scenario
from hub.koppelingen.broker.afzender import stuur_inhoud
from hub.koppelingen.formaten.berichtxml import naar_xml

XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE intake [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>\n'
       b'<intake xmlns="urn:reintegratie-hub:berichten:1"><berichtId>6c1f8e2a-0d5b-4c7e-9f3a-1b2c3d4e5f60</berichtId>'
       b'<type>intake</type><versie>1</versie><afzender>matchez</afzender><gemeente>amstelveen</gemeente>'
       b'<verzonden>2024-01-16T09:00:00+01:00</verzonden><trajectId>&geheim;</trajectId><datum>2024-01-16</datum></intake>')


def inhoud(stap: Stap) -> bytes:
    if stap.vorm == "xml":
        try:
            return naar_xml(lees_json(stap.bericht))
        except Exception:
            pass
    return json.dumps(stap.bericht, ensure_ascii=False).encode()


def demo_onderdelen(hub: Onderdelen) -> Onderdelen:
    """Een eigen, lege datamap onder HUB_DATA (en op PostgreSQL een eigen schema), zodat de demo altijd hetzelfde
    laat zien."""
    map_ = hub.instellingen.data / "demo"
    if map_.exists():
        shutil.rmtree(map_)
    return hub.voor_demo(map_)


async def speel_af(omgeving: Onderdelen, console: Console) -> list[tuple[Stap, dict[str, Any]]]:
    stappen = scenario()
    stappen.append(Stap("matchez", {}, "xml", "XML met een externe entiteit (XXE)"))
    uitkomsten: list[tuple[Stap, dict[str, Any]]] = []
    async with omgeving.draaiende_hub() as hub:
        assert hub.url is not None
        console.print(f"Broker draait op {hub.url}; eventstore {omgeving.instellingen.eventstore_plek}")
        for afzender, reeks in groupby(stappen, key=lambda s: s.afzender):
            groep = list(reeks)
            data = [XXE if not s.bericht else inhoud(s) for s in groep]
            retouren = await stuur_inhoud(hub.url, afzender, hub.identiteiten, data)
            for stap, retour in zip(groep, retouren, strict=True):
                uitkomsten.append((stap, retour))
                toon_retour(console, stap, retour)
    return uitkomsten


def toon_retour(console: Console, stap: Stap, retour: dict[str, Any]) -> None:
    if retour["status"] == "geaccepteerd":
        regel = f"[green]✓[/] {stap.afzender:<13} {stap.toelichting}"
        for signaal in retour.get("signalen", []):
            regel += f"\n    [yellow]! {signaal['code']}[/]: {signaal['melding']}"
    else:
        regel = f"[red]✗[/] {stap.afzender:<13} {stap.toelichting}"
        for fout in retour.get("fouten", []):
            regel += f"\n    [red]{fout['code']}[/] ({fout.get('veld') or '-'}): {fout['melding']}"
    console.print(regel, highlight=False)


def draai(omgeving: Onderdelen, na_afloop: list[Callable[[Onderdelen, Console], None]] | None = None) -> int:
    console = Console()
    omg = demo_onderdelen(omgeving)
    console.rule("[bold]Re-integratie hub — demo")
    console.print(f"Data van deze demo: {omg.instellingen.data}")
    uitkomsten = asyncio.run(speel_af(omg, console))
    geaccepteerd = sum(1 for _, r in uitkomsten if r["status"] == "geaccepteerd")
    console.print(f"\n{len(uitkomsten)} berichten: {geaccepteerd} geaccepteerd, {len(uitkomsten) - geaccepteerd} afgewezen.")
    wachtwoorden = maak_demogebruikers(omg)
    for stap in na_afloop or []:
        stap(omg, console)
    toon_webapplicatie(omg, console, wachtwoorden)
    return 0


__all__ = ["draai"]
