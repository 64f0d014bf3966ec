"""Eigenschap: aantallen en bedragen gaan via een UBL-document ongewijzigd (als Decimal) het model in.

Willekeurige bedragen kloppen niet met de rekenregels van EN 16931; de eerste eigenschap gaat daarom over de
lezer alleen. Een verminkte factuur gaat wel door de hele weg, met de toetsing aan de standaard.
"""

import copy
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from hub.berichten.fouten import BerichtFout
from hub.koppelingen.formaten.berichtparser import parse_bericht
from tests.ubl.hulp import als_bytes, een, laad, lees

SJABLOON = laad()
bedrag = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
aantal = st.decimals(min_value=0, max_value=10**4, places=2, allow_nan=False, allow_infinity=False)
percentage = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
regels = st.lists(st.tuples(aantal, bedrag, bedrag, percentage), min_size=1, max_size=5)


def document(regelwaarden: list[tuple[Decimal, ...]], totalen: tuple[Decimal, Decimal, Decimal]) -> bytes:
    wortel = copy.deepcopy(SJABLOON)
    voorbeeld = een(wortel, "cac:InvoiceLine")
    wortel.remove(voorbeeld)
    for nummer, (hoeveel, prijs, regelbedrag, btw) in enumerate(regelwaarden, start=1):
        regel = copy.deepcopy(voorbeeld)
        een(regel, "cbc:ID").text = str(nummer)
        een(regel, "cbc:InvoicedQuantity").text = format(hoeveel, "f")
        een(regel, "cac:Price/cbc:PriceAmount").text = format(prijs, "f")
        een(regel, "cbc:LineExtensionAmount").text = format(regelbedrag, "f")
        een(regel, "cac:Item/cac:ClassifiedTaxCategory/cbc:Percent").text = format(btw, "f")
        wortel.append(regel)
    excl, btw_totaal, incl = totalen
    een(wortel, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount").text = format(excl, "f")
    een(wortel, "cac:TaxTotal/cbc:TaxAmount").text = format(btw_totaal, "f")
    een(wortel, "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount").text = format(incl, "f")
    return als_bytes(wortel)


@settings(max_examples=100, deadline=None)
@given(regels, st.tuples(bedrag, bedrag, bedrag))
def test_bedragen_en_aantallen_overleven_een_ubl_document(regelwaarden, totalen):
    factuur = lees(document(regelwaarden, totalen))
    gelezen = [(r.aantal, r.prijs, r.bedrag, r.btw_percentage) for r in factuur.regels]
    assert [tuple(str(w) for w in regel) for regel in gelezen] == [
        tuple(str(w) for w in regel) for regel in regelwaarden
    ]
    assert [r.regelnummer for r in factuur.regels] == list(range(1, len(regelwaarden) + 1))
    assert (factuur.totaal_excl_btw, factuur.btw_bedrag, factuur.totaal_incl_btw) == totalen


ALLE_ELEMENTEN = [el for el in SJABLOON.iter() if isinstance(el.tag, str) and el is not SJABLOON]
TEKST = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80).map(
    lambda t: "".join(c for c in t if c in "\t\n\r" or ord(c) >= 0x20)
)
wijziging = st.tuples(st.sampled_from(["weg", "tekst", "dubbel"]), st.integers(0, len(ALLE_ELEMENTEN) - 1), TEKST)


@settings(max_examples=300, deadline=None)
@given(st.lists(wijziging, min_size=1, max_size=4))
def test_verminkte_ubl_factuur_geeft_een_factuur_of_een_berichtfout(wijzigingen):
    wortel = copy.deepcopy(SJABLOON)
    elementen = [el for el in wortel.iter() if isinstance(el.tag, str) and el is not wortel]
    for soort, index, tekst in wijzigingen:
        element = elementen[index]
        ouder = element.getparent()
        if ouder is None:
            continue
        if soort == "weg":
            ouder.remove(element)
        elif soort == "tekst":
            element.text = tekst
        else:
            element.addnext(copy.deepcopy(element))
    try:
        factuur = parse_bericht(als_bytes(wortel), afzender="matchez")
    except BerichtFout as fout:
        assert fout.fouten and all(f.code in ("SCHEMA", "EN16931") and f.melding for f in fout.fouten)
    else:
        assert factuur.regels
