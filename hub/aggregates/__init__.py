"""De aggregates van de hub; elk legt feiten vast als events en bewaakt zijn eigen regels."""

from uuid import NAMESPACE_URL, UUID, uuid5

_NAAMRUIMTE = uuid5(NAMESPACE_URL, "urn:reintegratie-hub")


def stabiel_id(soort: str, *delen: str) -> UUID:
    """Een vast id uit de sleutel die de afzender gebruikt, zodat hetzelfde traject altijd hetzelfde id krijgt."""
    return uuid5(_NAAMRUIMTE, "/".join((soort, *delen)))
