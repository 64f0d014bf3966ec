"""Domeinhulpen: geld, kalender, identificatie en domeinfouten. Importeert niets van buiten het domein."""
