"""TLS voor de clientpoort van de broker: een eigen CA en een servercertificaat in de datamap, of bestanden van de
beheerder (``HUB_NATS_TLS_CERT``, ``HUB_NATS_TLS_KEY``, ``HUB_NATS_TLS_CA``).

De ingebouwde server luistert altijd met TLS: ook op 127.0.0.1, zodat er nooit een configuratie bestaat die zonder
TLS bereikbaar is als iemand het adres opent. De CA-sleutel blijft in de datamap (modus 0600) en verlaat die niet;
een aanbieder krijgt alleen het CA-certificaat om de server te herkennen. Het servercertificaat wordt opnieuw
gemaakt als er een naam bij komt (``HUB_NATS_NAMEN``) of als het binnen 30 dagen verloopt; de CA blijft dan
dezelfde, zodat uitgegeven toegangsbestanden blijven werken.
"""

from __future__ import annotations

import ipaddress
import logging
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .identiteiten import schrijf_geheim

STANDAARD_NAMEN = ("localhost", "127.0.0.1")
CA_GELDIG = timedelta(days=10 * 365)
SERVER_GELDIG = timedelta(days=2 * 365)
VERNIEUW_VOOR = timedelta(days=30)


class _ZonderEofMelding(logging.Filter):
    """asyncio meldt bij elke TLS-verbinding die nats-py sluit "returning true from eof_received() has no effect when
    using ssl": onschadelijk, maar het zou elke opdracht van een aanbieder met een waarschuwing laten eindigen."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "eof_received()" not in record.getMessage()


logging.getLogger("asyncio").addFilter(_ZonderEofMelding())


class TlsFout(RuntimeError):
    """Een certificaat of sleutel ontbreekt of past niet; de tekst zegt welk bestand en wat te doen."""


@dataclass(frozen=True)
class Certificaten:
    cert: Path
    key: Path
    ca: Path

    def server_blok(self) -> dict:
        """Het ``tls``-blok van de nats-serverconfiguratie."""
        return {"cert_file": str(self.cert), "key_file": str(self.key), "timeout": 5}


def client_context(ca: Path | str | None) -> ssl.SSLContext:
    """Vertrouwt alleen de CA van de hub (of, zonder CA, de CA's van het systeem)."""
    try:
        return ssl.create_default_context(cafile=str(ca) if ca else None)
    except (OSError, ssl.SSLError) as fout:
        raise TlsFout(f"het CA-certificaat {ca} is niet te lezen ({fout}): controleer het pad of vraag de hub "
                      "om een nieuw toegangsbestand") from fout


def client_context_uit_pem(ca_pem: str) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cadata=ca_pem)
    except (ssl.SSLError, ValueError) as fout:
        raise TlsFout(f"het CA-certificaat in het toegangsbestand is ongeldig ({fout}): vraag de hub om een "
                      "nieuw toegangsbestand") from fout


def gegeven(cert: Path | None, key: Path | None, ca: Path | None) -> Certificaten | None:
    """Certificaten van de beheerder; alle drie of geen."""
    paden = {"HUB_NATS_TLS_CERT": cert, "HUB_NATS_TLS_KEY": key, "HUB_NATS_TLS_CA": ca}
    if not any(paden.values()):
        return None
    ontbreekt = [naam for naam, pad in paden.items() if pad is None]
    if ontbreekt:
        raise TlsFout(f"zet ook {', '.join(ontbreekt)}: eigen TLS-certificaten vragen een certificaat, de sleutel "
                      "en het CA-certificaat waarmee aanbieders de server herkennen")
    niet_gevonden = [f"{naam}={pad}" for naam, pad in paden.items() if pad is not None and not pad.is_file()]
    if niet_gevonden:
        raise TlsFout(f"bestand niet gevonden: {', '.join(niet_gevonden)}")
    assert cert and key and ca
    return Certificaten(cert, key, ca)


def zorg_voor_certificaten(map_: Path, namen: list[str], nu: datetime | None = None) -> Certificaten:
    """De CA en het servercertificaat in ``map_``; maakt wat ontbreekt, verouderd is of een naam mist."""
    nu = nu or datetime.now(UTC)
    map_.mkdir(parents=True, exist_ok=True, mode=0o700)
    namen = list(dict.fromkeys([*STANDAARD_NAMEN, *namen]))
    ca_cert_pad, ca_key_pad = map_ / "ca.pem", map_ / "ca-key.pem"
    cert_pad, key_pad = map_ / "server.pem", map_ / "server-key.pem"
    if ca_cert_pad.is_file() and ca_key_pad.is_file():
        ca_cert = x509.load_pem_x509_certificate(ca_cert_pad.read_bytes())
        ca_key = serialization.load_pem_private_key(ca_key_pad.read_bytes(), password=None)
    else:
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_cert = _ca(ca_key, nu)
        schrijf_geheim(ca_key_pad, _pem_sleutel(ca_key))
        ca_cert_pad.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
        cert_pad.unlink(missing_ok=True)
    assert isinstance(ca_key, ec.EllipticCurvePrivateKey)
    if not _server_cert_past(cert_pad, key_pad, ca_cert, namen, nu):
        key = ec.generate_private_key(ec.SECP256R1())
        schrijf_geheim(key_pad, _pem_sleutel(key))
        cert_pad.write_bytes(_server(key, ca_key, ca_cert, namen, nu).public_bytes(serialization.Encoding.PEM))
    return Certificaten(cert_pad, key_pad, ca_cert_pad)


def _pem_sleutel(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def _ca(key: ec.EllipticCurvePrivateKey, nu: datetime) -> x509.Certificate:
    naam = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Re-integratie hub broker-CA")])
    return (
        x509.CertificateBuilder().subject_name(naam).issuer_name(naam).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - timedelta(minutes=5)).not_valid_after(nu + CA_GELDIG)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def _alternatieve_namen(namen: list[str]) -> list[x509.GeneralName]:
    resultaat: list[x509.GeneralName] = []
    for naam in namen:
        try:
            resultaat.append(x509.IPAddress(ipaddress.ip_address(naam)))
        except ValueError:
            resultaat.append(x509.DNSName(naam))
    return resultaat


def _server(key: ec.EllipticCurvePrivateKey, ca_key: ec.EllipticCurvePrivateKey, ca: x509.Certificate,
            namen: list[str], nu: datetime) -> x509.Certificate:
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, namen[0])]))
        .issuer_name(ca.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(nu - timedelta(minutes=5)).not_valid_after(min(nu + SERVER_GELDIG, ca.not_valid_after_utc))
        .add_extension(x509.SubjectAlternativeName(_alternatieve_namen(namen)), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )


def _server_cert_past(cert_pad: Path, key_pad: Path, ca: x509.Certificate, namen: list[str], nu: datetime) -> bool:
    if not (cert_pad.is_file() and key_pad.is_file()):
        return False
    try:
        cert = x509.load_pem_x509_certificate(cert_pad.read_bytes())
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (ValueError, x509.ExtensionNotFound):
        return False
    return (cert.issuer == ca.subject and cert.not_valid_after_utc - VERNIEUW_VOOR > nu
            and set(_alternatieve_namen(namen)) <= set(san))
