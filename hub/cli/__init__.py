"""De opdrachtregel `hub`. Elke module in dit pakket voegt haar eigen subcommando's toe."""

from __future__ import annotations

import argparse
import importlib
import sys

MODULES = ("contracten", "berichten", "factuur", "betaalbatch", "rapport", "projecties", "beheer")


def bouw_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hub", description="Re-integratie hub: berichten, facturen en rapportages.")
    sub = parser.add_subparsers(dest="opdracht", metavar="OPDRACHT")
    sub.required = True
    for naam in MODULES:
        try:
            module = importlib.import_module(f"hub.cli.{naam}")
        except ModuleNotFoundError as exc:
            if exc.name == f"hub.cli.{naam}":
                continue
            raise
        module.registreer(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = bouw_parser()
    args = parser.parse_args(argv)
    from hub.toepassing.eventstore import SleutelFout

    try:
        return int(args.uitvoeren(args) or 0)
    except SleutelFout as fout:
        print(str(fout), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
