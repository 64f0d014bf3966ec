"""Instellingen, één keer gelezen uit de omgeving (`HUB_…`). Wisselen van opslag of broker is configuratie, geen code.

Alleen de bootstrap leest de omgeving; al het andere krijgt een `Instellingen` aangereikt. Geheimen
(wachtwoorden, de sleutel van de eventstore) zijn `SecretStr`: ze staan niet in `repr` of in een foutmelding.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_PROJECTMAP = Path(__file__).resolve().parent.parent
VOORVOEGSEL = "HUB_"


class InstellingFout(ValueError):
    """Een instelling in de omgeving klopt niet; de tekst noemt de variabele en wat wel kan."""


class Instellingen(BaseSettings):
    """`nats_sync`: hoe vaak de ingebouwde broker naar schijf schrijft. Standaard elke seconde: het eigenlijke
    bewijs van ontvangst is de retour, die pas komt als het feit in de eventstore staat; wie geen retour krijgt,
    stuurt opnieuw met dezelfde berichtId, en dat is onschadelijk. `always` schrijft elk bericht meteen weg.

    `nats_host`: waar de ingebouwde broker luistert; standaard alleen op deze machine, `0.0.0.0` opent hem voor het
    netwerk (altijd met TLS). `nats_namen`: de namen (komma's ertussen) waaronder aanbieders de hub bereiken; ze
    komen in het servercertificaat en de eerste in het toegangsbestand van een aanbieder. `nats_tls_cert`,
    `nats_tls_key`, `nats_tls_ca`: eigen certificaten in plaats van die de hub zelf maakt (de CA ook voor een eigen
    NATS met TLS).

    `web_https`: de webapplicatie staat achter https (een proxy die TLS afhandelt); de sessiecookie krijgt dan altijd
    `Secure`. Zonder deze instelling krijgt ze `Secure` alleen als het verzoek zelf over https kwam.

    `web_sleutel`: waarmee de webapplicatie de apparaatcookie ondertekent (een browser waarin een gebruiker zich eerder
    aanmeldde). Zonder deze instelling maakt de hub er zelf een in de datamap (`web-sleutel`).

    `gebruiker`, `wachtwoord`: voor scripts die op de opdrachtregel besluiten (`hub factuur keur-goed`, `hub betaalbatch
    geef-vrij`): als wie, zonder dat het wachtwoord gevraagd wordt. Het wachtwoord wordt gecontroleerd zoals bij het
    aanmelden in de webapplicatie (met blokkade na mislukte pogingen).

    `oidc_…`: aanmelden via de identiteitsprovider van de gemeente (OpenID Connect), naast het wachtwoord. Aan zodra
    `oidc_discovery_url` en `oidc_client_id` gezet zijn. `oidc_claim` zegt welke claim uit het id_token de gebruiker
    van de hub aanwijst (`email` of `sub`); koppel die waarde met `hub gebruiker maak … --extern WAARDE`.
    """

    model_config = SettingsConfigDict(env_prefix=VOORVOEGSEL, env_ignore_empty=True, extra="ignore", frozen=True,
                                      validate_default=True)

    data: Path = Path("hub-data")
    contracten: Path = _PROJECTMAP / "contracts"
    eventstore: Literal["sqlite", "postgres"] = "sqlite"
    postgres_db: str = "hub"
    postgres_host: str = "127.0.0.1"
    postgres_port: int = 5432
    postgres_user: str = "hub"
    postgres_password: SecretStr = SecretStr("")
    postgres_schema: str = ""
    nats_url: str | None = None
    """Een eigen NATS in plaats van de ingebouwde; een cluster als komma-gescheiden lijst (`nats://a:4222,nats://b:4222`)."""
    nats_replicas: int | None = None
    """Kopieën van elke stream; zonder instelling 3 als `nats_url` drie of meer servers noemt, anders 1."""
    nats_user: str | None = None
    nats_password: SecretStr | None = None
    nats_cluster_password: SecretStr | None = None
    """Wachtwoord waarmee de servers van een NATS-cluster elkaar herkennen (`hub broker configuratie --cluster`)."""
    nats_poort: int = 4222
    nats_sync: str = "1s"
    nats_host: str = "127.0.0.1"
    nats_namen: str = ""
    nats_tls_cert: Path | None = None
    nats_tls_key: Path | None = None
    nats_tls_ca: Path | None = None
    sleutel: SecretStr | None = None
    web_poort: int = 8080
    web_https: bool = False
    web_sleutel: SecretStr | None = None
    oidc_discovery_url: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_claim: Literal["email", "sub"] = "email"
    oidc_naam: str = "de gemeente"
    gebruiker: str | None = None
    wachtwoord: SecretStr | None = None

    @field_validator("data", "contracten")
    @classmethod
    def _absoluut(cls, pad: Path) -> Path:
        return pad.resolve()

    @property
    def sqlite_bestand(self) -> Path:
        return self.data / "hub.sqlite"

    @property
    def oidc_aan(self) -> bool:
        return bool(self.oidc_discovery_url and self.oidc_client_id)

    @property
    def nats_naamlijst(self) -> list[str]:
        return [naam.strip() for naam in self.nats_namen.split(",") if naam.strip()]

    @property
    def sleutel_tekst(self) -> str | None:
        return self.sleutel.get_secret_value() if self.sleutel else None

    def met(self, **wijzigingen: object) -> Instellingen:
        """Een kopie met andere waarden, opnieuw gecontroleerd."""
        return type(self).model_validate({**self.model_dump(), **wijzigingen})

    @property
    def eventstore_plek(self) -> str:
        """Waar de events staan, voor een melding aan de gebruiker (zonder wachtwoord)."""
        if self.eventstore == "postgres":
            schema = f", schema {self.postgres_schema}" if self.postgres_schema else ""
            return f"PostgreSQL {self.postgres_host}:{self.postgres_port}, database {self.postgres_db}{schema}"
        return str(self.sqlite_bestand)

    @classmethod
    def uit_omgeving(cls, omgeving: Mapping[str, str] | None = None) -> Instellingen:
        """Uit de procesomgeving, of uit `omgeving` alleen (dan telt de procesomgeving niet mee)."""
        try:
            if omgeving is None:
                return cls()
            waarden = {
                naam: omgeving[sleutel]
                for naam in cls.model_fields
                if (sleutel := f"{VOORVOEGSEL}{naam.upper()}") in omgeving and omgeving[sleutel] != ""
            }
            return cls.model_validate(waarden)
        except ValidationError as fout:
            raise InstellingFout(_melding(fout)) from None


def _melding(fout: ValidationError) -> str:
    delen = []
    for probleem in fout.errors():
        naam = f"{VOORVOEGSEL}{str(probleem['loc'][0]).upper()}" if probleem["loc"] else VOORVOEGSEL + "…"
        toegestaan = probleem.get("ctx", {}).get("expected")
        uitleg = f"kies {toegestaan}" if toegestaan else "controleer de waarde"
        delen.append(f"{naam}={probleem.get('input')!r} is ongeldig; {uitleg}.")
    return " ".join(delen)
