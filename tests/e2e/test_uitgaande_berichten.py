"""Elk bericht dat de hub verstuurt, voldoet aan de gepubliceerde standaard: JSON Schema (berichten/schema/) en,
omgezet naar de XML-vorm, de XSD (berichten/xsd/). De berichten worden door een echte broker opgevangen."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from decimal import Decimal

import jsonschema
from lxml import etree

from hub.koppelingen.broker.afzender import ontvang
from hub.koppelingen.formaten.berichtparser import XSD_PAD
from hub.koppelingen.formaten.berichtxml import ROOTMODELLEN, naar_xml
from tests.conftest import PROJECT
from tests.e2e.conftest import voorbeeld
from tests.e2e.test_door_de_broker import AREA, JOBCOACH, stuur

SCHEMAS = PROJECT / "berichten" / "schema"


def _soort(bericht: dict) -> str:
    if "type" in bericht:
        return bericht["type"]
    assert {"berichtId", "status"} <= set(bericht), bericht
    return "retour"


def _voldoet_aan_de_standaard(bericht: dict, xsd: etree.XMLSchema) -> None:
    soort = _soort(bericht)
    schema = json.loads((SCHEMAS / f"{soort}.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(bericht)
    xml = etree.fromstring(naar_xml(ROOTMODELLEN[soort].model_validate(bericht)))
    assert xsd.validate(xml), (soort, xsd.error_log)


async def _inbox(hub, provider: str, tot: set[str]) -> list[dict]:
    gevonden: list[dict] = []
    for _ in range(60):
        gevonden += await ontvang(hub.url, provider, hub.identiteiten, wachttijd=0.3)
        if tot <= {_soort(b) for b in gevonden}:
            break
        await asyncio.sleep(0.2)
    return gevonden


async def test_alles_wat_de_hub_verstuurt_voldoet_aan_json_schema_en_xsd(draaiende_hub):
    hub = draaiende_hub
    retouren = []
    retouren += await stuur(hub, "gemeente", voorbeeld("aanmelding"), voorbeeld("aanmelding", **AREA),
                            voorbeeld("aanmelding", **JOBCOACH))
    retouren += await stuur(hub, "matchez", voorbeeld("intake"), voorbeeld("plan"))
    retouren += await stuur(hub, "gemeente", voorbeeld("planBesluit"))
    retouren += await stuur(hub, "matchez", voorbeeld("mutatie"))
    retouren += await stuur(hub, "gemeente", voorbeeld("mutatieBesluit"))
    retouren += await stuur(hub, "jobcoach-org", voorbeeld("jobcoachAanvraag"))
    retouren += await stuur(hub, "gemeente", voorbeeld("jobcoachToekenning"))
    retouren += await stuur(hub, "matchez", voorbeeld("factuur"))
    geaccepteerd = len(retouren)
    retouren += await stuur(hub, "matchez", voorbeeld("intake", trajectId="AMS-ONBEKEND"), b'{"type": "intake"')
    assert [r["status"] for r in retouren] == ["geaccepteerd"] * geaccepteerd + ["afgewezen"] * 2, retouren

    factuur = hub.hub.zoek_factuur("matchez", "MZ-2024-0012")
    factuur.besluit(1, "goedgekeurd", Decimal("2250.00"), "M. de Boer", "Conform prijsafspraak", datetime.now(UTC))
    hub.hub.save(factuur)

    matchez = await _inbox(hub, "matchez", {"aanmelding", "planBesluit", "mutatieBesluit", "factuurstatus", "retour"})
    jobcoach = await _inbox(hub, "jobcoach-org", {"aanmelding", "jobcoachToekenning", "retour"})
    verstuurd = [*retouren, *matchez, *jobcoach]
    assert {"retour", "aanmelding", "planBesluit", "mutatieBesluit", "jobcoachToekenning", "factuurstatus"} <= {
        _soort(b) for b in verstuurd
    }
    xsd = etree.XMLSchema(etree.parse(str(XSD_PAD)))
    for bericht in verstuurd:
        _voldoet_aan_de_standaard(bericht, xsd)
