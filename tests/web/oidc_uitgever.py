"""Een kleine OpenID Connect-provider voor de tests: de plaatsvervanger van de identiteitsprovider van de gemeente.

Echte HTTP op een vrije poort (uvicorn in een draad), met discovery, JWKS, een autorisatie-eindpunt dat meteen
terugstuurt namens `wie` (er is geen inlogscherm), en een token-eindpunt dat client secret, redirect_uri en PKCE
controleert en een RS256-id_token ondertekent. `vervals_nonce` laat het een id_token met een andere nonce uitgeven.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import socket
import threading
import time
from typing import Any
from urllib.parse import urlencode

import uvicorn
from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

CLIENT_ID = "hub-amstelveen"
CLIENT_SECRET = "geheim-van-de-client-voor-de-test"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Uitgever:
    def __init__(self) -> None:
        self.poort = _vrije_poort()
        self.issuer = f"http://127.0.0.1:{self.poort}"
        self.sleutel = RSAKey.generate_key(2048, parameters={"kid": "sleutel-1", "use": "sig", "alg": "RS256"})
        self.wie: dict[str, Any] = {}
        self.vervals_nonce = False
        self.codes: dict[str, dict[str, Any]] = {}
        self.app = Starlette(routes=[
            Route("/.well-known/openid-configuration", self._discovery),
            Route("/jwks", self._jwks),
            Route("/authorize", self._authorize),
            Route("/token", self._token, methods=["POST"]),
        ])
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.poort, log_level="warning"))
        self.draad = threading.Thread(target=self.server.run, daemon=True)

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def __enter__(self) -> Uitgever:
        self.draad.start()
        while not self.server.started:
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.draad.join(timeout=10)

    async def _discovery(self, _: Request) -> Response:
        return JSONResponse({
            "issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"],
        })

    async def _jwks(self, _: Request) -> Response:
        return JSONResponse({"keys": [self.sleutel.as_dict(private=False)]})

    async def _authorize(self, request: Request) -> Response:
        q = request.query_params
        if q.get("client_id") != CLIENT_ID or q.get("response_type") != "code" or q.get("code_challenge_method") != "S256":
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"redirect_uri": q["redirect_uri"], "nonce": q.get("nonce"),
                            "challenge": q["code_challenge"], "claims": dict(self.wie)}
        return RedirectResponse(f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q.get('state', '')})}", 302)

    async def _token(self, request: Request) -> Response:
        form = await request.form()
        verwacht = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if request.headers.get("authorization") != verwacht:
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        gegeven = self.codes.pop(str(form.get("code")), None)
        if gegeven is None or form.get("redirect_uri") != gegeven["redirect_uri"]:
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        verifier = str(form.get("code_verifier") or "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if challenge != gegeven["challenge"]:
            return JSONResponse({"error": "invalid_grant", "error_description": "PKCE"}, status_code=400)
        nu = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "iat": nu, "exp": nu + 300,
                  "nonce": "een-andere-nonce" if self.vervals_nonce else gegeven["nonce"], **gegeven["claims"]}
        id_token = jwt.encode({"alg": "RS256", "kid": "sleutel-1"}, claims, self.sleutel)
        return JSONResponse({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer", "expires_in": 300,
                             "id_token": id_token})
