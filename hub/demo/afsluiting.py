"""Wat de demo na de berichten laat zien: factuuroordelen, goedkeuring, betaalbatch en kwartaalrapportage."""

from __future__ import annotations

from typing import Callable

from rich.console import Console

from hub.cli.gedeeld import Omgeving


def stappen_na_afloop() -> list[Callable[[Omgeving, Console], None]]:
    return []
