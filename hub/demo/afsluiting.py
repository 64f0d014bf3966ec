"""Wat de demo na de berichten laat zien: oordelen, besluiten, een betaalbatch en de kwartaalrapportage.

Elke stap is een gewone `hub`-opdracht op de datamap van de demo, zodat wat hier gebeurt precies is wat
een managementassistent of inkoper zelf typt.
"""

from __future__ import annotations

import contextlib
import io
import os
from decimal import Decimal
from typing import Callable, Iterator

from rich.console import Console
from rich.table import Table

from hub.cli.gedeeld import Omgeving
from hub.domein.geld import euro

MA = "M. de Boer (managementassistent)"

BESLUITEN = [
    ("factuur", "keur-goed", "MZ-2024-0012", "--schoon", "--door", MA, "--reden", "Geen bevindingen: conform prijsafspraak"),
    ("factuur", "keur-verwacht-goed", "MZ-2024-0012", "--regel", "3", "--door", MA, "--reden",
     "Prijs volgens contract is € 2.250,00"),
    ("factuur", "keur-goed", "MZ-2024-0019", "--schoon", "--door", MA, "--reden", "Nazorgmaanden geleverd"),
    ("factuur", "keur-goed", "MZ-2024-0019", "--regel", "2", "--door", MA, "--reden",
     "Te laat gefactureerd (gemeld aan de inkoper); nazorgmaand april is geleverd"),
    ("factuur", "wijs-af", "MZ-2024-0019", "--regel", "1", "--door", MA, "--reden",
     "Plaatsing niet binnen 3 maanden na de start: geen bonus"),
    ("factuur", "keur-verwacht-goed", "AREA-2024-0031", "--regel", "1", "--regel", "2", "--door", MA, "--reden",
     "No-showstaffel: 1e keer 50 %, 2e keer 75 %"),
    ("factuur", "wijs-af", "AMM-2024-0004", "--regel", "1", "--door", MA, "--reden",
     "Nog geen prijsafspraak; de inkoper legt die eerst vast"),
    ("factuur", "keur-goed", "JC-2024-0107", "--schoon", "--door", MA, "--reden", "Uren verantwoord en toegekend"),
]


@contextlib.contextmanager
def _op_demodata(omgeving: Omgeving) -> Iterator[None]:
    oud = os.environ.get("HUB_DATA")
    os.environ["HUB_DATA"] = str(omgeving.instellingen.data)
    try:
        yield
    finally:
        if oud is None:
            os.environ.pop("HUB_DATA", None)
        else:
            os.environ["HUB_DATA"] = oud


def _schrijf(console: Console, tekst: str) -> None:
    """Uitvoer van een opdracht zoals die hem zelf opmaakte, zonder hem opnieuw af te breken."""
    console.file.write(tekst)
    console.file.flush()


def _hub(*args: str) -> tuple[int, str]:
    from hub.cli import main

    uit = io.StringIO()
    with contextlib.redirect_stdout(uit), contextlib.redirect_stderr(uit):
        code = main(list(args))
    return code, uit.getvalue()


def oordelen(omgeving: Omgeving, console: Console) -> None:
    console.rule("[bold]Factuurcontrole: de werkvoorraad van de managementassistent")
    with _op_demodata(omgeving):
        for nummer in ("MZ-2024-0012", "MZ-2024-0019", "AREA-2024-0031", "AMM-2024-0004", "JC-2024-0107"):
            _, tekst = _hub("factuur", "toon", nummer)
            _schrijf(console, tekst)


def besluiten(omgeving: Omgeving, console: Console) -> None:
    console.rule("[bold]Besluiten van de managementassistent")
    with _op_demodata(omgeving):
        for opdracht in BESLUITEN:
            code, tekst = _hub(*opdracht)
            teken = "[green]✓[/]" if code == 0 else "[red]✗[/]"
            console.print(f"{teken} hub {' '.join(a if ' ' not in a else repr(a) for a in opdracht[:3])} …", highlight=False)
            if code != 0:
                console.print(tekst.strip(), highlight=False, markup=False)
        _, tekst = _hub("factuur", "lijst")
        _schrijf(console, tekst)


def betaling(omgeving: Omgeving, console: Console) -> None:
    console.rule("[bold]Betaalbatch (SEPA pain.001.001.03)")
    map_ = omgeving.instellingen.data / "betaalbatches"
    with _op_demodata(omgeving):
        _, tekst = _hub("betaalbatch", "maak", "--uit", str(map_))
        _schrijf(console, tekst)
        _, tekst = _hub("betaalbatch", "toon")
        _schrijf(console, tekst)


def rapportage(omgeving: Omgeving, console: Console) -> None:
    from hub.toepassing.rapport import kwartaalrapport
    from hub.koppelingen.weergave.htmlpagina import als_html
    from hub.rapportage.kengetallen import kengetallen

    for gemeente, kwartaal in (("amstelveen", "2024-Q1"), ("amstelveen", "2024-Q2")):
        rapport = kwartaalrapport(omgeving.hub, omgeving.catalogus, omgeving.leesmodellen, gemeente, kwartaal)
        console.rule(f"[bold]Kwartaalrapportage {rapport.gemeentenaam} {kwartaal} voor de inkoper")
        tabel = Table(show_lines=False)
        tabel.add_column("kengetal")
        for c in rapport.providers:
            tabel.add_column(c.naam, justify="right")
        rijen: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        for i, c in enumerate(rapport.providers):
            for k in kengetallen(c):
                labels[k.sleutel] = k.label
                rijen.setdefault(k.sleutel, [""] * len(rapport.providers))[i] = _toon(k.waarde, k.eenheid)
        for sleutel, waarden in rijen.items():
            if any(w not in ("", "0", "€ 0,00", "0,0") for w in waarden):
                tabel.add_row(labels[sleutel], *waarden)
        console.print(tabel)
        bestand = omgeving.instellingen.data / f"kwartaalrapport-{gemeente}-{kwartaal}.html"
        bestand.write_text(als_html(rapport), encoding="utf-8")
        console.print(f"Volledig rapport met grafieken: {bestand}")


def _toon(waarde: object, eenheid: str) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if eenheid == "euro":
        return euro(Decimal(waarde))
    if eenheid in ("procent", "trede"):
        return f"{Decimal(waarde):.1f}".replace(".", ",")
    return str(waarde).replace(".", ",")


def stappen_na_afloop() -> list[Callable[[Omgeving, Console], None]]:
    return [oordelen, besluiten, betaling, rapportage]
