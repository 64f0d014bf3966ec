"""Eén `cac:InvoiceLine` → de JSON-vorm van een factuurregel.

Traject- en cliëntgegevens staan als `cac:Item/cac:AdditionalItemProperty` met `cbc:Name`/`cbc:Value`;
de naam wordt zonder onderscheid tussen hoofd- en kleine letters herkend, onbekende namen worden genegeerd.
"""

import re
from typing import Any

from lxml import etree

from hub.koppelingen.formaten.ubl_lezer import NS, UblLezer, ingekort

CLIENTVELDEN = ("bsn", "naam", "geboortedatum", "clientnummer", "adres")
REGELVELDEN = ("trajectId", "datumAanmelding", "klantmanager", "periodeId", "noShowVolgnummer", "percentage")
_EIGENSCHAPPEN = {naam.lower(): naam for naam in (*REGELVELDEN, *CLIENTVELDEN)}
_GEHEEL = re.compile(r"[0-9]{1,5}")
_ZONDER_BTW = "O"

_EIGENSCHAP = "cac:Item/cac:AdditionalItemProperty"


def _geheel(lezer: UblLezer, tekst: str, ubl_pad: str, veld: str, wat: str) -> int | None:
    if _GEHEEL.fullmatch(tekst) and int(tekst) >= 1:
        return int(tekst)
    lezer.fout(f"{ubl_pad} is '{ingekort(tekst)}': {wat} moet een geheel getal vanaf 1 zijn (1, 2, 3 …).", veld)
    return None


def _eigenschappen(lezer: UblLezer, regel: etree._Element, p: str, v: str) -> dict[str, tuple[str, str]]:
    """Eigenschapnaam uit de standaard → (waarde, UBL-pad)."""
    gevonden: dict[str, tuple[str, str]] = {}
    for nummer, eigenschap in enumerate(regel.findall(_EIGENSCHAP, NS), start=1):
        pad = f"{p}/{_EIGENSCHAP}[{nummer}]"
        naam = lezer.tekst(eigenschap, "cbc:Name", f"{pad}/cbc:Name")
        if naam is None or naam.lower() not in _EIGENSCHAPPEN:
            continue
        naam = _EIGENSCHAPPEN[naam.lower()]
        if naam in gevonden:
            lezer.fout(f"{pad}: eigenschap '{naam}' komt meer dan eens voor op deze regel: geef haar één keer op.")
            continue
        veld = f"{v}.client.{naam}" if naam in CLIENTVELDEN else f"{v}.{naam}"
        waarde = lezer.tekst(
            eigenschap, "cbc:Value", f"{pad}/cbc:Value", veld=veld, ontbreekt=f"geef de waarde van '{naam}' op."
        )
        if waarde is not None:
            gevonden[naam] = (waarde, f"{pad}/cbc:Value")
    return gevonden


def _periode(
    lezer: UblLezer, regel: etree._Element, p: str, v: str, factuurperiode: dict[str, str]
) -> dict[str, str]:
    uitkomst = {}
    for ubl, veld, wat in (("StartDate", "periodeStart", "begindatum"), ("EndDate", "periodeEind", "einddatum")):
        pad = f"cac:InvoicePeriod/cbc:{ubl}"
        waarde = lezer.tekst(regel, pad, f"{p}/{pad}", veld=f"{v}.{veld}")
        if waarde is None and ubl in factuurperiode:
            waarde = factuurperiode[ubl]
            lezer.onthoud(f"{v}.{veld}", pad)
        if waarde is None:
            lezer.fout(
                f"{p}/{pad} ontbreekt: geef de {wat} van het gefactureerde (deel)traject op, op de regel of in "
                "cac:InvoicePeriod van de factuur.",
                f"{v}.{veld}",
            )
        else:
            uitkomst[veld] = waarde
    return uitkomst


def _btw(lezer: UblLezer, regel: etree._Element, p: str, v: str) -> Any:
    categorie = lezer.element(regel, "cac:Item/cac:ClassifiedTaxCategory", f"{p}/cac:Item/cac:ClassifiedTaxCategory")
    pad = f"{p}/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent"
    soort = lezer.tekst(categorie, "cbc:ID", f"{p}/cac:Item/cac:ClassifiedTaxCategory/cbc:ID")
    if soort == _ZONDER_BTW and categorie is not None and categorie.find("cbc:Percent", NS) is None:
        lezer.onthoud(f"{v}.btwPercentage", pad)
        return "0"
    return lezer.decimaal(
        categorie,
        "cbc:Percent",
        pad,
        veld=f"{v}.btwPercentage",
        ontbreekt="geef het btw-percentage van de regel op, bijv. 21 (of 0 bij vrijstelling).",
    )


def _prijs(lezer: UblLezer, regel: etree._Element, p: str, v: str) -> Any:
    prijs = lezer.element(regel, "cac:Price", f"{p}/cac:Price")
    basis = lezer.decimaal(prijs, "cbc:BaseQuantity", f"{p}/cac:Price/cbc:BaseQuantity")
    if basis is not None and basis != 1:
        lezer.fout(
            f"{p}/cac:Price/cbc:BaseQuantity is {basis}: de hub verwacht de prijs per eenheid; "
            "laat BaseQuantity weg of zet hem op 1.",
            f"{v}.prijs",
        )
    return lezer.decimaal(
        prijs,
        "cbc:PriceAmount",
        f"{p}/cac:Price/cbc:PriceAmount",
        veld=f"{v}.prijs",
        ontbreekt="geef de prijs per eenheid op.",
        bedrag=True,
    )


def lees_regel(
    lezer: UblLezer, regel: etree._Element, nummer: int, factuurperiode: dict[str, str]
) -> dict[str, Any]:
    """De factuurregel als dict met camelCase-sleutels; wat ontbreekt staat als fout in `lezer`."""
    p, v = f"cac:InvoiceLine[{nummer}]", f"regels[{nummer - 1}]"
    data: dict[str, Any] = {}
    regelnummer = lezer.tekst(
        regel, "cbc:ID", f"{p}/cbc:ID", veld=f"{v}.regelnummer", ontbreekt="geef het regelnummer op (1, 2, 3 …)."
    )
    if regelnummer is not None:
        data["regelnummer"] = _geheel(lezer, regelnummer, f"{p}/cbc:ID", f"{v}.regelnummer", "het regelnummer")
    eigenschappen = _eigenschappen(lezer, regel, p, v)
    if "trajectId" not in eigenschappen:
        lezer.fout(
            f"{p}/{_EIGENSCHAP} met cbc:Name 'trajectId' ontbreekt: geef bij elke regel het trajectId uit de "
            "aanmelding van de gemeente op.",
            f"{v}.trajectId",
        )
    data["product"] = lezer.tekst(
        regel,
        "cac:Item/cac:SellersItemIdentification/cbc:ID",
        f"{p}/cac:Item/cac:SellersItemIdentification/cbc:ID",
        veld=f"{v}.product",
        ontbreekt="geef de productcode uit het contract op, bijv. 'MZ-BNW3'.",
    )
    data.update(_periode(lezer, regel, p, v, factuurperiode))
    data["aantal"] = lezer.decimaal(
        regel, "cbc:InvoicedQuantity", f"{p}/cbc:InvoicedQuantity", veld=f"{v}.aantal",
        ontbreekt="geef het aantal eenheden op (bij jobcoaching het aantal uren).",
    )
    data["prijs"] = _prijs(lezer, regel, p, v)
    data["bedrag"] = lezer.decimaal(
        regel, "cbc:LineExtensionAmount", f"{p}/cbc:LineExtensionAmount", veld=f"{v}.bedrag",
        ontbreekt="geef het regelbedrag excl. btw op.", bedrag=True,
    )
    data["btwPercentage"] = _btw(lezer, regel, p, v)
    client = {}
    for naam, (waarde, pad) in eigenschappen.items():
        if naam in CLIENTVELDEN:
            client[naam] = waarde
        elif naam == "noShowVolgnummer":
            data[naam] = _geheel(lezer, waarde, pad, f"{v}.{naam}", "het volgnummer van de no-show")
        elif naam == "percentage":
            data[naam] = lezer.getal(waarde, pad, f"{v}.{naam}")
        else:
            data[naam] = waarde
    if client:
        data["client"] = client
    return {sleutel: waarde for sleutel, waarde in data.items() if waarde is not None}
