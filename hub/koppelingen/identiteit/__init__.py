"""De identiteitsprovider van de gemeente: aanmelden via OpenID Connect."""

from hub.koppelingen.identiteit.oidc import OpenIdConnect

__all__ = ["OpenIdConnect"]
