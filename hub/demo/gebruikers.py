"""De gebruikers van de demo: één per rol (twee managementassistenten voor de vier ogen), alleen in de eigen datamap
van de demo. Hun wachtwoorden worden per demo nieuw gekozen en aan het eind afgedrukt, met hoe de webapplicatie op
de gegevens van de demo start."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table

from hub.bootstrap import Onderdelen
from hub.toepassing.gebruikers import Profiel


@dataclass(frozen=True)
class Demogebruiker:
    gebruikersnaam: str
    naam: str
    rollen: tuple[str, ...]
    gemeenten: tuple[str, ...] = ()
    aanbieder: str | None = None


DEMOGEBRUIKERS = (
    Demogebruiker("mdeboer", "M. de Boer", ("managementassistent",), ("amstelveen", "aalsmeer", "heemstede")),
    Demogebruiker("jvisser", "J. Visser", ("managementassistent",), ("amstelveen", "aalsmeer", "heemstede")),
    Demogebruiker("pjansen", "P. Jansen", ("inkoper",), ("amstelveen", "aalsmeer", "heemstede")),
    Demogebruiker("sdevries", "Sanne de Vries", ("klantmanager",), ("amstelveen", "aalsmeer", "heemstede")),
    Demogebruiker("beheer", "B. Heerkens", ("beheerder",)),
    Demogebruiker("anna", "Anna de Wit", ("aanbieder",), (), "matchez"),
    Demogebruiker("lverhoeven", "L. Verhoeven", ("managementassistent",), ("leidschendam-voorburg",)),
)
MA, TWEEDE = "mdeboer", "jvisser"
MA_PENVOERDER = "lverhoeven"
"""managementassistent van Leidschendam-Voorburg, de penvoerder van het gedeelde budget"""


def maak_demogebruikers(hub: Onderdelen) -> dict[str, str]:
    """Gebruikersnaam → wachtwoord. Alleen voor de datamap van de demo (die bij elke demo opnieuw begint)."""
    assert hub.instellingen.data.name == "demo", "demogebruikers horen alleen in de datamap van de demo"
    wachtwoorden = {}
    for g in DEMOGEBRUIKERS:
        wachtwoord = f"demo-{secrets.token_urlsafe(9)}"
        hub.gebruikers.maak(g.gebruikersnaam, g.naam, wachtwoord, list(g.rollen), list(g.gemeenten), g.aanbieder)
        wachtwoorden[g.gebruikersnaam] = wachtwoord
    return wachtwoorden


def demoprofiel(hub: Onderdelen, gebruikersnaam: str) -> Profiel:
    profiel = hub.gebruikers.profiel(gebruikersnaam)
    assert profiel is not None, f"demogebruiker {gebruikersnaam} ontbreekt"
    return profiel


def toon_webapplicatie(hub: Onderdelen, console: Console, wachtwoorden: dict[str, str]) -> None:
    console.rule("[bold]De webapplicatie op de gegevens van deze demo")
    poort = hub.instellingen.web_poort
    console.print(f"Start haar met:  hub web --data {hub.instellingen.data}\n"
                  f"en open http://127.0.0.1:{poort}/ in de browser. Meld u aan met een van deze demogebruikers "
                  "(alleen in de datamap van de demo; de wachtwoorden zijn bij elke demo nieuw):",
                  highlight=False, markup=False, soft_wrap=True)
    tabel = Table()
    for kolom in ("gebruikersnaam", "wachtwoord", "naam", "rol"):
        tabel.add_column(kolom)
    for g in DEMOGEBRUIKERS:
        rol = ", ".join(g.rollen) + (f" ({hub.catalogus.partijen.naam(g.aanbieder)})" if g.aanbieder else "")
        tabel.add_row(g.gebruikersnaam, wachtwoorden[g.gebruikersnaam], g.naam, rol)
    console.print(tabel)
    console.print(f"Op de opdrachtregel besluit u als dezelfde gebruiker (het wachtwoord wordt gevraagd): HUB_DATA="
                  f"{hub.instellingen.data} hub factuur keur-goed NR --schoon --gebruiker {MA} --reden TEKST",
                  highlight=False, markup=False, soft_wrap=True)
