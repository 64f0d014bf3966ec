"""Gedeeld door de benchmarks: beschrijving van de machine en het bijwerken van docs/benchmarks.md."""

from __future__ import annotations

import os
import platform
import re
from datetime import date
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def machine() -> str:
    cpu = platform.processor() or "onbekend"
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                cpu = regel.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        geheugen = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        geheugen = "onbekend"
    return f"{date.today():%d-%m-%Y}, {os.cpu_count()} cores ({cpu}), {geheugen} geheugen, Python {platform.python_version()}"


def schrijf_sectie(titel: str, opdracht: str, regels: list[str]) -> None:
    """Vervangt (of voegt toe) de sectie `## titel` in docs/benchmarks.md."""
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    tekst = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n\nOp verzoek gedraaid, niet in de tests.\n"
    sectie = f"## {titel}\n\n`{opdracht}`\n\n" + "\n".join(regels) + "\n"
    patroon = re.compile(rf"^## {re.escape(titel)}\n.*?(?=^## |\Z)", re.S | re.M)
    tekst = patroon.sub(lambda _: sectie + "\n", tekst) if patroon.search(tekst) else tekst.rstrip("\n") + "\n\n" + sectie
    DOCS.write_text(tekst, encoding="utf-8")
