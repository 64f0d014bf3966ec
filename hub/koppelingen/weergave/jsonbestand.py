"""JSON voor andere systemen. Bedragen en uren als tekst ("70000.00", "5.5"), percentages en gemiddelde
treden als getal met één decimaal (94.6), aantallen als geheel getal, 'gehaald' als true/false, null als
er niets te berekenen is."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hub.rapportage.kengetallen import TREND, Kengetal, kengetallen
from hub.rapportage.model import Kwartaalrapport, Providercijfers

ALS_GETAL = ("procent", "trede")


def waarde(k: Kengetal) -> Any:
    if isinstance(k.waarde, Decimal):
        return float(k.waarde) if k.eenheid in ALS_GETAL else f"{k.waarde:f}"
    return k.waarde


def cijfers(c: Providercijfers) -> dict[str, Any]:
    return {k.sleutel: waarde(k) for k in kengetallen(c)}


def als_dict(rapport: Kwartaalrapport) -> dict[str, Any]:
    return {
        "gemeente": rapport.gemeente,
        "kwartaal": rapport.kwartaal,
        "periode": {"begin": rapport.begin.isoformat(), "eind": rapport.eind.isoformat()},
        "bevindingenBeschikbaar": rapport.bevindingen_beschikbaar,
        "providers": [
            {
                "provider": c.provider,
                "naam": c.naam,
                "kengetallen": cijfers(c),
                "bevindingen": None if c.bevindingen is None else [{"code": code, "aantal": n} for code, n in c.bevindingen],
                "trend": [
                    {"kwartaal": t.kwartaal, **{s: v for s, v in cijfers(t).items() if s in TREND}}
                    for t in rapport.trend_van(c.provider)
                ],
            }
            for c in rapport.providers
        ],
        "voetnoten": rapport.voetnoten,
    }


def als_json(rapport: Kwartaalrapport) -> str:
    return json.dumps(als_dict(rapport), ensure_ascii=False, indent=2) + "\n"
