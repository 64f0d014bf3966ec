"""Elke werker een eigen CPU-budget (een cgroup met een quotum), zoals elk op een eigen machine.

Op een machine met twee cores delen de werkers, de nats-server, PostgreSQL en de afzenders dezelfde cores: twee
werkers kunnen daar niet twee keer zoveel doen als één, hoe goed ze ook samenwerken. Met een vast budget per werker
(bijvoorbeeld 0,4 core) meet de benchmark wat een extra werker oplevert zolang de rest niet de grens is, zoals
`docker run --cpus` of `cpus:` in docker-compose dat per container doet. Werkt met cgroup v2 (`cpu.max`) en v1
(`cpu.cfs_quota_us`); vraagt schrijfrechten op /sys/fs/cgroup.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PERIODE_US = 100_000
WORTEL = Path("/sys/fs/cgroup")


def _v2() -> Path | None:
    controllers = WORTEL / "cgroup.controllers"
    return WORTEL if controllers.exists() and "cpu" in controllers.read_text().split() else None


def _v1() -> Path | None:
    for naam in ("cpu", "cpu,cpuacct"):
        if (WORTEL / naam / "cpu.cfs_quota_us").exists():
            return WORTEL / naam
    return None


class CpuGrens:
    """`plaats(pid)`: het proces (met al zijn threads) krijgt `cores` CPU-tijd per seconde, in een eigen groep."""

    def __init__(self, cores: float):
        if not 0 < cores <= (os.cpu_count() or 1):
            raise SystemExit(f"--cpu-per-werker {cores}: geef een deel van een core, groter dan 0")
        self.cores = cores
        self.v2, self.v1 = _v2(), _v1()
        if self.v2 is None and self.v1 is None:
            raise SystemExit("geen cgroup met de cpu-controller gevonden onder /sys/fs/cgroup: draai zonder "
                             "--cpu-per-werker, of op een machine waar dat kan")
        self.groepen: list[Path] = []

    def plaats(self, pid: int) -> None:
        quotum = int(self.cores * PERIODE_US)
        groep = (self.v2 or self.v1) / f"hub-bench-{os.getpid()}-{len(self.groepen)}"  # type: ignore[operator]
        try:
            groep.mkdir()
            if self.v2 is not None:
                (groep / "cpu.max").write_text(f"{quotum} {PERIODE_US}")
            else:
                (groep / "cpu.cfs_period_us").write_text(str(PERIODE_US))
                (groep / "cpu.cfs_quota_us").write_text(str(quotum))
            (groep / "cgroup.procs").write_text(str(pid))
        except OSError as fout:
            raise SystemExit(f"kon geen CPU-grens zetten in {groep} ({fout.strerror}): draai als root, of zonder "
                             "--cpu-per-werker") from None
        self.groepen.append(groep)

    def ruim_op(self) -> None:
        """Na afloop: wat nog leeft terug naar de bovenliggende groep, dan de groepen weg."""
        for groep in self.groepen:
            with contextlib.suppress(OSError):
                for pid in (groep / "cgroup.procs").read_text().split():
                    (groep.parent / "cgroup.procs").write_text(pid)
                groep.rmdir()
        self.groepen.clear()
