"""De eerder ontvangen regels, zo opgezocht als de regels ze nodig hebben.

Een regel wordt alleen getoetst tegen regels van dezelfde aanbieder en gemeente op hetzelfde traject
(dubbel, nazorg, omzetting), op dezelfde jobcoachperiode (uren) en tegen het goedgekeurde in een leverjaar
(plafonds). `OntvangenRegels` houdt die drie ingangen bij terwijl regels binnenkomen en besluiten wijzigen;
`UitRegels` leidt ze af uit een `regels_van` (voor feiten als gewone lijsten).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from hub.controle.feiten import Gefactureerd, Periodefeiten
from hub.controle.trajectfeiten import Trajectfeiten

Groep = tuple[str, str]


class Goedgekeurd:
    """Goedgekeurde regels van één aanbieder bij één gemeente met een leverdatum in één jaar."""

    def __init__(self) -> None:
        self.regels: dict[int, Gefactureerd] = {}
        self.som = Decimal(0)
        self.clienten: Counter[str] = Counter()

    def voeg_toe(self, g: Gefactureerd) -> None:
        self.regels[id(g)] = g
        self.som += _goedgekeurd(g)
        self.clienten[g.regel.client_sleutel] += 1

    def haal_weg(self, g: Gefactureerd) -> None:
        if self.regels.pop(id(g), None) is None:
            return
        self.som = sum((_goedgekeurd(r) for r in self.regels.values()), Decimal(0))
        sleutel = g.regel.client_sleutel
        self.clienten[sleutel] -= 1
        if not self.clienten[sleutel]:
            del self.clienten[sleutel]

    def zonder(self, g: Gefactureerd) -> tuple[Decimal, Clienten]:
        """Het goedgekeurde bedrag en de cliënten als `g` niet meetelt."""
        if id(g) not in self.regels:
            return self.som, Clienten(self.clienten, None)
        return self.som - _goedgekeurd(g), Clienten(self.clienten, g.regel.client_sleutel)


class Clienten:
    def __init__(self, aantallen: Counter[str], behalve: str | None):
        self._aantallen = aantallen
        self._behalve = behalve

    def __contains__(self, sleutel: object) -> bool:
        aantal = self._aantallen.get(sleutel, 0)  # type: ignore[call-overload]
        return aantal > (1 if sleutel == self._behalve else 0)

    def __iter__(self) -> Iterator[str]:
        return (s for s, n in self._aantallen.items() if n > (1 if s == self._behalve else 0))

    def __len__(self) -> int:
        return len(self._aantallen) - (1 if self._behalve is not None and self._aantallen.get(self._behalve) == 1 else 0)


def _goedgekeurd(g: Gefactureerd) -> Decimal:
    """Een regel in `Goedgekeurd` heeft altijd een goedgekeurd bedrag."""
    return g.goedgekeurd_bedrag or Decimal(0)


def _jaar(g: Gefactureerd) -> int | None:
    dag = g.regel.leverdatum
    return dag.year if dag is not None else None


class OntvangenRegels:
    """Ook de `Feiten` van `controleer_regel`: trajecten en periodes komen uit de meegegeven tabellen."""

    def __init__(self, trajecten: dict[tuple[str, str], Trajectfeiten], periodes: dict[tuple[str, str], Periodefeiten],
                 regels: Iterable[Gefactureerd] = ()):
        self._trajecten = trajecten
        self._periodes = periodes
        self._per_aanbieder: dict[Groep, list[Gefactureerd]] = {}
        self._op_traject: dict[tuple[str, str, str | None], list[Gefactureerd]] = {}
        self._op_periode: dict[tuple[str, str, str], list[Gefactureerd]] = {}
        self._goedgekeurd: dict[tuple[str, str, int], Goedgekeurd] = {}
        for g in sorted(regels, key=lambda g: g.volgorde):
            self.voeg_toe(g)

    def traject(self, gemeente: str, traject_id: str) -> Trajectfeiten | None:
        return self._trajecten.get((gemeente, traject_id))

    def periode(self, gemeente: str, periode_id: str) -> Periodefeiten | None:
        return self._periodes.get((gemeente, periode_id))

    def periodes_op_traject(self, gemeente: str, traject_id: str) -> list[Periodefeiten]:
        return [p for p in self._periodes.values() if p.gemeente == gemeente and p.traject_id == traject_id]

    def regels_van(self, afzender: str, gemeente: str) -> list[Gefactureerd]:
        return self._per_aanbieder.get((afzender, gemeente), [])

    def op_traject(self, afzender: str, gemeente: str, traject_id: str | None) -> list[Gefactureerd]:
        return self._op_traject.get((afzender, gemeente, traject_id), [])

    def op_periode(self, afzender: str, gemeente: str, periode_id: str) -> list[Gefactureerd]:
        return self._op_periode.get((afzender, gemeente, periode_id), [])

    def goedgekeurd(self, regel: Gefactureerd, jaar: int) -> tuple[Decimal, Clienten]:
        groep = self._goedgekeurd.get((regel.afzender, regel.gemeente, jaar))
        if groep is None:
            return Decimal(0), Clienten(Counter(), None)
        return groep.zonder(regel)

    def voeg_toe(self, g: Gefactureerd) -> None:
        a, gem, r = g.afzender, g.gemeente, g.regel
        self._per_aanbieder.setdefault((a, gem), []).append(g)
        self._op_traject.setdefault((a, gem, r.traject_id), []).append(g)
        if r.periode_id is not None:
            self._op_periode.setdefault((a, gem, r.periode_id), []).append(g)
        self.na_besluit(g)

    def voor_besluit(self, g: Gefactureerd) -> None:
        jaar = _jaar(g)
        groep = self._goedgekeurd.get((g.afzender, g.gemeente, jaar)) if jaar is not None else None
        if groep is not None:
            groep.haal_weg(g)

    def na_besluit(self, g: Gefactureerd) -> None:
        jaar = _jaar(g)
        if jaar is not None and g.goedgekeurd_bedrag is not None:
            self._goedgekeurd.setdefault((g.afzender, g.gemeente, jaar), Goedgekeurd()).voeg_toe(g)


class UitRegels:
    """De ingangen van `OntvangenRegels` voor feiten die alleen `regels_van` kennen."""

    def __init__(self, feiten: Any):
        self._feiten = feiten

    def op_traject(self, afzender: str, gemeente: str, traject_id: str | None) -> list[Gefactureerd]:
        return [g for g in self._feiten.regels_van(afzender, gemeente) if g.regel.traject_id == traject_id]

    def op_periode(self, afzender: str, gemeente: str, periode_id: str) -> list[Gefactureerd]:
        return [g for g in self._feiten.regels_van(afzender, gemeente) if g.regel.periode_id == periode_id]

    def goedgekeurd(self, regel: Gefactureerd, jaar: int) -> tuple[Decimal, Clienten]:
        groep = Goedgekeurd()
        for g in self._feiten.regels_van(regel.afzender, regel.gemeente):
            if g is not regel and g.goedgekeurd_bedrag is not None and _jaar(g) == jaar:
                groep.voeg_toe(g)
        return groep.som, Clienten(groep.clienten, None)


def ingangen(feiten: Any) -> OntvangenRegels | UitRegels:
    return feiten if isinstance(feiten, OntvangenRegels) else UitRegels(feiten)
