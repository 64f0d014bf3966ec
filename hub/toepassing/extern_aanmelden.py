"""Aanmelden via de identiteitsprovider van de gemeente (OpenID Connect): doorsturen, en bij de terugkeer het
id_token laten controleren en de claim koppelen aan een gebruiker van de hub met zijn rollen.

Een aanvraag geldt één keer: de ingang haalt haar bij de terugkeer uit de sessie, ook als het misgaat."""

from __future__ import annotations

from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.gebruikers import Gebruikers, Profiel
from hub.toepassing.poorten import ExterneAanvraag, Identiteitsprovider


class ExternAanmelden:
    def __init__(self, provider: Identiteitsprovider, gebruikers: Gebruikers):
        self.provider = provider
        self.gebruikers = gebruikers

    @property
    def naam(self) -> str:
        return self.provider.naam

    def begin(self, terug: str) -> tuple[str, ExterneAanvraag]:
        return self.provider.begin(terug)

    def rond_af(self, aanvraag: ExterneAanvraag | None, code: str, state: str) -> Profiel:
        if aanvraag is None:
            raise Onuitvoerbaar(f"Deze aanmelding via {self.naam} is niet vanaf deze pagina begonnen of al gebruikt; "
                                "begin opnieuw met de knop op de aanmeldpagina.")
        claims = self.provider.rond_af(aanvraag, code, state)
        waarde = claims.get(self.provider.claim)
        if self.provider.claim == "email" and claims.get("email_verified") is False:
            raise Onuitvoerbaar(f"{self.naam} meldt dat uw e-mailadres niet bevestigd is; bevestig het daar en "
                                "probeer het opnieuw.")
        return self.gebruikers.meld_aan_extern(self.provider.claim, waarde if isinstance(waarde, str) else "", self.naam)
