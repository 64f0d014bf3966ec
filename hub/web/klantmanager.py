"""De pagina's van de klantmanager: een cliënt aanmelden, een plan of mutatie beoordelen, een jobcoachperiode
toekennen (elk als bericht van de gemeente, met de retourcodes naast het veld), en de termijnen van zijn trajecten."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from starlette.datastructures import FormData

from hub.aggregates.gebruiker import KLANTMANAGER
from hub.web.gedeeld import Context, Paginas, formulier, met_rol, naar, paginas, veld

router = APIRouter()
ALLEEN_KLANTMANAGER = met_rol(KLANTMANAGER)
BESLUITEN = (("goedgekeurd", "Goedgekeurd"), ("afgewezen", "Afgewezen"))


@dataclass(frozen=True)
class Veld:
    naam: str
    """zoals in de berichtenstandaard; de retour noemt een fout bij deze naam"""
    label: str
    soort: str = "text"
    hulp: str = ""
    opties: tuple[tuple[str, str], ...] = ()
    verplicht: bool = True

    @property
    def id(self) -> str:
        return "veld-" + self.naam.replace(".", "-")


@dataclass(frozen=True)
class Formulier:
    soort: str
    pad: str
    titel: str
    uitleg: str
    velden: tuple[Veld, ...]
    knop: str
    gelukt: str


GEMEENTE = Veld("gemeente", "Gemeente", "gemeente")
TRAJECT = Veld("trajectId", "TrajectId", hulp="Het kenmerk van het traject bij de gemeente, bijv. AMS-2024-0001.")
BESLUIT = (TRAJECT, Veld("datum", "Datum van het besluit", "date"), Veld("besluit", "Besluit", "radio", opties=BESLUITEN),
           Veld("toelichting", "Toelichting", "textarea", "Waarom; de aanbieder krijgt dit te zien.", verplicht=False))

FORMULIEREN = {f.soort: f for f in (
    Formulier("aanmelding", "/klantmanager/aanmelden", "Cliënt aanmelden",
              "De aanmelding gaat naar de aanbieder, met uw naam als klantmanager.", (
                  GEMEENTE, TRAJECT,
                  Veld("provider", "Aanbieder", "aanbieder"),
                  Veld("product", "Productcode", hulp="Uit het contract met de aanbieder, bijv. MZ-BNW3."),
                  Veld("datumAanmelding", "Datum aanmelding", "date"),
                  Veld("redenVerwijzing", "Reden van verwijzing", "textarea"),
                  Veld("client.bsn", "BSN van de cliënt", hulp="9 cijfers."),
                  Veld("client.naam", "Naam van de cliënt"),
                  Veld("client.geboortedatum", "Geboortedatum", "date"),
                  Veld("client.clientnummer", "Cliëntnummer"),
                  Veld("client.adres", "Adres", hulp="Op één regel: straat, huisnummer, postcode en plaats."),
                  Veld("omzettingVan", "Omzetting van traject", hulp="Alleen als dit traject een ander vervangt.",
                       verplicht=False),
              ), "Meld aan", "Aanmelding van traject {trajectId} is geaccepteerd en gaat naar de aanbieder."),
    Formulier("planBesluit", "/klantmanager/plan", "Re-integratieplan beoordelen",
              "Binnen 5 werkdagen na het plan; het besluit gaat naar de aanbieder.", (GEMEENTE, *BESLUIT),
              "Leg besluit vast", "Besluit over het plan van traject {trajectId} is vastgelegd."),
    Formulier("mutatieBesluit", "/klantmanager/mutatie", "Mutatie beoordelen",
              "Bij goedkeuren gaat het traject over op het aangevraagde product.", (GEMEENTE, *BESLUIT),
              "Leg besluit vast", "Besluit over de mutatie van traject {trajectId} is vastgelegd."),
    Formulier("jobcoachToekenning", "/klantmanager/jobcoach", "Jobcoachperiode toekennen",
              "Op een jobcoachaanvraag van de aanbieder; de prijs komt uit het contract.", (
                  GEMEENTE, TRAJECT,
                  Veld("periodeId", "PeriodeId", hulp="Uit de jobcoachaanvraag, bijv. HMS-JC-2024-01."),
                  Veld("start", "Eerste dag", "date"), Veld("eind", "Laatste dag", "date"),
                  Veld("urenToegekend", "Toegekende uren", hulp="Bijv. 40 of 12.5."),
                  Veld("soort", "Soort ondersteuning", "select",
                       opties=(("jobcoaching", "Jobcoaching"), ("interneWerkbegeleiding", "Interne werkbegeleiding"))),
              ), "Ken toe", "Jobcoachperiode {periodeId} van traject {trajectId} is toegekend."),
)}


def _toon_formulier(ctx: Context, p: Paginas, f: Formulier, waarden: dict[str, str], status: int = 200,
                    per_veld: dict[str, list[str]] | None = None, overig: list[str] | None = None,
                    signalen: list[str] | None = None) -> Response:
    waarden.setdefault("berichtId", str(uuid.uuid4()))
    vandaag = ctx.hub.klok().astimezone().date().isoformat()
    for datumveld in ("datum", "datumAanmelding"):
        if any(v.naam == datumveld for v in f.velden):
            waarden.setdefault(datumveld, vandaag)
    if len(ctx.profiel.gemeenten) == 1:
        waarden.setdefault("gemeente", ctx.profiel.gemeenten[0])
    aanbieders = tuple((c, ctx.hub.catalogus.partijen.naam(c)) for c in ctx.hub.catalogus.providers())
    return p.toon(ctx.request, "klantmanager_formulier.html", ctx.sessie, ctx.profiel, status=status, actief=f.soort,
                  formulier=f, waarden=waarden, per_veld=per_veld or {}, overig=overig or [], signalen=signalen or [],
                  aanbieders=aanbieders)


def _route(f: Formulier) -> None:
    def toon(trajectId: str = "", gemeente: str = "", periodeId: str = "", ctx: Context = ALLEEN_KLANTMANAGER,
             p: Paginas = Depends(paginas)) -> Response:
        waarden = {k: v for k, v in (("trajectId", trajectId), ("gemeente", gemeente), ("periodeId", periodeId)) if v}
        return _toon_formulier(ctx, p, f, waarden)

    def dien_in(form: FormData = Depends(formulier), ctx: Context = ALLEEN_KLANTMANAGER,
                p: Paginas = Depends(paginas)) -> Response:
        waarden = {v.naam: veld(form, v.naam) for v in f.velden} | {"berichtId": veld(form, "berichtId")}
        uitkomst = ctx.hub.klantmanager.dien_in(ctx.profiel, f.soort, waarden["berichtId"], waarden)
        if not uitkomst.geaccepteerd:
            return _toon_formulier(ctx, p, f, waarden, 422, uitkomst.per_veld, uitkomst.overig)
        ctx.sessie.meld("gelukt", f.gelukt.format(**waarden))
        for signaal in uitkomst.signalen:
            ctx.sessie.meld("fout", f"Vastgelegd, met een signaal: {signaal}")
        return naar("/klantmanager/trajecten")

    router.add_api_route(f.pad, toon, methods=["GET"], response_model=None)
    router.add_api_route(f.pad, dien_in, methods=["POST"], response_model=None)


for _formulier in FORMULIEREN.values():
    _route(_formulier)


@router.get("/klantmanager/trajecten")
def trajecten(alle: bool = False, ctx: Context = ALLEEN_KLANTMANAGER, p: Paginas = Depends(paginas)) -> Response:
    regels = ctx.hub.klantmanager.termijnen(ctx.profiel, alleen_eigen=not alle)
    return p.toon(ctx.request, "klantmanager_trajecten.html", ctx.sessie, ctx.profiel, actief="trajecten", regels=regels,
                  alle=alle)
