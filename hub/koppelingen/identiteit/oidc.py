"""OpenID Connect (authorization code flow met PKCE) met authlib: de gegevens van de provider uit zijn discovery-
document, het id_token gecontroleerd tegen zijn JWKS.

Wat gecontroleerd wordt voordat een claim telt: `state` is die van deze poging; de code wordt met het client secret
en de code_verifier ingewisseld; het id_token is ondertekend met een sleutel uit de JWKS van de provider, met een
algoritme dat hij aankondigt (nooit `none`); `iss` is de uitgever uit het discovery-document, `aud` deze client,
`exp`/`iat` geldig en `nonce` die van deze poging.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import warnings
from typing import Any

import httpx
from authlib.integrations.base_client import OAuthError
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.poorten import ExterneAanvraag

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="The httpx module is deprecated")  # authlib raadt httpx2 aan; httpx werkt
    from authlib.integrations.httpx_client import OAuth2Client

WACHTTIJD = 10.0
SPELING = 60
"""seconden speling op `exp` en `iat` voor klokken die iets verschillen"""


class OpenIdConnect:
    def __init__(self, discovery_url: str, client_id: str, client_secret: str | None, claim: str = "email",
                 naam: str = "de gemeente", scope: str = "openid email profile"):
        self.discovery_url = discovery_url
        self.client_id = client_id
        self.client_secret = client_secret
        self.claim = claim
        self.naam = naam
        self.scope = scope
        self._metadata: dict[str, Any] | None = None
        self._sleutels: dict[str, Any] | None = None
        self._slot = threading.Lock()

    def begin(self, terug: str) -> tuple[str, ExterneAanvraag]:
        aanvraag = ExterneAanvraag(secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(48), terug)
        with self._client(terug) as client:
            url, _ = client.create_authorization_url(self._gegevens()["authorization_endpoint"], state=aanvraag.state,
                                                     nonce=aanvraag.nonce, code_verifier=aanvraag.code_verifier)
        return url, aanvraag

    def rond_af(self, aanvraag: ExterneAanvraag, code: str, state: str) -> dict[str, Any]:
        if not hmac.compare_digest(state.encode(), aanvraag.state.encode()):
            raise Onuitvoerbaar(f"Het antwoord van {self.naam} hoort niet bij deze aanmelding (state klopt niet); "
                                "er is niemand aangemeld. Begin opnieuw met de knop op de aanmeldpagina.")
        if not code:
            raise Onuitvoerbaar(f"{self.naam} gaf geen code terug; de aanmelding is afgebroken. Probeer het opnieuw.")
        gegevens = self._gegevens()
        try:
            with self._client(aanvraag.terug) as client:
                token = client.fetch_token(gegevens["token_endpoint"], code=code, code_verifier=aanvraag.code_verifier)
        except (OAuthError, httpx.HTTPError, ValueError) as fout:
            raise Onuitvoerbaar(f"{self.naam} wisselde de code niet in ({fout}); probeer het opnieuw.") from None
        if "id_token" not in token:
            raise Onuitvoerbaar(f"{self.naam} stuurde geen id_token terug; vraag de beheerder de koppeling na te kijken.")
        return self._controleer(token, aanvraag.nonce, gegevens)

    def _controleer(self, token: dict[str, Any], nonce: str, gegevens: dict[str, Any]) -> dict[str, Any]:
        algoritmen = [a for a in gegevens.get("id_token_signing_alg_values_supported", ["RS256"]) if a != "none"]
        register = JWSRegistry(algorithms=algoritmen, strict_check_header=False)
        try:
            try:
                gelezen = jwt.decode(token["id_token"], self._sleutelset(), registry=register)
            except JoseError:
                gelezen = jwt.decode(token["id_token"], self._sleutelset(opnieuw=True), registry=register)
            claims = CodeIDToken(gelezen.claims, gelezen.header, {"iss": {"values": [gegevens["issuer"]]}},
                                 {"nonce": nonce, "client_id": self.client_id, "access_token": token.get("access_token")})
            claims.validate(leeway=SPELING)
        except (JoseError, ValueError) as fout:
            raise Onuitvoerbaar(f"Het id_token van {self.naam} is afgewezen ({_uitleg(fout)}); er is niemand aangemeld. "
                                "Begin opnieuw met de knop op de aanmeldpagina.") from None
        return dict(claims)

    def _sleutelset(self, opnieuw: bool = False) -> KeySet:
        return KeySet.import_key_set(self._jwks(opnieuw))  # type: ignore[arg-type]

    def _client(self, terug: str) -> OAuth2Client:
        return OAuth2Client(self.client_id, self.client_secret, scope=self.scope, redirect_uri=terug,
                            code_challenge_method="S256", timeout=WACHTTIJD,
                            token_endpoint_auth_method="client_secret_basic" if self.client_secret else "none")

    def _gegevens(self) -> dict[str, Any]:
        with self._slot:
            if self._metadata is None:
                try:
                    antwoord = httpx.get(self.discovery_url, timeout=WACHTTIJD)
                    antwoord.raise_for_status()
                    metadata = antwoord.json()
                except (httpx.HTTPError, ValueError) as fout:
                    raise Onuitvoerbaar(f"{self.naam} is niet bereikbaar ({fout}); meld u aan met uw wachtwoord of probeer "
                                        "het later opnieuw.") from None
                ontbreekt = [k for k in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri") if k not in metadata]
                if ontbreekt:
                    raise Onuitvoerbaar(f"Het discovery-document van {self.naam} mist {', '.join(ontbreekt)}; vraag de "
                                        "beheerder HUB_OIDC_DISCOVERY_URL na te kijken.")
                self._metadata = metadata
            return self._metadata

    def _jwks(self, opnieuw: bool = False) -> dict[str, Any]:
        """De sleutels van de provider; opnieuw gehaald als een token een onbekende sleutel noemt (sleutelwissel)."""
        with self._slot:
            if self._sleutels is None or opnieuw:
                assert self._metadata is not None
                try:
                    antwoord = httpx.get(self._metadata["jwks_uri"], timeout=WACHTTIJD)
                    antwoord.raise_for_status()
                    self._sleutels = antwoord.json()
                except (httpx.HTTPError, ValueError) as fout:
                    raise Onuitvoerbaar(f"De sleutels van {self.naam} zijn niet op te halen ({fout}); probeer het later "
                                        "opnieuw.") from None
            assert self._sleutels is not None
            return self._sleutels


def _uitleg(fout: Exception) -> str:
    tekst = str(fout)
    if "nonce" in tekst:
        return "de nonce hoort niet bij deze aanmelding"
    if "iss" in tekst:
        return "een andere uitgever"
    if "aud" in tekst:
        return "voor een andere client"
    if "exp" in tekst or "expired" in tekst:
        return "verlopen"
    return tekst or type(fout).__name__
