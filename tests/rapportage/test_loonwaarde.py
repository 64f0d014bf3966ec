"""Resultaten per loonwaardecategorie tegen de doelen van Uithoorn (004…, 'Welke resultaten willen we bereiken?'):
70-100 %: 50 % aan het werk; 40-70 %: minimaal 80 % uitstroom; 0-40 %: 12 plaatsingen op beschut werk per jaar."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hub.bootstrap import bootstrap
from hub.rapportage.kengetallen import als_dict
from tests.factuur.wereld import Wereld

GEMEENTE = "uithoorn"
AANGEMELD, EINDE = date(2024, 1, 15), date(2024, 5, 20)


@pytest.fixture
def wereld(hub, catalogus, instellingen) -> Wereld:
    return Wereld(hub, catalogus, instellingen.data)


def _traject(wereld, traject: str, loonwaarde: str, reden: str | None, product: str = "AM-REGULIER",
             indienst: date | None = None) -> None:
    wereld.meld_aan(traject, product=product, provider="am-match", gemeente=GEMEENTE, datum=AANGEMELD,
                    loonwaarde=loonwaarde)
    wereld.doe(traject, "registreer_intake", AANGEMELD, gemeente=GEMEENTE)
    if indienst is not None:
        wereld.doe(traject, "plaats", indienst, "Kwekerij De Ronde Venen", Decimal(32), 12, "AO-1", gemeente=GEMEENTE)
    if reden is not None:
        wereld.doe(traject, "beeindig", EINDE, reden, None if reden == "uitstroomWerk" else "Vervolg bij de klantmanager",
                   gemeente=GEMEENTE)


def test_zestig_procent_naar_werk_haalt_het_doel_van_de_categorie_70_100(wereld, instellingen):
    for i, reden in enumerate(["uitstroomWerk", "uitstroomWerk", "uitstroomWerk", "zonderResultaat", "voortijdigeUitval"]):
        _traject(wereld, f"UH-{i}", "70-100", reden, indienst=date(2024, 5, 1) if reden == "uitstroomWerk" else None)
    _traject(wereld, "UH-9", "40-70", "zonderResultaat")
    _traject(wereld, "UH-B1", "0-40", None, product="AM-BESCHUT", indienst=date(2024, 4, 1))
    hub = bootstrap(instellingen, klok=lambda: datetime(2024, 7, 1, tzinfo=UTC))

    rapport = hub.rapportage.kwartaal(GEMEENTE, "2024-Q2")
    cijfers = next(c for c in rapport.providers if c.provider == "am-match")
    per = {r.loonwaarde: r for r in cijfers.loonwaarde}
    assert list(per) == ["0-40", "40-70", "70-100", "100"]

    hoog = per["70-100"]
    assert (hoog.beeindigd, hoog.naar_werk, hoog.procent) == (5, 3, Decimal("60.0"))
    assert hoog.doel.uitstroom_werk_procent == Decimal("50") and hoog.gehaald is True

    midden = per["40-70"]
    assert (midden.beeindigd, midden.procent, midden.gehaald) == (1, Decimal("0.0"), False)

    beschut = per["0-40"]
    assert beschut.plaatsingen_jaar == 1 and beschut.doel.plaatsingen_per_jaar == 12 and beschut.gehaald is None
    assert per["100"].beeindigd == 0 and per["100"].gehaald is None

    kengetallen = als_dict(cijfers)
    assert kengetallen["loonwaarde_70_100_uitstroom_werk_pct"] == Decimal("60.0")
    assert kengetallen["loonwaarde_70_100_doel_gehaald"] is True


def test_een_hoger_doel_dan_het_resultaat_is_niet_gehaald(wereld, instellingen):
    """60 % tegen 'meer dan 50 %' is gehaald, tegen de 80 % van 40-70 niet: de vergelijking komt uit het contract."""
    for i, reden in enumerate(["uitstroomWerk", "uitstroomWerk", "uitstroomWerk", "zonderResultaat", "zonderResultaat"]):
        _traject(wereld, f"UH-{i}", "40-70", reden, indienst=date(2024, 5, 1) if reden == "uitstroomWerk" else None)
    hub = bootstrap(instellingen, klok=lambda: datetime(2024, 7, 1, tzinfo=UTC))
    cijfers = next(c for c in hub.rapportage.kwartaal(GEMEENTE, "2024-Q2").providers if c.provider == "am-match")
    midden = next(r for r in cijfers.loonwaarde if r.loonwaarde == "40-70")
    assert midden.procent == Decimal("60.0") and midden.gehaald is False
