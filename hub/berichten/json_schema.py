"""JSON Schema's van de berichtenstandaard, gegenereerd uit de modellen.

Opnieuw schrijven: `python -m hub.berichten.schema` (schrijft ook de XSD).
"""

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from hub.berichten.bericht import BERICHT_ADAPTER, BERICHTTYPEN
from hub.berichten.standaard import UITGAAND

_BASIS = "https://reintegratie-hub.nl/berichten/1/schema/"


def _schema(model: type[BaseModel] | None, naam: str) -> dict[str, Any]:
    schema = BERICHT_ADAPTER.json_schema() if model is None else model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{_BASIS}{naam}.json", **schema}


def json_schemas() -> dict[str, str]:
    """Bestandsnaam → inhoud van elk JSON Schema, deterministisch opgemaakt."""
    schemas = {f"{naam}.json": _schema(model, naam) for naam, model in BERICHTTYPEN.items()}
    schemas["bericht.json"] = _schema(None, "bericht")
    for naam, model in UITGAAND.items():
        schemas[f"{naam}.json"] = _schema(model, naam)
    return {naam: json.dumps(s, indent=2, ensure_ascii=False) + "\n" for naam, s in sorted(schemas.items())}


def schrijf_json_schemas(map: Path) -> list[Path]:
    map.mkdir(parents=True, exist_ok=True)
    geschreven = []
    for naam, inhoud in json_schemas().items():
        pad = map / naam
        pad.write_text(inhoud, encoding="utf-8")
        geschreven.append(pad)
    return geschreven
