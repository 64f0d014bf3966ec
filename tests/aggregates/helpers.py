from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hub.aggregates.traject import Traject
from hub.domein.clientgegevens import Clientgegevens

CLIENT = {"bsn": "111222333", "naam": "Sanne de Vries", "geboortedatum": date(1988, 4, 12), "clientnummer": "C-1001",
          "adres": "Stadsplein 1, 1181 ZM Amstelveen"}


def aangemeld(product: str = "MZ-BNW3", provider: str = "matchez", gemeente: str = "amstelveen",
              datum: date = date(2024, 1, 2), traject_id: str = "AV-2024-001", **extra: Any) -> Traject:
    traject = Traject.meld_aan(
        gemeente=gemeente, traject_id=traject_id, provider=provider, product=product, datum_aanmelding=datum,
        klantmanager="Petra Jansen", reden_verwijzing="Langdurig zonder werk", client=Clientgegevens(**CLIENT), product_bekend=True, **extra,
    )
    traject.collect_events()
    return traject


def geplaatst(traject: Traject, datum: date = date(2024, 3, 1)) -> Traject:
    traject.plaats(datum, "Bakkerij Brood & Co", Decimal("32"), 12, "AO-2024-117")
    traject.collect_events()
    return traject


def nieuwe(aggregate) -> list[tuple[str, dict[str, Any]]]:
    """De events die het laatste commando vastlegde, als (naam, velden)."""
    uitkomst = []
    for event in aggregate.collect_events():
        velden = {k: v for k, v in vars(event).items() if k not in ("originator_id", "originator_version", "timestamp")}
        uitkomst.append((type(event).__name__, velden))
    return uitkomst
