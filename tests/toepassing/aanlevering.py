"""Bestanden zoals een aanbieder ze in het portaal aanlevert: de voorbeelden uit `berichten/voorbeelden/`, aangepast aan
de trajecten van een test."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

VOORBEELDEN = Path(__file__).resolve().parents[2] / "berichten" / "voorbeelden"
UBL_FACTUUR = VOORBEELDEN / "ubl" / "factuur.xml"
UBL_TRAJECT = "AMS-2024-0001"
"""Het traject (Amstelveen, Matchez, MZ-BNW3) waarop de UBL-voorbeeldfactuur MZ-2024-0012 factureert."""


def factuur_json(nummer: str, traject: str, afzender: str = "matchez", bericht_id: str | None = None) -> bytes:
    """`geldig/factuur.json` met een eigen nummer, traject, afzender en berichtId."""
    factuur = json.loads((VOORBEELDEN / "geldig" / "factuur.json").read_text(encoding="utf-8"))
    factuur.update(factuurnummer=nummer, afzender=afzender, berichtId=bericht_id or str(uuid.uuid4()))
    factuur["regels"][0]["trajectId"] = traject
    return json.dumps(factuur, ensure_ascii=False, indent=2).encode()


def ubl_factuur() -> bytes:
    return UBL_FACTUUR.read_bytes()
