from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from hub.projections.waarden import gedeeld


def test_gelijke_waarden_worden_een_object_maar_houden_hun_vorm():
    assert gedeeld(date(2022, 5, 2)) is gedeeld(date(2022, 5, 2))
    assert str(gedeeld(Decimal("2250.00"))) == "2250.00"
    assert str(gedeeld(Decimal("2250"))) == "2250"
    assert gedeeld(1) is not True and type(gedeeld(Decimal("1"))) is Decimal
    utc = datetime(2024, 1, 1, 12, tzinfo=UTC)
    amsterdam = datetime(2024, 1, 1, 13, tzinfo=timezone(timedelta(hours=1)))
    gedeeld(utc)
    assert gedeeld(amsterdam).tzinfo == timezone(timedelta(hours=1))
