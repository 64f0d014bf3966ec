"""Voortgang van lang werk op de terminal: op stderr, en alleen als dat een terminal is. In een pijp of script
verschijnt niets, zodat de uitvoer en logbestanden schoon blijven."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

from hub.toepassing.poorten import Voortgang


def _getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class Voortgangsregel:
    """Eén regel die zichzelf overschrijft: `wat: 450.000 van 1.001.083 events (45 %)`. Als contextmanager: de regel
    verdwijnt aan het einde, zodat de slotmelding op een schone regel komt."""

    def __init__(self, wat: str, stroom: TextIO | None = None, terminal: bool | None = None,
                 klok: Callable[[], float] = time.monotonic, interval: float = 0.2):
        self.wat = wat
        self.stroom = stroom if stroom is not None else sys.stderr
        self.aan = self.stroom.isatty() if terminal is None else terminal
        self.klok = klok
        self.interval = interval
        self.vorige = float("-inf")
        self.getoond = False

    @property
    def melder(self) -> Voortgang | None:
        """Wat de use case meekrijgt; None buiten een terminal, dan doet de use case geen moeite."""
        return self.meld if self.aan else None

    def meld(self, positie: int, laatste: int) -> None:
        if not self.aan:
            return
        nu = self.klok()
        if positie < laatste and nu - self.vorige < self.interval:
            return
        self.vorige = nu
        procent = f" ({positie * 100 // laatste} %)" if laatste else ""
        self.stroom.write(f"\r\033[K{self.wat}: {_getal(positie)} van {_getal(laatste)} events verwerkt{procent}")
        self.stroom.flush()
        self.getoond = True

    def __enter__(self) -> Voortgangsregel:
        return self

    def __exit__(self, soort: type[BaseException] | None, fout: BaseException | None, tb: TracebackType | None) -> None:
        if self.getoond:
            self.stroom.write("\r\033[K")
            self.stroom.flush()
