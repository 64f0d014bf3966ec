"""Het budget per afzender: wie blijft mislukken, wordt geparkeerd; de anderen niet."""

from __future__ import annotations

from hub.koppelingen.broker.budget import Afzenderbudget


class Klok:
    def __init__(self) -> None:
        self.nu = 0.0

    def __call__(self) -> float:
        return self.nu


def test_binnen_het_budget_geen_pauze_en_volle_porties():
    budget = Afzenderbudget(ruimte=100, herstel=10, klok=Klok())
    budget.mislukt("a-rea", 100)
    assert budget.pauze("a-rea") == 0
    assert budget.portie("matchez", 256) == 100


def test_over_het_budget_geparkeerd_tot_het_tegoed_is_aangevuld():
    klok = Klok()
    budget = Afzenderbudget(ruimte=100, herstel=10, klok=klok)
    budget.mislukt("a-rea", 150)
    assert budget.pauze("a-rea") == 5.0  # 50 te veel, 10 per seconde terug
    assert budget.geparkeerd() == ["a-rea"]
    assert budget.pauze("matchez") == 0
    klok.nu = 5.0
    assert budget.pauze("a-rea") == 0
    assert budget.portie("a-rea", 256) == 1  # na het parkeren eerst kleine porties
    klok.nu = 20.0
    assert budget.portie("a-rea", 256) == 100  # nooit meer dan de ruimte


def test_goede_berichten_kosten_niets():
    klok = Klok()
    budget = Afzenderbudget(ruimte=100, herstel=10, klok=klok)
    for _ in range(1_000):
        assert budget.portie("gemeente", 256) == 100
