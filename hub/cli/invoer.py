"""Wat de opdrachtregel van de gebruiker leest: een argparse met Nederlandse teksten, datums en partijcodes."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime
from typing import Any, NoReturn

_MELDINGEN = (
    (r"the following arguments are required: (.*)", r"dit ontbreekt nog: \1"),
    (r"invalid choice: (.*) \(choose from (.*)\)", r"ongeldige keuze: \1 (kies uit \2)"),
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (r"expected one argument", r"hier hoort één waarde bij"),
    (r"expected at least one argument", r"hier hoort ten minste één waarde bij"),
    (r"invalid (int|float) value: (.*)", r"\2 is geen getal"),
    (r"ambiguous option: (.*) could match (.*)", r"optie \1 is niet eenduidig: \2"),
    (r"not allowed with argument (.*)", r"niet samen met \1"),
    (r"argument (\S+): ", r"\1: "),
)


def _vertaal(melding: str) -> str:
    for patroon, vervanging in _MELDINGEN:
        melding = re.sub(patroon, vervanging, melding)
    return melding


class Opmaak(argparse.RawDescriptionHelpFormatter):
    """Laat de voorbeelden in de epiloog staan zoals ze geschreven zijn; 'gebruik:' in plaats van 'usage:'."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse met Nederlandse koppen, hulp en foutmeldingen. De subcommando's erven hem (`add_parser`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Opmaak)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {_vertaal(message)}\n")


def voorbeeld(*regels: str) -> str:
    """Een epiloog met een of meer voorbeelden, zoals de hulp ze toont."""
    return "Voorbeeld" + ("en" if len(regels) > 1 else "") + ":\n" + "\n".join(f"  {regel}" for regel in regels)


def datum(tekst: str) -> date:
    """Een datum als 31-12-2024 of 2024-12-31."""
    for formaat in ("%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(tekst.strip(), formaat).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"{tekst!r} is geen datum; schrijf DD-MM-JJJJ of JJJJ-MM-DD, bijv. 31-12-2024")


def partijcode(tekst: str) -> str:
    """De code van een gemeente of aanbieder zoals de hub hem kent: `Amstelveen`, `Gemeente Amstelveen` en
    `amstelveen` worden `amstelveen`, `AM Match` wordt `am-match`."""
    code = " ".join(tekst.split()).lower()
    code = code.removeprefix("gemeente ")
    return code.replace(" ", "-")
