"""Een wegwerp-PostgreSQL voor tests: een eigen cluster uit de geïnstalleerde programma's, op een vrije poort.

Fixtures:
- `postgres_server` (sessie): één draaiende server; `nieuwe_database()` geeft elke test een eigen database,
  `instellingen(basis, db)` en `omgeving(db)` geven de verbinding als `Instellingen` of als `HUB_…`-variabelen.
- `postgres_instellingen` (per test): `Instellingen` met `eventstore="postgres"` op een nieuwe, lege database.

Een test die een van beide gebruikt, krijgt vanzelf de marker `postgres`. Zonder PostgreSQL-programma's slaan die
tests over; met `HUB_TEST_POSTGRES_VEREIST=1` falen ze dan (in CI moet PostgreSQL er zijn).

initdb en postgres weigeren als root te draaien; als root draait de cluster daarom als de systeemgebruiker
`postgres` (via `runuser`).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

from hub.instellingen import Instellingen

VEREIST = "HUB_TEST_POSTGRES_VEREIST"
GEBRUIKER = "hub"
BEHEERDER = "postgres"


def bindir() -> Path | None:
    """De map met initdb en pg_ctl: eerst wat `pg_config` zegt, anders de nieuwste onder /usr/lib/postgresql."""
    kandidaten: list[Path] = []
    if pg_config := shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            uitvoer = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True)
            kandidaten.append(Path(uitvoer.stdout.strip()))
    kandidaten += sorted((Path(p) for p in glob.glob("/usr/lib/postgresql/*/bin")),
                         key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, reverse=True)
    if initdb := shutil.which("initdb"):
        kandidaten.append(Path(initdb).parent)
    for kandidaat in kandidaten:
        if (kandidaat / "initdb").is_file() and (kandidaat / "pg_ctl").is_file():
            return kandidaat
    return None


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PostgresServer:
    """Een draaiende cluster; `wachtwoord` hoort bij zowel de gebruiker `hub` als de beheerder `postgres`."""

    bindir: Path
    map: Path
    host: str
    port: int
    wachtwoord: str
    als: list[str]
    gebruiker: str = GEBRUIKER

    @classmethod
    def start(cls, bindir: Path) -> PostgresServer:
        als: list[str] = []
        eigenaar: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            try:
                eigenaar = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("als root draait PostgreSQL alleen als de gebruiker 'postgres', en die ontbreekt") from None
            runuser = shutil.which("runuser") or "runuser"
            als = [runuser, "-u", "postgres", "--"]
        map_ = Path(tempfile.mkdtemp(prefix="hub-pg-"))
        if eigenaar is not None:
            os.chown(map_, eigenaar.pw_uid, eigenaar.pw_gid)
        wachtwoord = secrets.token_urlsafe(16)
        wwbestand = map_ / "wachtwoord"
        wwbestand.write_text(wachtwoord)
        if eigenaar is not None:
            os.chown(wwbestand, eigenaar.pw_uid, eigenaar.pw_gid)
        try:
            subprocess.run([*als, str(bindir / "initdb"), "-D", str(map_ / "data"), "-U", BEHEERDER,
                            f"--pwfile={wwbestand}", "--auth-local=trust", "--auth-host=scram-sha-256",
                            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"],
                           check=True, capture_output=True, text=True)
            wwbestand.unlink()
            server = None
            for _ in range(5):
                poging = cls(bindir, map_, "127.0.0.1", vrije_poort(), wachtwoord, als)
                if poging._pg_ctl_start():
                    server = poging
                    break
            if server is None:
                raise RuntimeError("PostgreSQL start niet: " + (map_ / "log").read_text(errors="replace")[-2000:])
            server.sql(f"CREATE ROLE {GEBRUIKER} LOGIN CREATEDB PASSWORD '{wachtwoord}'")
            return server
        except BaseException:
            shutil.rmtree(map_, ignore_errors=True)
            raise

    def _pg_ctl_start(self) -> bool:
        opties = (f"-p {self.port} -k {self.map} -c listen_addresses={self.host} -c fsync=off "
                  "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300")
        klaar = subprocess.run([*self.als, str(self.bindir / "pg_ctl"), "start", "-w", "-t", "60",
                                "-D", str(self.map / "data"), "-l", str(self.map / "log"), "-o", opties],
                               capture_output=True, text=True)
        return klaar.returncode == 0

    def stop(self) -> None:
        subprocess.run([*self.als, str(self.bindir / "pg_ctl"), "stop", "-m", "immediate", "-D", str(self.map / "data")],
                       capture_output=True)
        shutil.rmtree(self.map, ignore_errors=True)

    def dsn(self, db: str = "postgres", gebruiker: str = BEHEERDER) -> str:
        return f"host={self.host} port={self.port} dbname={db} user={gebruiker} password={self.wachtwoord}"

    def sql(self, opdracht: str, db: str = "postgres") -> list[tuple]:
        """Een opdracht als beheerder (autocommit, dus ook CREATE DATABASE); geeft de rijen als die er zijn."""
        import psycopg

        with psycopg.connect(self.dsn(db), autocommit=True, connect_timeout=10) as verbinding:
            cursor = verbinding.execute(opdracht)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def nieuwe_database(self, naam: str | None = None) -> str:
        """Een lege database van de gebruiker `hub`; elke test de zijne, zodat tests elkaar niet zien."""
        naam = naam or f"t_{uuid.uuid4().hex[:16]}"
        self.sql(f'CREATE DATABASE "{naam}" OWNER {self.gebruiker}')
        return naam

    def instellingen(self, basis: Instellingen, db: str, **anders: object) -> Instellingen:
        return basis.met(eventstore="postgres", postgres_host=self.host, postgres_port=self.port, postgres_db=db,
                         postgres_user=self.gebruiker, postgres_password=self.wachtwoord, **anders)

    def omgeving(self, db: str) -> dict[str, str]:
        """De `HUB_…`-variabelen voor een subproces (zoals `hub serve`) op deze database."""
        return {"HUB_EVENTSTORE": "postgres", "HUB_POSTGRES_HOST": self.host, "HUB_POSTGRES_PORT": str(self.port),
                "HUB_POSTGRES_DB": db, "HUB_POSTGRES_USER": self.gebruiker, "HUB_POSTGRES_PASSWORD": self.wachtwoord}


def _niet_beschikbaar(reden: str) -> NoReturn:
    if os.environ.get(VEREIST) == "1":
        pytest.fail(f"{reden} ({VEREIST}=1: PostgreSQL-tests mogen niet overslaan)", pytrace=False)
    pytest.skip(reden)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    map_ = bindir()
    if map_ is None:
        _niet_beschikbaar("geen PostgreSQL gevonden (initdb/pg_ctl via pg_config of /usr/lib/postgresql/*/bin)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _niet_beschikbaar("psycopg ontbreekt; installeer de extra 'postgres'")
    try:
        server = PostgresServer.start(map_)
    except (RuntimeError, subprocess.CalledProcessError) as fout:
        uitleg = getattr(fout, "stderr", None) or str(fout)
        _niet_beschikbaar(f"PostgreSQL uit {map_} start niet: {uitleg}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_instellingen(postgres_server: PostgresServer, instellingen: Instellingen) -> Instellingen:
    return postgres_server.instellingen(instellingen, postgres_server.nieuwe_database())


def markeer_postgres(items: list[pytest.Item]) -> None:
    for item in items:
        if {"postgres_server", "postgres_instellingen"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)
