from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Resultaat:
    """Wat een afhandeling oplevert: de gewijzigde aggregates, signalen en door te sturen berichten."""

    aggregates: list[Any] = field(default_factory=list)
    signalen: list[dict[str, str]] = field(default_factory=list)
    doorsturen: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
