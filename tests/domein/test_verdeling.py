"""De verdeelsleutel van Leidschendam-Voorburg, Wassenaar en Voorschoten (74 % / 14 % / 12 %, 003… hoofdstuk 9):
in centen, met de grootste-restregel, zodat de delen samen altijd het geheel zijn."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hub.domein.verdeling import verdeel

SLEUTEL = {"leidschendam-voorburg": Decimal(74), "wassenaar": Decimal(14), "voorschoten": Decimal(12)}


def test_participatietrajecten_50_000_euro_verdeeld_74_14_12():
    delen = verdeel(Decimal("50000.00"), SLEUTEL)
    assert delen == {"leidschendam-voorburg": Decimal("37000.00"), "wassenaar": Decimal("7000.00"),
                     "voorschoten": Decimal("6000.00")}


def test_de_totale_lasten_van_het_beleidsplan_487_000_euro():
    """Het stuk rondt af op duizenden (361.000 / 68.000 / 58.000); de hub verdeelt tot op de cent."""
    delen = verdeel(Decimal("487000"), SLEUTEL)
    assert list(delen.values()) == [Decimal("360380.00"), Decimal("68180.00"), Decimal("58440.00")]


@pytest.mark.parametrize("geheel, verwacht", [
    # exact 913,5818 / 172,8398 / 148,1484: naar beneden 913,58 / 172,83 / 148,14 = 1.234,55; de 2 centen gaan
    # naar de grootste resten (0,98 en 0,84 cent): Wassenaar en Voorschoten
    ("1234.57", ["913.58", "172.84", "148.15"]),
    ("-1234.57", ["-913.58", "-172.84", "-148.15"]),
    ("0.01", ["0.01", "0.00", "0.00"]),
    ("0.02", ["0.02", "0.00", "0.00"]),  # rest 0,48 cent (74 %) tegen 0,28 en 0,24
])
def test_de_delen_tellen_op_tot_het_geheel(geheel, verwacht):
    delen = verdeel(Decimal(geheel), SLEUTEL)
    assert list(delen.values()) == [Decimal(v) for v in verwacht]
    assert sum(delen.values()) == Decimal(geheel)


def test_een_sleutel_die_niet_op_100_uitkomt_wordt_geweigerd():
    with pytest.raises(ValueError):
        verdeel(Decimal(100), {"a": Decimal(74), "b": Decimal(14)})
