"""De werkvoorraad in de webapplicatie toont de oudste open facturen en een link naar alle: duizenden rijen maken de
pagina megabytes groot en traag voor iedereen die tegelijk werkt."""

from __future__ import annotations

from hub.web import facturen as webfacturen
from hub.web import maak_app
from tests.factuur.wereld import Wereld, regel
from tests.web.conftest import START
from tests.web.test_beveiliging import aangemeld


def test_de_oudste_en_een_link_naar_alle_met_hetzelfde_filter(onderdelen, hub, catalogus, instellingen, monkeypatch):
    wereld = Wereld(hub, catalogus, instellingen.data)
    wereld.meld_aan("AV-3")
    wereld.factuur("MZ-2", regel(1, "AV-3", "MZ-BNW3", START, START, "2250.00"))
    monkeypatch.setattr(webfacturen, "OP_DE_PAGINA", 1)
    client = aangemeld(maak_app(onderdelen), "mdeboer")
    pagina = client.get("/werkvoorraad?aanbieder=matchez").text
    assert "2 open facturen, oudste eerst; de oudste 1 staan hier" in pagina
    assert pagina.count('href="/facturen/matchez/MZ-') == 1 and 'href="/facturen/matchez/MZ-1"' in pagina
    assert 'href="/werkvoorraad?aanbieder=matchez&amp;alle=ja">Toon alle 2 open facturen</a>' in pagina
    alles = client.get("/werkvoorraad?aanbieder=matchez&alle=ja").text
    assert alles.count('href="/facturen/matchez/MZ-') == 2 and "Toon alle" not in alles
