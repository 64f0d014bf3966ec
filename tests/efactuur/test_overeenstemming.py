"""Het oordeel van de hub over de publieke voorbeelden en testsets in ../shared/external, tegen hun verwachte uitkomst.

De verwachting komt uit EXPECTED_RESULTS.json (de bestandsnaam: ok/warning/error + regel, of 'gepubliceerd als
geldig voorbeeld') en uit de <success>/<error>/<warning>-beweringen van de testsets. Waar de hub anders oordeelt,
staat hieronder waarom (zie ook berichten/voorbeelden/ubl/README.md).
"""

import json
from collections import Counter

import pytest
from lxml import etree

from hub.koppelingen.formaten import efactuur
from tests.ubl.hulp import EXTERN, extern

_NL = ("examples/si-ubl-2.0/", "examples/si-ubl-2.0-gaccount/", "examples/seef-3.1/")

# Afwijkingen van de upstream-bestanden zelf: de regel in de naam is niet de regel die SI-UBL 2.0.3.12 meldt.
ANDERE_REGEL = {
    "SI-UBL-2.0_BR-NL-7_error_381_invoice.xml": "BR-NL-8",  # 381 op een Invoice is BR-NL-8 (en BR-CL-01)
    "SI-UBL-2.0_BR-NL-34_warning_reasoncode.xml": "BR-NL-32-1",  # 2.0.3.12 heeft geen BR-NL-34
    "SI-UBL-2.0_BR-NL-34_warning_reasoncode_line.xml": "BR-NL-32-1",
}
# De XSLT breekt af met XPTY0004 (twee RegistrationNames) in plaats van de regel te melden: ongeldig, met die melding.
AFGEBROKEN = {"SI-UBL-2.0_UBL-SR-09_error_multiple_legalentity_registrationname.xml",
              "SI-UBL-2.0_UBL-SR-15_error_multiple_legalentity_registrationname.xml"}


def _documenten() -> list[dict]:
    pad = EXTERN / "EXPECTED_RESULTS.json"
    return json.loads(pad.read_text(encoding="utf-8")) if pad.exists() else []


DOCUMENTEN = _documenten()
NL = [d for d in DOCUMENTEN if d["file"].startswith(_NL)]
ANDER = [d for d in DOCUMENTEN if not d["file"].startswith(_NL)]


def _oordeel(document: dict) -> efactuur.Oordeel:
    return efactuur.toets(etree.parse(str(extern(document["file"]))))


def _regel_uit_naam(naam: str, status: str) -> str | None:
    """'SI-UBL-2.0_BR-NL-10_error_empty.xml' → 'BR-NL-10'; zonder regel in de naam (ok_full, error_no_…) → None."""
    kern = naam.removeprefix("SI-UBL-2.0_")
    regel = kern.split(f"_{status}")[0] if f"_{status}" in kern else ""
    return regel or None


@pytest.mark.parametrize("document", NL, ids=[d["file"] for d in NL])
def test_nederlandse_voorbeelden_krijgen_het_verwachte_oordeel(document: dict):
    naam = document["file"].rsplit("/", 1)[1]
    status = document["expected"]["status"].split(" ")[0]
    oordeel = _oordeel(document)
    fouten = {m.regel for m in oordeel.fouten}
    waarschuwingen = {m.regel for m in oordeel.waarschuwingen}
    waargenomen = next(iter(document["observed"].values()))
    if naam not in AFGEBROKEN:  # dezelfde regels als de controle met saxonche 13.1.1 bij het verzamelen
        assert (sorted(fouten), sorted(waarschuwingen)) == (sorted(waargenomen["errors"]), sorted(waargenomen["warnings"]))
    if status == "ok":
        assert oordeel.geldig, fouten
        return
    regel = ANDERE_REGEL.get(naam) or _regel_uit_naam(naam, status) or document["expected"]["rule"] or None
    if status == "warning":
        assert oordeel.geldig, fouten
        assert regel is None or any(w == regel or w.startswith(f"{regel}-") for w in waarschuwingen), waarschuwingen
        return
    assert not oordeel.geldig
    if naam in AFGEBROKEN:
        assert oordeel.afgebroken and "more than one item" in oordeel.afgebroken
        assert "kon niet volledig" in efactuur.fouten_van(oordeel)[0].melding
    elif regel and regel.startswith(("BR-", "UBL-")):
        assert regel in fouten, fouten


@pytest.mark.parametrize("document", ANDER, ids=[d["file"] for d in ANDER])
def test_peppol_en16931_en_oasis_voorbeelden_krijgen_het_oordeel_van_hun_standaard(document: dict):
    """Een Peppol BIS 3- of CEN-voorbeeld noemt zich EN 16931-conform en wordt aan de EN 16931-regels van CEN getoetst:
    de uitgever en de hub zijn het eens dat ze geen regel breken. De OASIS-voorbeelden (geen CustomizationID) gaan
    door NLCIUS en breken er veel. De twee Griekse voorbeelden zijn XSD-ongeldig (AdditionalDocumentReference op de
    verkeerde plaats, een fout in het upstream-bestand)."""
    oordeel = _oordeel(document)
    if document["file"].startswith("examples/peppol-bis3-national/GR-"):
        assert oordeel.xsd_fouten and not oordeel.geldig
        return
    assert not oordeel.xsd_fouten
    if document["expected"]["status"].startswith("ok"):
        assert oordeel.standaard == efactuur.EN16931
        assert oordeel.geldig, [m.regel for m in oordeel.fouten]
    else:
        assert oordeel.standaard == efactuur.SI_UBL and not oordeel.geldig
        assert {"BR-01", "BII2-T10-R001"} <= {m.regel for m in oordeel.fouten}


_VEFA = "{http://difi.no/xsd/vefa/validator/1.0}"


def _testsets(map_: str) -> list:
    pad = EXTERN / "testsets" / map_
    return sorted(pad.iterdir()) if pad.exists() else []


def _beweringen(bestand) -> tuple[int, Counter]:
    """Tel de beweringen van een VEFA-testset die de NLCIUS-XSLT waarmaakt; geeft (gehaald, gemist per regel)."""
    gehaald, gemist = 0, Counter()
    for test in etree.parse(str(bestand)).getroot().iter(f"{_VEFA}test"):
        document = next((kind for kind in test if isinstance(kind.tag, str) and not kind.tag.startswith(_VEFA)), None)
        if document is None:
            continue
        oordeel = efactuur.toets_regels(etree.ElementTree(copy_of(document)), efactuur.SI_UBL)
        fouten = Counter(m.regel for m in oordeel.fouten)
        waarschuwingen = Counter(m.regel for m in oordeel.waarschuwingen)
        for bewering in test.iter(f"{_VEFA}success", f"{_VEFA}error", f"{_VEFA}warning"):
            regel, soort, aantal = (bewering.text or "").strip(), etree.QName(bewering).localname, bewering.get("number")
            gezien = {"error": fouten[regel], "warning": waarschuwingen[regel]}.get(soort, fouten[regel] + waarschuwingen[regel])
            klopt = gezien == 0 if soort == "success" else (gezien == int(aantal) if aantal else gezien > 0)
            gehaald += klopt
            if not klopt:
                gemist[(soort, regel)] += 1
    return gehaald, gemist


def copy_of(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


@pytest.mark.parametrize("map_", ["en16931-unit-UBL-Invoice", "en16931-unit-UBL-CreditNote"])
def test_en16931_testsets_worden_door_de_nlcius_xslt_waargemaakt(map_: str):
    bestanden = _testsets(map_)
    if not bestanden:
        pytest.skip(f"../shared/external/testsets/{map_} ontbreekt (zie SOURCES.md).")
    gemist: Counter = Counter()
    for bestand in bestanden:
        gemist += _beweringen(bestand)[1]
    assert not gemist, gemist


@pytest.mark.parametrize("map_", ["peppol-bis3-unit-UBL-NL", "peppol-bis3-unit-UBL-PEPPOL"])
def test_peppol_testsets_missen_alleen_de_eigen_peppolregels(map_: str):
    """NLCIUS bevat de Peppol-regels (PEPPOL-…, NL-R-…) niet; elke andere bewering moet kloppen."""
    bestanden = _testsets(map_)
    if not bestanden:
        pytest.skip(f"../shared/external/testsets/{map_} ontbreekt (zie SOURCES.md).")
    gemist: Counter = Counter()
    for bestand in bestanden:
        gemist += _beweringen(bestand)[1]
    assert all(regel.startswith(("PEPPOL-", "NL-R-")) and soort != "success" for soort, regel in gemist), gemist
