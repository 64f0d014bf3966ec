"""De apparaatcookie: een browser waarin een gebruiker zich met het juiste wachtwoord aanmeldde, krijgt een cookie met
zijn gebruikersnaam, een willekeurig kenmerk en het tijdstip, ondertekend met HMAC-SHA256 (de sleutel uit
`Onderdelen.apparaatsleutel`). Meer staat er niet in. Een cookie die niet klopt (veranderd, vervalst, met een andere
sleutel), telt als geen cookie; of hij bij de gebruiker hoort en nog geldt, beslist `Gebruikers.meld_aan`.

`HttpOnly`, `SameSite=Strict` (alleen het aanmeldformulier van de eigen site heeft hem nodig), en `Secure` met de naam
`__Host-hub-apparaat` zoals de sessiecookie. Afmelden laat hem staan: de browser blijft vertrouwd.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime

from fastapi import Request
from fastapi.responses import Response

from hub.aggregates.gebruiker import APPARAAT_GELDIG
from hub.toepassing.gebruikers import Apparaat
from hub.web.gedeeld import veilig

COOKIE = "hub-apparaat"
COOKIE_VEILIG = "__Host-hub-apparaat"
DOEL = b"hub-apparaat-v1"
"""Voorvoegsel van wat ondertekend wordt: een handtekening voor iets anders met dezelfde sleutel past niet."""


def _b64(gegevens: bytes) -> str:
    return base64.urlsafe_b64encode(gegevens).rstrip(b"=").decode("ascii")


def _uit_b64(tekst: str) -> bytes:
    return base64.urlsafe_b64decode(tekst + "=" * (-len(tekst) % 4))


class Apparaatcookies:
    def __init__(self, sleutel: bytes):
        self.sleutel = sleutel

    def _handtekening(self, inhoud: bytes) -> bytes:
        return hmac.new(self.sleutel, DOEL + b"|" + inhoud, hashlib.sha256).digest()

    def teken(self, apparaat: Apparaat) -> str:
        inhoud = f"{apparaat.gebruikersnaam}|{apparaat.kenmerk}|{int(apparaat.uitgegeven.timestamp())}".encode()
        return f"{_b64(inhoud)}.{_b64(self._handtekening(inhoud))}"

    def lees(self, waarde: str | None) -> Apparaat | None:
        if not waarde or len(waarde) > 512:
            return None
        try:
            deel, handtekening = waarde.split(".")
            inhoud = _uit_b64(deel)
            if not hmac.compare_digest(_uit_b64(handtekening), self._handtekening(inhoud)):
                return None
            gebruikersnaam, kenmerk, tijd = inhoud.decode().split("|")
            return Apparaat(gebruikersnaam, kenmerk, datetime.fromtimestamp(int(tijd), UTC))
        except (ValueError, OverflowError, OSError):
            return None


def _naam(request: Request) -> str:
    return COOKIE_VEILIG if veilig(request) else COOKIE


def apparaat_van(request: Request) -> Apparaat | None:
    cookies: Apparaatcookies = request.app.state.apparaatcookies
    return cookies.lees(request.cookies.get(_naam(request)))


def zet_apparaatcookie(request: Request, response: Response, apparaat: Apparaat) -> None:
    cookies: Apparaatcookies = request.app.state.apparaatcookies
    response.set_cookie(_naam(request), cookies.teken(apparaat), max_age=int(APPARAAT_GELDIG.total_seconds()),
                        httponly=True, samesite="strict", secure=veilig(request), path="/")
