"""De factuur van een provider en de status die de hub per factuurregel teruggeeft."""

from typing import Literal

from pydantic import Field

from hub.berichten.basis import Envelop, Model
from hub.berichten.retour import MetVormsignalen
from hub.berichten.typen import (
    Aantal,
    Bedrag,
    Bsn,
    Datum,
    Foutcode,
    Iban,
    Kenmerk,
    Naam,
    Percentage,
    Productcode,
    Tekst,
    Volgnummer,
)


class Factuurclient(Model):
    """Cliëntgegevens op een factuurregel.

    De werkafspraken eisen ze allemaal, maar een ontbrekend veld is een bevinding `VERPLICHT_VELD` voor de
    managementassistent en geen reden om de hele factuur te weigeren.
    """

    bsn: Bsn | None = Field(default=None, description="Burgerservicenummer van de cliënt.", examples=["123456782"])
    naam: Naam | None = Field(default=None, description="Volledige naam van de cliënt.", examples=["Fatima el Amrani"])
    geboortedatum: Datum | None = Field(
        default=None, description="Geboortedatum van de cliënt.", examples=["1987-03-14"]
    )
    clientnummer: Kenmerk | None = Field(
        default=None, description="Cliëntnummer bij de gemeente.", examples=["AV-104233"]
    )
    adres: Naam | None = Field(
        default=None,
        description="Woonadres van de cliënt op één regel.",
        examples=["Stadsplein 12, 1181 ZM Amstelveen"],
    )


class Factuurregel(Model):
    regelnummer: Volgnummer = Field(description="Nummer van de regel binnen de factuur.", examples=[1])
    traject_id: Kenmerk = Field(description="Traject waarop de regel betrekking heeft.", examples=["AMS-2024-0001"])
    product: Productcode = Field(description="Productcode uit het contract.", examples=["MZ-BNW3"])
    periode_start: Datum = Field(description="Begin van het gefactureerde (deel)traject.", examples=["2024-01-08"])
    periode_eind: Datum = Field(description="Einde van het gefactureerde (deel)traject.", examples=["2024-04-07"])
    aantal: Aantal = Field(description="Aantal eenheden; bij jobcoaching het aantal uren.", examples=["1"])
    prijs: Bedrag = Field(description="Prijs per eenheid volgens het contract, excl. btw.", examples=["2250.00"])
    bedrag: Bedrag = Field(
        description="Regelbedrag excl. btw: aantal × prijs (× percentage / 100 bij een no-show).",
        examples=["2250.00"],
    )
    btw_percentage: Percentage = Field(description="Btw-percentage van de regel.", examples=["21"])
    client: Factuurclient | None = Field(
        default=None, description="Gegevens van de cliënt; ontbrekende gegevens worden een bevinding VERPLICHT_VELD."
    )
    datum_aanmelding: Datum | None = Field(
        default=None, description="Datum van de aanmelding door de gemeente.", examples=["2024-01-02"]
    )
    klantmanager: Naam | None = Field(
        default=None, description="Naam van de klantmanager.", examples=["Sanne de Vries"]
    )
    no_show_volgnummer: Volgnummer | None = Field(
        default=None, description="Bij een no-show-regel: de hoeveelste no-show (1, 2, …).", examples=[1]
    )
    percentage: Percentage | None = Field(
        default=None, description="Bij een no-show-regel: het percentage van de prijs.", examples=["50"]
    )
    periode_id: Kenmerk | None = Field(
        default=None, description="Bij een jobcoachregel: de jobcoachperiode.", examples=["HMS-JC-2024-01"]
    )


class Factuur(MetVormsignalen, Envelop):
    """Een factuur; de trajectId staat per regel, niet in de envelop."""

    type: Literal["factuur"] = "factuur"
    factuurnummer: Kenmerk = Field(description="Factuurnummer van de provider.", examples=["MZ-2024-0012"])
    factuurdatum: Datum = Field(description="Datum van de factuur.", examples=["2024-04-02"])
    iban: Iban = Field(description="Rekeningnummer voor de betaling.", examples=["NL91ABNA0417164300"])
    regels: list[Factuurregel] = Field(min_length=1, max_length=1000, description="De factuurregels.")
    totaal_excl_btw: Bedrag = Field(description="Totaal excl. btw.", examples=["2250.00"])
    btw_bedrag: Bedrag = Field(description="Totaal btw.", examples=["472.50"])
    totaal_incl_btw: Bedrag = Field(description="Totaal incl. btw.", examples=["2722.50"])


class Bevinding(Model):
    code: Foutcode = Field(description="Code van de bevinding (zie DOMEIN.md).", examples=["PRIJS_AFWIJKING"])
    melding: Tekst = Field(description="Uitleg in gewone taal.")


class RegelBesluit(Model):
    uitkomst: Literal["goedgekeurd", "afgewezen", "verwachtBedragGoedgekeurd"] = Field(
        description="Besluit van de managementassistent over de regel.", examples=["goedgekeurd"]
    )
    bedrag: Bedrag = Field(description="Goedgekeurd bedrag excl. btw.", examples=["2250.00"])
    datum: Datum = Field(description="Datum van het besluit.", examples=["2024-04-10"])
    reden: Tekst | None = Field(default=None, description="Reden, verplicht bij een bevinding.")


class Betaling(Model):
    datum: Datum = Field(description="Datum van betaling.", examples=["2024-04-20"])
    bedrag: Bedrag = Field(description="Betaald bedrag incl. btw.", examples=["2722.50"])
    betaalbatch: Kenmerk | None = Field(default=None, description="Betaalbatch.", examples=["BB-2024-016"])


class Creditering(Model):
    gevolg: Literal["ingetrokken", "uitBetaalvoorstel", "teVerrekenen", "verrekend"] = Field(
        description="Wat de creditnota met de regel deed: een onbesliste regel is ingetrokken, een goedgekeurde maar "
        "onbetaalde gaat uit het betaalvoorstel, een betaalde wordt verrekend met de volgende betaling.",
        examples=["ingetrokken"],
    )
    creditnota: Kenmerk = Field(description="Nummer van de creditnota.", examples=["MZ-2024-C001"])
    verrekend_in: Kenmerk | None = Field(default=None, description="Betaalbatch waarin is verrekend.", examples=["BB-2024-017"])


class Statusregel(Model):
    regelnummer: Volgnummer = Field(description="Regelnummer uit de factuur.", examples=[1])
    verwacht: Bedrag = Field(description="Bedrag dat de hub verwacht, excl. btw.", examples=["2250.00"])
    gefactureerd: Bedrag = Field(description="Gefactureerd bedrag, excl. btw.", examples=["2250.00"])
    bevindingen: list[Bevinding] = Field(default_factory=list, max_length=50, description="Bevindingen.")
    besluit: RegelBesluit | None = Field(default=None, description="Besluit, zodra genomen.")
    betaald: Betaling | None = Field(default=None, description="Betaling, zodra gedaan.")
    creditering: Creditering | None = Field(default=None, description="Als een creditnota de regel annuleerde.")


class Factuurstatus(Model):
    """Hub → provider: de uitkomst van de controle per factuurregel.

    `type` zoals elk bericht in de inbox, zodat de aanbieder het van de doorgestuurde berichten onderscheidt.
    """

    type: Literal["factuurstatus"] = "factuurstatus"
    factuurnummer: Kenmerk = Field(description="Factuurnummer van de provider.", examples=["MZ-2024-0012"])
    regels: list[Statusregel] = Field(max_length=1000, description="Status per factuurregel.")
