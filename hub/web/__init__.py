"""De webapplicatie voor de medewerkers van de gemeente; een ingang die alleen use cases uit de toepassingslaag aanroept."""

from hub.web.app import maak_app

__all__ = ["maak_app"]
