"""Het demoscenario als berichten in tijdsvolgorde, met de bedragen uit de productenmap.

Amstelveen/Aalsmeer: Matchez (Bemiddeling naar Werk 3 maanden met plaatsingsbonus en nazorg, een
plaatsing na de bonustermijn, een traject zonder resultaat, Taal en Bewustwording omgezet), A-rea
(medisch onderzoek met twee no-shows), Balans (schuldregeling) en AM Match (nog zonder prijs).
Heemstede: jobcoaching à € 77,59 per uur, en een taalstage van Pasmatch met een opdrachtbedrag (toewijzing, 2020).
Leidschendam-Voorburg, Wassenaar en Voorschoten: een participatietraject uit hun gedeelde budget (74/14/12).
Uithoorn: AM Match met de doelen per loonwaardecategorie (werk, terug naar school, handhaving, in begeleiding). Matchez: Werk boven Uitkering met te weinig
contactmomenten. Een paar berichten worden met opzet geweigerd.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hub.domein.geld import maal, percentage_van

NAAMRUIMTE = uuid.UUID("8d3c0b52-6a5e-4f43-9d0e-2b7f1c9a4e10")

CLIENTEN = {
    "AMS-2024-0101": ("123456782", "Fatima el Amrani", "1987-03-14", "AV-104233", "Stadsplein 12, 1181 ZM Amstelveen"),
    "AMS-2024-0102": ("111222333", "Pieter Janssen", "1972-11-02", "AV-098812", "Zonnestein 41, 1181 LH Amstelveen"),
    "AMS-2024-0103": ("999999990", "Anouk Visser", "1995-06-30", "AV-110045", "Ouderkerkerlaan 8, 1185 AB Amstelveen"),
    "AMS-2024-0104": ("100000009", "Mohamed Bouzid", "1980-01-19", "AV-107700", "Poortwachter 3, 1186 BA Amstelveen"),
    "AMS-2024-0105": ("123456782", "Fatima el Amrani", "1987-03-14", "AV-104233", "Stadsplein 12, 1181 ZM Amstelveen"),
    "AAL-2024-0201": ("111111110", "Kees de Groot", "1966-09-09", "AA-200311", "Zijdstraat 20, 1431 EC Aalsmeer"),
    "AMS-2024-0106": ("555555550", "Lotte Mulder", "1990-12-01", "AV-112233", "Orion 14, 1188 LM Amstelveen"),
    "AMS-2024-0107": ("222222220", "Sem Hendriks", "1999-02-22", "AV-113344", "Handweg 90, 1185 TS Amstelveen"),
    "AMS-2024-0108": ("333333330", "Yara Bakker", "1984-07-07", "AV-114455", "Keizer Karelweg 2, 1185 HT Amstelveen"),
    "HMS-2024-0007": ("444444440", "Daan Smit", "1993-05-05", "HS-007001", "Binnenweg 10, 2101 JC Heemstede"),
    "HMS-2020-0031": ("111222333", "Yonas Tesfay", "1994-06-21", "HS-020871", "Raadhuisstraat 4, 2101 HB Heemstede"),
    "LV-2024-0015": ("999999990", "Noor Verhoeven", "1988-10-12", "LV-301144", "Damplein 7, 2265 CX Leidschendam"),
    "UH-2024-0042": ("100000009", "Ilse de Wit", "1997-03-03", "UH-040221", "Dorpsstraat 21, 1421 AA Uithoorn"),
    "AMS-2024-0109": ("555555550", "Ricardo Silva", "1985-08-17", "AV-115566", "Rembrandtweg 30, 1181 GH Amstelveen"),
    "UH-2024-0043": ("111111110", "Jesse Kok", "2004-09-14", "UH-040318", "Laan van Meerwijk 5, 1423 AB Uithoorn"),
    "UH-2024-0044": ("222222220", "Marco Dekker", "1979-04-26", "UH-040402", "Prinses Irenelaan 9, 1421 BL Uithoorn"),
    "UH-2024-0045": ("333333330", "Samira Amrani", "1991-11-08", "UH-040455", "Zijdelweg 33, 1421 AM Uithoorn"),
}


@dataclass(frozen=True)
class Stap:
    afzender: str
    bericht: dict[str, Any]
    vorm: str = "json"
    toelichting: str = ""


def _id(*delen: str) -> str:
    return str(uuid.uuid5(NAAMRUIMTE, "/".join(delen)))


def _envelop(soort: str, afzender: str, gemeente: str, dag: date, traject_id: str | None, volg: str = "") -> dict[str, Any]:
    bericht = {"berichtId": _id(soort, traject_id or "", dag.isoformat(), volg), "type": soort, "versie": "1",
               "afzender": afzender, "gemeente": gemeente, "verzonden": f"{dag.isoformat()}T09:30:00+01:00"}
    if traject_id is not None:
        bericht["trajectId"] = traject_id
    return bericht


def _client(traject_id: str) -> dict[str, str]:
    bsn, naam, geboren, nummer, adres = CLIENTEN[traject_id]
    return {"bsn": bsn, "naam": naam, "geboortedatum": geboren, "clientnummer": nummer, "adres": adres}


def aanmelding(traject_id: str, provider: str, product: str, dag: date, gemeente: str = "amstelveen", **extra: Any) -> Stap:
    b = _envelop("aanmelding", "gemeente", gemeente, dag, traject_id)
    b.update(provider=provider, product=product, datumAanmelding=dag.isoformat(), klantmanager="Sanne de Vries",
             redenVerwijzing="Langdurig in de bijstand; wil aan het werk.", client=_client(traject_id), **extra)
    return Stap("gemeente", b, toelichting=f"aanmelding {traject_id} bij {provider} ({product})")


def traject(berichttype: str, provider: str, traject_id: str, dag: date, gemeente: str = "amstelveen", vorm: str = "json",
             volg: str = "", **velden: Any) -> Stap:
    b = _envelop(berichttype, provider, gemeente, dag, traject_id, volg)
    b.update(velden)
    return Stap(provider, b, vorm, f"{berichttype} {traject_id}")


def oproep(provider: str, traject_id: str, dag: date, gesprek: date, **kw: Any) -> Stap:
    return traject("oproep", provider, traject_id, dag, datumUitnodiging=dag.isoformat(), datumGesprek=gesprek.isoformat(),
                   kopieNaarKlantmanager=True, **kw)


def plan(provider: str, traject_id: str, dag: date, trede: int, **kw: Any) -> Stap:
    return traject("plan", provider, traject_id, dag, vorm="xml", datum=dag.isoformat(),
                   trajectbegeleider={"naam": "Jeroen Bakker", "telefoon": "020 5401111"}, ondertekendClient=True,
                   ondertekendBegeleider=True, gerichtOpUitstroom=True,
                   analyse="Gemotiveerd, ervaring in de logistiek; kinderopvang geregeld.",
                   stappen=[{"doel": "Cv op orde", "planning": "Week 1-2", "terugkoppeling": "Week 3"},
                            {"doel": "Twee werkaanbiedingen", "planning": "Week 3-8", "terugkoppeling": "Eind kwartaal"}],
                   trede=trede, **kw)


def _besluit(soort: str, traject_id: str, dag: date) -> Stap:
    b = _envelop(soort, "gemeente", "amstelveen", dag, traject_id)
    b.update(datum=dag.isoformat(), besluit="goedgekeurd", toelichting="Akkoord.")
    return Stap("gemeente", b, toelichting=f"{soort} {traject_id}")


def plan_besluit(traject_id: str, dag: date) -> Stap:
    return _besluit("planBesluit", traject_id, dag)


def plaatsing(provider: str, traject_id: str, dag: date) -> Stap:
    return traject("plaatsing", provider, traject_id, dag, datumIndienst=dag.isoformat(), werkgever="Bakkerij Van Dijk B.V.",
                   urenPerWeek="32", contractduurMaanden=6, arbeidsovereenkomstRef=f"AO-{traject_id}")


def einde(provider: str, traject_id: str, dag: date, reden: str, advies: str | None = None, gemeente: str = "amstelveen") -> Stap:
    velden: dict[str, Any] = {"datum": dag.isoformat(), "reden": reden}
    if advies:
        velden["vervolgadvies"] = advies
    return traject("beeindiging", provider, traject_id, dag, gemeente=gemeente, **velden)


def factuurregel(n: int, traject_id: str, product: str, start: date, eind: date, aantal: str, prijs: str,
                 datum_aanmelding: date, **extra: Any) -> dict[str, Any]:
    bedrag = percentage_van(maal(aantal, Decimal(prijs)), extra.get("percentage", "100"))
    return {"regelnummer": n, "trajectId": traject_id, "product": product, "periodeStart": start.isoformat(),
            "periodeEind": eind.isoformat(), "aantal": aantal, "prijs": prijs,
            "bedrag": f"{bedrag:.2f}", "btwPercentage": extra.pop("btw", "21"),
            "client": _client(traject_id), "datumAanmelding": datum_aanmelding.isoformat(), "klantmanager": "Sanne de Vries",
            **extra}


def factuur(provider: str, nummer: str, dag: date, iban: str, regels: list[dict[str, Any]], gemeente: str = "amstelveen",
            vorm: str = "json") -> Stap:
    excl = sum(Decimal(r["bedrag"]) for r in regels)
    btw = sum((percentage_van(Decimal(r["bedrag"]), r["btwPercentage"]) for r in regels), Decimal(0))
    b = _envelop("factuur", provider, gemeente, dag, None, nummer)
    b.update(factuurnummer=nummer, factuurdatum=dag.isoformat(), iban=iban, regels=regels, totaalExclBtw=f"{excl:.2f}",
             btwBedrag=f"{btw:.2f}", totaalInclBtw=f"{excl + btw:.2f}")
    return Stap(provider, b, vorm, f"factuur {nummer}")


def creditnota(provider: str, nummer: str, dag: date, factuurnummer: str, regels: list[tuple[int, str]], reden: str,
               gemeente: str = "amstelveen") -> Stap:
    """`regels`: per gecrediteerde factuurregel haar nummer en bedrag excl. btw (21 %)."""
    excl = sum((Decimal(b) for _, b in regels), Decimal(0))
    btw = percentage_van(excl, "21")
    b = _envelop("creditnota", provider, gemeente, dag, None, nummer)
    b.update(creditnotanummer=nummer, creditnotadatum=dag.isoformat(), factuurnummer=factuurnummer, reden=reden,
             regels=[{"regelnummer": i, "factuurregel": n, "bedrag": bedrag, "btwPercentage": "21"}
                     for i, (n, bedrag) in enumerate(regels, start=1)],
             totaalExclBtw=f"{excl:.2f}", btwBedrag=f"{btw:.2f}", totaalInclBtw=f"{excl + btw:.2f}")
    return Stap(provider, b, "json", f"creditnota {nummer} op {factuurnummer}")


D = date


def scenario() -> list[Stap]:
    mz, area = "matchez", "a-rea"
    s: list[Stap] = []
    # Matchez, BNW3: geplaatst binnen 3 maanden → bonus en drie maanden nazorg
    s += [aanmelding("AMS-2024-0101", mz, "MZ-BNW3", D(2024, 1, 2)),
          oproep(mz, "AMS-2024-0101", D(2024, 1, 5), D(2024, 1, 15)),
          traject("intake", mz, "AMS-2024-0101", D(2024, 1, 15), datum="2024-01-15"),
          plan(mz, "AMS-2024-0101", D(2024, 1, 29), trede=3),
          plan_besluit("AMS-2024-0101", D(2024, 2, 1)),
          plaatsing(mz, "AMS-2024-0101", D(2024, 3, 18)),
          einde(mz, "AMS-2024-0101", D(2024, 3, 18), "uitstroomWerk")]
    for maand in ("2024-04", "2024-05", "2024-06"):
        s.append(traject("nazorg", mz, "AMS-2024-0101", D(2024, int(maand[-2:]) + 1, 1), volg=maand, maand=maand))
    # Matchez, BNW3: geplaatst na de bonustermijn; oproep te laat (signaal)
    s += [aanmelding("AMS-2024-0102", mz, "MZ-BNW3", D(2024, 1, 8)),
          oproep(mz, "AMS-2024-0102", D(2024, 1, 26), D(2024, 2, 5)),
          traject("intake", mz, "AMS-2024-0102", D(2024, 2, 5), datum="2024-02-05"),
          plan(mz, "AMS-2024-0102", D(2024, 3, 20), trede=2),
          traject("voortgang", mz, "AMS-2024-0102", D(2024, 4, 2), kwartaal="2024-Q1", trede=3, toelichting="Solliciteert actief."),
          plaatsing(mz, "AMS-2024-0102", D(2024, 5, 21)),
          einde(mz, "AMS-2024-0102", D(2024, 5, 21), "uitstroomWerk")]
    # Matchez, BNW6 zonder resultaat
    s += [aanmelding("AMS-2024-0103", mz, "MZ-BNW3", D(2024, 2, 12)),
          oproep(mz, "AMS-2024-0103", D(2024, 2, 14), D(2024, 2, 26)),
          traject("intake", mz, "AMS-2024-0103", D(2024, 2, 26), datum="2024-02-26"),
          traject("mutatie", mz, "AMS-2024-0103", D(2024, 4, 15), reden="Meer begeleiding nodig na ziekte",
                  bijgesteldDoel="Werk in de zorg, eerst 16 uur", nieuwProduct="MZ-BNW6", nieuwePrijs="3250.00",
                  planning="Zes maanden vanaf 01-05-2024"),
          _besluit("mutatieBesluit", "AMS-2024-0103", D(2024, 4, 18)),
          einde(mz, "AMS-2024-0103", D(2024, 6, 28), "zonderResultaat", "Taaltraject bij het Leerplein")]
    # Matchez, Taal en Bewustwording omgezet naar BNW3 (omzetting)
    s += [aanmelding("AMS-2024-0104", mz, "MZ-TB", D(2024, 1, 10)),
          traject("intake", mz, "AMS-2024-0104", D(2024, 1, 17), datum="2024-01-17"),
          aanmelding("AMS-2024-0105", mz, "MZ-BNW3", D(2024, 4, 2), omzettingVan="AMS-2024-0104")]
    # A-rea: medisch onderzoek met twee no-shows, daarna afgerond
    s += [aanmelding("AAL-2024-0201", area, "AREA-MED", D(2024, 1, 22), gemeente="aalsmeer"),
          traject("noShow", area, "AAL-2024-0201", D(2024, 2, 6), gemeente="aalsmeer", volg="1", datumAfspraak="2024-02-06",
                  soortAfspraak="onderzoek"),
          traject("noShow", area, "AAL-2024-0201", D(2024, 2, 20), gemeente="aalsmeer", volg="2", datumAfspraak="2024-02-20",
                  soortAfspraak="onderzoek"),
          einde(area, "AAL-2024-0201", D(2024, 3, 5), "afgerond", "Advies belastbaarheid naar klantmanager", gemeente="aalsmeer")]
    # Balans en AM Match
    s += [aanmelding("AMS-2024-0106", "balans", "BAL-TRAJECT", D(2024, 2, 1)),
          traject("intake", "balans", "AMS-2024-0106", D(2024, 2, 8), datum="2024-02-08"),
          aanmelding("AMS-2024-0107", "am-match", "AM-REGULIER", D(2024, 3, 4)),
          traject("intake", "am-match", "AMS-2024-0107", D(2024, 3, 11), datum="2024-03-11")]
    # Heemstede: jobcoaching
    s += [aanmelding("HMS-2024-0007", "jobcoach-org", "JC-UUR", D(2024, 6, 20), gemeente="heemstede"),
          traject("jobcoachAanvraag", "jobcoach-org", "HMS-2024-0007", D(2024, 7, 3), gemeente="heemstede",
                  periodeId="HMS-JC-2024-01", start="2024-07-01", eind="2024-12-31", urenGepland="40", soort="jobcoaching",
                  jobcoachplanRef="JCP-2024-017", werkgever="Tuincentrum De Linde")]
    toekenning = _envelop("jobcoachToekenning", "gemeente", "heemstede", D(2024, 7, 8), "HMS-2024-0007")
    toekenning.update(periodeId="HMS-JC-2024-01", start="2024-07-01", eind="2024-12-31", urenToegekend="40", soort="jobcoaching")
    s.append(Stap("gemeente", toekenning, toelichting="jobcoachtoekenning HMS-JC-2024-01"))
    s.append(traject("urenverantwoording", "jobcoach-org", "HMS-2024-0007", D(2024, 10, 2), gemeente="heemstede",
                     periodeId="HMS-JC-2024-01",
                     regels=[{"datum": "2024-07-03", "uren": "4", "activiteit": "Inwerken op de werkplek"},
                             {"datum": "2024-07-10", "uren": "2.5", "activiteit": "Werkplekbezoek"},
                             {"datum": "2024-09-18", "uren": "3", "activiteit": "Evaluatie met werkgever en werknemer"}],
                     ondertekend={"jobcoach": True, "werkgever": True, "werknemer": True},
                     doelenBereikt="Werkt zelfstandig in de kas."))
    s += contracten_uit_de_stukken()
    s += afwijzingen()
    s += facturen()
    return s


def contracten_uit_de_stukken() -> list[Stap]:
    """Toewijzing (Heemstede 2020), gedeeld budget (Leidschendam-Voorburg, Wassenaar, Voorschoten), loonwaarde
    (Uithoorn) en de verplichtingen van Werk boven Uitkering."""
    s = [aanmelding("HMS-2020-0031", "pasmatch", "PM-TAALSTAGE", D(2020, 2, 3), gemeente="heemstede",
                    opdrachtbedrag="4500.00", loonwaarde="70-100"),
         traject("intake", "pasmatch", "HMS-2020-0031", D(2020, 2, 10), gemeente="heemstede", datum="2020-02-10"),
         aanmelding("LV-2024-0015", "participatie-org", "PT-TRAJECT", D(2024, 2, 5), gemeente="leidschendam-voorburg",
                    opdrachtbedrag="6000.00"),
         traject("intake", "participatie-org", "LV-2024-0015", D(2024, 2, 12), gemeente="leidschendam-voorburg",
                 datum="2024-02-12"),
         aanmelding("UH-2024-0042", "am-match", "AM-REGULIER", D(2024, 1, 15), gemeente="uithoorn", loonwaarde="70-100"),
         traject("intake", "am-match", "UH-2024-0042", D(2024, 1, 22), gemeente="uithoorn", datum="2024-01-22"),
         traject("plaatsing", "am-match", "UH-2024-0042", D(2024, 4, 8), gemeente="uithoorn", datumIndienst="2024-04-08",
                 werkgever="Kwekerij De Ronde Venen", urenPerWeek="24", contractduurMaanden=12, arbeidsovereenkomstRef="AO-UH-42"),
         einde("am-match", "UH-2024-0042", D(2024, 4, 8), "uitstroomWerk", gemeente="uithoorn"),
         *uithoorn_school_handhaving_begeleiding(),
         aanmelding("AMS-2024-0109", "matchez", "MZ-WBU", D(2024, 5, 6)),
         traject("intake", "matchez", "AMS-2024-0109", D(2024, 5, 7), datum="2024-05-07")]
    for dag in (7, 9, 13):
        s.append(traject("contactmoment", "matchez", "AMS-2024-0109", D(2024, 5, dag), volg=str(dag), datum=f"2024-05-{dag:02d}",
                         onderwerp="Sollicitaties en motivatie besproken"))
    s.append(traject("werkaanbieding", "matchez", "AMS-2024-0109", D(2024, 5, 10), datum="2024-05-10",
                     werkgever="Distributiecentrum Schiphol-Rijk", functie="Orderpicker, 32 uur per week"))
    return s


def uithoorn_school_handhaving_begeleiding() -> list[Stap]:
    """Uithoorn: terug naar school (70-100 %), uitstroom door handhaving en een traject in begeleiding (100 %)."""
    uh = "uithoorn"
    besluit = _envelop("planBesluit", "gemeente", uh, D(2024, 3, 28), "UH-2024-0045")
    besluit.update(datum="2024-03-28", besluit="goedgekeurd", toelichting="Akkoord.")
    return [
        aanmelding("UH-2024-0043", "am-match", "AM-REGULIER", D(2024, 2, 5), gemeente=uh, loonwaarde="70-100"),
        traject("intake", "am-match", "UH-2024-0043", D(2024, 2, 12), gemeente=uh, datum="2024-02-12"),
        einde("am-match", "UH-2024-0043", D(2024, 6, 3), "terugNaarSchool",
              "Start 1 september met de Entree-opleiding; bij uitval opnieuw melden bij de klantmanager.", gemeente=uh),
        aanmelding("UH-2024-0044", "am-match", "AM-REGULIER", D(2024, 2, 19), gemeente=uh, loonwaarde="100"),
        traject("noShow", "am-match", "UH-2024-0044", D(2024, 3, 4), gemeente=uh, volg="1", datumAfspraak="2024-03-04",
                soortAfspraak="intake"),
        einde("am-match", "UH-2024-0044", D(2024, 5, 13), "handhaving",
              "Niet verschenen en geen contact; dossier bij handhaving. Bij een nieuwe aanvraag opnieuw beoordelen.",
              gemeente=uh),
        aanmelding("UH-2024-0045", "am-match", "AM-REGULIER", D(2024, 3, 4), gemeente=uh, loonwaarde="100"),
        traject("intake", "am-match", "UH-2024-0045", D(2024, 3, 11), gemeente=uh, datum="2024-03-11"),
        plan("am-match", "UH-2024-0045", D(2024, 3, 25), trede=3, gemeente=uh),
        Stap("gemeente", besluit, toelichting="planBesluit UH-2024-0045"),
    ]


def afwijzingen() -> list[Stap]:
    """Berichten die de hub met opzet weigert, met een reden die de afzender begrijpt."""
    bsn_fout = aanmelding("AMS-2024-0108", "matchez", "MZ-BNW3", D(2024, 3, 1))
    bsn_fout.bericht["client"] = {**bsn_fout.bericht["client"], "bsn": "123456789"}
    return [
        Stap(bsn_fout.afzender, bsn_fout.bericht, toelichting="aanmelding met een BSN dat de elfproef niet haalt"),
        Stap("matchez", traject("nazorg", "matchez", "AMS-2024-0103", D(2024, 4, 1), maand="2024-03").bericht,
             toelichting="nazorg zonder plaatsing"),
        Stap("a-rea", traject("intake", "a-rea", "AMS-2024-0101", D(2024, 1, 16), datum="2024-01-16").bericht,
             toelichting="A-rea meldt een intake voor een traject van Matchez"),
        Stap("balans", traject("beeindiging", "balans", "AMS-2024-0106", D(2024, 4, 1), datum="2024-04-01",
                                reden="afgerond").bericht, toelichting="beëindiging zonder vervolgadvies"),
    ]


def facturen() -> list[Stap]:
    mz_iban, area_iban = "NL91ABNA0417164300", "NL20INGB0001234567"
    return [
        factuur("matchez", "MZ-2024-0012", D(2024, 3, 29), mz_iban, [
            factuurregel(1, "AMS-2024-0101", "MZ-BNW3", D(2024, 1, 15), D(2024, 3, 18), "1", "2250.00", D(2024, 1, 2)),
            factuurregel(2, "AMS-2024-0101", "MZ-BNW3-BONUS", D(2024, 3, 18), D(2024, 3, 18), "1", "500.00", D(2024, 1, 2)),
            factuurregel(3, "AMS-2024-0102", "MZ-BNW3", D(2024, 2, 5), D(2024, 3, 31), "1", "2300.00", D(2024, 1, 8)),
        ]),
        factuur("matchez", "MZ-2024-0019", D(2024, 6, 3), mz_iban, [
            factuurregel(1, "AMS-2024-0102", "MZ-BNW3-BONUS", D(2024, 5, 21), D(2024, 5, 21), "1", "500.00", D(2024, 1, 8)),
            factuurregel(2, "AMS-2024-0101", "MZ-NAZORG", D(2024, 4, 1), D(2024, 4, 30), "1", "350.00", D(2024, 1, 2)),
            factuurregel(3, "AMS-2024-0101", "MZ-NAZORG", D(2024, 5, 1), D(2024, 5, 31), "1", "350.00", D(2024, 1, 2)),
        ]),
        factuur("a-rea", "AREA-2024-0031", D(2024, 3, 6), area_iban, [
            factuurregel(1, "AAL-2024-0201", "AREA-MED", D(2024, 2, 6), D(2024, 2, 6), "1", "225.00", D(2024, 1, 22),
                         noShowVolgnummer=1, percentage="50"),
            factuurregel(2, "AAL-2024-0201", "AREA-MED", D(2024, 2, 20), D(2024, 2, 20), "1", "225.00", D(2024, 1, 22),
                         noShowVolgnummer=2, percentage="50"),
        ], gemeente="aalsmeer", vorm="xml"),
        factuur("am-match", "AMM-2024-0004", D(2024, 4, 15), "NL37BUNQ2025550101", [
            factuurregel(1, "AMS-2024-0107", "AM-REGULIER", D(2024, 3, 11), D(2024, 3, 31), "1", "1800.00", D(2024, 3, 4)),
        ]),
        factuur("jobcoach-org", "JC-2024-0107", D(2024, 10, 7), "NL63TRIO0212345678", [
            factuurregel(1, "HMS-2024-0007", "JC-UUR", D(2024, 7, 1), D(2024, 9, 30), "9.5", "77.59", D(2024, 6, 20),
                         periodeId="HMS-JC-2024-01"),
        ], gemeente="heemstede"),
        factuur("pasmatch", "PM-2020-0008", D(2020, 8, 4), "NL68SNSB0901234567", [
            factuurregel(1, "HMS-2020-0031", "PM-TAALSTAGE", D(2020, 2, 10), D(2020, 7, 31), "1", "5000.00", D(2020, 2, 3)),
        ], gemeente="heemstede"),
        factuur("participatie-org", "PT-2024-0003", D(2024, 6, 4), "NL86INGB0002445588", [
            factuurregel(1, "LV-2024-0015", "PT-TRAJECT", D(2024, 2, 12), D(2024, 5, 31), "1", "6000.00", D(2024, 2, 5)),
        ], gemeente="leidschendam-voorburg"),
        factuur("matchez", "MZ-2024-0027", D(2024, 5, 24), "NL91ABNA0417164300", [
            factuurregel(1, "AMS-2024-0109", "MZ-WBU", D(2024, 5, 7), D(2024, 5, 20), "1", "375.00", D(2024, 5, 6)),
        ]),
        creditnota("matchez", "MZ-2024-C001", D(2024, 6, 10), "MZ-2024-0019", [(1, "500.00")],
                   "De plaatsing van AMS-2024-0102 viel buiten de drie maanden: geen bonus."),
    ]


def na_de_laatste() -> date:
    return max(date.fromisoformat(s.bericht["verzonden"][:10]) for s in scenario()) + timedelta(days=1)
