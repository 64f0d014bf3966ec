"""Het contractmodel: prijsafspraken als getypeerde, gevalideerde gegevens."""

from hub.contracten.catalogus import Catalogus, Prijsafspraak
from hub.contracten.model import Contract, Partijen, Product

__all__ = ["Catalogus", "Contract", "Partijen", "Prijsafspraak", "Product"]
