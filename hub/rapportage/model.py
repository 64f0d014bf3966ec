"""Het rapportmodel: de kengetallen van één aanbieder bij één gemeente over één kwartaal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from hub.contracten.model import MAATSTAVEN, Doelstelling, Resultaatdoel

TIENDE = Decimal("0.1")
NUL = Decimal("0.00")


def procent(teller: int | Decimal, noemer: int | Decimal) -> Decimal | None:
    """Percentage op één decimaal, half naar boven; None als er niets te delen is."""
    if not noemer:
        return None
    return (Decimal(teller) * 100 / Decimal(noemer)).quantize(TIENDE, rounding=ROUND_HALF_UP)


def gemiddelde(som: int, aantal: int) -> Decimal | None:
    if not aantal:
        return None
    return (Decimal(som) / aantal).quantize(TIENDE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Aandeel:
    op_tijd: int
    totaal: int

    @property
    def procent(self) -> Decimal | None:
        return procent(self.op_tijd, self.totaal)


@dataclass(frozen=True)
class Uitstroom:
    naar_werk: int
    beeindigd: int
    doel: Doelstelling | None

    @property
    def procent(self) -> Decimal | None:
        return procent(self.naar_werk, self.beeindigd)

    @property
    def gehaald(self) -> bool | None:
        """Vergeleken met het onafgeronde percentage, zodat 50,04 % 'meer dan 50 %' is."""
        if self.doel is None or not self.beeindigd:
            return None
        return self.doel.gehaald(Decimal(self.naar_werk) * 100 / Decimal(self.beeindigd))


@dataclass(frozen=True)
class Ladder:
    omhoog: int = 0
    gelijk: int = 0
    omlaag: int = 0
    som_start: int = 0
    som_laatst: int = 0

    @property
    def aantal(self) -> int:
        return self.omhoog + self.gelijk + self.omlaag

    @property
    def gemiddelde_start(self) -> Decimal | None:
        return gemiddelde(self.som_start, self.aantal)

    @property
    def gemiddelde_laatst(self) -> Decimal | None:
        return gemiddelde(self.som_laatst, self.aantal)

    @property
    def gemiddelde_stap(self) -> Decimal | None:
        return gemiddelde(self.som_laatst - self.som_start, self.aantal)


@dataclass(frozen=True)
class Jobcoachuren:
    toegekend: Decimal = Decimal(0)
    verantwoord: Decimal = Decimal(0)
    gefactureerd: Decimal = Decimal(0)
    overgeheveld: Decimal = Decimal(0)
    """Uren uit het tweede jaar die bij de toegekende uren van het eerste jaar zijn gekomen (art. 11.2)."""


@dataclass(frozen=True)
class Factuurbedragen:
    """gefactureerd = goedgekeurd + afgewezen + nog te beoordelen (alles excl. btw)."""

    facturen: int = 0
    regels: int = 0
    gefactureerd: Decimal = NUL
    goedgekeurd: Decimal = NUL
    afgewezen: Decimal = NUL
    open: Decimal = NUL


@dataclass(frozen=True)
class Budgetgebruik:
    jaar: int
    omschrijving: str
    plafond: Decimal | None
    besteed: Decimal
    aantal_plafond: int | None
    aantal: int

    @property
    def procent(self) -> Decimal | None:
        return procent(self.besteed, self.plafond) if self.plafond else None

    @property
    def aantal_procent(self) -> Decimal | None:
        return procent(self.aantal, self.aantal_plafond) if self.aantal_plafond else None


@dataclass(frozen=True)
class Budgetaandeel:
    """Een budget dat gemeenten samen dragen (verdeelsleutel): het aandeel van deze gemeente in het budget en in wat
    er in het jaar is goedgekeurd, en de doorbelasting van het goedgekeurde per gemeente (samen het geheel)."""

    jaar: int
    omschrijving: str
    gemeente: str
    penvoerder: str
    aandeel: Decimal
    plafond: Decimal | None
    plafond_aandeel: Decimal | None
    besteed: Decimal
    besteed_aandeel: Decimal
    doorbelasting: dict[str, Decimal] = field(default_factory=dict)

    @property
    def procent(self) -> Decimal | None:
        return procent(self.besteed_aandeel, self.plafond_aandeel) if self.plafond_aandeel else None


@dataclass(frozen=True)
class Doelresultaat:
    """Eén doel van een loonwaardecategorie: `teller` van `noemer` tegen het doelpercentage."""

    maatstaf: str
    doel: Decimal
    teller: int
    noemer: int
    gehaald: bool | None

    @property
    def omschrijving(self) -> str:
        return MAATSTAVEN[self.maatstaf]

    @property
    def procent(self) -> Decimal | None:
        return procent(self.teller, self.noemer)


@dataclass(frozen=True)
class Loonwaarderesultaat:
    """De resultaten van één loonwaardecategorie tegen de doelen van het contract. Uitstroom naar werk telt de in het
    kwartaal beëindigde trajecten; werk of school, in begeleiding en handhaving tellen de trajecten in het jaar
    (`in_beeld`), elk naar zijn stand op de laatste dag van het kwartaal; op traject: wat die dag loopt; plaatsingen:
    in het jaar tot en met het kwartaal."""

    loonwaarde: str
    aanmeldingen: int
    beeindigd: int
    naar_werk: int
    plaatsingen_jaar: int
    doel: Resultaatdoel | None
    in_beeld: int = 0
    werk_of_school: int = 0
    in_begeleiding: int = 0
    handhaving: int = 0
    op_traject: int = 0

    @property
    def procent(self) -> Decimal | None:
        return procent(self.naar_werk, self.beeindigd)

    def _tel(self, maatstaf: str) -> tuple[int, int]:
        overige = self.in_beeld - self.werk_of_school
        return {
            "uitstroom_werk": (self.naar_werk, self.beeindigd),
            "werk_of_school": (self.werk_of_school, self.in_beeld),
            "in_begeleiding": (self.in_begeleiding, self.in_beeld),
            "overige_in_begeleiding": (self.in_begeleiding, overige),
            "handhaving": (self.handhaving, self.in_beeld),
            "op_traject": (self.op_traject, (self.doel.aantal_mensen or 0) if self.doel else 0),
        }[maatstaf]

    @property
    def doelresultaten(self) -> list[Doelresultaat]:
        """De percentagedoelen van de categorie, elk tegen het onafgeronde percentage; zonder noemer niet te zeggen,
        behalve 'van de overigen' als iedereen naar werk of school ging: dan is er niemand die nog begeleiding mist."""
        if self.doel is None:
            return []
        uit = []
        for maatstaf in MAATSTAVEN:
            grens = getattr(self.doel, f"{maatstaf}_procent")
            if grens is None:
                continue
            teller, noemer = self._tel(maatstaf)
            if noemer > 0:
                gehaald: bool | None = self.doel.gehaald(Decimal(teller) * 100 / Decimal(noemer), grens)
            else:
                gehaald = True if maatstaf == "overige_in_begeleiding" and self.in_beeld else None
            uit.append(Doelresultaat(maatstaf, grens, teller, noemer, gehaald))
        return uit

    @property
    def plaatsingen_gehaald(self) -> bool | None:
        """Een aantal per jaar pas als het gehaald is (het jaar loopt nog), dus None tot dan."""
        if self.doel is None or self.doel.plaatsingen_per_jaar is None:
            return None
        return True if self.plaatsingen_jaar >= self.doel.plaatsingen_per_jaar else None

    @property
    def gehaald(self) -> bool | None:
        """Alle doelen van de categorie: False als er één niet gehaald is, True als ze alle gehaald zijn, anders None."""
        if self.doel is None:
            return None
        uitkomsten = [r.gehaald for r in self.doelresultaten]
        if self.doel.plaatsingen_per_jaar is not None:
            uitkomsten.append(self.plaatsingen_gehaald)
        if False in uitkomsten:
            return False
        return True if uitkomsten and all(uitkomsten) else None


@dataclass(frozen=True)
class Providercijfers:
    provider: str
    naam: str
    kwartaal: str
    aanmeldingen: int
    oproepen: Aandeel
    plannen: Aandeel
    noshows: int
    actief: int
    beeindigingen: dict[str, int]
    omzettingen: int
    uitstroom: Uitstroom
    plaatsingen: int
    plaatsingen_binnen_3_maanden: int
    nazorgmaanden: int
    ladder: Ladder
    jobcoach: Jobcoachuren
    facturen: Factuurbedragen
    bevindingen: list[tuple[str, int]] | None
    budget: list[Budgetgebruik]
    te_late_facturen: int | None
    te_late_berichten: dict[str, int]
    openstaand: dict[str, int]
    budgetaandelen: list[Budgetaandeel] = field(default_factory=list)
    loonwaarde: list[Loonwaarderesultaat] = field(default_factory=list)


@dataclass(frozen=True)
class Kwartaalrapport:
    gemeente: str
    gemeentenaam: str
    kwartaal: str
    begin: date
    eind: date
    providers: list[Providercijfers]
    trend: dict[str, list[Providercijfers]] = field(default_factory=dict)
    bevindingen_beschikbaar: bool = False
    voetnoten: list[str] = field(default_factory=list)

    def trend_van(self, provider: str) -> list[Providercijfers]:
        return self.trend.get(provider, [])
