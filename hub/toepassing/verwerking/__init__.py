"""Van een gevalideerd bericht naar een commando op een aggregate, en terug naar een retour."""

from hub.toepassing.verwerking.verwerker import Doorzending, Uitkomst, Verwerker

__all__ = ["Doorzending", "Uitkomst", "Verwerker"]
