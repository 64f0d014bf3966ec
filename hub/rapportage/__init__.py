"""De kwartaalrapportage voor de inkoper: kengetallen per aanbieder, gemeente en kwartaal, uit de leesmodellen."""

from hub.rapportage.berekening import Rapporteur
from hub.rapportage.kengetallen import Kengetal, als_dict, kengetallen
from hub.rapportage.model import Kwartaalrapport, Providercijfers
from hub.rapportage.samenvatting import Samenvatting, samenvatting

__all__ = ["Kengetal", "Kwartaalrapport", "Providercijfers", "Rapporteur", "Samenvatting", "als_dict", "kengetallen", "samenvatting"]
