"""Wat de demo na de berichten laat zien: oordelen, contractbeheer door de inkoper, besluiten, een betaalbatch en de
kwartaalrapportage.

Elke stap roept dezelfde use case aan als de bijbehorende `hub`-opdracht en toont het resultaat op dezelfde manier,
zodat wat hier gebeurt precies is wat een managementassistent of inkoper zelf typt.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rich.console import Console
from rich.table import Table

from hub.bootstrap import Onderdelen
from hub.cli.betaalbatch import toon_batches, toon_gemaakt, toon_voorgesteld
from hub.cli.contracten import toon_wijziging
from hub.cli.factuur import toon_factuur, toon_werkvoorraad
from hub.cli.gedeeld import breedte
from hub.demo.gebruikers import MA, TWEEDE, demoprofiel
from hub.domein.fouten import DomeinFout
from hub.koppelingen.weergave.htmlpagina import als_html
from hub.koppelingen.weergave.opmaak import leesbaar
from hub.rapportage.kengetallen import kengetallen
from hub.toepassing.besluiten import Besloten
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.werkvoorraad import MAX_IN_LIJST


@dataclass(frozen=True)
class Demobesluit:
    actie: str
    """zoals op de opdrachtregel: keur-goed, keur-verwacht-goed of wijs-af"""
    factuur: str
    regels: tuple[int, ...]
    reden: str

    def neem(self, hub: Onderdelen) -> Besloten:
        """Als demogebruiker mdeboer, zoals `hub factuur … --gebruiker mdeboer` het doet."""
        besluiten = hub.besluiten
        ma = demoprofiel(hub, MA)
        if self.actie == "keur-goed" and not self.regels:
            return besluiten.keur_schoon_goed(self.factuur, ma.naam, self.reden, door_id=ma.gebruikersnaam)
        neem = {"keur-goed": besluiten.keur_goed, "keur-verwacht-goed": besluiten.keur_verwacht_goed,
                "wijs-af": besluiten.wijs_af}[self.actie]
        return neem(self.factuur, list(self.regels), ma.naam, self.reden, door_id=ma.gebruikersnaam)


BESLUITEN = [
    Demobesluit("keur-goed", "MZ-2024-0012", (), "Geen bevindingen: conform prijsafspraak"),
    Demobesluit("keur-verwacht-goed", "MZ-2024-0012", (3,), "Prijs volgens contract is € 2.250,00"),
    Demobesluit("keur-goed", "MZ-2024-0019", (), "Nazorgmaanden geleverd"),
    Demobesluit("keur-goed", "MZ-2024-0019", (2,), "Te laat gefactureerd (gemeld aan de inkoper); nazorgmaand april is geleverd"),
    Demobesluit("keur-verwacht-goed", "AREA-2024-0031", (1, 2), "No-showstaffel: 1e keer 50 %, 2e keer 75 %"),
    Demobesluit("keur-goed", "AMM-2024-0004", (1,), "Conform de prijsafspraak die de inkoper vastlegde; te laat "
                "gefactureerd (gemeld aan de inkoper)"),
    Demobesluit("keur-goed", "JC-2024-0107", (), "Uren verantwoord en toegekend"),
    Demobesluit("keur-verwacht-goed", "PM-2020-0008", (1,), "Opdrachtbedrag bij de aanmelding is € 4.500,00"),
    Demobesluit("keur-goed", "PT-2024-0003", (), "Binnen het opdrachtbedrag; gedeeld budget participatietrajecten"),
]
INKOPER = "R. Visser (inkoper)"


def _als_opdrachtregel(console: Console) -> Console:
    """Tabellen zoals `hub` ze op de opdrachtregel zet: even breed, zonder kleuren."""
    return Console(file=console.file, width=breedte(), highlight=False, force_terminal=False, no_color=True)


def oordelen(hub: Onderdelen, console: Console) -> None:
    console.rule("[bold]Factuurcontrole: de werkvoorraad van de managementassistent")
    uit = _als_opdrachtregel(console)
    for nummer in ("MZ-2024-0012", "MZ-2024-0019", "AREA-2024-0031", "AMM-2024-0004", "JC-2024-0107", "PM-2020-0008",
                   "PT-2024-0003", "MZ-2024-0027"):
        toon_factuur(uit, hub.facturen.factuur(nummer), hub.catalogus)


def contractbeheer(hub: Onderdelen, console: Console) -> None:
    """De inkoper legt een prijs voor AM Match vast en indexeert het jobcoachtarief voor 2025: eerst het voorbeeld
    van de open regels die een ander oordeel krijgen, dan vastgelegd met wie en waarom."""
    console.rule("[bold]Contractbeheer door de inkoper")
    beheer = hub.contractbeheer
    for toepassen in (False, True):
        console.print(f"$ hub contracten prijs am-match-aa AM-REGULIER 1800,00 --van 01-01-2019 --door … --reden …"
                      f"{' --toepassen' if toepassen else ''}", highlight=False, markup=False)
        toon_wijziging(beheer.stel_prijs_vast("am-match-aa", "AM-REGULIER", Decimal("1800.00"), date(2019, 1, 1), None,
                                              INKOPER, "Prijsafspraak AM Match Regulier 0-70 % (college 12-03-2024)",
                                              toepassen))
    console.print("$ hub contracten indexeer jobcoaching-heemstede-2024 JC-UUR 2,9 --per 01-01-2025 --door … --toepassen",
                  highlight=False, markup=False)
    toon_wijziging(beheer.indexeer("jobcoaching-heemstede-2024", "JC-UUR", Decimal("2.9"), date(2025, 1, 1), None, INKOPER,
                                   "CPI-indexatie 2025 (art. 12.4)", True))


def besluiten(hub: Onderdelen, console: Console) -> None:
    console.rule("[bold]Besluiten van de managementassistent")
    for besluit in BESLUITEN:
        try:
            besluit.neem(hub)
            fout = None
        except Onuitvoerbaar as reden:
            fout = str(reden)
        except DomeinFout as reden:
            fout = reden.melding
        teken = "[green]✓[/]" if fout is None else "[red]✗[/]"
        console.print(f"{teken} hub factuur {besluit.actie} {besluit.factuur} … --gebruiker {MA}", highlight=False)
        if fout is not None:
            console.print(fout, highlight=False, markup=False)
    toon_werkvoorraad(_als_opdrachtregel(console), hub.facturen.werkvoorraad(maximum=MAX_IN_LIJST), hub.catalogus)


def betaling(hub: Onderdelen, console: Console) -> None:
    console.rule("[bold]Betaalbatch (SEPA pain.001.001.03)")
    uit = _als_opdrachtregel(console)
    ma, tweede = demoprofiel(hub, MA), demoprofiel(hub, TWEEDE)
    voorstellen = hub.betalen.stel_voor(hub.opdrachtgevers(), ma.als_beslisser)
    toon_voorgesteld(uit, voorstellen, hub.catalogus)
    try:
        hub.betalen.geef_vrij(voorstellen[0].batch_id, ma.als_beslisser, hub.opdrachtgevers(), hub.betaalmap())
    except DomeinFout as fout:
        console.print(f"[red]✗[/] {ma.naam} ({MA}) wil de batch zelf vrijgeven: {fout.melding}", highlight=False)
    console.print(f"{tweede.naam} ({TWEEDE}, tweede paar ogen) geeft de batches vrij.", highlight=False)
    toon_gemaakt(uit, [hub.betalen.geef_vrij(v.batch_id, tweede.als_beslisser, hub.opdrachtgevers(), hub.betaalmap())
                       for v in voorstellen])
    toon_batches(uit, hub.betalen.batches(), hub.catalogus)


def bewijs(hub: Onderdelen, console: Console) -> None:
    """Een prijswijziging na het besluit: de besliste regel houdt haar grondslag, de open regels volgen het nieuwe
    contract. De demo wijzigt een kopie van de contracten in haar eigen datamap."""
    console.rule("[bold]Bewijs van een besluit na een contractwijziging")
    kopie = hub.instellingen.data / "contracten-na-indexatie"
    shutil.copytree(hub.instellingen.contracten, kopie)
    bestand = kopie / "matchez-amstelveen-aalsmeer.toml"
    bestand.write_text(bestand.read_text(encoding="utf-8").replace('bedrag = "2250.00"', 'bedrag = "2317.50"'),
                       encoding="utf-8")
    na = hub.voor_contracten(kopie)
    na.leesmodelbeheer.herbouw(processen=1)
    console.print("De inkoper verhoogt de prijs van Bemiddeling naar Werk 3 maanden (MZ-BNW3) van € 2.250,00 naar "
                  "€ 2.317,50; de leesmodellen worden herbouwd. De besliste regels van MZ-2024-0012 lezen zoals bij het "
                  "besluit; een open regel zou nu tegen € 2.317,50 getoetst worden.", highlight=False)
    toon_factuur(_als_opdrachtregel(console), na.facturen.factuur("MZ-2024-0012"), na.catalogus)


def rapportage(hub: Onderdelen, console: Console) -> None:
    for gemeente, kwartaal in (("amstelveen", "2024-Q1"), ("amstelveen", "2024-Q2"), ("wassenaar", "2024-Q2"),
                               ("uithoorn", "2024-Q2"), ("heemstede", "2020-Q3")):
        rapport = hub.rapportage.kwartaal(gemeente, kwartaal)
        console.rule(f"[bold]Kwartaalrapportage {rapport.gemeentenaam} {kwartaal} voor de inkoper")
        tabel = Table(show_lines=False)
        tabel.add_column("kengetal")
        for c in rapport.providers:
            tabel.add_column(c.naam, justify="right")
        rijen: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        gevuld: set[str] = set()
        for i, c in enumerate(rapport.providers):
            for k in kengetallen(c):
                labels[k.sleutel] = k.label
                rijen.setdefault(k.sleutel, [""] * len(rapport.providers))[i] = leesbaar(k)
                if isinstance(k.waarde, bool | str) or (k.waarde is not None and k.waarde != 0):
                    gevuld.add(k.sleutel)
        for sleutel, waarden in rijen.items():
            if sleutel in gevuld:
                tabel.add_row(labels[sleutel], *waarden)
        console.print(tabel)
        bestand = hub.instellingen.data / f"kwartaalrapport-{gemeente}-{kwartaal}.html"
        bestand.write_text(als_html(rapport), encoding="utf-8")
        console.print(f"Volledig rapport met grafieken: {bestand}")


def stappen_na_afloop() -> list[Callable[[Onderdelen, Console], None]]:
    return [oordelen, contractbeheer, besluiten, betaling, rapportage, bewijs]
