"""Het rapport uit de leesmodellen per gemeente is gelijk aan dat uit volledig herbouwde leesmodellen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from hub.aggregates.factuur import Factuur
from hub.aggregates.ontvangst import Ontvangst
from hub.aggregates.traject import Traject
from hub.bootstrap import open_hub
from hub.domein.clientgegevens import Clientgegevens
from hub.instellingen import Instellingen
from hub.koppelingen.opslag import leesmodelbron as bron
from hub.koppelingen.opslag import leesmodellen as lm
from hub.koppelingen.opslag.leesmodelbron import Leesmodelbestanden
from hub.koppelingen.opslag.leesmodellen import Leesmodellen, werk_bij
from hub.projections.factuurcontrole import Factuurcontrole
from hub.projections.gemeentemodel import NIEUW
from hub.projections.kwartaal import Kwartaalfeiten
from hub.projections.register import delen, facturen, gemeentemodellen, leesmodellen_van, zoek
from hub.projections.termijnbewaking import Termijnbewaking
from hub.toepassing.rapport import kwartaalrapport
from tests.rapportage import scenario
from tests.rapportage.conftest import PROJECT
from tests.rapportage.ongesplitst import ongesplitst

ANDERE = "aalsmeer"


def _buren(hub, stap: int) -> None:
    """Events van een andere gemeente met dezelfde traject-id's en factuurnummers, tussen die van Heemstede."""
    t = Traject.meld_aan(gemeente=ANDERE, traject_id=f"A0{stap + 1}", provider="agros", product="AGROS-TRAJECT",
                         datum_aanmelding=date(2020, 4, 1 + stap), klantmanager="K. Klaas", reden_verwijzing="werk",
                         client=Clientgegevens(**scenario.CLIENT), product_bekend=True)
    t.registreer_oproep(date(2020, 4, 20 + stap), date(2020, 4, 29), True)
    regels = [scenario.regel(1, "900.00", "2020-05-31"), scenario.regel(2, "100.00", "2020-05-31")]
    totaal = Decimal("1000.00")
    f = Factuur.ontvang(afzender="agros", gemeente=ANDERE, factuurnummer=f"F-{stap}", factuurdatum=date(2020, 6, 1),
                        verzonden=scenario.OP, iban="NL34ASNB0707070701", regels=regels, totaal_excl_btw=totaal,
                        btw_bedrag=Decimal("210.00"), totaal_incl_btw=Decimal("1210.00"), bron="json")
    scenario.besluit(f, 1, "goedgekeurd", "900.00")
    hub.save(t, f)


def _herbouwd(hub, catalogus):
    projecties = ongesplitst(catalogus)
    werk_bij(hub, projecties)
    return kwartaalrapport(projecties, catalogus, scenario.G, "2020-Q2")


def _rapport(hub, catalogus, opslag: Leesmodellen | None):
    projecties = Leesmodelbestanden(hub, catalogus, opslag).van_gemeente(scenario.G)
    return kwartaalrapport(projecties, catalogus, scenario.G, "2020-Q2")


@pytest.mark.parametrize("bewaar_na", [1, bron.BEWAAR_NA])
def test_rapport_na_nieuwe_events_gelijk_aan_herbouw(tmp_path, catalogus_rapport, monkeypatch, bewaar_na):
    monkeypatch.setattr(bron, "BEWAAR_NA", bewaar_na)
    hub = open_hub(Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts"))
    for stap, _ in enumerate(scenario.alles(hub)):
        _buren(hub, stap)
        per_gemeente = _rapport(hub, catalogus_rapport, Leesmodellen(tmp_path / "lm"))
        assert per_gemeente == _herbouwd(hub, catalogus_rapport)
        assert per_gemeente == _rapport(hub, catalogus_rapport, None)
    assert per_gemeente.bevindingen_beschikbaar
    bewaard = (tmp_path / "lm" / "gemeenten").glob("*.pickle")
    assert sorted(b.name for b in bewaard) == ([f"{scenario.G}-{deel}.pickle" for deel in ("factuurcontrole", "kwartaalfeiten", "termijnbewaking")]
                                               if bewaar_na == 1 else [])


def test_oordelen_en_feiten_per_gemeente_gelijk_aan_volledige_leesmodellen(tmp_path, catalogus_rapport):
    hub = open_hub(Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts"))
    for stap, _ in enumerate(scenario.alles(hub)):
        _buren(hub, stap)
    volledig = ongesplitst(catalogus_rapport)
    modellen = gemeentemodellen(catalogus_rapport)
    werk_bij(hub, [*volledig, *modellen])
    controle = zoek(volledig, Factuurcontrole)
    feiten = zoek(volledig, Kwartaalfeiten)
    for g in sorted({m.gemeente for m in modellen}):
        van_g = [m for m in modellen if m.gemeente == g]
        assert _deel(van_g, Factuurcontrole).facturen() == [o for o in controle.facturen() if o.gemeente == g]
        assert _deel(van_g, Kwartaalfeiten).partijen == {k: v for k, v in feiten.partijen.items() if k[0] == g}
    assert {m.gemeente for m in modellen if isinstance(m.delen[0], Kwartaalfeiten) and m.delen[0].partijen} == {scenario.G, ANDERE}

    samen = facturen(modellen)
    assert samen.facturen() == controle.facturen()
    assert {o.gemeente for o in samen.facturen()} == {scenario.G, ANDERE}
    for o in controle.facturen():
        assert samen.oordeel(o.afzender, o.factuurnummer) == o
        assert samen.afzenders_van(o.factuurnummer) == controle.afzenders_van(o.factuurnummer)


def _deel(modellen, soort):
    return zoek(delen(modellen), soort)


def test_herstart_halverwege_gaat_verder_waar_het_bewaarde_model_stond(tmp_path, catalogus_rapport, monkeypatch):
    hub = open_hub(Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts"))
    opslag = Leesmodellen(tmp_path / "lm")
    scenariostappen = scenario.alles(hub)
    for stap in range(4):
        next(scenariostappen)
        _buren(hub, stap)
    stappen = [1]

    class Onderbroken(Exception):
        pass

    def onderbreek(e):
        if not stappen:
            raise Onderbroken
        stappen.pop()
        origineel(e)

    monkeypatch.setattr(lm, "BLOK", 7)
    eerste = leesmodellen_van(catalogus_rapport, scenario.G)
    lm.werk_gemeenten_bij(hub, eerste, opslag, bewaar_na=1)
    halverwege = eerste[0].positie
    assert halverwege > 0
    assert {m.positie for m in eerste} == {halverwege}

    for stap, _ in enumerate(scenariostappen, start=4):
        _buren(hub, stap)
    tweede = leesmodellen_van(catalogus_rapport, scenario.G)
    feiten = _deel(tweede, Kwartaalfeiten)
    origineel = feiten._afhandelaars[Traject.Aangemeld]
    feiten._afhandelaars = {**feiten._afhandelaars, Traject.Aangemeld: onderbreek}
    with pytest.raises(Onderbroken):
        lm.werk_gemeenten_bij(hub, tweede, opslag, bewaar_na=1)

    derde = leesmodellen_van(catalogus_rapport, scenario.G)
    for model in derde:
        opslag.laad(model)
    assert {m.positie for m in derde} == {halverwege}
    lm.werk_gemeenten_bij(hub, derde, opslag, bewaar_na=1)

    herbouwd = leesmodellen_van(catalogus_rapport, scenario.G)
    lm.werk_gemeenten_bij(hub, herbouwd)
    laatste = hub.recorder.max_notification_id()
    assert {m.positie for m in derde} == {m.positie for m in herbouwd} == {laatste}
    for soort in (Kwartaalfeiten, Termijnbewaking):
        assert _deel(derde, soort).toestand() == _deel(herbouwd, soort).toestand()
    assert _deel(derde, Factuurcontrole).facturen() == _deel(herbouwd, Factuurcontrole).facturen()
    assert lm.werk_gemeenten_bij(hub, leesmodellen_van(catalogus_rapport, scenario.G), opslag) == 0


def test_modellen_op_verschillende_posities_halen_elk_hun_eigen_achterstand_in(tmp_path, catalogus_rapport):
    """Het rapport zonder factuurcontrole werkt alleen kwartaalfeiten en termijnbewaking bij; daarna samen verder."""
    hub = open_hub(Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts"))
    opslag = Leesmodellen(tmp_path / "lm")
    scenariostappen = scenario.alles(hub)
    next(scenariostappen)
    lm.werk_gemeenten_bij(hub, leesmodellen_van(catalogus_rapport, scenario.G), opslag)
    next(scenariostappen)
    lm.werk_gemeenten_bij(hub, leesmodellen_van(catalogus_rapport, scenario.G, met_factuurcontrole=False), opslag)
    for _ in scenariostappen:
        pass
    samen = leesmodellen_van(catalogus_rapport, scenario.G)
    for model in samen:
        opslag.laad(model)
    assert len({m.positie for m in samen}) == 2
    lm.werk_gemeenten_bij(hub, samen, opslag)

    herbouwd = leesmodellen_van(catalogus_rapport, scenario.G)
    lm.werk_gemeenten_bij(hub, herbouwd)
    for soort in (Kwartaalfeiten, Termijnbewaking):
        assert _deel(samen, soort).toestand() == _deel(herbouwd, soort).toestand()
    assert _deel(samen, Factuurcontrole).facturen() == _deel(herbouwd, Factuurcontrole).facturen()
    assert {m.positie for m in samen} == {hub.recorder.max_notification_id()}


def test_events_van_andere_gemeenten_en_ontvangsten_worden_niet_gedecodeerd(tmp_path, catalogus_rapport, monkeypatch):
    hub = open_hub(Instellingen(data=tmp_path / "data", contracten=PROJECT / "contracts"))
    for stap, _ in enumerate(scenario.alles(hub)):
        _buren(hub, stap)
        hub.save(Ontvangst(bericht_id=uuid4(), afzender="agros", soort="voortgang", ontvangen=scenario.OP,
                           retour={"status": "geaccepteerd"}, sleutel=f"stap {stap}"))
    alle = hub.recorder.select_notifications(start=1, limit=10_000)
    soort = {n.id: hub.mapper.to_domain_event(n) for n in alle}
    nieuw = {n.id for n in alle if isinstance(soort[n.id], NIEUW)}
    van_g = {e.originator_id for e in soort.values() if isinstance(e, NIEUW) and e.gemeente == scenario.G}
    verwacht = nieuw | {n.id for n in alle if n.originator_id in van_g}
    assert any(isinstance(e, Ontvangst.BerichtVerwerkt) for e in soort.values())

    positie = {(n.originator_id, n.originator_version): n.id for n in alle}
    gedecodeerd: list[int] = []
    decodeer = hub.mapper.to_domain_event

    def tel(opgeslagen):
        gedecodeerd.append(positie[opgeslagen.originator_id, opgeslagen.originator_version])
        return decodeer(opgeslagen)

    monkeypatch.setattr(hub.mapper, "to_domain_event", tel)
    gefilterd = leesmodellen_van(catalogus_rapport, scenario.G)
    assert lm.werk_gemeenten_bij(hub, gefilterd) == len(alle)
    assert sorted(gedecodeerd) == sorted(verwacht)
    overgeslagen = {n.id for n in alle} - set(gedecodeerd)
    assert {i for i, e in soort.items() if isinstance(e, Ontvangst.BerichtVerwerkt)} < overgeslagen
    assert any(soort[i].originator_id not in van_g and not isinstance(soort[i], Ontvangst.BerichtVerwerkt) for i in overgeslagen)

    alles_gedecodeerd = leesmodellen_van(catalogus_rapport, scenario.G)
    werk_bij(hub, alles_gedecodeerd)
    assert {m.positie for m in gefilterd} == {m.positie for m in alles_gedecodeerd} == {alle[-1].id}
    for soort in (Kwartaalfeiten, Termijnbewaking):
        assert _deel(gefilterd, soort).toestand() == _deel(alles_gedecodeerd, soort).toestand()
    assert _deel(gefilterd, Factuurcontrole).facturen() == _deel(alles_gedecodeerd, Factuurcontrole).facturen()
