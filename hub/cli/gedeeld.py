"""Wat de subcommando's delen: de onderdelen uit de bootstrap en één foutafhandeling voor alle opdrachten."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from eventsourcing.persistence import IntegrityError, InterfaceError, OperationalError
from rich.console import Console

from hub.bootstrap import Onderdelen, bootstrap
from hub.domein.fouten import DomeinFout
from hub.instellingen import InstellingFout
from hub.koppelingen.betaling.sepa import SepaFout
from hub.koppelingen.broker.nats_server import OpslagFout
from hub.koppelingen.broker.tls import TlsFout
from hub.koppelingen.broker.toegang import ToegangFout
from hub.koppelingen.opslag.contractbestanden import ContractFout
from hub.toepassing.eventstore import OpslagOnbereikbaar, SleutelFout, melding_opslag_weg
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.gebruikers import Profiel

Opdracht = Callable[[argparse.Namespace, Onderdelen], int]
MINIMALE_BREEDTE = 80
"""smaller dan dit worden de tabellen onleesbaar; een smallere terminal laat de regels dan doorlopen"""


def breedte() -> int:
    """De breedte van de terminal; is de uitvoer geen terminal, dan COLUMNS of 80. Nooit minder dan MINIMALE_BREEDTE."""
    return max(Console().width, MINIMALE_BREEDTE)


def console() -> Console:
    return Console(width=breedte(), highlight=False)


def gebruiker_argument(parser: argparse.ArgumentParser, wat: str = "besluit") -> None:
    parser.add_argument("--gebruiker", metavar="NAAM",
                        help=f"uw gebruikersnaam: wie {wat}; het wachtwoord wordt gevraagd (scripts: HUB_GEBRUIKER en "
                             "HUB_WACHTWOORD)")


def aangemeld_als(args: argparse.Namespace, hub: Onderdelen, rol: str, wat: str = "Besluiten en betalen") -> Profiel:
    """De geregistreerde gebruiker die deze opdracht geeft, gecontroleerd zoals bij het aanmelden in de
    webapplicatie: zo besluit niemand op de opdrachtregel namens een ander."""
    gebruikersnaam = args.gebruiker or hub.instellingen.gebruiker
    if not gebruikersnaam:
        raise Onuitvoerbaar(f"{wat} doet u als geregistreerde gebruiker: geef --gebruiker NAAM (of "
                            "HUB_GEBRUIKER); het wachtwoord wordt gevraagd of komt uit HUB_WACHTWOORD. Een gebruiker "
                            "maakt u met `hub gebruiker maak`.")
    geheim = hub.instellingen.wachtwoord
    wachtwoord = geheim.get_secret_value() if geheim else getpass.getpass(f"Wachtwoord van {gebruikersnaam}: ")
    return hub.gebruikers.meld_aan_met_rol(gebruikersnaam, wachtwoord, rol)


def opdracht(functie: Opdracht) -> Callable[[argparse.Namespace], int]:
    """Voert een opdracht uit met de onderdelen uit de omgeving en zet bekende fouten om in een Nederlandse melding."""

    def uitvoeren(args: argparse.Namespace) -> int:
        try:
            return functie(args, bootstrap())
        except (Onuitvoerbaar, SepaFout) as fout:
            return _meld(str(fout), 1)
        except OpslagOnbereikbaar as fout:
            return _meld(str(fout), 2)
        except DomeinFout as fout:
            return _meld(fout.melding, 1)
        except IntegrityError:
            return _meld("Iemand anders legde tegelijk een besluit of betaling vast voor deze factuur; er is niets "
                         "opgeslagen. Probeer het opnieuw.", 1)
        except ContractFout as fout:
            return _meld(f"Fout in contract {fout}", 2)
        except (InstellingFout, SleutelFout, ToegangFout, TlsFout, OpslagFout) as fout:
            return _meld(str(fout), 2)
        except ConnectionError as fout:
            return _meld(str(fout), 3)
        except (OperationalError, InterfaceError) as fout:
            return _meld(melding_opslag_weg(fout), 2)

    return uitvoeren


def _meld(tekst: str, code: int) -> int:
    print(tekst, file=sys.stderr)
    return code
