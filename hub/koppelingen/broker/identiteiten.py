"""Wachtwoorden voor de broker, per installatie gegenereerd en buiten de repository bewaard.

``<data_dir>/nats/identiteiten.json`` (modus 0600) wordt bij de eerste start gemaakt en daarna
hergebruikt; een afzender die later in de lijst komt krijgt er een wachtwoord bij. Bestaande
wachtwoorden veranderen nooit vanzelf, zodat aanbieders hun gegevens niet opnieuw hoeven te krijgen.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from .subjects import controleer_afzender

BESTANDSNAAM = "identiteiten.json"
_TOKEN_BYTES = 32
TLS_MAP = "tls"
REGISTER = "toegang.json"


def nats_map(data_dir: Path) -> Path:
    map_ = Path(data_dir) / "nats"
    map_.mkdir(parents=True, exist_ok=True, mode=0o700)
    return map_


def schrijf_geheim(pad: Path, inhoud: str) -> None:
    """Schrijft atomair met modus 0600: het bestand is nooit even leesbaar voor anderen."""
    tijdelijk = pad.with_name(pad.name + ".nieuw")
    fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(inhoud)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        tijdelijk.unlink(missing_ok=True)
        raise
    os.replace(tijdelijk, pad)


@dataclass(frozen=True)
class Identiteiten:
    pad: Path
    hub_wachtwoord: str
    afzenders: dict[str, str] = field(default_factory=dict)
    ca: Path | None = None
    """Het CA-certificaat waarmee een client de broker herkent (bij ``tls://``); standaard dat van de ingebouwde
    broker in de datamap."""

    @classmethod
    def laad_of_maak(cls, data_dir: Path, afzenders: list[str], *, ca: Path | None = None) -> Identiteiten:
        pad = nats_map(data_dir) / BESTANDSNAAM
        if ca is None and (eigen := nats_map(data_dir) / TLS_MAP / "ca.pem").is_file():
            ca = eigen
        for afzender in afzenders:
            controleer_afzender(afzender)
        if pad.exists():
            try:
                gegevens = json.loads(pad.read_text(encoding="utf-8"))
                hub = gegevens["hub"]
                bekend = dict(gegevens["afzenders"])
            except (ValueError, KeyError, TypeError) as fout:
                raise RuntimeError(
                    f"{pad} is beschadigd ({fout}): herstel het uit een back-up, of verwijder het om nieuwe "
                    "wachtwoorden te maken (alle aanbieders hebben dan nieuwe gegevens nodig)"
                ) from fout
            if pad.stat().st_mode & 0o077:
                os.chmod(pad, 0o600)
        else:
            hub, bekend = secrets.token_urlsafe(_TOKEN_BYTES), {}
        nieuw = [a for a in afzenders if a not in bekend]
        for afzender in nieuw:
            bekend[afzender] = secrets.token_urlsafe(_TOKEN_BYTES)
        if nieuw or not pad.exists():
            schrijf_geheim(pad, json.dumps({"hub": hub, "afzenders": bekend}, indent=2, sort_keys=True))
        return cls(pad=pad, hub_wachtwoord=hub, afzenders=bekend, ca=ca)

    def wachtwoord(self, afzender: str) -> str:
        try:
            return self.afzenders[afzender]
        except KeyError:
            raise KeyError(
                f"geen broker-identiteit voor afzender {afzender!r}: voeg de afzender toe aan de "
                "configuratie en start de hub opnieuw"
            ) from None

    def __repr__(self) -> str:
        return f"Identiteiten(pad={self.pad!s}, afzenders={sorted(self.afzenders)})"


def lees_register(data_dir: Path) -> dict[str, str]:
    """De publieke nkey per afzender die toegang kreeg (``hub aanbieder toegang``); het geheim heeft de hub niet."""
    pad = nats_map(data_dir) / REGISTER
    if not pad.exists():
        return {}
    return {a: v["nkey"] for a, v in json.loads(pad.read_text(encoding="utf-8")).items()}
