"""De envelop van een UBL-factuur: wat het document niet zelf draagt, volgt uit vaste regels (zie `ubl`)."""

import re
import unicodedata
import uuid
from datetime import date, datetime, time
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from lxml import etree

from hub.berichten.basis import Envelop
from hub.berichten.vingerafdruk import vingerafdruk
from hub.koppelingen.formaten.ubl_lezer import NS, UblLezer, ingekort

ONBEKENDE_AFZENDER = "onbekend"
E = TypeVar("E", bound=Envelop)
BERICHT_ID_NAAMRUIMTE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:reintegratie-hub:berichten:1:ubl-factuur")
TIJDZONE = ZoneInfo("Europe/Amsterdam")

_GEMEENTECODE = re.compile(r"[a-z][a-z0-9-]*")
_DATUM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIJD = re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})?")
_KOPER = "cac:AccountingCustomerParty/cac:Party"
_LEVERANCIER = "cac:AccountingSupplierParty/cac:Party"


def lees_envelop(lezer: UblLezer, wortel: etree._Element, afzender: str | None) -> dict[str, Any]:
    lezer.onthoud("afzender", "de geauthenticeerde afzender")
    data: dict[str, Any] = {"type": "factuur", "versie": "1", "afzender": afzender or ONBEKENDE_AFZENDER}
    data["gemeente"] = _gemeente(lezer, wortel)
    _leverancier_aanwezig(lezer, wortel)
    factuurnummer = lezer.tekst(
        wortel, "cbc:ID", "cbc:ID", veld="factuurnummer", ontbreekt="geef het factuurnummer op."
    )
    factuurdatum = _datum(lezer, wortel, "cbc:IssueDate", "factuurdatum", "geef de factuurdatum op als JJJJ-MM-DD.")
    data["factuurnummer"], data["factuurdatum"] = factuurnummer, factuurdatum
    data["berichtId"] = _bericht_id(lezer, wortel, factuurnummer, factuurdatum)
    if factuurdatum is not None:
        data["verzonden"] = _verzonden(lezer, wortel, factuurdatum)
    else:
        lezer.verzwijg("verzonden")
    return data


def _datum(lezer: UblLezer, ouder: etree._Element, pad: str, veld: str, ontbreekt: str) -> date | None:
    tekst = lezer.tekst(ouder, pad, pad, veld=veld, ontbreekt=ontbreekt)
    if tekst is None:
        return None
    if _DATUM.fullmatch(tekst):
        try:
            return date.fromisoformat(tekst)
        except ValueError:
            pass
    lezer.fout(f"{pad} is '{ingekort(tekst)}', geen datum: schrijf hem als JJJJ-MM-DD, bijv. 2024-04-02.", veld)
    return None


def _naar_code(naam: str) -> str:
    kaal = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", kaal).strip("-")


def _gemeente(lezer: UblLezer, wortel: etree._Element) -> str | None:
    for pad in (f"{_KOPER}/cac:PartyName/cbc:Name", f"{_KOPER}/cac:PartyLegalEntity/cbc:RegistrationName"):
        for element in wortel.findall(pad, NS):
            naam = " ".join((element.text or "").split())
            if naam.lower().startswith("gemeente ") and _naar_code(naam[len("gemeente ") :]):
                lezer.onthoud("gemeente", pad)
                return _naar_code(naam[len("gemeente ") :])
    referentie = lezer.tekst(wortel, "cbc:BuyerReference", "cbc:BuyerReference", veld="gemeente")
    if referentie is not None and _GEMEENTECODE.fullmatch(referentie) and len(referentie) <= 40:
        return referentie
    lezer.fout(
        f"De koper ({_KOPER}) is geen gemeente: zet 'Gemeente <naam>' in cac:PartyLegalEntity/cbc:RegistrationName "
        "of cac:PartyName/cbc:Name (bijv. 'Gemeente Amstelveen'), of de gemeentecode in cbc:BuyerReference "
        "(bijv. 'amstelveen').",
        "gemeente",
    )
    return None


def _leverancier_aanwezig(lezer: UblLezer, wortel: etree._Element) -> bool:
    """Ook met een eigen cbc:UUID: een factuur zonder leverancier is niet te betalen of te controleren."""
    if wortel.find(_LEVERANCIER, NS) is not None:
        return True
    lezer.fout(
        f"{_LEVERANCIER} ontbreekt: geef de leverancier (uw organisatie) op met naam en KvK-nummer, bijv. in "
        "cac:PartyLegalEntity/cbc:RegistrationName en cac:PartyLegalEntity/cbc:CompanyID (schemeID '0106')."
    )
    return False


def _leverancier(wortel: etree._Element) -> str | None:
    for pad in (
        "cac:PartyLegalEntity/cbc:CompanyID",
        "cac:PartyIdentification/cbc:ID",
        "cbc:EndpointID",
        "cac:PartyTaxScheme/cbc:CompanyID",
        "cac:PartyLegalEntity/cbc:RegistrationName",
        "cac:PartyName/cbc:Name",
    ):
        element = wortel.find(f"{_LEVERANCIER}/{pad}", NS)
        waarde = " ".join((element.text or "").split()) if element is not None else ""
        if waarde:
            return f"{pad}|{element.get('schemeID', '')}|{waarde}"
    return None


def _bericht_id(
    lezer: UblLezer, wortel: etree._Element, factuurnummer: str | None, factuurdatum: date | None
) -> str | None:
    lezer.onthoud("berichtId", "cbc:UUID")
    eigen = lezer.tekst(wortel, "cbc:UUID", "cbc:UUID")
    if eigen is not None:
        try:
            return str(uuid.UUID(eigen))
        except ValueError:
            pass
    leverancier = _leverancier(wortel)
    if leverancier is None and wortel.find(_LEVERANCIER, NS) is None:
        lezer.verzwijg("berichtId")
        return None
    if leverancier is None:
        lezer.fout(
            f"{_LEVERANCIER} heeft geen naam of kenmerk: geef de leverancier op, met het KvK-nummer in "
            "cac:PartyLegalEntity/cbc:CompanyID (schemeID '0106').",
            "berichtId",
        )
        return None
    if factuurnummer is None or factuurdatum is None:
        lezer.verzwijg("berichtId")
        return None
    return str(uuid.uuid5(BERICHT_ID_NAAMRUIMTE, f"{leverancier}|{factuurnummer}|{factuurdatum.isoformat()}"))


def _eigen_uuid(wortel: etree._Element) -> uuid.UUID | None:
    try:
        return uuid.UUID((wortel.findtext("cbc:UUID", namespaces=NS) or "").strip())
    except ValueError:
        return None


def met_afgeleide_bericht_id(factuur: E, wortel: etree._Element) -> E:
    """Zonder eigen `cbc:UUID`: een uuid5 uit de geauthenticeerde afzender, de leverancier en de vingerafdruk van de
    gelezen inhoud. Een andere aanbieder die leverancier, nummer en datum overneemt, of een gecorrigeerde factuur,
    krijgt zo een andere berichtId; dezelfde factuur van dezelfde afzender opnieuw dezelfde."""
    if _eigen_uuid(wortel) is not None:
        return factuur
    inhoud = vingerafdruk(factuur.model_copy(update={"bericht_id": uuid.UUID(int=0)}))
    bericht_id = uuid.uuid5(BERICHT_ID_NAAMRUIMTE, f"{factuur.afzender}|{_leverancier(wortel)}|{inhoud}")
    return factuur.model_copy(update={"bericht_id": bericht_id})


def _tijd(tekst: str) -> time | None:
    if not _TIJD.fullmatch(tekst):
        return None
    try:
        return time.fromisoformat(tekst.replace("Z", "+00:00"))
    except ValueError:
        return None


def _verzonden(lezer: UblLezer, wortel: etree._Element, factuurdatum: date) -> datetime | None:
    lezer.onthoud("verzonden", "cbc:IssueDate en cbc:IssueTime")
    tekst = lezer.tekst(wortel, "cbc:IssueTime", "cbc:IssueTime")
    if tekst is None:
        return datetime.combine(factuurdatum, time(), TIJDZONE)
    tijd = _tijd(tekst)
    if tijd is None:
        lezer.fout(
            f"cbc:IssueTime is '{ingekort(tekst)}', geen tijd: schrijf hem als UU:MM:SS, bijv. 09:30:00.", "verzonden"
        )
        return None
    moment = datetime.combine(factuurdatum, tijd)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=TIJDZONE)
