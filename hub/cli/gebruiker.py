"""`hub gebruiker maak`: een gebruiker van de webapplicatie met zijn rollen en gemeenten."""

from __future__ import annotations

import argparse
import getpass
import sys

from hub.bootstrap import Onderdelen
from hub.cli.gedeeld import opdracht
from hub.cli.invoer import partijcode, voorbeeld
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.gebruikers import ROLLEN


def registreer(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("gebruiker", help="gebruikers van de webapplicatie",
                            epilog=voorbeeld('hub gebruiker maak pjansen --naam "P. Jansen" --rol inkoper --gemeente amstelveen'))
    acties = parser.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    maak = acties.add_parser(
        "maak", help="maak een gebruiker met rollen en gemeenten; het wachtwoord wordt gevraagd",
        epilog=voorbeeld('hub gebruiker maak mdeboer --naam "M. de Boer" --rol managementassistent '
                         "--gemeente amstelveen --gemeente aalsmeer",
                         'hub gebruiker maak anna --naam "Anna de Wit" --rol aanbieder --aanbieder matchez',
                         'hub gebruiker maak sdevries --naam "S. de Vries" --rol klantmanager --gemeente amstelveen '
                         "--extern s.devries@amstelveen.nl --zonder-wachtwoord"))
    maak.add_argument("gebruikersnaam", help="waarmee hij zich aanmeldt (letters, cijfers, punt, streepje)")
    maak.add_argument("--naam", required=True, help="de naam zoals hij bij een besluit staat, bijv. \"M. de Boer\"")
    maak.add_argument("--rol", action="append", required=True, choices=ROLLEN, help="herhaal voor meer rollen")
    maak.add_argument("--gemeente", action="append", default=[], type=partijcode,
                      help="gemeente, bijv. amstelveen of Amstelveen; herhaal voor meer gemeenten")
    maak.add_argument("--aanbieder", type=partijcode, help="aanbieder, voor een gebruiker met de rol aanbieder")
    maak.add_argument("--wachtwoord-uit-stdin", action="store_true",
                      help="lees het wachtwoord van de eerste regel van stdin (voor scripts)")
    maak.add_argument("--extern", metavar="WAARDE",
                      help="koppel aan de identiteitsprovider van de gemeente: de waarde van de claim uit HUB_OIDC_CLAIM "
                           "(standaard het e-mailadres), bijv. m.deboer@amstelveen.nl")
    maak.add_argument("--zonder-wachtwoord", action="store_true",
                      help="alleen aanmelden via de identiteitsprovider (met --extern); er wordt geen wachtwoord gevraagd")
    maak.set_defaults(uitvoeren=opdracht(_maak))


def _wachtwoord(uit_stdin: bool) -> str:
    if uit_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    eerste = getpass.getpass("Wachtwoord (ten minste 12 tekens): ")
    if getpass.getpass("Nog een keer: ") != eerste:
        raise Onuitvoerbaar("De wachtwoorden verschillen; probeer het opnieuw.")
    return eerste


def _maak(args: argparse.Namespace, hub: Onderdelen) -> int:
    if args.zonder_wachtwoord and not args.extern:
        raise Onuitvoerbaar("--zonder-wachtwoord kan alleen met --extern: anders kan deze gebruiker zich nergens aanmelden.")
    extern = (hub.instellingen.oidc_claim, args.extern) if args.extern else None
    wachtwoord = None if args.zonder_wachtwoord else _wachtwoord(args.wachtwoord_uit_stdin)
    profiel = hub.gebruikers.maak(args.gebruikersnaam, args.naam, wachtwoord, args.rol, args.gemeente, args.aanbieder,
                                  extern)
    waar = f"voor {', '.join(profiel.gemeenten)}" if profiel.gemeenten else f"van {profiel.aanbieder}"
    print(f"Gebruiker {profiel.gebruikersnaam} ({profiel.naam}) gemaakt met de rol {', '.join(profiel.rollen)} {waar}. "
          "Aanmelden kan met `hub web`.")
    return 0
