"""Wat de subcommando's delen: instellingen, eventstore, contracten en leesmodellen openen."""

from __future__ import annotations

import argparse
import sys
from typing import Callable
from dataclasses import dataclass
from functools import cached_property

from eventsourcing.persistence import IntegrityError

from hub.contracten.catalogus import Catalogus
from hub.domein.fouten import DomeinFout
from hub.instellingen import Instellingen
from hub.koppelingen.opslag.contractbestanden import ContractFout, laad_catalogus
from hub.koppelingen.opslag.leesmodellen import Leesmodellen
from hub.toepassing.eventstore import Hub, open_hub


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
        return Leesmodellen.van(self.instellingen)


def omgeving() -> Omgeving:
    return Omgeving(Instellingen.uit_omgeving())


class Stop(Exception):
    """Een opdracht kan niet verder; de tekst zegt de gebruiker wat hij kan doen."""


def met_omgeving(functie: Callable[[argparse.Namespace, Omgeving], int], *fouten: type[Exception]):
    """Voert een opdracht uit en zet bekende fouten om in een Nederlandse melding en exitcode 1."""

    def uitvoeren(args: argparse.Namespace) -> int:
        try:
            return functie(args, omgeving())
        except (Stop, *fouten) as fout:
            print(str(fout), file=sys.stderr)
            return 1
        except DomeinFout as fout:
            print(fout.melding, file=sys.stderr)
            return 1
        except IntegrityError:
            print("Iemand anders legde tegelijk een besluit of betaling vast voor deze factuur; er is niets opgeslagen. "
                  "Probeer het opnieuw.", file=sys.stderr)
            return 1

    return uitvoeren
