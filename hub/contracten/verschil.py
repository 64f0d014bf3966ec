"""Waarin twee standen van een contract verschillen, veld voor veld, en een stand met zulke wijzigingen erover.

Een pad is een veld van het contract (`geldig_tot`, `plafonds`, `iban`) of een veld van één product
(`producten.AM-VTA.prijzen`); een product dat in één van beide standen ontbreekt, is één pad (`producten.AM-VTA`).
Vergeleken wordt met het contractmodel, dus `"35"` en `"35.0"` zijn gelijk en een weggelaten standaardwaarde ook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hub.contracten.model import Contract, Product

PRODUCTEN = "producten"


@dataclass(frozen=True)
class Verschil:
    pad: str
    oud: Any
    """De waarde zoals in JSON (None: ontbreekt)."""
    nieuw: Any


def verschillen(oud: dict[str, Any], nieuw: dict[str, Any]) -> list[Verschil]:
    a, b = Contract.model_validate(oud), Contract.model_validate(nieuw)
    ja, jb = a.model_dump(mode="json"), b.model_dump(mode="json")
    uit = [Verschil(veld, ja[veld], jb[veld]) for veld in Contract.model_fields
           if veld != PRODUCTEN and getattr(a, veld) != getattr(b, veld)]
    pa, pb = {p.code: p for p in a.producten}, {p.code: p for p in b.producten}
    json_a, json_b = {p["code"]: p for p in ja[PRODUCTEN]}, {p["code"]: p for p in jb[PRODUCTEN]}
    for code in [*pa, *(c for c in pb if c not in pa)]:
        if code not in pb or code not in pa:
            uit.append(Verschil(f"{PRODUCTEN}.{code}", json_a.get(code), json_b.get(code)))
            continue
        uit += [Verschil(f"{PRODUCTEN}.{code}.{veld}", json_a[code][veld], json_b[code][veld])
                for veld in Product.model_fields if getattr(pa[code], veld) != getattr(pb[code], veld)]
    return uit


def raakt(pad: str, paden: list[str]) -> bool:
    """Gaat een van `paden` over hetzelfde als `pad` (gelijk, erbinnen of eromheen)?"""
    return any(p == pad or p.startswith(f"{pad}.") or pad.startswith(f"{p}.") for p in paden)


def met_wijzigingen(inhoud: dict[str, Any], wijzigingen: list[dict[str, Any]]) -> dict[str, Any]:
    """`inhoud` met per wijziging (`pad`, `waarde`) die waarde op dat pad; een product met waarde None vervalt, een
    nieuw product komt achteraan."""
    nieuw = Contract.model_validate(inhoud).model_dump(mode="json")
    for wijziging in wijzigingen:
        pad, waarde = wijziging["pad"], wijziging["waarde"]
        delen = pad.split(".", 2)
        if delen[0] != PRODUCTEN:
            nieuw[pad] = waarde
        elif len(delen) == 2:
            nieuw[PRODUCTEN] = [p for p in nieuw[PRODUCTEN] if p["code"] != delen[1]]
            if waarde is not None:
                nieuw[PRODUCTEN].append(waarde)
        else:
            product = next(p for p in nieuw[PRODUCTEN] if p["code"] == delen[1])
            product[delen[2]] = waarde
    return nieuw
