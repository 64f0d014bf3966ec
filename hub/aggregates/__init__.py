"""De aggregates van de hub; elk legt feiten vast als events en bewaakt zijn eigen regels."""

from functools import lru_cache
from uuid import NAMESPACE_URL, UUID, uuid5

_NAAMRUIMTE = uuid5(NAMESPACE_URL, "urn:reintegratie-hub")


@lru_cache(maxsize=8192)
def stabiel_id(soort: str, *delen: str) -> UUID:
    """Een vast id uit de sleutel die de afzender gebruikt, zodat hetzelfde traject altijd hetzelfde id krijgt.
    Onthouden: een werker vraagt het id van hetzelfde traject en dezelfde Ontvangst bij het vooraf laden, het
    opzoeken en het aanmaken (uuid5 is een sha1 en een nieuw `UUID`)."""
    return uuid5(_NAAMRUIMTE, "/".join((soort, *delen)))
