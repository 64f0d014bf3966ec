"""Leest de contractbestanden (TOML) in `contracts/` en meldt fouten met bestand, plaats en uitleg."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from hub.contracten.catalogus import Catalogus, OverlapFout
from hub.contracten.model import Contract, Partijen

PARTIJEN = "partijen.toml"

_UITLEG = {
    "missing": "ontbreekt; vul dit veld in",
    "extra_forbidden": "is geen bekend veld; controleer de spelling of verwijder het",
    "greater_than_equal": "mag niet kleiner zijn dan {ge}",
    "greater_than": "moet groter zijn dan {gt}",
    "less_than_equal": "mag niet groter zijn dan {le}",
    "decimal_parsing": "is geen bedrag; schrijf het als tekst, bijv. \"2250.00\"",
    "decimal_max_places": "heeft meer dan 2 decimalen",
    "date_from_datetime_parsing": "is geen datum; schrijf JJJJ-MM-DD",
    "date_parsing": "is geen datum; schrijf JJJJ-MM-DD",
    "date_type": "is geen datum; schrijf JJJJ-MM-DD",
    "literal_error": "moet een van deze waarden zijn: {expected}",
    "string_pattern_mismatch": "heeft een ongeldige vorm (verwacht patroon {pattern})",
    "too_short": "mag niet leeg zijn",
    "int_parsing": "moet een geheel getal zijn",
}


class ContractFout(Exception):
    def __init__(self, bestand: Path, plaats: str, melding: str):
        self.bestand, self.plaats, self.melding = bestand, plaats, melding
        super().__init__(f"{bestand.name}: {plaats}: {melding}" if plaats else f"{bestand.name}: {melding}")


def _plaats(loc: tuple) -> str:
    tekst = ""
    for deel in loc:
        tekst += f"[{deel}]" if isinstance(deel, int) else (f".{deel}" if tekst else str(deel))
    return tekst


def _uitleg(fout: ErrorDetails) -> str:
    sjabloon = _UITLEG.get(fout["type"])
    if sjabloon is None:
        return str(fout["msg"]).removeprefix("Value error, ")
    try:
        return sjabloon.format(**(fout.get("ctx") or {}))
    except (KeyError, IndexError):
        return sjabloon


def _lees_toml(bestand: Path) -> dict:
    try:
        return tomllib.loads(bestand.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContractFout(bestand, "", f"geen geldige TOML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ContractFout(bestand, "", "het bestand is geen UTF-8; sla het op als UTF-8") from exc


def _valideer(model, bestand: Path, gegevens: dict):
    try:
        return model.model_validate(gegevens)
    except ValidationError as exc:
        eerste = exc.errors()[0]
        raise ContractFout(bestand, _plaats(eerste["loc"]), _uitleg(eerste)) from exc


def lees_contractbestand(bestand: Path, partijen: Partijen) -> Contract:
    """Eén contract met dezelfde controles als in `contracts/`: het model, en aanbieder en gemeenten bekend in
    partijen.toml. Ook voor een nieuw contract dat de inkoper aanlevert."""
    if not bestand.is_file():
        raise ContractFout(bestand, "", "bestaat niet; geef het pad naar een contractbestand (TOML)")
    contract = _valideer(Contract, bestand, _lees_toml(bestand))
    if contract.provider not in partijen.providercodes():
        raise ContractFout(bestand, "provider", f"onbekende aanbieder {contract.provider!r}; voeg die toe aan {PARTIJEN}")
    for i, gemeente in enumerate(contract.gemeenten):
        if gemeente not in partijen.gemeentecodes():
            raise ContractFout(bestand, f"gemeenten[{i}]", f"onbekende gemeente {gemeente!r}; voeg die toe aan {PARTIJEN}")
    return contract


def laad_catalogus(map_: Path) -> Catalogus:
    """Laadt alle contracten; bij de eerste fout stopt het laden met een `ContractFout`."""
    partijbestand = map_ / PARTIJEN
    if not partijbestand.is_file():
        raise ContractFout(partijbestand, "", f"ontbreekt in {map_}; dit bestand noemt de gemeenten en aanbieders")
    partijen = _valideer(Partijen, partijbestand, _lees_toml(partijbestand))
    contracten: list[Contract] = []
    ids: dict[str, Path] = {}
    for bestand in sorted(map_.glob("*.toml")):
        if bestand.name == PARTIJEN:
            continue
        contract = lees_contractbestand(bestand, partijen)
        if contract.id in ids:
            raise ContractFout(bestand, "id", f"contract-id {contract.id!r} staat ook in {ids[contract.id].name}")
        ids[contract.id] = bestand
        try:
            Catalogus(partijen, [*contracten, contract])
        except OverlapFout as exc:
            raise ContractFout(bestand, "producten", str(exc)) from exc
        contracten.append(contract)
    return Catalogus(partijen, contracten)
