"""De opdrachtregel zoals de back-office van een provider hem gebruikt: stuur, ontvang, serve."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

from tests.e2e.conftest import VOORBEELDEN


def _hub(*args: str, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hub", *args], env=env, capture_output=True, text=True, timeout=timeout)


def test_stuur_zonder_draaiende_hub_start_er_tijdelijk_een_en_bewaart_de_feiten(tmp_path):
    env = {**os.environ, "HUB_DATA": str(tmp_path)}
    eerste = _hub("stuur", "--als", "gemeente", str(VOORBEELDEN / "aanmelding.xml"), env=env)
    assert eerste.returncode == 0, eerste.stderr
    [regel] = eerste.stdout.strip().splitlines()
    retour = json.loads(regel)
    assert set(retour) == {"berichtId", "status", "fouten", "signalen"} and retour["status"] == "geaccepteerd"

    tweede = _hub("stuur", "--als", "matchez", str(VOORBEELDEN / "intake.json"), str(VOORBEELDEN / "nazorg.json"), env=env)
    assert tweede.returncode == 1
    intake, nazorg = (json.loads(r) for r in tweede.stdout.strip().splitlines())
    assert intake["status"] == "geaccepteerd"
    assert nazorg["status"] == "afgewezen" and nazorg["fouten"][0]["code"] == "ONGELDIGE_VOLGORDE"

    inbox = _hub("ontvang", "--als", "matchez", env=env)
    typen = [json.loads(r).get("type") for r in inbox.stdout.strip().splitlines()]
    assert "aanmelding" in typen


def test_stuur_als_onbekende_afzender(tmp_path):
    uitkomst = _hub("stuur", "--als", "onbekend", str(VOORBEELDEN / "intake.json"), env={**os.environ, "HUB_DATA": str(tmp_path)})
    assert uitkomst.returncode == 2 and "Onbekende afzender" in uitkomst.stderr


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_draait_tot_ctrl_c_en_stuur_gebruikt_die_hub(tmp_path):
    env = {**os.environ, "HUB_DATA": str(tmp_path)}
    serve = subprocess.Popen([sys.executable, "-m", "hub", "serve", "--poort", str(_vrije_poort()), "--zonder-web"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        einde = time.monotonic() + 30
        while not (tmp_path / "hub.url").exists():
            assert time.monotonic() < einde and serve.poll() is None, serve.stderr.read() if serve.poll() is not None else ""
            time.sleep(0.1)
        uitkomst = _hub("stuur", "--als", "gemeente", str(VOORBEELDEN / "aanmelding.json"), env=env)
        assert json.loads(uitkomst.stdout)["status"] == "geaccepteerd"
        tweede_serve = _hub("serve", "--zonder-web", env=env, timeout=30)
        assert tweede_serve.returncode == 1 and "draait al een hub" in tweede_serve.stderr
    finally:
        serve.send_signal(signal.SIGINT)
        assert serve.wait(30) == 0
    pid = (tmp_path / "nats" / "nats-server.pid")
    assert not pid.exists() or not _leeft(int(pid.read_text().strip() or 0))
    assert not (tmp_path / "hub.url").exists()


def _leeft(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, ValueError):
        return False
    return True
