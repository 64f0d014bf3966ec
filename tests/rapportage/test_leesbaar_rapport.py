"""Een rapport dat een inkoper leest: eerst per aanbieder de samenvatting (doelstelling, budget, de drie grootste
bevindingen bij naam), rijen die voor iedereen nul zijn ingeklapt, één kop per groep; in het bestand en op de pagina
hetzelfde fragment."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from hub.contracten.model import Doelstelling
from hub.koppelingen.weergave import als_html, rapportinhoud
from hub.rapportage import Kwartaalrapport, Providercijfers, samenvatting
from hub.rapportage.kengetallen import kengetallen
from hub.rapportage.model import Aandeel, Budgetgebruik, Factuurbedragen, Jobcoachuren, Ladder, Uitstroom


def cijfers(provider: str, naam: str | None = None, **anders) -> Providercijfers:
    """Een aanbieder waarvoor alles nul is, behalve wat de test noemt."""
    basis = Providercijfers(
        provider=provider, naam=naam or provider.title(), kwartaal="2024-Q2", aanmeldingen=0, oproepen=Aandeel(0, 0),
        plannen=Aandeel(0, 0), noshows=0, actief=0, beeindigingen={}, omzettingen=0, uitstroom=Uitstroom(0, 0, None),
        plaatsingen=0, plaatsingen_binnen_3_maanden=0, nazorgmaanden=0, ladder=Ladder(), jobcoach=Jobcoachuren(),
        facturen=Factuurbedragen(), bevindingen=[], budget=[], te_late_facturen=0, te_late_berichten={}, openstaand={})
    return replace(basis, **anders)


def rapport(*providers: Providercijfers) -> Kwartaalrapport:
    return Kwartaalrapport("amstelveen", "Gemeente Amstelveen", "2024-Q2", date(2024, 4, 1), date(2024, 6, 30),
                           list(providers))


def tabelrijen(html: str) -> list[str]:
    """De labels van de rijen in de tabel 'De aanbieders naast elkaar'."""
    tabel = html.split('id="rapport-naast-elkaar"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr><th scope="row">([^<]*)</th>', tabel)


def ingeklapt(html: str) -> list[str]:
    deel = html.split('id="rapport-naast-elkaar"', 1)[1].split("</section>", 1)[0]
    if '<details class="nulrijen">' not in deel:
        return []
    return re.findall(r"<li>([^<]*)</li>", deel.split('<details class="nulrijen">', 1)[1])


def test_rijen_die_voor_alle_aanbieders_nul_zijn_staan_ingeklapt_en_de_rest_in_de_tabel():
    r = rapport(cijfers("matchez", aanmeldingen=3, noshows=0), cijfers("a-rea", aanmeldingen=0, noshows=0, omzettingen=1))
    html = rapportinhoud(r)
    rijen, nul = tabelrijen(html), ingeklapt(html)
    assert "Aanmeldingen" in rijen, "3 bij de een, 0 bij de ander: blijft staan"
    assert "Omgezet naar ander product" in rijen
    assert "No-shows" not in rijen and "No-shows" in nul
    alle = {k.label for k in kengetallen(r.providers[0])} | {k.label for k in kengetallen(r.providers[1])}
    assert set(rijen) | set(nul) == alle and not set(rijen) & set(nul), "elk kengetal precies één keer"
    assert "kengetallen zijn voor alle aanbieders nul of niet te berekenen" in html


def test_doelstelling_niet_gehaald_is_geen_nul_en_blijft_in_de_tabel():
    doel = Doelstelling(uitstroom_werk_procent=Decimal(50), vergelijking=">")
    html = rapportinhoud(rapport(cijfers("matchez", uitstroom=Uitstroom(1, 2, doel))))
    assert "Doelstelling gehaald" in tabelrijen(html)


def test_elke_groep_heeft_een_kop_ook_als_een_aanbieder_er_later_rijen_in_heeft():
    aantal = Budgetgebruik(2024, "Trajecten 2024", None, Decimal(0), 40, 12)
    html = rapportinhoud(rapport(cijfers("matchez", facturen=Factuurbedragen(facturen=2)), cijfers("a-rea", budget=[aantal])))
    tabel = html.split('id="rapport-naast-elkaar"', 1)[1].split("</table>", 1)[0]
    koppen = re.findall(r'<tr class="groep"><th scope="colgroup" colspan="3">([^<]*)</th>', tabel)
    assert koppen.count("Facturen en budget") == 1
    assert len(koppen) == len(set(koppen))


@pytest.mark.parametrize(("naar_werk", "beeindigd", "vergelijking", "procent", "gehaald"), [
    (3, 5, ">", 50, True),      # 60 % > 50 %
    (1, 2, ">", 50, False),     # 50 % is niet meer dan 50 %
    (1, 2, ">=", 50, True),     # 50 % is ten minste 50 %
    (1, 3, ">=", 35, False),    # 33,3 % < 35 %
])
def test_doelstelling_gehaald_of_niet_volgt_uit_de_cijfers(naar_werk, beeindigd, vergelijking, procent, gehaald):
    doel = Doelstelling(uitstroom_werk_procent=Decimal(procent), vergelijking=vergelijking)
    c = cijfers("matchez", "Matchez", uitstroom=Uitstroom(naar_werk, beeindigd, doel))
    assert samenvatting(c).gehaald is gehaald
    kaart = rapportinhoud(rapport(c)).split('<article class="kaart', 1)[1].split("</article>", 1)[0]
    assert kaart.startswith(" gehaald" if gehaald else " niet-gehaald")
    verwacht = "gehaald" if gehaald else "niet gehaald"
    assert f'<span class="{"goed" if gehaald else "matig"}">{verwacht}</span>' in kaart
    assert f"({naar_werk} van {beeindigd} beëindigd)" in kaart


def test_zonder_beeindigingen_of_doelstelling_is_er_geen_oordeel():
    doel = Doelstelling(uitstroom_werk_procent=Decimal(50))
    assert samenvatting(cijfers("matchez", uitstroom=Uitstroom(0, 0, doel))).gehaald is None
    assert samenvatting(cijfers("matchez", uitstroom=Uitstroom(2, 4, None))).gehaald is None
    assert "geen doelstelling in het contract" in rapportinhoud(rapport(cijfers("matchez", uitstroom=Uitstroom(2, 4, None))))


def test_samenvatting_noemt_de_drie_grootste_bevindingen_bij_hun_nederlandse_naam():
    c = cijfers("matchez", "Matchez", bevindingen=[("TE_LAAT", 2), ("PRIJS_AFWIJKING", 5), ("GEEN_PRESTATIE", 1), ("REKENFOUT", 3)])
    s = samenvatting(c)
    assert [(b.code, b.regels) for b in s.bevindingen] == [("PRIJS_AFWIJKING", 5), ("REKENFOUT", 3), ("TE_LAAT", 2)]
    kaart = rapportinhoud(rapport(c)).split('<article class="kaart', 1)[1].split("</article>", 1)[0]
    assert ("<ol><li>prijs wijkt af van de prijsafspraak (5 regels)</li><li>rekenfout (3 regels)</li>"
            "<li>te laat gefactureerd (2 regels)</li></ol>") in kaart
    assert "geen geleverde dienst" not in kaart
    assert not re.search(r"\b[A-Z]+_[A-Z_]+\b", rapportinhoud(rapport(c))), "nergens een code"


def test_samenvatting_toont_het_gebruikte_budget():
    budget = Budgetgebruik(2024, "Producten Matchez", Decimal("74000.00"), Decimal("70000.00"), None, 0)
    kaart = rapportinhoud(rapport(cijfers("matchez", budget=[budget]))).split('<article class="kaart', 1)[1]
    assert "94,6 %: € 70.000,00 van € 74.000,00 (Producten Matchez, 2024)" in kaart.split("</article>", 1)[0]


def test_bestand_en_pagina_delen_het_fragment_en_namen_blijven_tekst():
    c = cijfers("matchez", "<script>alert(1)</script>", aanmeldingen=1)
    d = cijfers("a-rea", '=HYPERLINK("https://elders.example","klik")', aanmeldingen=2)
    r = rapport(c, d)
    html = als_html(r)
    assert rapportinhoud(r) in html
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="https://elders.example"' not in html
