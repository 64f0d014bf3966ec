"""Contracten zoals de inkoper ze vastlegt; elk bestand in `contracts/` wordt één `Contract`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hub.domein.identificatie import iban_geldig

Eenheid = Literal["traject", "aanmelding", "jaar", "stuk", "maand", "uur", "gesprek", "noshow", "periode"]


class _Strikt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Prijs(_Strikt):
    """Een prijs vanaf een datum; indexatie (CPI) voegt een nieuwe prijs toe, nooit een wijziging."""

    bedrag: Decimal = Field(ge=0, decimal_places=2, description="Bedrag excl. BTW in euro")
    geldig_van: date
    geldig_tot: date | None = None
    bron: str = ""

    @model_validator(mode="after")
    def _volgorde(self) -> Prijs:
        if self.geldig_tot is not None and self.geldig_tot < self.geldig_van:
            raise ValueError("geldig_tot ligt vóór geldig_van")
        return self

    def geldt_op(self, dag: date) -> bool:
        return self.geldig_van <= dag and (self.geldig_tot is None or dag <= self.geldig_tot)


class Bonus(_Strikt):
    """Een bonus op een ander product, verdiend bij plaatsing binnen een aantal maanden na de start."""

    voor_product: str
    binnen_maanden: int = Field(gt=0)


class Verplichtingen(_Strikt):
    """Wat de aanbieder binnen een termijn na de start moet leveren voordat het product betaald wordt (Werk boven
    Uitkering: 8 contactmomenten en ten minste 2 werkaanbiedingen in 2 weken)."""

    termijn_dagen: int = Field(gt=0, description="Dagen vanaf de start (intake, anders aanmelding), de start meegeteld")
    contactmomenten: int = Field(default=0, ge=0)
    werkaanbiedingen: int = Field(default=0, ge=0)


class Product(_Strikt):
    code: str = Field(pattern=r"^[A-Z0-9][A-Z0-9-]*$")
    naam: str = Field(min_length=1)
    eenheid: Eenheid
    prijzen: list[Prijs] = Field(default_factory=list, description="Leeg: nog geen prijsafspraak")
    btw_percentage: Decimal | None = Field(default=None, ge=0, le=100)
    prijs_is_maximum: bool = False
    maximum_aantal: int | None = Field(default=None, gt=0, description="Bijv. adviesgesprekken: dekt ten hoogste 3")
    duur_maanden: int | None = Field(default=None, gt=0)
    bonus: Bonus | None = None
    nazorg_maximum_maanden: int | None = Field(default=None, gt=0)
    nazorg_venster_maanden: int | None = Field(
        default=None, gt=0,
        description="Nazorg valt in het venster van de datum in dienst tot (niet t/m) dezelfde dag zoveel maanden later; "
        "een nazorgmaand is een kalendermaand die dat venster raakt",
    )
    noshow_staffel: list[Decimal] | None = Field(
        default=None, description="Percentage per n-de no-show; het laatste geldt ook voor elke latere"
    )
    werkbegeleidingsjaar: int | None = Field(
        default=None, gt=0,
        description="Interne werkbegeleiding: het bedrag is het maximum voor alle regels van dit jaar van werkbegeleiding "
        "samen; welk jaar een regel is, volgt uit haar periode, niet uit de code",
    )
    verplichtingen: Verplichtingen | None = None
    opdrachtbedrag: bool = Field(
        default=False,
        description="Toewijzing: geen prijs per eenheid; de gemeente geeft per aanmelding het opdrachtbedrag en de "
        "facturen van het traject blijven samen binnen dat bedrag",
    )
    gevolgd_door: str | None = None
    hoort_bij: list[str] = Field(
        default_factory=list,
        description="Producten waar dit product bij hoort: wie voor een van die producten is aangemeld, mag ook dit product "
        "factureren (een bonus hoort vanzelf bij zijn voor_product)",
    )
    omschrijving: str = ""

    @field_validator("noshow_staffel")
    @classmethod
    def _staffel(cls, waarde: list[Decimal] | None) -> list[Decimal] | None:
        if waarde is not None:
            if not waarde:
                raise ValueError("noshow_staffel mag niet leeg zijn")
            if any(p < 0 or p > 100 for p in waarde):
                raise ValueError("percentages in noshow_staffel liggen tussen 0 en 100")
        return waarde

    @model_validator(mode="after")
    def _toewijzing(self) -> Product:
        if self.opdrachtbedrag and self.prijzen:
            raise ValueError(f"{self.code} krijgt zijn bedrag per aanmelding (opdrachtbedrag) en heeft dus geen prijzen")
        return self

    def hoort_bij_producten(self) -> set[str]:
        return set(self.hoort_bij) | ({self.bonus.voor_product} if self.bonus else set())

    def noshow_percentage(self, volgnummer: int) -> Decimal | None:
        if not self.noshow_staffel or volgnummer < 1:
            return None
        return self.noshow_staffel[min(volgnummer, len(self.noshow_staffel)) - 1]


class Plafond(_Strikt):
    """Budget- of aantalplafond per jaar; reiken tot het plafond is een grond om te weigeren."""

    jaar: int | None = Field(default=None, description="Leeg: elk jaar")
    gemeente: str | None = None
    bedrag: Decimal | None = Field(default=None, ge=0)
    aantal: int | None = Field(default=None, gt=0, description="Bijv. ten hoogste 45 cliënten per jaar")
    omschrijving: str = ""
    producten: list[str] = Field(
        default_factory=list, description="Alleen wat op deze producten besteed wordt telt; leeg: het hele contract"
    )

    @model_validator(mode="after")
    def _iets(self) -> Plafond:
        if self.bedrag is None and self.aantal is None:
            raise ValueError("een plafond heeft een bedrag of een aantal")
        return self


class Verdeelsleutel(_Strikt):
    """Gemeenten die samen inkopen en de kosten delen: de aanbieder factureert de penvoerder, die betaalt en de
    andere gemeenten hun aandeel doorbelast. Een plafond zonder gemeente is dan het gezamenlijke budget."""

    penvoerder: str
    aandelen: dict[str, Decimal] = Field(description="Per gemeente het aandeel in procenten; samen 100")
    bron: str = ""

    @model_validator(mode="after")
    def _honderd(self) -> Verdeelsleutel:
        if any(a <= 0 for a in self.aandelen.values()):
            raise ValueError("elk aandeel in de verdeelsleutel is groter dan 0 %")
        if sum(self.aandelen.values(), Decimal(0)) != 100:
            raise ValueError("de aandelen van de verdeelsleutel tellen op tot 100 %")
        if self.penvoerder not in self.aandelen:
            raise ValueError(f"penvoerder {self.penvoerder} heeft geen aandeel in de verdeelsleutel")
        return self


class Doelstelling(_Strikt):
    uitstroom_werk_procent: Decimal = Field(ge=0, le=100)
    vergelijking: Literal[">", ">="] = ">="
    omschrijving: str = ""

    def gehaald(self, procent: Decimal) -> bool:
        if self.vergelijking == ">":
            return procent > self.uitstroom_werk_procent
        return procent >= self.uitstroom_werk_procent


Loonwaarde = Literal["0-40", "40-70", "70-100", "100"]


class Resultaatdoel(_Strikt):
    """De doelen voor de cliënten van één loonwaardecategorie (Uithoorn, 004…), elk een percentage (of een aantal
    plaatsingen per jaar). Twee noemers: `uitstroom_werk_procent` telt de in het kwartaal beëindigde trajecten; de
    andere percentages tellen de trajecten van de categorie in het jaar (zie `rapportage/voetnoten.py`), en
    `op_traject_procent` het `aantal_mensen` in de categorie, een getal uit het beleidsstuk dat de hub zelf niet ziet."""

    loonwaarde: Loonwaarde
    uitstroom_werk_procent: Decimal | None = Field(default=None, ge=0, le=100)
    vergelijking: Literal[">", ">="] = ">="
    plaatsingen_per_jaar: int | None = Field(default=None, gt=0)
    product: str | None = Field(default=None, description="Alleen trajecten van dit product tellen voor de plaatsingen per jaar")
    omschrijving: str = ""
    werk_of_school_procent: Decimal | None = Field(
        default=None, ge=0, le=100, description="Aan het werk (uitstroomWerk) of terug naar school (terugNaarSchool)")
    in_begeleiding_procent: Decimal | None = Field(
        default=None, ge=0, le=100, description="In begeleiding naar werk of scholing, van alle trajecten in het jaar")
    overige_in_begeleiding_procent: Decimal | None = Field(
        default=None, ge=0, le=100,
        description="In begeleiding naar werk of scholing, van de trajecten die niet naar werk of school gingen")
    handhaving_procent: Decimal | None = Field(default=None, ge=0, le=100, description="Uitstroom door handhaving")
    op_traject_procent: Decimal | None = Field(
        default=None, ge=0, le=100, description="Trajecten die lopen aan het einde van het kwartaal, van aantal_mensen")
    aantal_mensen: int | None = Field(default=None, gt=0, description="Mensen in de categorie volgens het beleidsstuk")

    @model_validator(mode="after")
    def _iets(self) -> Resultaatdoel:
        if all(getattr(self, veld) is None for veld in (*PERCENTAGEDOELEN, "plaatsingen_per_jaar")):
            raise ValueError("een resultaatdoel heeft een percentage (uitstroom, werk of school, in begeleiding, "
                             "handhaving, op traject) of een aantal plaatsingen per jaar")
        if self.op_traject_procent is not None and self.aantal_mensen is None:
            raise ValueError(f"resultaatdoel {self.loonwaarde}: op_traject_procent vraagt aantal_mensen (het aantal "
                             "mensen in de categorie volgens het beleidsstuk)")
        return self

    def beschrijving(self) -> str:
        teken = self.vergelijking.replace(">=", "≥")
        delen = [f"{teken} {getattr(self, f'{m}_procent')} % {naam}" for m, naam in MAATSTAVEN.items()
                 if getattr(self, f"{m}_procent") is not None]
        if self.aantal_mensen is not None and self.op_traject_procent is not None:
            delen[-1] += f" van {self.aantal_mensen} mensen"
        if self.plaatsingen_per_jaar is not None:
            delen.append(f"{self.plaatsingen_per_jaar} plaatsingen per jaar")
        return "; ".join(delen)

    def gehaald(self, procent: Decimal, doel: Decimal | None = None) -> bool:
        """`procent` tegen `doel` (zonder: het uitstroompercentage) met de vergelijking van het contract."""
        grens = self.uitstroom_werk_procent if doel is None else doel
        assert grens is not None
        if self.vergelijking == ">":
            return procent > grens
        return procent >= grens


MAATSTAVEN = {
    "uitstroom_werk": "uitstroom naar werk",
    "werk_of_school": "aan het werk of terug naar school",
    "in_begeleiding": "in begeleiding naar werk of scholing",
    "overige_in_begeleiding": "van de overigen in begeleiding naar werk of scholing",
    "handhaving": "uitstroom door handhaving",
    "op_traject": "op traject",
}
"""Per percentagedoel van een resultaatdoel (veld `<maatstaf>_procent`) hoe het heet, in de volgorde van het rapport."""
PERCENTAGEDOELEN = tuple(f"{m}_procent" for m in MAATSTAVEN)


class Contract(_Strikt):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    provider: str
    gemeenten: list[str] = Field(min_length=1)
    geldig_van: date
    geldig_tot: date | None = None
    btw_percentage: Decimal = Field(ge=0, le=100)
    iban: str | None = None
    omzetting_verrekenen: bool = False
    bron: str = Field(min_length=1, description="Beleidsstuk en paragraaf waar de afspraken vandaan komen")
    producten: list[Product] = Field(default_factory=list)
    plafonds: list[Plafond] = Field(default_factory=list)
    doelstelling: Doelstelling | None = None
    verdeelsleutel: Verdeelsleutel | None = None
    resultaatdoelen: list[Resultaatdoel] = Field(default_factory=list)

    @field_validator("iban")
    @classmethod
    def _iban(cls, waarde: str | None) -> str | None:
        if waarde is not None and not iban_geldig(waarde):
            raise ValueError(f"IBAN {waarde} klopt niet (controlegetal); controleer het rekeningnummer")
        return waarde

    @field_validator("resultaatdoelen")
    @classmethod
    def _een_per_categorie(cls, doelen: list[Resultaatdoel]) -> list[Resultaatdoel]:
        categorieen = [d.loonwaarde for d in doelen]
        dubbel = {c for c in categorieen if categorieen.count(c) > 1}
        if dubbel:
            raise ValueError(f"loonwaarde {', '.join(sorted(dubbel))} staat meer dan eens in de resultaatdoelen; zet alle "
                             "doelen van een categorie in één resultaatdoel")
        return doelen

    @model_validator(mode="after")
    def _samenhang(self) -> Contract:
        if self.geldig_tot is not None and self.geldig_tot < self.geldig_van:
            raise ValueError("geldig_tot ligt vóór geldig_van")
        if self.verdeelsleutel is not None and set(self.verdeelsleutel.aandelen) != set(self.gemeenten):
            raise ValueError("de verdeelsleutel noemt precies de gemeenten van het contract")
        codes = [p.code for p in self.producten]
        for doel in self.resultaatdoelen:
            if doel.product is not None and doel.product not in codes:
                raise ValueError(f"resultaatdoel {doel.loonwaarde} noemt onbekend product {doel.product}")
        for plafond in self.plafonds:
            onbekend = sorted(set(plafond.producten) - set(codes))
            if onbekend:
                raise ValueError(f"plafond {plafond.omschrijving!r} noemt onbekend product {', '.join(onbekend)}")
        dubbel = {c for c in codes if codes.count(c) > 1}
        if dubbel:
            raise ValueError(f"product {', '.join(sorted(dubbel))} staat meer dan eens in het contract")
        for product in self.producten:
            for prijs in product.prijzen:
                if prijs.geldig_van < self.geldig_van or (
                    self.geldig_tot is not None and (prijs.geldig_tot is None or prijs.geldig_tot > self.geldig_tot)
                ):
                    raise ValueError(
                        f"prijs van {product.code} per {prijs.geldig_van} valt buiten de looptijd van het contract"
                    )
            for verwijzing in (product.bonus.voor_product if product.bonus else None, product.gevolgd_door, *product.hoort_bij):
                if verwijzing is not None and verwijzing not in codes:
                    raise ValueError(f"{product.code} verwijst naar onbekend product {verwijzing}")
        return self

    def geldt_op(self, dag: date) -> bool:
        return self.geldig_van <= dag and (self.geldig_tot is None or dag <= self.geldig_tot)

    def product(self, code: str) -> Product | None:
        return next((p for p in self.producten if p.code == code), None)

    def btw_voor(self, product: Product) -> Decimal:
        return product.btw_percentage if product.btw_percentage is not None else self.btw_percentage


class Partij(_Strikt):
    code: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    naam: str


class Partijen(_Strikt):
    gemeenten: list[Partij]
    providers: list[Partij]

    def gemeentecodes(self) -> set[str]:
        return {g.code for g in self.gemeenten}

    def providercodes(self) -> set[str]:
        return {p.code for p in self.providers}

    def naam(self, code: str) -> str:
        for partij in (*self.gemeenten, *self.providers):
            if partij.code == code:
                return partij.naam
        return code
