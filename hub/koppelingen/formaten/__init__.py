"""Berichten lezen en schrijven: JSON, XML (XSD, zonder DTD of entiteiten) en UBL-e-facturen naar één model."""

from hub.koppelingen.formaten.berichtparser import parse_bericht, vorm_van

__all__ = ["parse_bericht", "vorm_van"]
