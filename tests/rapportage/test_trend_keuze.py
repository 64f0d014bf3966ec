"""Het rapport rekent de trend alleen over de trajecten die in die kwartalen iets tellen; dat mag geen cijfer veranderen."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hub.controle.trajectfeiten import Trajectfeiten
from hub.projections.kwartaal import Kwartaalfeiten, Partijfeiten
from hub.projections.termijnbewaking import Termijnbewaking
from hub.rapportage import Rapporteur

BEGIN = date(2019, 1, 1)
KWARTALEN = ["2020-Q2", "2020-Q3", "2020-Q4", "2021-Q1", "2021-Q2"]


def _dag(n: int | None) -> date | None:
    return None if n is None else BEGIN + timedelta(days=n)


@st.composite
def trajecten(draw) -> Trajectfeiten:
    dag = st.integers(0, 1500)
    misschien = st.one_of(st.none(), dag)
    aanmelding = draw(dag)
    einde = draw(misschien)
    return Trajectfeiten(
        gemeente="heemstede", traject_id=str(draw(st.integers())), provider="agros", product="AGROS-TRAJECT",
        datum_aanmelding=_dag(aanmelding), datum_oproep=_dag(draw(misschien)),
        noshows={i + 1: _dag(n) for i, n in enumerate(draw(st.lists(dag, max_size=2)))}, datum_plan=_dag(draw(misschien)),
        plan_trede=draw(st.one_of(st.none(), st.integers(1, 6))),
        plan_trede_datum=_dag(draw(misschien)),
        voortgang=sorted(draw(st.lists(st.tuples(st.sampled_from([*KWARTALEN, "2019-Q4", "2022-Q1"]), st.integers(1, 6)), max_size=3))),
        datum_indienst=_dag(draw(misschien)), datum_intake=_dag(draw(misschien)),
        nazorgmaanden=[f"{_dag(n):%Y-%m}" for n in draw(st.lists(dag, max_size=3))],
        einde=_dag(einde), reden_einde=draw(st.sampled_from(["uitstroomWerk", "afgerond", "voortijdigeUitval"])) if einde else None,
        omgezet_op=_dag(draw(misschien)),
    )


@settings(max_examples=60, deadline=None)
@given(lijst=st.lists(trajecten(), max_size=25))
def test_trend_gelijk_aan_rekenen_over_alle_trajecten(lijst, catalogus_rapport):
    feiten = Kwartaalfeiten()
    feiten.partijen[("heemstede", "agros")] = Partijfeiten(trajecten=lijst)
    rapporteur = Rapporteur(feiten, Termijnbewaking(), catalogus_rapport)
    rapport = rapporteur.rapport("heemstede", KWARTALEN[-1], ["agros"])
    assert rapport.trend["agros"] == [rapporteur.cijfers("heemstede", "agros", k) for k in KWARTALEN]
