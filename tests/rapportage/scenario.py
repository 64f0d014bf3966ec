"""Een kleine, met de hand doorgerekende wereld voor de kwartaalrapportage (gemeente Heemstede).

Agros en Pasmatch rapporteren over 2020-Q2 (1 april t/m 30 juni 2020), de jobcoachorganisatie over 2024-Q2.
Feestdagen 2020 die meetellen: Goede Vrijdag 10-04, Paasmaandag 13-04, Koningsdag 27-04, Bevrijdingsdag
05-05 (lustrumjaar), Hemelvaart 21-05, Pinkstermaandag 01-06. De generator geeft na elke opslag de beurt
terug, zodat een test tussen twee opslagen de projecties kan bijwerken en herstarten.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

from hub.aggregates.factuur import Factuur, Factuurregel
from hub.aggregates.jobcoachperiode import Jobcoachperiode, Urenregel
from hub.aggregates.traject import Traject
from hub.domein.clientgegevens import Clientgegevens
from hub.toepassing.eventstore import Hub

G = "heemstede"
CLIENT = {"bsn": "111222333", "naam": "J. Jansen", "geboortedatum": "1980-01-01"}
OP = datetime(2020, 7, 1, 9, 0, tzinfo=UTC)


def d(tekst: str) -> date:
    return date.fromisoformat(tekst)


def aanmelding(provider: str, traject_id: str, dag: str) -> Traject:
    return Traject.meld_aan(gemeente=G, traject_id=traject_id, provider=provider, product=f"{provider.upper()}-TRAJECT",
                            datum_aanmelding=d(dag), klantmanager="S. de Vries", reden_verwijzing="werk zoeken",
                            client=Clientgegevens(**CLIENT), product_bekend=True)


def plan(t: Traject, dag: str, trede: int) -> None:
    t.dien_plan_in(d(dag), {"naam": "P. Bakker", "telefoon": "0612345678"}, True, True, True, "analyse",
                   [{"doel": "werk", "planning": "3 maanden", "terugkoppeling": "maandelijks"}], trede)


def plaats(t: Traject, dag: str) -> None:
    t.plaats(d(dag), "Bakkerij De Korenbloem", Decimal("32"), 12, "AO-1")


def regel(nummer: int, bedrag: str, periode_eind: str, product: str = "TRAJECT", aantal: str = "1",
          periode_id: str | None = None) -> Factuurregel:
    return Factuurregel(regelnummer=nummer, traject_id="A01", product=product, periode_start=d(periode_eind).replace(day=1),
                        periode_eind=d(periode_eind), aantal=Decimal(aantal), prijs=Decimal(bedrag), bedrag=Decimal(bedrag),
                        btw_percentage=Decimal("21"), periode_id=periode_id)


def factuur(afzender: str, nummer: str, dag: str, regels: list[Factuurregel]) -> Factuur:
    totaal = sum((r.bedrag for r in regels), Decimal(0))
    btw = (totaal * Decimal("0.21")).quantize(Decimal("0.01"))
    return Factuur.ontvang(afzender=afzender, gemeente=G, factuurnummer=nummer, factuurdatum=d(dag),
                           verzonden=datetime.combine(d(dag), datetime.min.time(), tzinfo=UTC),
                           iban="NL34ASNB0707070701", regels=regels, totaal_excl_btw=totaal, btw_bedrag=btw,
                           totaal_incl_btw=totaal + btw, bron="json")


def besluit(f: Factuur, nummer: int, uitkomst: str, bedrag: str) -> None:
    f.besluit(nummer, uitkomst, Decimal(bedrag), "M. Assistent", "gecontroleerd", OP)


def agros(hub: Hub) -> Iterator[None]:
    a = {n: aanmelding("agros", n, dag) for n, dag in (
        ("A01", "2020-01-06"), ("A02", "2020-01-13"), ("A03", "2020-02-03"), ("A04", "2020-02-10"),
        ("A05", "2020-02-17"), ("A06", "2020-03-02"), ("A07", "2020-03-31"))}
    hub.save(*a.values())
    yield
    a["A01"].registreer_intake(d("2020-01-20"))
    plan(a["A01"], "2020-01-27", 2)
    a["A01"].rapporteer_voortgang("2020-Q1", 3, "stijgt")
    a["A02"].registreer_oproep(d("2020-01-14"), d("2020-01-24"), True)
    plan(a["A02"], "2020-01-20", 3)
    a["A03"].registreer_intake(d("2020-03-02"))
    plan(a["A04"], "2020-02-20", 4)
    a["A04"].rapporteer_voortgang("2020-Q1", 2, "terugval")
    a["A05"].registreer_noshow(d("2020-03-31"), "intake")
    plan(a["A06"], "2020-03-10", 1)
    a["A06"].rapporteer_voortgang("2020-Q1", 6, "klaar")
    a["A06"].beeindig(d("2020-03-31"), "afgerond", "geen vervolg nodig")
    hub.save(*a.values())
    yield
    a["A07"].registreer_oproep(d("2020-04-14"), d("2020-04-24"), True)
    a["A01"].rapporteer_voortgang("2020-Q2", 5, "werkt")
    plaats(a["A01"], "2020-04-06")
    a["A01"].beeindig(d("2020-04-30"), "uitstroomWerk", None)
    for maand in ("2020-05", "2020-06", "2020-07"):
        a["A01"].lever_nazorgmaand(maand)
    a["A02"].rapporteer_voortgang("2020-Q2", 3, "gelijk")
    plaats(a["A02"], "2020-05-15")
    a["A02"].beeindig(d("2020-05-29"), "uitstroomWerk", None)
    plaats(a["A03"], "2020-06-02")
    a["A03"].beeindig(d("2020-06-30"), "uitstroomWerk", None)
    a["A04"].beeindig(d("2020-04-01"), "voortijdigeUitval", "zorgtraject")
    a["A05"].beeindig(d("2020-06-15"), "zonderResultaat", "dagbesteding")
    hub.save(*a.values())
    yield
    b = {n: aanmelding("agros", n, dag) for n, dag in (("A08", "2020-04-01"), ("A09", "2020-04-06"), ("A10", "2020-06-30"))}
    b["A08"].registreer_oproep(d("2020-04-16"), d("2020-04-22"), True)
    b["A08"].registreer_noshow(d("2020-04-22"), "intake")
    plan(b["A08"], "2020-05-04", 2)
    b["A09"].registreer_oproep(d("2020-04-08"), d("2020-04-20"), True)
    plan(b["A09"], "2020-05-11", 3)
    b["A09"].beoordeel_plan(d("2020-05-19"), "goedgekeurd", "akkoord")
    b["A09"].rapporteer_voortgang("2020-Q2", 4, "stijgt")
    hub.save(*b.values())
    yield
    f0 = factuur("agros", "AG-0", "2020-03-31", [regel(1, "15000.00", "2020-03-20")])
    besluit(f0, 1, "goedgekeurd", "15000.00")
    f1 = factuur("agros", "AG-1", "2020-04-15", [regel(1, "20000.00", "2020-04-10"), regel(2, "5000.00", "2020-04-10")])
    besluit(f1, 1, "goedgekeurd", "20000.00")
    besluit(f1, 2, "afgewezen", "0.00")
    f2 = factuur("agros", "AG-2", "2020-06-30", [regel(1, "10000.00", "2020-06-01"), regel(2, "3000.00", "2020-06-25")])
    besluit(f2, 1, "verwachtGoedgekeurd", "8000.00")
    hub.save(f0, f1, f2)
    yield


def pasmatch(hub: Hub) -> Iterator[None]:
    p = {n: aanmelding("pasmatch", n, dag) for n, dag in (("P01", "2020-01-08"), ("P02", "2020-01-09"), ("P03", "2020-02-11"))}
    hub.save(*p.values())
    yield
    plaats(p["P01"], "2020-04-20")
    p["P01"].beeindig(d("2020-05-01"), "uitstroomWerk", None)
    p["P02"].beeindig(d("2020-05-02"), "afgerond", "vervolg bij Agros")
    p["P03"].beeindig(d("2020-06-03"), "anders", "verhuisd")
    f1 = factuur("pasmatch", "PM-1", "2020-02-10", [regel(1, "40000.00", "2020-02-01")])
    besluit(f1, 1, "goedgekeurd", "40000.00")
    f2 = factuur("pasmatch", "PM-2", "2020-05-20", [regel(1, "30000.00", "2020-05-15")])
    besluit(f2, 1, "goedgekeurd", "30000.00")
    hub.save(*p.values(), f1, f2)
    yield


def periode(periode_id: str, start: str, eind: str, aanvraag: str) -> Jobcoachperiode:
    return Jobcoachperiode(gemeente=G, periode_id=periode_id, traject_id="J01", provider="jobcoach-org", soort="jobcoaching",
                           start=d(start), eind=d(eind), uren_gepland=Decimal("40"), jobcoachplan_ref="JCP-1",
                           werkgever="Bakkerij De Korenbloem", bijzondere_omstandigheden=None, datum_aanvraag=d(aanvraag))


def verantwoord(p: Jobcoachperiode, ontvangen: str, *uren: tuple[str, str]) -> None:
    p.verantwoord_uren([Urenregel(d(dag), Decimal(u), "begeleiding op de werkvloer") for dag, u in uren],
                       "geen", {"jobcoach": True, "werkgever": True, "werknemer": True}, "op koers", d(ontvangen))


def jobcoach(hub: Hub) -> Iterator[None]:
    eerder = periode("JC-0", "2023-10-01", "2024-03-31", "2023-10-10")
    eerder.ken_toe(d("2023-10-01"), d("2024-03-31"), Decimal("20"), "jobcoaching")
    verantwoord(eerder, "2024-05-02", ("2024-03-29", "2"))
    nu = periode("JC-1", "2024-04-01", "2024-09-30", "2024-05-06")
    nu.ken_toe(d("2024-04-01"), d("2024-09-30"), Decimal("40"), "jobcoaching")
    hub.save(eerder, nu)
    yield
    verantwoord(nu, "2024-07-05", ("2024-04-15", "3"), ("2024-06-28", "2.5"), ("2024-07-01", "4"))
    f1 = factuur("jobcoach-org", "JC-F1", "2024-04-10", [regel(1, "155.18", "2024-03-31", "JC-UUR", "2", "JC-0")])
    f2 = factuur("jobcoach-org", "JC-F2", "2024-06-20", [regel(1, "426.75", "2024-06-30", "JC-UUR", "5.5", "JC-1")])
    hub.save(nu, f1, f2)
    yield


def alles(hub: Hub) -> Iterator[None]:
    yield from agros(hub)
    yield from pasmatch(hub)
    yield from jobcoach(hub)


def bouw(hub: Hub) -> None:
    for _ in alles(hub):
        pass
