"""De kengetallen van een aanbieder als platte lijst: sleutel, Nederlands label, waarde en eenheid.

Elk uitvoerformaat (JSON, CSV, XLSX, HTML-tabel) leest deze ene lijst, zodat ze dezelfde cijfers tonen.
Waarden: int voor aantallen, Decimal voor bedragen, uren en percentages, bool voor 'gehaald', None als
er niets te berekenen is (bijv. een percentage zonder noemer).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from hub.domein.bevinding import naam
from hub.domein.termijnen import OPROEP_DAGEN, PLAN_WERKDAGEN
from hub.rapportage.model import Providercijfers

Eenheid = Literal["aantal", "procent", "trede", "euro", "uren", "janee", "tekst"]
Waarde = int | Decimal | bool | str | None

REDENEN = {
    "uitstroomWerk": "uitstroom naar werk",
    "afgerond": "afgerond",
    "voortijdigeUitval": "voortijdige uitval",
    "zonderResultaat": "einde zonder resultaat",
    "anders": "andere reden",
    "terugNaarSchool": "terug naar school (onderwijs of scholing)",
    "handhaving": "uitstroom door handhaving",
}
TERMIJNEN = {
    "oproep": "oproep",
    "uitnodiging": "uitnodiging (5 werkdagen)",
    "plan": "re-integratieplan",
    "besluit": "besluit klantmanager",
    "jobcoachaanvraag": "jobcoachaanvraag",
    "urenverantwoording": "urenverantwoording",
}
VAN_DE_AANBIEDER = ("oproep", "uitnodiging", "plan", "jobcoachaanvraag", "urenverantwoording")
TREND = ("aanmeldingen", "oproep_op_tijd_pct", "plan_op_tijd_pct", "beeindigd", "uitstroom_werk", "uitstroom_werk_pct",
         "goedgekeurd", "budget_gebruikt_pct")


@dataclass(frozen=True)
class Kengetal:
    sleutel: str
    label: str
    waarde: Waarde
    eenheid: Eenheid
    groep: str


def kengetallen(c: Providercijfers) -> list[Kengetal]:
    uit: list[Kengetal] = []

    def voeg(groep: str, sleutel: str, label: str, waarde: Waarde, eenheid: Eenheid = "aantal") -> None:
        uit.append(Kengetal(sleutel, label, waarde, eenheid, groep))

    g = "Instroom en termijnen"
    voeg(g, "aanmeldingen", "Aanmeldingen", c.aanmeldingen)
    voeg(g, "oproepen", "Oproepen (eerste uitnodiging)", c.oproepen.totaal)
    voeg(g, "oproep_op_tijd", f"Oproepen binnen {OPROEP_DAGEN} dagen", c.oproepen.op_tijd)
    voeg(g, "oproep_op_tijd_pct", f"Oproep binnen {OPROEP_DAGEN} dagen (%)", c.oproepen.procent, "procent")
    voeg(g, "plannen", "Re-integratieplannen (eerste)", c.plannen.totaal)
    voeg(g, "plan_op_tijd", f"Plannen binnen {PLAN_WERKDAGEN} werkdagen", c.plannen.op_tijd)
    voeg(g, "plan_op_tijd_pct", f"Plan binnen {PLAN_WERKDAGEN} werkdagen (%)", c.plannen.procent, "procent")
    voeg(g, "noshows", "No-shows", c.noshows)
    voeg(g, "actief", "Actieve trajecten einde kwartaal", c.actief)

    g = "Uitstroom en resultaat"
    voeg(g, "beeindigd", "Beëindigde trajecten", c.uitstroom.beeindigd)
    for reden, tekst in REDENEN.items():
        voeg(g, f"beeindigd_{reden}", f"Beëindigd: {tekst}", c.beeindigingen.get(reden, 0))
    voeg(g, "omgezet", "Omgezet naar ander product", c.omzettingen)
    voeg(g, "uitstroom_werk", "Uitstroom naar werk", c.uitstroom.naar_werk)
    voeg(g, "uitstroom_werk_pct", "Uitstroom naar werk (% van beëindigd)", c.uitstroom.procent, "procent")
    doel = c.uitstroom.doel
    voeg(g, "uitstroom_doel", "Doelstelling uitstroom",
         f"{doel.vergelijking} {doel.uitstroom_werk_procent} %".replace(">=", "≥") if doel else None, "tekst")
    voeg(g, "uitstroom_doel_pct", "Doelstelling uitstroom (%)", Decimal(doel.uitstroom_werk_procent) if doel else None, "procent")
    voeg(g, "uitstroom_doel_gehaald", "Doelstelling gehaald", c.uitstroom.gehaald, "janee")
    voeg(g, "plaatsingen", "Plaatsingen", c.plaatsingen)
    voeg(g, "plaatsingen_binnen_3_maanden", "Plaatsingen binnen 3 maanden na start", c.plaatsingen_binnen_3_maanden)
    voeg(g, "nazorgmaanden", "Nazorgmaanden", c.nazorgmaanden)

    for r in c.loonwaarde:
        g = f"Loonwaarde {r.loonwaarde} %"
        sleutel = "loonwaarde_" + r.loonwaarde.replace("-", "_")
        lw = f"loonwaarde {r.loonwaarde} %"
        voeg(g, f"{sleutel}_aanmeldingen", f"Aanmeldingen {lw}", r.aanmeldingen)
        voeg(g, f"{sleutel}_beeindigd", f"Beëindigd {lw}", r.beeindigd)
        voeg(g, f"{sleutel}_uitstroom_werk", f"Uitstroom naar werk {lw}", r.naar_werk)
        voeg(g, f"{sleutel}_uitstroom_werk_pct", f"Uitstroom naar werk {lw} (%)", r.procent, "procent")
        voeg(g, f"{sleutel}_plaatsingen_jaar", f"Plaatsingen in het jaar {lw}", r.plaatsingen_jaar)
        voeg(g, f"{sleutel}_in_beeld", f"Trajecten in het jaar {lw}", r.in_beeld)
        voeg(g, f"{sleutel}_werk_of_school", f"Aan het werk of terug naar school in het jaar {lw}", r.werk_of_school)
        voeg(g, f"{sleutel}_in_begeleiding", f"In begeleiding naar werk of scholing einde kwartaal {lw}", r.in_begeleiding)
        voeg(g, f"{sleutel}_handhaving", f"Uitstroom door handhaving in het jaar {lw}", r.handhaving)
        voeg(g, f"{sleutel}_op_traject", f"Op traject einde kwartaal {lw}", r.op_traject)
        d = r.doel
        if d is not None:
            if d.aantal_mensen is not None:
                voeg(g, f"{sleutel}_aantal_mensen", f"Mensen in de categorie volgens het beleidsstuk {lw}", d.aantal_mensen)
            voeg(g, f"{sleutel}_doel", f"Doel {lw}: {d.omschrijving}".rstrip(": "), d.beschrijving(), "tekst")
            for u in r.doelresultaten:
                m = f"{sleutel}_{u.maatstaf}"
                voeg(g, f"{m}_doel_pct", f"Doel {lw}: {u.omschrijving} (%)", u.doel, "procent")
                voeg(g, f"{m}_resultaat_pct", f"Resultaat {lw}: {u.omschrijving} (%)", u.procent, "procent")
                voeg(g, f"{m}_gehaald", f"Doel {lw} gehaald: {u.omschrijving}", u.gehaald, "janee")
        voeg(g, f"{sleutel}_doel_gehaald", f"Doel {lw} gehaald", r.gehaald, "janee")

    g = "Participatieladder"
    voeg(g, "ladder_trajecten", "Trajecten met een trede", c.ladder.aantal)
    voeg(g, "ladder_omhoog", "Trede gestegen", c.ladder.omhoog)
    voeg(g, "ladder_gelijk", "Trede gelijk", c.ladder.gelijk)
    voeg(g, "ladder_omlaag", "Trede gedaald", c.ladder.omlaag)
    voeg(g, "ladder_start_gem", "Gemiddelde starttrede", c.ladder.gemiddelde_start, "trede")
    voeg(g, "ladder_laatst_gem", "Gemiddelde laatste trede", c.ladder.gemiddelde_laatst, "trede")
    voeg(g, "ladder_stap_gem", "Gemiddelde verandering (treden)", c.ladder.gemiddelde_stap, "trede")

    g = "Jobcoaching"
    voeg(g, "jobcoach_uren_toegekend", "Jobcoachuren toegekend", c.jobcoach.toegekend, "uren")
    voeg(g, "jobcoach_uren_overgeheveld", "Waarvan overgeheveld uit het tweede jaar", c.jobcoach.overgeheveld, "uren")
    voeg(g, "jobcoach_uren_verantwoord", "Jobcoachuren verantwoord", c.jobcoach.verantwoord, "uren")
    voeg(g, "jobcoach_uren_gefactureerd", "Jobcoachuren gefactureerd", c.jobcoach.gefactureerd, "uren")

    g = "Facturen en budget"
    f = c.facturen
    voeg(g, "facturen", "Facturen", f.facturen)
    voeg(g, "factuurregels", "Factuurregels", f.regels)
    voeg(g, "gefactureerd", "Gefactureerd", f.gefactureerd, "euro")
    voeg(g, "goedgekeurd", "Goedgekeurd", f.goedgekeurd, "euro")
    voeg(g, "afgewezen", "Afgewezen", f.afgewezen, "euro")
    voeg(g, "nog_te_beoordelen", "Nog te beoordelen", f.open, "euro")
    geld = next((b for b in c.budget if b.plafond is not None), None)
    voeg(g, "budget_plafond", "Budgetplafond", geld.plafond if geld else None, "euro")
    voeg(g, "budget_besteed", "Goedgekeurd in het jaar van het plafond", geld.besteed if geld else None, "euro")
    voeg(g, "budget_gebruikt_pct", "Budget gebruikt (%)", geld.procent if geld else None, "procent")
    aantal = next((b for b in c.budget if b.aantal_plafond is not None), None)
    if aantal is not None:
        voeg(g, "aantal_plafond", "Aantalplafond (cliënten per jaar)", aantal.aantal_plafond)
        voeg(g, "aantal_aanmeldingen_jaar", "Aanmeldingen in het jaar", aantal.aantal)
        voeg(g, "aantal_gebruikt_pct", "Aantalplafond gebruikt (%)", aantal.aantal_procent, "procent")
    for i, b in enumerate(c.budgetaandelen, start=1):
        budget = f"{b.omschrijving} {b.jaar}".strip()
        voeg(g, f"gedeeld_budget_{i}", f"Gedeeld budget: {budget} (penvoerder {b.penvoerder})", b.plafond, "euro")
        voeg(g, f"gedeeld_budget_{i}_aandeel_pct", f"{budget}: aandeel van deze gemeente (%)", b.aandeel, "procent")
        voeg(g, f"gedeeld_budget_{i}_aandeel", f"{budget}: aandeel in het budget", b.plafond_aandeel, "euro")
        voeg(g, f"gedeeld_budget_{i}_besteed", f"{budget}: goedgekeurd in het jaar, alle gemeenten", b.besteed, "euro")
        voeg(g, f"gedeeld_budget_{i}_besteed_aandeel", f"{budget}: aandeel in het goedgekeurde (doorbelasting)",
             b.besteed_aandeel, "euro")
        voeg(g, f"gedeeld_budget_{i}_gebruikt_pct", f"{budget}: aandeel gebruikt (%)", b.procent, "procent")
    voeg(g, "te_late_facturen", "Te late facturen", c.te_late_facturen)
    if c.bevindingen is not None:
        for code, aantal_keer in c.bevindingen:
            voeg(g, f"bevinding_{code}", f"Bevinding: {naam(code)}", aantal_keer)

    g = "Te late berichten"
    voeg(g, "te_late_berichten", "Te late berichten van de aanbieder",
         sum(c.te_late_berichten.get(t, 0) for t in VAN_DE_AANBIEDER))
    for termijn, tekst in TERMIJNEN.items():
        voeg(g, f"te_laat_{termijn}", f"Te laat: {tekst}", c.te_late_berichten.get(termijn, 0))
    for termijn in ("oproep", "plan", "besluit"):
        voeg(g, f"openstaand_{termijn}", f"Verstreken zonder bericht: {TERMIJNEN[termijn]}", c.openstaand.get(termijn, 0))
    return uit


def als_dict(c: Providercijfers) -> dict[str, Waarde]:
    return {k.sleutel: k.waarde for k in kengetallen(c)}
