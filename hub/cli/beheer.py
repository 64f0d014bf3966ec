"""`hub demo`: het scenario door de echte broker in de echte eventstore."""

from __future__ import annotations

import argparse

from hub.cli.gedeeld import omgeving


def registreer(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="speel een realistisch scenario af en toon oordelen en rapportage")
    demo.set_defaults(uitvoeren=_demo)


def _demo(args: argparse.Namespace) -> int:
    from hub.demo.afsluiting import stappen_na_afloop
    from hub.demo.uitvoering import draai

    return draai(omgeving(), stappen_na_afloop())
