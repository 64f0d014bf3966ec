"""Schrijft de JSON Schema's en de XSD van de berichtenstandaard opnieuw naar `berichten/`.

Gebruik: `python -m hub.berichten.schema`, na elke wijziging van de modellen.
"""

from pathlib import Path

from hub.berichten.json_schema import schrijf_json_schemas
from hub.berichten.xsd import schrijf_xsd


def schrijf_schemas(wortel: Path) -> list[Path]:
    """Schrijft `schema/*.json` en `xsd/berichten-1.xsd` onder `wortel`; geeft de geschreven paden."""
    return [*schrijf_json_schemas(wortel / "schema"), schrijf_xsd(wortel / "xsd" / "berichten-1.xsd")]


if __name__ == "__main__":
    wortel = Path(__file__).resolve().parents[2] / "berichten"
    for pad in schrijf_schemas(wortel):
        print(pad.relative_to(wortel.parent))
