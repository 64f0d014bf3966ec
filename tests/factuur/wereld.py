"""Een kleine wereld voor factuurtests: echte SQLite-eventstore, echte contracten, feiten via de aggregates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from hub.aggregates.factuur import Clientgegevens, Factuur, Factuurregel
from hub.aggregates.jobcoachperiode import Jobcoachperiode, Urenregel
from hub.aggregates.traject import Traject
from hub.contracten.catalogus import Catalogus
from hub.domein.geld import bedrag, percentage_van
from hub.koppelingen.opslag.leesmodellen import Leesmodellen, werk_bij
from hub.projections.factuurcontrole import Factuurcontrole, Factuuroordeel
from hub.toepassing.eventstore import Hub

BSN = "123456782"
CLIENT = {
    "bsn": BSN,
    "naam": "Fatima el Amrani",
    "geboortedatum": date(1987, 3, 14),
    "clientnummer": "AV-104233",
    "adres": "Stadsplein 12, 1181 ZM Amstelveen",
}
OP = datetime(2024, 4, 10, 9, 0, tzinfo=UTC)


def regel(
    n: int,
    traject_id: str,
    product: str,
    start: date,
    eind: date,
    prijs: str,
    aantal: str = "1",
    bedrag_: str | None = None,
    btw: str = "21",
    percentage: str | None = None,
    **extra: Any,
) -> Factuurregel:
    prijs_d, aantal_d = Decimal(prijs), Decimal(aantal)
    percentage_d = Decimal(percentage) if percentage is not None else None
    factor = percentage_d / 100 if percentage_d is not None else Decimal(1)
    waarden: dict[str, Any] = {
        "regelnummer": n,
        "traject_id": traject_id,
        "product": product,
        "periode_start": start,
        "periode_eind": eind,
        "aantal": aantal_d,
        "prijs": prijs_d,
        "bedrag": Decimal(bedrag_) if bedrag_ is not None else bedrag(aantal_d * prijs_d * factor),
        "btw_percentage": Decimal(btw),
        "client": Clientgegevens(**CLIENT),
        "datum_aanmelding": date(2024, 1, 2),
        "klantmanager": "Petra Jansen",
        "percentage": percentage_d,
    }
    return Factuurregel(**{**waarden, **extra})


class Wereld:
    def __init__(self, hub: Hub, catalogus: Catalogus, map_: Path):
        self.hub = hub
        self.catalogus = catalogus
        self.leesmodellen = Leesmodellen(map_ / "leesmodellen")

    def meld_aan(
        self,
        traject_id: str,
        product: str = "MZ-BNW3",
        provider: str = "matchez",
        datum: date = date(2024, 1, 2),
        gemeente: str = "amstelveen",
        omzetting_van: str | None = None,
        client: dict[str, Any] | None = None,
        opdrachtbedrag: str | None = None,
        loonwaarde: str | None = None,
    ) -> Traject:
        traject = Traject.meld_aan(
            gemeente=gemeente,
            traject_id=traject_id,
            provider=provider,
            product=product,
            datum_aanmelding=datum,
            klantmanager="Petra Jansen",
            reden_verwijzing="Bemiddeling naar werk",
            client=Clientgegevens(**(client or CLIENT)),
            product_bekend=self.catalogus.product(provider, gemeente, product) is not None,
            omzetting_van=omzetting_van,
            opdrachtbedrag=Decimal(opdrachtbedrag) if opdrachtbedrag is not None else None,
            loonwaarde=loonwaarde,
        )
        self.hub.save(traject)
        return traject

    def met_traject(self, traject_id: str, gemeente: str = "amstelveen") -> Traject:
        return self.hub.traject(gemeente, traject_id)

    def doe(self, traject_id: str, actie: str, *args: Any, gemeente: str = "amstelveen", **kwargs: Any) -> Any:
        traject = self.hub.traject(gemeente, traject_id)
        uitkomst = getattr(traject, actie)(*args, **kwargs)
        self.hub.save(traject)
        return uitkomst

    def plaats(self, traject_id: str, datum: date) -> None:
        self.doe(traject_id, "plaats", datum, "Bakkerij Boven", Decimal(32), 12, "AO-1")

    def jobcoachperiode(
        self, periode_id: str, traject_id: str, start: date, eind: date, uren: str | None, gemeente: str = "heemstede",
        soort: str = "jobcoaching",
    ) -> Jobcoachperiode:
        periode = Jobcoachperiode(
            gemeente=gemeente,
            periode_id=periode_id,
            traject_id=traject_id,
            provider="jobcoach-org",
            soort=soort,
            start=start,
            eind=eind,
            uren_gepland=Decimal(uren or 0),
            jobcoachplan_ref="JCP-1",
            werkgever="Bakkerij Boven",
            bijzondere_omstandigheden=None,
            datum_aanvraag=start,
        )
        if uren is not None:
            periode.ken_toe(start, eind, Decimal(uren), soort)
        self.hub.save(periode)
        return periode

    def verantwoord(self, periode_id: str, uren: list[tuple[date, str]], gemeente: str = "heemstede") -> None:
        periode = self.hub.zoek_periode(gemeente, periode_id)
        periode.verantwoord_uren(
            [Urenregel(d, Decimal(u), "Begeleiding op de werkvloer") for d, u in uren],
            "",
            {"jobcoach": True, "werkgever": True, "werknemer": True},
            "Doelen op koers",
            uren[-1][0],
        )
        self.hub.save(periode)

    def factuur(
        self,
        nummer: str,
        *regels: Factuurregel,
        afzender: str = "matchez",
        gemeente: str = "amstelveen",
        factuurdatum: date = date(2024, 4, 10),
        **kop: Any,
    ) -> Factuur:
        excl = bedrag(sum((r.bedrag or Decimal(0) for r in regels), Decimal(0)))
        btw = bedrag(sum((percentage_van(r.bedrag, r.btw_percentage) for r in regels if r.bedrag is not None), Decimal(0)))
        gegevens = {
            "afzender": afzender,
            "gemeente": gemeente,
            "factuurnummer": nummer,
            "factuurdatum": factuurdatum,
            "verzonden": datetime.combine(factuurdatum, datetime.min.time(), UTC),
            "iban": "NL91ABNA0417164300",
            "regels": list(regels),
            "totaal_excl_btw": excl,
            "btw_bedrag": btw,
            "totaal_incl_btw": excl + btw,
            "bron": "json",
        }
        gegevens.update(kop)
        factuur = Factuur.ontvang(**gegevens)
        self.hub.save(factuur)
        return factuur

    def besluit(self, nummer: str, regelnummer: int, besluit: str, bedrag_: str, afzender: str = "matchez") -> None:
        factuur = self.hub.zoek_factuur(afzender, nummer)
        factuur.besluit(regelnummer, besluit, Decimal(bedrag_), "M. de Boer", "Getoetst", OP)
        self.hub.save(factuur)

    def controle(self) -> Factuurcontrole:
        controle = Factuurcontrole(self.catalogus)
        werk_bij(self.hub, [controle], self.leesmodellen)
        return controle

    def oordeel(self, nummer: str, afzender: str = "matchez") -> Factuuroordeel:
        oordeel = self.controle().oordeel(afzender, nummer)
        assert oordeel is not None
        return oordeel

    def codes(self, nummer: str, regelnummer: int = 1, afzender: str = "matchez") -> list[str]:
        return [b.code for b in self.oordeel(nummer, afzender).regel(regelnummer).bevindingen]
