"""TLS op de clientpoort van de ingebouwde broker: zonder het CA-certificaat van de hub geen verbinding."""

import json
import socket

import pytest
from cryptography import x509

from hub.koppelingen.broker.nats_server import EmbeddedNats
from hub.koppelingen.broker.streams import BrokerFout, verbind, verbind_afzender
from hub.koppelingen.broker.tls import TlsFout, gegeven, zorg_voor_certificaten

from .conftest import AFZENDERS

pytestmark = pytest.mark.broker


def _info(url: str) -> dict:
    host, poort = url.removeprefix("tls://").rsplit(":", 1)
    with socket.create_connection((host, int(poort)), timeout=2) as s:
        regel = s.recv(4096).split(b"\r\n")[0]
    return json.loads(regel.removeprefix(b"INFO "))


async def test_server_eist_tls_en_alleen_de_ca_van_de_hub_wordt_vertrouwd(server):
    assert _info(server.url)["tls_required"] is True
    with pytest.raises(BrokerFout, match="certificaat"):
        await verbind(server.url, "matchez", server.identiteiten.wachtwoord("matchez"))  # CA's van het systeem
    zonder_tls = server.url.replace("tls://", "nats://")
    with pytest.raises(BrokerFout):
        await verbind(zonder_tls, "matchez", server.identiteiten.wachtwoord("matchez"))
    nc = await verbind_afzender(server.url, "matchez", server.identiteiten, allow_reconnect=False)
    assert nc.is_connected
    await nc.close()


async def test_een_andere_ca_wordt_geweigerd(server, tmp_path):
    vreemd = zorg_voor_certificaten(tmp_path / "vreemd", [])
    with pytest.raises(BrokerFout, match="CA-certificaat"):
        await verbind(server.url, "matchez", server.identiteiten.wachtwoord("matchez"), ca=vreemd.ca)


async def test_open_voor_het_netwerk_alleen_met_tls(tmp_path):
    async with EmbeddedNats(tmp_path, AFZENDERS, port=None, host="0.0.0.0", namen=["hub.example.nl"]) as server:
        config = json.loads(server.config_pad.read_text())
        assert config["host"] == "0.0.0.0"
        assert config["tls"]["cert_file"] == str(server.certificaten.cert)
        assert _info(server.url)["tls_required"] is True
        cert = x509.load_pem_x509_certificate(server.certificaten.cert.read_bytes())
        namen = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        assert "hub.example.nl" in namen.get_values_for_type(x509.DNSName)


def test_een_nieuwe_naam_vernieuwt_het_servercertificaat_met_dezelfde_ca(tmp_path):
    eerste = zorg_voor_certificaten(tmp_path, [])
    ca, cert = eerste.ca.read_bytes(), eerste.cert.read_bytes()
    assert zorg_voor_certificaten(tmp_path, []).cert.read_bytes() == cert
    tweede = zorg_voor_certificaten(tmp_path, ["hub.gemeente.nl"])
    assert tweede.ca.read_bytes() == ca
    assert tweede.cert.read_bytes() != cert
    assert oct(tweede.key.stat().st_mode & 0o777) == "0o600"
    assert oct((tmp_path / "ca-key.pem").stat().st_mode & 0o777) == "0o600"


def test_eigen_certificaten_vragen_alle_drie_de_bestanden(tmp_path):
    assert gegeven(None, None, None) is None
    eigen = zorg_voor_certificaten(tmp_path, [])
    with pytest.raises(TlsFout, match="HUB_NATS_TLS_KEY"):
        gegeven(eigen.cert, None, eigen.ca)
    with pytest.raises(TlsFout, match="niet gevonden"):
        gegeven(eigen.cert, tmp_path / "weg.pem", eigen.ca)
    assert gegeven(eigen.cert, eigen.key, eigen.ca) == eigen


async def test_eigen_certificaten_uit_de_instellingen(tmp_path):
    eigen = zorg_voor_certificaten(tmp_path / "eigen", ["broker.gemeente.nl"])
    async with EmbeddedNats(tmp_path / "data", AFZENDERS, port=None, certificaten=eigen) as server:
        assert not (tmp_path / "data" / "nats" / "tls").exists()
        assert server.identiteiten.ca == eigen.ca
        nc = await verbind_afzender(server.url, "gemeente", server.identiteiten, allow_reconnect=False)
        await nc.close()
