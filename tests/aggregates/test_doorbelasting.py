"""De regels van het aggregate Doorbelastingen, zonder eventstore: de verdeelsleutel 74 / 14 / 12 van
Leidschendam-Voorburg (penvoerder), Wassenaar en Voorschoten (003…, hoofdstuk 9)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hub.aggregates.betaalbatch import Beslisser
from hub.aggregates.doorbelasting import Doorbelasteregel, Doorbelasting, Doorbelastingen, Doorbelastingsdocument
from hub.domein.fouten import DomeinFout

AANDELEN = {"leidschendam-voorburg": Decimal(74), "wassenaar": Decimal(14), "voorschoten": Decimal(12)}
OP = datetime(2024, 10, 1, 9, 0, tzinfo=UTC)


def _regel(n: int, bedrag: str, correctie: bool = False) -> Doorbelasteregel:
    return Doorbelasteregel("participatie-org", "PT-1", n, "PT-TRAJECT", Decimal(bedrag), "BB-1", date(2024, 7, 15),
                            correctie)


def _document(gemeente: str, bedrag: str) -> Doorbelastingsdocument:
    return Doorbelastingsdocument(gemeente, f"DB-1-{gemeente}", Decimal(bedrag), "<Invoice/>", "0" * 64)


def _doorbelasting(*regels: Doorbelasteregel, documenten: list[Doorbelastingsdocument] | None = None,
                   nummer: str = "DB-1") -> Doorbelasting:
    return Doorbelasting(nummer, "participatie-lvw-2024", "2024-Q3", "leidschendam-voorburg", AANDELEN, list(regels),
                         date(2024, 10, 1), Beslisser("L. Verhoeven", "lverhoeven"), OP,
                         documenten if documenten is not None else [_document("wassenaar", "7000.00"),
                                                                      _document("voorschoten", "6000.00")])


def test_50000_verdeeld_als_37000_7000_6000():
    d = _doorbelasting(_regel(1, "50000.00"))
    assert d.delen == {"leidschendam-voorburg": Decimal("37000.00"), "wassenaar": Decimal("7000.00"),
                       "voorschoten": Decimal("6000.00")}
    aggregate = Doorbelastingen(contract="participatie-lvw-2024")
    aggregate.stel_vast(d)
    assert aggregate.doorbelast() == {("participatie-org", "PT-1", 1, False)}


@pytest.mark.parametrize(("documenten", "melding"), [
    ([_document("leidschendam-voorburg", "37000.00")], "leidschendam-voorburg draagt in deze verdeelsleutel geen"),
    ([_document("amstelveen", "7000.00")], "amstelveen draagt in deze verdeelsleutel geen aandeel"),
    ([_document("wassenaar", "7000.01")], "noemt 7000.01, haar deel is 7000.00"),
])
def test_alleen_de_andere_gemeenten_van_de_sleutel_krijgen_precies_hun_deel(documenten, melding):
    aggregate = Doorbelastingen(contract="participatie-lvw-2024")
    with pytest.raises(DomeinFout, match=melding):
        aggregate.stel_vast(_doorbelasting(_regel(1, "50000.00"), documenten=documenten))
    assert aggregate.alle == {}


def test_een_regel_maar_een_keer_en_een_correctie_alleen_van_een_doorbelaste_regel():
    aggregate = Doorbelastingen(contract="participatie-lvw-2024")
    with pytest.raises(DomeinFout, match="niet doorbelast; er valt niets te corrigeren"):
        aggregate.stel_vast(_doorbelasting(_regel(1, "-50000.00", correctie=True), documenten=[]))
    aggregate.stel_vast(_doorbelasting(_regel(1, "50000.00")))
    with pytest.raises(DomeinFout, match="al doorbelast in DB-1"):
        aggregate.stel_vast(_doorbelasting(_regel(1, "50000.00"), nummer="DB-2"))
    with pytest.raises(DomeinFout, match="niet op € 0,00"):
        aggregate.stel_vast(_doorbelasting(nummer="DB-3", documenten=[]))
    aggregate.trek_in("DB-1", Beslisser("L. Verhoeven"), "Verkeerd kwartaal", OP)
    aggregate.stel_vast(_doorbelasting(_regel(1, "50000.00"), nummer="DB-2"))
    assert aggregate.status("DB-1") == "ingetrokken" and aggregate.status("DB-2") == "vastgesteld"
    assert replace(_regel(1, "1"), correctie=True).oorspronkelijk == _regel(1, "1").sleutel
