"""Een e-factuur toetsen aan de standaard zelf: de UBL 2.1-XSD en de officiële SI-UBL 2.0-schematron (NLCIUS).

De regels staan niet in Python: de hub voert de gecompileerde XSLT van de standaard onveranderd uit
(`si-ubl-2.0/`, met daarin ook de EN 16931-regels van CEN) en leest het SVRL-rapport. Welke bestanden
het zijn, waar ze vandaan komen en onder welke licentie: `HERKOMST.md` in deze map.

Welke regels gelden, volgt uit de CustomizationID: een NLCIUS-document gaat door SI-UBL 2.0 (met de
G-rekeningextensie door de variant met die regels); een ander document dat zich EN 16931-conform noemt (zoals een
Peppol BIS 3-factuur, die een Nederlandse gemeente moet kunnen ontvangen) door de officiële EN 16931-regels van CEN;
een document zonder of met een onbekende CustomizationID door SI-UBL 2.0, dat het dan weigert. De XSLT wordt één keer per proces gecompileerd; een toetsing kost daarna enkele milliseconden.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from lxml import etree

from hub.berichten.retour import Fout, Signaal

MAP = Path(__file__).resolve().parent
UBL_NS = "urn:oasis:names:specification:ubl:schema:xsd:"
_CBC = f"{{{UBL_NS}CommonBasicComponents-2}}"
_SVRL = "{http://purl.oclc.org/dsdl/svrl}"

NLCIUS = "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0"
G_REKENING = f"{NLCIUS}#conformant#urn:fdc:nen.nl:gaccount:v1.0"


@dataclass(frozen=True)
class Standaard:
    naam: str
    xslt: Path


SI_UBL = Standaard("SI-UBL 2.0 (NLCIUS)", MAP / "si-ubl-2.0" / "si-ubl-2.0.xsl")
SI_UBL_G_REKENING = Standaard("SI-UBL 2.0 (NLCIUS) met G-rekening", MAP / "si-ubl-2.0" / "si-ubl-2.0-ext-gaccount.xsl")
EN16931 = Standaard("EN 16931 (CEN)", MAP / "en16931-ubl-1.3.16" / "EN16931-UBL-validation.xslt")
EN16931_CONFORM = "urn:cen.eu:en16931:2017"

_XSD = {
    f"{{{UBL_NS}Invoice-2}}Invoice": MAP / "ubl-2.1" / "maindoc" / "UBL-Invoice-2.1.xsd",
    f"{{{UBL_NS}CreditNote-2}}CreditNote": MAP / "ubl-2.1" / "maindoc" / "UBL-CreditNote-2.1.xsd",
}


@dataclass(frozen=True)
class Regelmelding:
    """Eén bevinding van de schematron: de regel, haar tekst zoals de standaard die formuleert en de plaats."""

    regel: str
    tekst: str
    plaats: str
    ernst: Literal["fataal", "waarschuwing"]


@dataclass(frozen=True)
class Xsdfout:
    regel: int
    element: str
    reden: str


@dataclass
class Oordeel:
    standaard: Standaard
    xsd_fouten: list[Xsdfout] = field(default_factory=list)
    fouten: list[Regelmelding] = field(default_factory=list)
    waarschuwingen: list[Regelmelding] = field(default_factory=list)
    afgebroken: str | None = None
    """De toetsing brak af (de XSLT gaf een fout): het document geldt als ongeldig."""

    @property
    def geldig(self) -> bool:
        return not (self.xsd_fouten or self.fouten or self.afgebroken)


def standaard_voor(boom: etree._ElementTree) -> Standaard:
    waarde = (boom.getroot().findtext(f"{_CBC}CustomizationID") or "").strip()
    if waarde.startswith(G_REKENING):
        return SI_UBL_G_REKENING
    if waarde.startswith(NLCIUS) or not waarde.startswith(EN16931_CONFORM):
        return SI_UBL
    return EN16931


def toets(boom: etree._ElementTree, standaard: Standaard | None = None) -> Oordeel:
    """Eerst de XSD; alleen een XSD-geldig document gaat door de schematron (die gaat daarvan uit)."""
    standaard = standaard or standaard_voor(boom)
    oordeel = Oordeel(standaard, xsd_fouten=toets_xsd(boom))
    if oordeel.xsd_fouten:
        return oordeel
    return toets_regels(boom, standaard, oordeel)


def toets_regels(boom: etree._ElementTree, standaard: Standaard, oordeel: Oordeel | None = None) -> Oordeel:
    """Alleen de schematron, zonder XSD (voor testfragmenten van de standaard)."""
    oordeel = oordeel or Oordeel(standaard)
    try:
        rapport = _schematron(standaard.xslt).voer_uit(boom)
    except Exception as fout:  # saxonche meldt elke dynamische fout als PySaxonApiError
        oordeel.afgebroken = _eerste_regel(str(fout))
        return oordeel
    for melding in lees_svrl(rapport):
        (oordeel.fouten if melding.ernst == "fataal" else oordeel.waarschuwingen).append(melding)
    return oordeel


def toets_xsd(boom: etree._ElementTree) -> list[Xsdfout]:
    wortel = boom.getroot()
    if wortel.tag not in _XSD:
        return [Xsdfout(0, etree.QName(wortel).localname, "geen Invoice of CreditNote van UBL 2.1")]
    schema, slot = _xsd(wortel.tag)
    with slot:
        if schema.validate(boom):
            return []
        log = list(schema.error_log)
    return [Xsdfout(regel.line, _elementnaam(regel.message or ""), regel.message or "") for regel in log[:20]]


@cache
def _xsd(wortel: str) -> tuple[etree.XMLSchema, threading.Lock]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(_XSD[wortel]), parser)), threading.Lock()


_ELEMENT_IN_MELDING = re.compile(r"^Element '(?:\{([^}]*)\})?([^']+)'")


def _elementnaam(melding: str) -> str:
    """lxml noemt het element aan het begin van zijn melding: "Element '{urn:…CommonBasicComponents-2}ID': …"."""
    gevonden = _ELEMENT_IN_MELDING.match(melding)
    if not gevonden:
        return ""
    voorvoegsel = {"CommonBasicComponents-2": "cbc:", "CommonAggregateComponents-2": "cac:"}
    return voorvoegsel.get((gevonden.group(1) or "").removeprefix(UBL_NS), "") + gevonden.group(2)


_SAXON_SLOT = threading.Lock()
"""saxonche is niet gemaakt voor gelijktijdige aanroepen: één processor per proces, één toetsing tegelijk."""


@cache
def _processor():
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


class _Schematron:
    def __init__(self, xslt: Path) -> None:
        self._uitvoerbaar = _processor().new_xslt30_processor().compile_stylesheet(stylesheet_file=str(xslt))

    def voer_uit(self, boom: etree._ElementTree) -> bytes:
        tekst = etree.tostring(boom, encoding="unicode")
        with _SAXON_SLOT:
            document = _processor().parse_xml(xml_text=tekst)
            uitkomst = self._uitvoerbaar.transform_to_string(xdm_node=document)
        if uitkomst is None:
            raise RuntimeError("de schematron gaf geen rapport")
        return uitkomst.encode("utf-8")


@cache
def _schematron_gecompileerd(xslt: Path) -> _Schematron:
    return _Schematron(xslt)


def _schematron(xslt: Path) -> _Schematron:
    with _SAXON_SLOT:
        return _schematron_gecompileerd(xslt)


_REGEL_IN_TEKST = re.compile(r"^\s*\[([^\]]+)\]\s*-?\s*")
_NAAMRUIMTE_IN_PAD = re.compile(r"\[namespace-uri\(\)='[^']*'\]|\*:")


def lees_svrl(rapport: bytes) -> list[Regelmelding]:
    wortel = etree.fromstring(rapport, etree.XMLParser(resolve_entities=False, no_network=True))
    meldingen = []
    for element in wortel.iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
        tekst = " ".join("".join(element.itertext()).split())
        in_tekst = _REGEL_IN_TEKST.match(tekst)
        regel = element.get("id") or (in_tekst.group(1) if in_tekst else "onbekend")
        ernst: Literal["fataal", "waarschuwing"] = "waarschuwing" if element.get("flag") in ("warning", "information") else "fataal"
        meldingen.append(Regelmelding(regel, tekst, _kort_pad(element.get("location") or ""), ernst))
    return meldingen


def _kort_pad(locatie: str) -> str:
    """'/*:Invoice[namespace-uri()='…'][1]/*:InvoiceLine[namespace-uri()='…'][2]' → '/Invoice/InvoiceLine[2]'."""
    return _NAAMRUIMTE_IN_PAD.sub("", locatie).replace("[1]", "")


def _eerste_regel(tekst: str) -> str:
    regels = [r.strip() for r in tekst.strip().splitlines() if r.strip()]
    return (regels[0] if regels else "onbekende fout")[:300]


CODE = "EN16931"
"""Code van een fout of signaal uit de regels van de e-factuurstandaard (EN 16931 en NLCIUS); de melding noemt de regel."""
_MAX_MELDINGEN = 50
_XSD_REDENEN = (
    ("This element is not expected", "dit element hoort hier niet of staat op de verkeerde plaats"),
    ("Missing child element", "hier ontbreekt een verplicht element"),
    ("is not an element of the set", "deze waarde is niet toegestaan"),
    ("is not accepted by the pattern", "deze waarde heeft niet de vorm die UBL voorschrijft"),
    ("is not a valid value", "deze waarde is ongeldig voor dit element"),
    ("attribute", "een attribuut klopt niet"),
)
_VERWACHT = re.compile(r"Expected is(?: one of)? \( (.+?) \)")


def fouten_van(oordeel: Oordeel) -> list[Fout]:
    """De redenen van afwijzing voor de retour: per regel van de standaard haar id en haar eigen tekst."""
    if oordeel.xsd_fouten:
        return [_xsd_melding(fout) for fout in oordeel.xsd_fouten]
    if oordeel.afgebroken:
        return [Fout(code=CODE, melding=(
            f"De e-factuur kon niet volledig aan de regels van {oordeel.standaard.naam} worden getoetst en is daarom "
            "geweigerd. Meestal staat een element dat maar één keer mag voorkomen er meer dan eens in, bijv. twee keer "
            "cbc:RegistrationName of cbc:CompanyID bij één partij: herstel dat en stuur de factuur opnieuw. "
            f"Melding van de toetsing: {oordeel.afgebroken}"
        ))]
    return [
        Fout(code=CODE, melding=(
            f"De e-factuur voldoet niet aan regel {m.regel} van {oordeel.standaard.naam}{_bij(m)}: \"{m.tekst}\". "
            "Herstel dit en stuur de factuur opnieuw."
        )[:4000])
        for m in _uniek(oordeel.fouten)
    ]


def signalen_van(oordeel: Oordeel) -> list[Signaal]:
    return [
        Signaal(code=CODE, melding=(
            f"Waarschuwing volgens regel {m.regel} van {oordeel.standaard.naam}{_bij(m)}: \"{m.tekst}\". "
            "De factuur is aangenomen; pas dit aan in volgende facturen."
        )[:4000])
        for m in _uniek(oordeel.waarschuwingen)[:20]
    ]


def _bij(melding: Regelmelding) -> str:
    return f" (bij {melding.plaats})" if melding.plaats else ""


def _uniek(meldingen: list[Regelmelding]) -> list[Regelmelding]:
    gezien: dict[tuple[str, str], Regelmelding] = {}
    for melding in meldingen:
        gezien.setdefault((melding.regel, melding.plaats), melding)
    return list(gezien.values())[:_MAX_MELDINGEN]


def _xsd_melding(fout: Xsdfout) -> Fout:
    reden = next((nl for en, nl in _XSD_REDENEN if en in fout.reden), "de opbouw klopt niet")
    verwacht = _VERWACHT.search(fout.reden)
    if verwacht:
        namen = [_elementnaam(f"Element '{naam.strip()}'") for naam in verwacht.group(1).split(",")]
        reden += f" (verwacht: {', '.join(n for n in namen if n)})"
    element = f", element {fout.element}" if fout.element else ""
    return Fout(code="SCHEMA", melding=(
        f"De e-factuur voldoet niet aan de UBL 2.1-XSD (regel {fout.regel}{element}): {reden}. "
        "Herstel de opbouw volgens UBL 2.1 en stuur de factuur opnieuw."
    ))


def warm_op() -> None:
    """Compileer de XSLT's en laad de XSD's vooraf, zodat het eerste bericht niet wacht."""
    for standaard in (SI_UBL, SI_UBL_G_REKENING, EN16931):
        _schematron(standaard.xslt)
    for wortel in _XSD:
        _xsd(wortel)


__all__ = [
    "CODE",
    "EN16931",
    "G_REKENING",
    "NLCIUS",
    "SI_UBL",
    "SI_UBL_G_REKENING",
    "Oordeel",
    "Regelmelding",
    "Standaard",
    "Xsdfout",
    "fouten_van",
    "lees_svrl",
    "signalen_van",
    "standaard_voor",
    "toets",
    "toets_regels",
    "toets_xsd",
    "warm_op",
]
