"""Een aanbieder op zijn eigen kantoor: `hub aanbieder toegang` bij de hub, `hub stuur --toegang` bij de aanbieder
(een andere datamap, zonder de geheimen van de hub), tegen een draaiende `hub serve`."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from tests.e2e.conftest import VOORBEELDEN
from tests.e2e.test_opdrachtregel import _hub, _vrije_poort


def _wacht_op_hub(map_, serve: subprocess.Popen) -> None:
    einde = time.monotonic() + 30
    while not (map_ / "hub.url").exists():
        assert time.monotonic() < einde and serve.poll() is None, serve.stderr.read() if serve.poll() is not None else ""
        time.sleep(0.1)


def test_aanbieder_stuurt_en_ontvangt_met_zijn_toegangsbestand_tot_het_wordt_ingetrokken(tmp_path):
    hub_map, kantoor = tmp_path / "hub", tmp_path / "kantoor"
    kantoor.mkdir()
    env_hub = {**os.environ, "HUB_DATA": str(hub_map)}
    env_kantoor = {**os.environ, "HUB_DATA": str(kantoor / "data")}
    serve = subprocess.Popen([sys.executable, "-m", "hub", "serve", "--poort", str(_vrije_poort())], env=env_hub,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wacht_op_hub(hub_map, serve)
        gemeente, matchez = kantoor / "gemeente.json", kantoor / "matchez.json"
        for afzender, pad in (("gemeente", gemeente), ("matchez", matchez)):
            uitgifte = _hub("aanbieder", "toegang", afzender, "--uit", str(pad), env=env_hub)
            assert uitgifte.returncode == 0, uitgifte.stderr
            assert "laat de sleutel nu toe" in uitgifte.stdout
        assert json.loads(matchez.read_text())["ca"].startswith("-----BEGIN CERTIFICATE-----")

        verstuurd = _hub("stuur", "--toegang", str(gemeente), str(VOORBEELDEN / "aanmelding.json"), env=env_kantoor)
        assert verstuurd.returncode == 0, verstuurd.stderr
        assert json.loads(verstuurd.stdout)["status"] == "geaccepteerd"
        inbox = _hub("ontvang", "--toegang", str(matchez), env=env_kantoor)
        assert [json.loads(r).get("type") for r in inbox.stdout.splitlines()] == ["aanmelding"]
        assert not (kantoor / "data" / "nats").exists()  # de aanbieder heeft geen geheimen van de hub nodig

        assert _hub("aanbieder", "toegang", "matchez", "--trek-in", env=env_hub).returncode == 0
        geweigerd = _hub("ontvang", "--toegang", str(matchez), env=env_kantoor)
        assert geweigerd.returncode == 3
        assert "weigert deze inloggegevens" in geweigerd.stderr and "Traceback" not in geweigerd.stderr

        weer = _hub("aanbieder", "toegang", "gemeente", "--uit", str(gemeente), env=env_hub)
        assert weer.returncode == 2 and "--vernieuw" in weer.stderr

        # een tweede hub-proces op deze broker, verkeerd ingesteld
        extern = {**env_kantoor, "HUB_NATS_URL": (hub_map / "hub.url").read_text(), "HUB_NATS_USER": "hub",
                  "HUB_NATS_PASSWORD": "fout"}
        zonder_ca = _hub("serve", env=extern, timeout=60)
        assert zonder_ca.returncode == 1 and "CA-certificaat" in zonder_ca.stderr and "Traceback" not in zonder_ca.stderr
        fout_wachtwoord = _hub("serve", env={**extern, "HUB_NATS_TLS_CA": str(hub_map / "nats" / "tls" / "ca.pem")},
                               timeout=60)
        assert fout_wachtwoord.returncode == 1 and "weigert deze inloggegevens" in fout_wachtwoord.stderr
        assert "Traceback" not in fout_wachtwoord.stderr
    finally:
        serve.send_signal(signal.SIGINT)
        assert serve.wait(30) == 0


def test_onbereikbare_of_verkeerd_ingestelde_broker_geeft_een_melding_zonder_traceback(tmp_path):
    env = {**os.environ, "HUB_DATA": str(tmp_path / "hub")}
    pad = tmp_path / "gemeente.json"
    poort = _vrije_poort()
    assert _hub("aanbieder", "toegang", "gemeente", "--uit", str(pad), "--adres", f"tls://127.0.0.1:{poort}",
                env=env).returncode == 0
    niemand = _hub("stuur", "--toegang", str(pad), str(VOORBEELDEN / "aanmelding.json"), env=env, timeout=60)
    assert niemand.returncode == 3 and "Traceback" not in niemand.stderr
    assert f"Geen verbinding met de broker op tls://127.0.0.1:{poort}" in niemand.stderr
    assert len(niemand.stderr.strip().splitlines()) == 1

    kapot = tmp_path / "kapot.json"
    kapot.write_text("{")
    uitkomst = _hub("ontvang", "--toegang", str(kapot), env=env)
    assert uitkomst.returncode == 2 and "niet te lezen" in uitkomst.stderr and "Traceback" not in uitkomst.stderr

    extern = _hub("serve", env={**env, "HUB_NATS_URL": f"nats://127.0.0.1:{poort}"}, timeout=60)
    assert extern.returncode != 0 and "Traceback" not in extern.stderr
    assert "Geen verbinding met de broker" in extern.stderr
