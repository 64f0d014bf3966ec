"""Een budget per afzender voor berichten die mislukken: wie blijft mislukken, wordt afgeremd en geparkeerd.

Elke afzender heeft een tegoed van ``ruimte`` mislukkingen (onleesbaar, of een fout van de hub zelf) dat met
``herstel`` per seconde weer aanvult. Een mislukking kost één; staat het tegoed onder nul, dan leest de werker
de intake van die afzender niet tot het weer nul is, en daarna in kleine porties zolang het tegoed laag is.
De berichten blijven in zijn intake-stream staan en worden later gewoon beantwoord; de andere afzenders hebben
elk hun eigen intake en merken er niets van. Goede berichten kosten niets. Elke werker houdt het tegoed zelf bij:
met meerdere werkers mag een afzender dus hoogstens zoveel keer het budget, maar de intake van één afzender leest
steeds maar één werker tegelijk (één batch onbevestigd).

Wat duur is om te lezen, weigert de lezer al goedkoop (grootte, diepte, aantal velden: zie
``hub.koppelingen.formaten.berichtparser``); het budget beperkt hoeveel van zulke berichten een afzender de hub
per seconde laat doen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

RUIMTE = 100.0
HERSTEL = 100.0


@dataclass
class _Tegoed:
    stand: float
    sinds: float


@dataclass
class Afzenderbudget:
    ruimte: float = RUIMTE
    herstel: float = HERSTEL
    klok: Callable[[], float] = time.monotonic
    _tegoed: dict[str, _Tegoed] = field(default_factory=dict)

    def _bij(self, afzender: str) -> _Tegoed:
        nu = self.klok()
        tegoed = self._tegoed.setdefault(afzender, _Tegoed(self.ruimte, nu))
        tegoed.stand = min(self.ruimte, tegoed.stand + (nu - tegoed.sinds) * self.herstel)
        tegoed.sinds = nu
        return tegoed

    def mislukt(self, afzender: str, aantal: int = 1) -> None:
        self._bij(afzender).stand -= aantal

    def pauze(self, afzender: str) -> float:
        """Seconden tot de afzender weer gelezen wordt (0: nu)."""
        stand = self._bij(afzender).stand
        return 0.0 if stand >= 0 else -stand / self.herstel

    def portie(self, afzender: str, maximum: int) -> int:
        """Hoeveel berichten de werker nu van deze afzender mag lezen."""
        return max(1, min(maximum, int(self._bij(afzender).stand)))

    def geparkeerd(self) -> list[str]:
        return [a for a in self._tegoed if self.pauze(a) > 0]


__all__ = ["Afzenderbudget"]
