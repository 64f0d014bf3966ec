"""De controle van factuurregels: zuivere regels over contract, geleverde prestatie en eerdere facturen.

Elke module houdt één groep regels; `regelcontrole` zet ze achter elkaar. Niets hier leest bestanden,
een broker of een database: de feiten komen binnen als gewone objecten (zie `feiten`).
"""

from hub.controle.bevindingen import Controlebevinding, Regeluitkomst
from hub.controle.feiten import Gefactureerd, Kop, Periodefeiten
from hub.controle.regelcontrole import Feiten, controleer_factuur
from hub.controle.trajectfeiten import Trajectfeiten

__all__ = [
    "Controlebevinding",
    "Feiten",
    "Gefactureerd",
    "Kop",
    "Periodefeiten",
    "Regeluitkomst",
    "Trajectfeiten",
    "controleer_factuur",
]
