"""De toegekende jobcoachuren in het kwartaalrapport na overheveling van het tweede naar het eerste jaar (Heemstede,
beleidsregels 2024 art. 11.2): het eerste jaar telt de overgehevelde uren mee, het tweede jaar heeft er zoveel minder."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hub.bootstrap import bootstrap
from hub.rapportage.kengetallen import als_dict
from tests.factuur.wereld import Wereld

NODIG = "Meer begeleiding bij de start voorkomt uitval"


@pytest.fixture
def wereld(hub, catalogus, instellingen) -> Wereld:
    return Wereld(hub, catalogus, instellingen.data)


def _uren(hub, kwartaal: str) -> tuple[Decimal, Decimal]:
    c = als_dict(next(c for c in hub.rapportage.kwartaal("heemstede", kwartaal).providers if c.provider == "jobcoach-org"))
    return c["jobcoach_uren_toegekend"], c["jobcoach_uren_overgeheveld"]


def test_toegekende_uren_per_jaar_na_overheveling_van_25_uur(wereld, instellingen):
    """Jaar 1: 2 × 20 uur, 25 uur overgeheveld naar de eerste periode. Jaar 2: 20 en 20 uur → 0 en 15 uur."""
    for periode, start, eind in (("P1", date(2024, 1, 1), date(2024, 6, 30)), ("P2", date(2024, 7, 1), date(2024, 12, 31)),
                                 ("P3", date(2025, 1, 1), date(2025, 6, 30)), ("P4", date(2025, 7, 1), date(2025, 12, 31))):
        wereld.jobcoachperiode(periode, "HMS-1", start, eind, "20")
    p1 = wereld.hub.zoek_periode("heemstede", "P1")
    p1.hevel_over(Decimal(25), 1, 12, True, NODIG)
    wereld.hub.save(p1)

    hub = bootstrap(instellingen, klok=lambda: datetime(2026, 1, 5, tzinfo=UTC))
    per_kwartaal = {k: _uren(hub, k) for k in ("2024-Q1", "2024-Q3", "2025-Q1", "2025-Q3")}
    assert per_kwartaal == {"2024-Q1": (Decimal(45), Decimal(25)), "2024-Q3": (Decimal(20), Decimal(0)),
                            "2025-Q1": (Decimal(0), Decimal(0)), "2025-Q3": (Decimal(15), Decimal(0))}
    jaar = {j: sum(t for k, (t, _) in per_kwartaal.items() if k.startswith(j)) for j in ("2024", "2025")}
    assert jaar == {"2024": Decimal(65), "2025": Decimal(15)}
