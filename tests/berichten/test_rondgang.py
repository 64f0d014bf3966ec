"""Eigenschap: model → JSON → model en model → XML → model geven hetzelfde model terug."""

import json
from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from hub.berichten import Factuur, Factuurregel, Fout, Oproep, Retour
from hub.berichten.factuur import Factuurclient
from hub.koppelingen.formaten.berichtparser import parse_bericht
from hub.koppelingen.formaten.berichtxml import naar_xml, xml_naar_dict

TEKENS = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff", whitelist_characters="\t\n"
)
tekst = st.text(TEKENS, min_size=1, max_size=60)
code = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
productcode = st.from_regex(r"[A-Z0-9][A-Z0-9-]{0,12}", fullmatch=True)
kenmerk = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,30}", fullmatch=True)
zone = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
tijdstip = st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2100, 1, 1), timezones=zone)
datum = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
bedrag = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
percentage = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
bsn = st.from_regex(r"[0-9]{9}", fullmatch=True)


def maak(model, **velden):
    return st.fixed_dictionaries(velden).map(lambda waarden: model(**waarden))


oproepen = maak(
    Oproep,
    bericht_id=st.uuids(),
    versie=st.just("1"),
    afzender=code,
    gemeente=code,
    verzonden=tijdstip,
    traject_id=kenmerk,
    datum_uitnodiging=datum,
    datum_gesprek=datum,
    kopie_naar_klantmanager=st.booleans(),
)

clienten = maak(
    Factuurclient,
    bsn=st.none() | bsn,
    naam=st.none() | tekst,
    geboortedatum=st.none() | datum,
    clientnummer=st.none() | kenmerk,
    adres=st.none() | tekst,
)

regels = maak(
    Factuurregel,
    regelnummer=st.integers(1, 99999),
    traject_id=kenmerk,
    product=productcode,
    periode_start=datum,
    periode_eind=datum,
    aantal=bedrag,
    prijs=bedrag,
    bedrag=bedrag,
    btw_percentage=percentage,
    client=st.none() | clienten,
    datum_aanmelding=st.none() | datum,
    klantmanager=st.none() | tekst,
    no_show_volgnummer=st.none() | st.integers(1, 9),
    percentage=st.none() | percentage,
    periode_id=st.none() | kenmerk,
)

facturen = maak(
    Factuur,
    bericht_id=st.uuids(),
    versie=st.just("1"),
    afzender=code,
    gemeente=code,
    verzonden=tijdstip,
    factuurnummer=kenmerk,
    factuurdatum=datum,
    iban=st.from_regex(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", fullmatch=True),
    regels=st.lists(regels, min_size=1, max_size=3),
    totaal_excl_btw=bedrag,
    btw_bedrag=bedrag,
    totaal_incl_btw=bedrag,
)


def rondgang(bericht):
    uit_json = parse_bericht(json.dumps(bericht.model_dump(mode="json")).encode())
    uit_xml = parse_bericht(naar_xml(bericht))
    return uit_json, uit_xml


@settings(max_examples=150, deadline=None)
@given(oproepen)
def test_oproep_overleeft_json_en_xml(oproep: Oproep):
    assert rondgang(oproep) == (oproep, oproep)


@settings(max_examples=100, deadline=None)
@given(facturen)
def test_factuur_overleeft_json_en_xml(factuur: Factuur):
    assert rondgang(factuur) == (factuur, factuur)


def test_retour_gaat_als_xml_de_deur_uit():
    retour = Retour(
        bericht_id="0b6e1f3a-2c4d-4e5f-8a9b-0c1d2e3f4a06",
        status="afgewezen",
        fouten=[Fout(code="SCHEMA", veld="datum", melding="Veld 'datum' ontbreekt.")],
    )
    wortel = etree.fromstring(naar_xml(retour))
    assert Retour.model_validate(xml_naar_dict(wortel)) == retour
