"""Wat de JSON Schema- en de XSD-generator allebei gebruiken: de naamruimte en de uitgaande berichten.

De generatoren importeren de modellen en deze module, nooit elkaar.
"""

from pydantic import BaseModel

from hub.berichten.factuur import Factuurstatus
from hub.berichten.retour import Retour

NAMESPACE = "urn:reintegratie-hub:berichten:1"

GEMEENTE = "gemeente"
"""De afzendercode waaronder de gemeente berichten stuurt (aanmeldingen, besluiten, toekenningen)."""

UITGAAND: dict[str, type[BaseModel]] = {"retour": Retour, "factuurstatus": Factuurstatus}
"""Antwoorden van de hub aan de afzender, naast de binnenkomende `BERICHTTYPEN`."""
