"""`hub serve` start naast broker en werkers ook de webapplicatie, en Ctrl-C stopt die mee; `hub web --data MAP`
opent een andere datamap (zoals die van de demo)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _luistert(poort: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", poort), timeout=0.2).close()
        return True
    except OSError:
        return False


def test_serve_start_de_webapplicatie_en_ctrl_c_stopt_haar(tmp_path):
    web = _vrije_poort()
    env = {**os.environ, "HUB_DATA": str(tmp_path)}
    serve = subprocess.Popen([sys.executable, "-m", "hub", "serve", "--poort", str(_vrije_poort()), "--web-poort", str(web)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        einde = time.monotonic() + 60
        while not _luistert(web):
            assert time.monotonic() < einde and serve.poll() is None, serve.stdout.read() if serve.stdout else ""
            time.sleep(0.1)
        pagina = httpx.get(f"http://127.0.0.1:{web}/aanmelden")
        assert pagina.status_code == 200 and "Gebruikersnaam" in pagina.text
        assert httpx.get(f"http://127.0.0.1:{web}/werkvoorraad").status_code == 303
    finally:
        serve.send_signal(signal.SIGINT)
        assert serve.wait(30) == 0
    uitvoer = serve.stdout.read() if serve.stdout else ""
    assert f"De webapplicatie draait op http://127.0.0.1:{web}/" in uitvoer
    assert not _luistert(web), "de webapplicatie stopt met de hub"


def test_web_met_een_datamap_zonder_eventstore_zegt_welke_map_wel(tmp_path):
    uitkomst = subprocess.run([sys.executable, "-m", "hub", "web", "--data", str(tmp_path / "leeg")],
                              env={**os.environ, "HUB_DATA": str(tmp_path)}, capture_output=True, text=True, timeout=60)
    assert uitkomst.returncode == 2 and "staat geen eventstore; kies de map van `hub demo`" in uitkomst.stderr


def test_de_webapplicatie_stopt_ook_als_de_hub_hard_wordt_beeindigd(tmp_path):
    """Na kill -9 van `hub serve` (geheugentekort, een supervisor) mag de webapplicatie niet als wees blijven: zij hield
    dan de poort bezet voor de hub die opnieuw start."""
    web = _vrije_poort()
    env = {**os.environ, "HUB_DATA": str(tmp_path)}
    serve = subprocess.Popen([sys.executable, "-m", "hub", "serve", "--poort", str(_vrije_poort()), "--web-poort", str(web)],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        einde = time.monotonic() + 60
        while not _luistert(web):
            assert time.monotonic() < einde and serve.poll() is None
            time.sleep(0.1)
    finally:
        serve.kill()
        serve.wait(10)
    einde = time.monotonic() + 15
    while _luistert(web) and time.monotonic() < einde:
        time.sleep(0.2)
    assert not _luistert(web), "de webapplicatie draait nog zonder de hub die haar startte"
