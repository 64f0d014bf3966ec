"""Sessies aan de kant van de server: de cookie draagt alleen een willekeurig token.

Afmelden maakt de sessie daardoor echt ongeldig (een gestolen cookie werkt daarna niet meer), en na het aanmelden
krijgt de browser een nieuw token (geen sessiefixatie). Elke sessie, ook die van wie nog niet is aangemeld, heeft een
eigen CSRF-token dat elk formulier meestuurt. De sessies leven in het geheugen van het webproces: na een herstart
meldt iedereen zich opnieuw aan.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

INACTIEF = timedelta(minutes=30)
HOOGSTENS = timedelta(hours=10)


@dataclass
class Sessie:
    token: str
    csrf: str
    begonnen: datetime
    gebruikt: datetime
    gebruikersnaam: str | None = None
    meldingen: list[tuple[str, str]] = field(default_factory=list)
    """(soort, tekst) om op de volgende pagina te tonen: `gelukt` of `fout`."""
    extern: Any = None
    """de lopende aanmelding via de identiteitsprovider (state, nonce, code_verifier), voor één terugkeer"""
    volgende: str = "/"

    def meld(self, soort: str, tekst: str) -> None:
        self.meldingen.append((soort, tekst))

    def neem_meldingen(self) -> list[tuple[str, str]]:
        meldingen, self.meldingen = self.meldingen, []
        return meldingen


class Sessies:
    def __init__(self, klok: Callable[[], datetime]):
        self.klok = klok
        self._sessies: dict[str, Sessie] = {}
        self._slot = threading.Lock()

    def nieuw(self, gebruikersnaam: str | None = None) -> Sessie:
        nu = self.klok()
        sessie = Sessie(secrets.token_urlsafe(32), secrets.token_urlsafe(32), nu, nu, gebruikersnaam)
        with self._slot:
            self._ruim_op(nu)
            self._sessies[sessie.token] = sessie
        return sessie

    def zoek(self, token: str | None) -> Sessie | None:
        if not token:
            return None
        nu = self.klok()
        with self._slot:
            sessie = self._sessies.get(token)
            if sessie is None:
                return None
            if nu - sessie.gebruikt > INACTIEF or nu - sessie.begonnen > HOOGSTENS:
                del self._sessies[token]
                return None
            sessie.gebruikt = nu
            return sessie

    def vervang(self, oud: Sessie | None, gebruikersnaam: str) -> Sessie:
        """Na het aanmelden: een nieuw token en een nieuw CSRF-token, de oude sessie vervalt."""
        self.beeindig(oud)
        return self.nieuw(gebruikersnaam)

    def beeindig(self, sessie: Sessie | None) -> None:
        if sessie is not None:
            with self._slot:
                self._sessies.pop(sessie.token, None)

    def _ruim_op(self, nu: datetime) -> None:
        verlopen = [t for t, s in self._sessies.items() if nu - s.gebruikt > INACTIEF or nu - s.begonnen > HOOGSTENS]
        for token in verlopen:
            del self._sessies[token]
