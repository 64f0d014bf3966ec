"""De vingerafdruk van een bericht: waaraan de hub herkent dat een bericht onder een bekende berichtId hetzelfde is.

Hij wordt berekend over het gelezen bericht, niet over de bytes: dezelfde inhoud als JSON of als XML (of anders
opgemaakt) geeft dezelfde vingerafdruk. Elk veld telt mee, ook `verzonden`.
"""

from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel


def vingerafdruk(bericht: BaseModel) -> str:
    """sha256 (hex) over de JSON-vorm van het model met gesorteerde sleutels en zonder witruimte."""
    vorm = json.dumps(bericht.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(vorm.encode()).hexdigest()


def vingerafdruk_onleesbaar(data: bytes) -> str:
    """Voor een bericht dat niet te lezen is: sha256 (hex) over de bytes zelf."""
    return hashlib.sha256(bytes(data)).hexdigest()
