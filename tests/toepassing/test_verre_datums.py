"""Wat eenmaal in de eventstore staat, breekt geen leesmodel: ook niet een datum aan het eind van de kalender.

De events worden hier rechtstreeks opgeslagen (zoals een oudere versie van de hub ze kon accepteren); daarna moet
elk scherm, rapport en de verwerking van andermans berichten gewoon werken.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from hub.berichten import lees_json
from hub.bootstrap import bootstrap
from tests.factuur.wereld import regel
from tests.verwerking.test_verwerker import voorbeeld

VER = date(9999, 12, 31)
START = date(2024, 1, 8)
NU = datetime(2024, 4, 19, 10, 0, tzinfo=UTC)
PLAN = {"trajectbegeleider": {"naam": "J. Jansen", "telefoon": "020-1234567"}, "ondertekend_client": True,
        "ondertekend_begeleider": True, "gericht_op_uitstroom": True, "analyse": "Startsituatie",
        "stappen": [{"doel": "Werk", "tijdsplanning": "Q2", "terugkoppeling": "maandelijks"}], "trede": 2}


def test_datums_aan_het_eind_van_de_kalender_breken_geen_scherm_rapport_of_verwerking(wereld, instellingen):
    wereld.meld_aan("AV-1")
    wereld.doe("AV-1", "registreer_intake", START)
    wereld.doe("AV-1", "dien_plan_in", VER, **PLAN)
    wereld.meld_aan("AV-2", datum=VER)
    wereld.factuur("MZ-1", regel(1, "AV-1", "MZ-BNW3", START, VER, "2250.00"))
    wereld.jobcoachperiode("P-1", "AV-1", date(9999, 6, 1), date(9999, 11, 30), "40")
    onderdelen = bootstrap(instellingen, klok=lambda: NU)

    assert [f.factuurnummer for f in onderdelen.facturen.werkvoorraad().open] == ["MZ-1"]
    assert onderdelen.facturen.factuur("MZ-1").regel(1) is not None
    for kwartaal in ("2024-Q1", "9999-Q4"):
        assert onderdelen.rapportage.kwartaal("amstelveen", kwartaal).providers is not None
    assert onderdelen.leesmodelbeheer.herbouw(processen=1).events > 0
    laatste, standen = onderdelen.leesmodelbeheer.stand()
    assert laatste > 0
    assert all(s.achterstand == 0 for s in standen)

    besluit = voorbeeld("planBesluit", trajectId="AV-1", datum="2024-02-01")
    uitkomst = onderdelen.verwerker().verwerk(lees_json(besluit), "gemeente")
    assert uitkomst.geaccepteerd, uitkomst.retour
    assert uuid.UUID(uitkomst.retour["berichtId"]) == uuid.UUID(besluit["berichtId"])
