"""Beschrijving van de velden van een berichtmodel, voor de XSD, de XML-vorm en foutmeldingen."""

import types
from dataclasses import dataclass, replace
from functools import cache
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from hub.berichten.typen import Formaat

ENKELVOUD = {
    "stappen": "stap",
    "regels": "regel",
    "fouten": "fout",
    "signalen": "signaal",
    "bevindingen": "bevinding",
}


@dataclass(frozen=True)
class Veld:
    alias: str
    naam: str
    verplicht: bool
    beschrijving: str | None
    basis: type | None
    formaat: Formaat | None = None
    keuzes: tuple[str, ...] = ()
    model: type[BaseModel] | None = None
    lijst: bool = False
    min_aantal: int = 0
    max_aantal: int | None = None

    @property
    def enkelvoud(self) -> str:
        return ENKELVOUD[self.alias]

    @property
    def hint(self) -> str:
        if self.keuzes:
            return "een van: " + ", ".join(f"'{k}'" for k in self.keuzes)
        if self.lijst:
            return f"een lijst van {self.enkelvoud}-elementen"
        if self.model is not None:
            namen = ", ".join(v.alias for v in velden(self.model) if v.verplicht)
            return f"een object met {namen}"
        if self.formaat is not None:
            return self.formaat.hint
        return "een tekst"


def _ontleed(annotatie: object, metadata: list[object]) -> tuple[object, list[object]]:
    while True:
        herkomst = get_origin(annotatie)
        if herkomst is Annotated:
            basis, *extra = get_args(annotatie)
            metadata = [*metadata, *extra]
            annotatie = basis
        elif herkomst in (Union, types.UnionType):
            anders = [a for a in get_args(annotatie) if a is not type(None)]
            annotatie = anders[0]
        else:
            return annotatie, metadata


def _lengtes(metadata: list[object]) -> tuple[int, int | None]:
    minimum, maximum = 0, None
    for m in metadata:
        minimum = getattr(m, "min_length", None) or minimum
        maximum = getattr(m, "max_length", None) or maximum
    return minimum, maximum


@cache
def velden(model: type[BaseModel]) -> tuple[Veld, ...]:
    uitkomst = []
    for naam, info in model.model_fields.items():
        annotatie, metadata = _ontleed(info.annotation, list(info.metadata))
        kaal = Veld(
            alias=info.alias or naam,
            naam=naam,
            verplicht=info.is_required() or naam == "type",
            beschrijving=info.description,
            basis=None,
        )
        if get_origin(annotatie) is Literal:
            uitkomst.append(replace(kaal, basis=str, keuzes=tuple(get_args(annotatie))))
        elif get_origin(annotatie) is list:
            (item,) = get_args(annotatie)
            minimum, maximum = _lengtes(metadata)
            uitkomst.append(replace(kaal, model=item, lijst=True, min_aantal=minimum, max_aantal=maximum))
        elif isinstance(annotatie, type) and issubclass(annotatie, BaseModel):
            uitkomst.append(replace(kaal, model=annotatie))
        else:
            formaat = next((m for m in metadata if isinstance(m, Formaat)), None)
            uitkomst.append(replace(kaal, basis=annotatie, formaat=formaat))  # type: ignore[arg-type]
    return tuple(uitkomst)


def veld_op_alias(model: type[BaseModel], alias: str) -> Veld | None:
    return next((v for v in velden(model) if v.alias == alias), None)


def zoek_veld(model: type[BaseModel], pad: list[str | int]) -> Veld | None:
    """Het veld aan het eind van een pad van aliassen en lijstindexen, of None."""
    veld = None
    huidig: type[BaseModel] | None = model
    for stap in pad:
        if isinstance(stap, int):
            continue
        if huidig is None:
            return None
        veld = veld_op_alias(huidig, stap)
        if veld is None:
            return None
        huidig = veld.model
    return veld
