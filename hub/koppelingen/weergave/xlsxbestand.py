"""XLSX via xlsxwriter: één blad met de aanbieders naast elkaar, een blad met de trend en een toelichting."""

from __future__ import annotations

import io
from decimal import Decimal

import xlsxwriter

from hub.rapportage.kengetallen import TREND, Kengetal, kengetallen
from hub.rapportage.model import Kwartaalrapport

FORMATEN = {"euro": '"€" #,##0.00', "procent": '0.0" %"', "trede": "0.0", "uren": "0.0#"}


def _schrijf(blad, rij: int, kolom: int, k: Kengetal, opmaak: dict) -> None:
    w = k.waarde
    if w is None:
        blad.write_blank(rij, kolom, None)
    elif isinstance(w, bool):
        blad.write_string(rij, kolom, "ja" if w else "nee")
    elif isinstance(w, (int, Decimal)):
        blad.write_number(rij, kolom, float(w), opmaak.get(k.eenheid))
    else:
        blad.write_string(rij, kolom, str(w))


def als_xlsx(rapport: Kwartaalrapport) -> bytes:
    uit = io.BytesIO()
    # tekst blijft tekst: een naam als `=HYPERLINK(…)` wordt geen formule of link
    boek = xlsxwriter.Workbook(uit, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    vet = boek.add_format({"bold": True})
    kop = boek.add_format({"bold": True, "bg_color": "#DDE6F0", "border": 1})
    opmaak = {eenheid: boek.add_format({"num_format": f}) for eenheid, f in FORMATEN.items()}

    blad = boek.add_worksheet("Kengetallen")
    blad.write(0, 0, f"Kwartaalrapportage {rapport.gemeentenaam} {rapport.kwartaal}", vet)
    blad.write(1, 0, f"{rapport.begin:%d-%m-%Y} t/m {rapport.eind:%d-%m-%Y}")
    per_provider = [{k.sleutel: k for k in kengetallen(c)} for c in rapport.providers]
    volgorde: dict[str, Kengetal] = {}
    for lijst in per_provider:
        for sleutel, k in lijst.items():
            volgorde.setdefault(sleutel, k)
    koppen = ["groep", "kengetal", "sleutel", *(c.naam for c in rapport.providers)]
    for kolom, tekst in enumerate(koppen):
        blad.write(3, kolom, tekst, kop)
    for rij, (sleutel, k) in enumerate(volgorde.items(), start=4):
        blad.write(rij, 0, k.groep)
        blad.write(rij, 1, k.label)
        blad.write(rij, 2, sleutel)
        for kolom, lijst in enumerate(per_provider, start=3):
            if sleutel in lijst:
                _schrijf(blad, rij, kolom, lijst[sleutel], opmaak)
    blad.set_column(0, 0, 24)
    blad.set_column(1, 1, 46)
    blad.set_column(2, 2, 28, None, {"hidden": True})
    blad.set_column(3, 2 + len(rapport.providers), 18)
    blad.freeze_panes(4, 2)

    trend = boek.add_worksheet("Trend")
    for kolom, tekst in enumerate(["aanbieder", "kwartaal", *TREND]):
        trend.write(0, kolom, tekst, kop)
    rij = 1
    for c in rapport.providers:
        for cijfers in rapport.trend_van(c.provider):
            per_sleutel = {k.sleutel: k for k in kengetallen(cijfers)}
            trend.write(rij, 0, c.naam)
            trend.write(rij, 1, cijfers.kwartaal)
            for kolom, sleutel in enumerate(TREND, start=2):
                _schrijf(trend, rij, kolom, per_sleutel[sleutel], opmaak)
            rij += 1
    trend.set_column(0, 0, 28)
    trend.set_column(2, 1 + len(TREND), 16)

    toelichting = boek.add_worksheet("Toelichting")
    toelichting.set_column(0, 0, 140, boek.add_format({"text_wrap": True}))
    for rij, tekst in enumerate(rapport.voetnoten):
        toelichting.write(rij, 0, tekst)
    boek.close()
    return uit.getvalue()
