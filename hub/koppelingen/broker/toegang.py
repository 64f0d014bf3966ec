"""Toegang die een aanbieder mee naar huis neemt: één bestand met het adres van de broker, het CA-certificaat en
een nkey-seed.

De hub bewaart alleen de publieke sleutel (``<data>/nats/toegang.json``); de seed staat alleen in het bestand van
de aanbieder. Wie welke afzender is, volgt uit het account waarin de publieke sleutel staat: de naam ``afzender``
in het bestand kiest alleen de subjects, en een ander account dan het eigen laat de server niet toe.

``uitgeven`` maakt een nieuw sleutelpaar (een eerder uitgegeven bestand werkt dan niet meer), ``intrekken`` haalt
de publieke sleutel weg. Draait de ingebouwde broker, dan krijgt hij de nieuwe accounts met ``reload``: twee
keer, omdat in nats-server 2.15 de service-import van een gewijzigd account na één keer dood kan blijven.
Verbindingen met een ingetrokken sleutel sluit de server bij de reload.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import nkeys

from .configuratie import accounts, lees_config, schrijf_config
from .identiteiten import REGISTER, Identiteiten, lees_register, nats_map, schrijf_geheim
from .nats_server import draaiende_server
from .subjects import controleer_afzender

FORMAAT = "hub-toegang/1"
RELOAD_TIMEOUT = 10.0


class ToegangFout(ValueError):
    """Een toegangsbestand of opdracht klopt niet; de tekst zegt wat te doen."""


@dataclass(frozen=True)
class Toegangsbestand:
    afzender: str
    servers: list[str]
    nkey_seed: str = field(repr=False)
    ca: str | None = None
    uitgegeven: str = ""

    def schrijf(self, pad: Path) -> None:
        gegevens = {"formaat": FORMAAT, "afzender": self.afzender, "servers": self.servers, "ca": self.ca,
                    "nkey_seed": self.nkey_seed, "uitgegeven": self.uitgegeven}
        schrijf_geheim(pad, json.dumps(gegevens, indent=2) + "\n")

    @classmethod
    def lees(cls, pad: Path) -> Toegangsbestand:
        try:
            gegevens = json.loads(Path(pad).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ToegangFout(f"toegangsbestand {pad} niet gevonden: geef het pad van het bestand dat de hub "
                              "uitgaf ('hub aanbieder toegang')") from None
        except (OSError, ValueError) as fout:
            raise ToegangFout(f"toegangsbestand {pad} is niet te lezen ({fout}): vraag de hub om een nieuw") from None
        if not isinstance(gegevens, dict) or gegevens.get("formaat") != FORMAAT:
            raise ToegangFout(f"{pad} is geen toegangsbestand van de hub (formaat {FORMAAT}): vraag de hub om een nieuw")
        try:
            servers = gegevens["servers"]
            bestand = cls(afzender=controleer_afzender(gegevens["afzender"]), servers=[str(s) for s in servers],
                          nkey_seed=str(gegevens["nkey_seed"]), ca=gegevens.get("ca"),
                          uitgegeven=str(gegevens.get("uitgegeven", "")))
        except (KeyError, TypeError, ValueError) as fout:
            raise ToegangFout(f"toegangsbestand {pad} is onvolledig of beschadigd ({fout}): vraag de hub om een "
                              "nieuw") from None
        if not bestand.servers:
            raise ToegangFout(f"toegangsbestand {pad} noemt geen adres van de broker: vraag de hub om een nieuw")
        return bestand


def _nieuw_sleutelpaar() -> tuple[str, str]:
    seed = nkeys.encode_seed(os.urandom(32), nkeys.PREFIX_BYTE_USER)
    return seed.decode(), nkeys.from_seed(seed).public_key.decode()


@dataclass
class Uitgifte:
    bestand: Toegangsbestand
    toegepast: bool
    """De draaiende broker nam de wijziging al over; anders geldt ze bij de volgende start (of, met een eigen NATS,
    zodra de beheerder het accounts-blok bijwerkt)."""


class Toegangsbeheer:
    """Geeft toegang uit, vernieuwt en trekt in, en past de draaiende ingebouwde broker aan."""

    def __init__(self, data_dir: Path, identiteiten: Identiteiten, afzenders: list[str], servers: list[str],
                 ca: Path | None, *, ingebouwd: bool = True, klok: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.data_dir = Path(data_dir)
        self.nats_dir = nats_map(self.data_dir)
        self.pad = self.nats_dir / REGISTER
        self.identiteiten = identiteiten
        self.afzenders = afzenders
        self.servers = servers
        self.ca = ca
        self.ingebouwd = ingebouwd
        self.klok = klok

    def heeft_toegang(self, afzender: str) -> bool:
        return afzender in lees_register(self.data_dir)

    def uitgeven(self, afzender: str, *, vernieuw: bool = False) -> Uitgifte:
        self._controleer(afzender)
        register = self._register()
        if afzender in register and not vernieuw:
            raise ToegangFout(f"{afzender} heeft al toegang (uitgegeven {register[afzender]['uitgegeven']}); de hub "
                              "bewaart het geheim niet. Maak een nieuw bestand met --vernieuw (het oude werkt dan niet "
                              "meer) of trek de toegang in met --trek-in")
        seed, publiek = _nieuw_sleutelpaar()
        moment = self.klok().isoformat(timespec="seconds")
        register[afzender] = {"nkey": publiek, "uitgegeven": moment}
        self._bewaar(register)
        ca = self.ca.read_text(encoding="utf-8") if self.ca else None
        bestand = Toegangsbestand(afzender=afzender, servers=self.servers, nkey_seed=seed, ca=ca, uitgegeven=moment)
        return Uitgifte(bestand, self._pas_toe(afzender))

    def intrekken(self, afzender: str) -> bool:
        """True als de draaiende broker de sleutel al weigert."""
        self._controleer(afzender)
        register = self._register()
        if afzender not in register:
            raise ToegangFout(f"{afzender} heeft geen toegang uitgegeven gekregen: er is niets in te trekken")
        del register[afzender]
        self._bewaar(register)
        return self._pas_toe(afzender)

    def _controleer(self, afzender: str) -> None:
        if afzender not in self.afzenders:
            raise ToegangFout(f"onbekende afzender {afzender!r}; kies uit: {', '.join(self.afzenders)}")

    def _register(self) -> dict[str, dict[str, str]]:
        if not self.pad.exists():
            return {}
        return dict(json.loads(self.pad.read_text(encoding="utf-8")))

    def _bewaar(self, register: dict[str, dict[str, str]]) -> None:
        schrijf_geheim(self.pad, json.dumps(register, indent=2, sort_keys=True))

    def _pas_toe(self, afzender: str) -> bool:
        """Werkt de configuratie van een draaiende ingebouwde broker bij en laat hem die herladen. Een afzender die
        de draaiende hub nog niet kent (nieuw in de catalogus) krijgt zijn account pas bij de volgende start."""
        if not self.ingebouwd:
            return False
        pid = draaiende_server(self.nats_dir)
        config_pad = self.nats_dir / "nats.conf"
        if pid is None or not config_pad.exists():
            return False
        config = lees_config(config_pad)
        if afzender not in config["accounts"]:
            return False
        afzenders = [a for a in config["accounts"] if a in self.afzenders]
        nieuw = accounts(self.identiteiten, afzenders, nkeys=lees_register(self.data_dir))
        config["accounts"] = {**config["accounts"], **nieuw}
        schrijf_config(config_pad, config)
        for _ in range(2):
            herlaad(pid, self.nats_dir / "nats-server.log")
        return True


def herlaad(pid: int, log_pad: Path, timeout: float = RELOAD_TIMEOUT) -> None:
    """SIGHUP en wachten tot de server in zijn log meldt dat de configuratie geladen is."""
    teken = "Reloaded server configuration"
    voor = _tel(log_pad, teken)
    os.kill(pid, signal.SIGHUP)
    einde = time.monotonic() + timeout
    while _tel(log_pad, teken) <= voor:
        if time.monotonic() > einde:
            raise ToegangFout(f"de broker (pid {pid}) herlaadde zijn configuratie niet binnen {timeout:.0f} s: zie "
                              f"{log_pad}; de toegang geldt in elk geval na een herstart van de hub")
        time.sleep(0.05)


def _tel(pad: Path, teken: str) -> int:
    try:
        return pad.read_text(errors="replace").count(teken)
    except OSError:
        return 0
