"""Wat de subcommando's delen: instellingen, eventstore, contracten en leesmodellen openen."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property

from hub.contracten.catalogus import Catalogus
from hub.instellingen import Instellingen
from hub.koppelingen.contractbestanden import ContractFout, laad_catalogus
from hub.koppelingen.leesmodellen import Leesmodellen
from hub.toepassing import Hub, open_hub


@dataclass
class Omgeving:
    instellingen: Instellingen

    @cached_property
    def hub(self) -> Hub:
        return open_hub(self.instellingen)

    @cached_property
    def catalogus(self) -> Catalogus:
        try:
            return laad_catalogus(self.instellingen.contracten)
        except ContractFout as fout:
            print(f"Fout in contract {fout}", file=sys.stderr)
            raise SystemExit(2) from fout

    @cached_property
    def leesmodellen(self) -> Leesmodellen:
        return Leesmodellen(self.instellingen.data / "leesmodellen")


def omgeving() -> Omgeving:
    return Omgeving(Instellingen.uit_omgeving())
