"""De opdrachtregel `hub`. Elke module in dit pakket voegt haar eigen subcommando's toe; ze vertalen alleen:
argumenten lezen, een use case aanroepen, het resultaat tonen."""

from __future__ import annotations

import argparse
import importlib
import sys
from importlib.metadata import PackageNotFoundError, version

from hub.cli.invoer import Parser, voorbeeld

MODULES = ("contracten", "berichten", "factuur", "betaalbatch", "rapport", "projecties", "beheer", "gebruiker", "web", "aanbieder", "doorbelasting")


def bouw_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="hub", description="Re-integratie hub: berichten, facturen en rapportages.",
                    epilog=voorbeeld("hub demo", "hub factuur lijst --gemeente Amstelveen",
                                     "hub OPDRACHT --help      # de hulp en een voorbeeld bij elke opdracht"))
    parser.add_argument("--version", action="version", version=f"%(prog)s {_versie()}",
                        help="toon het versienummer en stop")
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT")
    sub.required = True
    for naam in MODULES:
        importlib.import_module(f"hub.cli.{naam}").registreer(sub)
    return parser


def _versie() -> str:
    try:
        return version("reintegratie-hub")
    except PackageNotFoundError:
        return "onbekend (niet geïnstalleerd)"


def main(argv: list[str] | None = None) -> int:
    args = bouw_parser().parse_args(argv)
    try:
        return int(args.uitvoeren(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
