"""Wat de use cases van de buitenwereld nodig hebben, als protocollen. De koppelingen leveren de uitvoering,
de bootstrap geeft die door; zo importeert de toepassingslaag geen enkele koppeling."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from hub.aggregates.doorbelasting import Doorbelasteregel
from hub.berichten import Bericht
from hub.contracten.catalogus import Catalogus
from hub.contracten.model import Partij
from hub.domein.betaling import Opdrachtgever, Overboeking
from hub.projections.basis import Projectie
from hub.projections.facturen import Facturen


@dataclass(frozen=True)
class Herbouwd:
    gemeenten: list[str]
    delen: list[str]
    events: int
    processen: int


@dataclass(frozen=True)
class Leesmodelstand:
    naam: str
    versie: str
    positie: int
    achterstand: int
    plek: str | None
    """waar het leesmodel bewaard is; None: nog niet gebouwd"""


class Factuurcontrolevolger(Protocol):
    """De factuurcontrole van alle gemeenten in het geheugen, bij te werken met alleen de nieuwe events."""

    facturen: Facturen

    def bij(self) -> int: ...


Voortgang = Callable[[int, int], None]
"""Bij lang werk: (positie in de notificatielog, laatste positie). Wie hem meegeeft, toont hem; de use case niet."""


class Leesmodelbron(Protocol):
    """De leesmodellen, bijgewerkt tot het laatste event op het moment van vragen."""

    def factuurcontrole(self, gemeenten: Iterable[str] | None = None) -> Facturen: ...

    def van_gemeente(self, gemeente: str, met_factuurcontrole: bool = True,
                     voortgang: Voortgang | None = None) -> list[Projectie]: ...

    def factuurcontrole_met(self, catalogus: Catalogus, gemeenten: Iterable[str]) -> Facturen: ...

    def volg_factuurcontroles(self) -> Factuurcontrolevolger: ...

    def bijwerken(self) -> int: ...

    def herbouw(self, processen: int | None = None, voortgang: Voortgang | None = None) -> Herbouwd: ...

    def stand(self) -> tuple[int, list[Leesmodelstand]]: ...


class Verzondenregister(Protocol):
    """Per factuur de vingerafdruk van de laatst verstuurde factuurstatus."""

    def lees(self) -> dict[str, str]: ...

    def bewaar(self, verzonden: dict[str, str]) -> None: ...


class KlaargezetBestand(Protocol):
    pad: Path

    def definitief(self) -> Path: ...

    def verwerp(self) -> None: ...


class Betaalbestanden(Protocol):
    """Schrijft een betaalopdracht als bestand, eerst voorlopig; pas na het vastleggen van de events definitief."""

    def klaarzetten(
        self, batch_id: str, aangemaakt: datetime, uitvoeringsdatum: date, opdrachtgever: Opdrachtgever,
        overboekingen: list[Overboeking],
    ) -> KlaargezetBestand: ...

    def vind(self, batch_id: str) -> Path | None:
        """Het definitieve bestand van een batch, als het er is."""
        ...


class Berichtlezer(Protocol):
    """Bytes van een afzender naar een bericht (JSON, XML of UBL), of `BerichtFout` met de redenen. `afzender` is de
    geauthenticeerde identiteit, voor formaten die hem zelf niet dragen (UBL)."""

    def __call__(self, data: bytes, max_bytes: int = ..., *, afzender: str | None = None) -> Bericht: ...


@dataclass(frozen=True)
class ExterneAanvraag:
    """Wat tussen het doorsturen naar de identiteitsprovider en de terugkeer bewaard blijft (in de sessie): `state`
    hoort bij precies deze poging, `nonce` bij precies dit id_token, `code_verifier` bij precies deze code (PKCE)."""

    state: str
    nonce: str
    code_verifier: str
    terug: str


class Identiteitsprovider(Protocol):
    """De identiteitsprovider van de gemeente (OpenID Connect)."""

    naam: str
    claim: str

    def begin(self, terug: str) -> tuple[str, ExterneAanvraag]:
        """Het adres om de browser naartoe te sturen, en wat bij de terugkeer gecontroleerd wordt."""
        ...

    def rond_af(self, aanvraag: ExterneAanvraag, code: str, state: str) -> dict[str, Any]:
        """De claims van een gecontroleerd id_token (handtekening, uitgever, client, geldigheid, nonce), of
        `Onuitvoerbaar` met wat er niet klopte."""
        ...


@dataclass(frozen=True)
class Doorbelastingsfactuur:
    """Wat de penvoerder één gemeente factureert: haar deel van de goedgekeurde en betaalde regels van een kwartaal
    (`regels`, het bewijs; `totaal` is hun som over alle gemeenten)."""

    factuurnummer: str
    factuurdatum: date
    kwartaal: str
    begin: date
    eind: date
    contract: str
    penvoerder: Partij
    gemeente: Partij
    aandeel: Decimal
    bedrag: Decimal
    totaal: Decimal
    regels: list[Doorbelasteregel]


class Doorbelastingsfacturen(Protocol):
    """Stelt de factuur van een doorbelasting op in een standaardformaat en toetst haar daaraan."""

    def opstellen(self, factuur: Doorbelastingsfactuur) -> bytes:
        """Het getoetste document; voldoet het niet, dan `Onuitvoerbaar` met de regels van de standaard die het niet
        haalde."""
        ...


class Documentmap(Protocol):
    """Een map voor documenten die de hub al heeft vastgelegd (zoals de facturen van een doorbelasting)."""

    def schrijf(self, naam: str, inhoud: bytes) -> Path: ...
