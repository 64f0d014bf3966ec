"""Veldtypen van de berichtenstandaard.

Elk type draagt een `Formaat`: de naam van het bijbehorende simpleType in de XSD, de XSD-beperking
en een Nederlandse aanwijzing die in foutmeldingen aan de afzender terugkomt. Pydantic-beperking en
XSD-beperking staan zo naast elkaar en lopen niet uit de pas.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    Field,
    PlainSerializer,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError


@dataclass(frozen=True)
class Formaat:
    naam: str
    xsd: str | None
    hint: str


_CONTROLETEKENS = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def _tekst(naam: str, max_lengte: int, hint: str) -> Any:
    return Annotated[
        str,
        StringConstraints(min_length=1, max_length=max_lengte, pattern=_CONTROLETEKENS),
        Formaat(
            naam,
            f'<xs:restriction base="xs:string"><xs:minLength value="1"/>'
            f'<xs:maxLength value="{max_lengte}"/></xs:restriction>',
            hint,
        ),
    ]


def _patroon(naam: str, python: str, xsd: str, hint: str, max_lengte: int) -> Any:
    return Annotated[
        str,
        StringConstraints(pattern=python, max_length=max_lengte),
        Formaat(
            naam,
            f'<xs:restriction base="xs:string"><xs:maxLength value="{max_lengte}"/>'
            f'<xs:pattern value="{xsd}"/></xs:restriction>',
            hint,
        ),
    ]


Tekst = _tekst("Tekst", 4000, "een tekst van hoogstens 4000 tekens")
Naam = _tekst("Naam", 200, "een tekst van hoogstens 200 tekens")

Code = _patroon(
    "Code",
    r"^[a-z0-9][a-z0-9-]*$",
    "[a-z0-9][a-z0-9\\-]*",
    "een code in kleine letters, cijfers en streepjes, bijv. 'matchez' of 'amstelveen'",
    40,
)
Productcode = _patroon(
    "Productcode",
    r"^[A-Z0-9][A-Z0-9-]*$",
    "[A-Z0-9][A-Z0-9\\-]*",
    "een productcode uit het contract in hoofdletters, bijv. 'MZ-BNW3'",
    40,
)
Kenmerk = _patroon(
    "Kenmerk",
    r"^[A-Za-z0-9][A-Za-z0-9._/-]*$",
    "[A-Za-z0-9][A-Za-z0-9._/\\-]*",
    "een kenmerk van letters, cijfers en . _ / -, bijv. 'AMS-2024-0001'",
    64,
)
Foutcode = _patroon(
    "Foutcode", r"^[A-Z][A-Z0-9_]*$", "[A-Z][A-Z0-9_]*", "een code in hoofdletters, bijv. 'SCHEMA'", 60
)
Bsn = _patroon("Bsn", r"^[0-9]{9}$", "[0-9]{9}", "een BSN van precies 9 cijfers", 9)
Iban = _patroon(
    "Iban",
    r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$",
    "[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}",
    "een IBAN zonder spaties, bijv. 'NL91ABNA0417164300'",
    34,
)
Telefoon = _patroon(
    "Telefoon",
    r"^\+?[0-9][0-9 -]{5,19}$",
    "\\+?[0-9][0-9 \\-]{5,19}",
    "een telefoonnummer, bijv. '020 5401111' of '+31205401111'",
    21,
)
Kwartaal = _patroon(
    "Kwartaal", r"^[0-9]{4}-Q[1-4]$", "[0-9]{4}-Q[1-4]", "een kwartaal als JJJJ-Qn, bijv. '2024-Q1'", 7
)
Maand = _patroon(
    "Maand",
    r"^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$",
    "(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])",
    "een maand als JJJJ-MM van 1900 t/m 2199, bijv. '2024-05'",
    7,
)

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_DATUM = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TIJDSTIP = _DATUM + r"T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+\-][0-9]{2}:[0-9]{2})"


EERSTE_DATUM = date(1900, 1, 1)
LAATSTE_DATUM = date(2199, 12, 31)
"""De datums waarmee de hub rekent (geboortedatums, trajecten, perioden, contracten). Een datum daarbuiten is een
invoerfout: met 9999-12-31 valt geen termijn te berekenen en geen kwartaal te tellen."""


def _binnen_horizon(waarde: date) -> date:
    if not EERSTE_DATUM <= waarde <= LAATSTE_DATUM:
        raise PydanticCustomError(
            "datum_buiten_horizon",
            "datum {datum} ligt buiten {eerste} t/m {laatste}; controleer de datum",
            {"datum": waarde.isoformat(), "eerste": EERSTE_DATUM.isoformat(), "laatste": LAATSTE_DATUM.isoformat()},
        )
    return waarde


def _tijdstip_binnen_horizon(waarde: datetime) -> datetime:
    _binnen_horizon(waarde.date())
    return waarde


def _vorm(patroon: str, soort: type, code: str, melding: str):
    regex = re.compile(patroon)

    def controleer(waarde: Any) -> Any:
        if isinstance(waarde, soort):
            return waarde
        if isinstance(waarde, str) and regex.fullmatch(waarde):
            return waarde
        raise PydanticCustomError(code, melding)

    return BeforeValidator(controleer)


BerichtId = Annotated[
    UUID,
    _vorm(_UUID, UUID, "uuid_vorm", "geen UUID met streepjes"),
    Formaat(
        "BerichtId",
        f'<xs:restriction base="xs:string"><xs:pattern value="{_UUID}"/></xs:restriction>',
        "een UUID met streepjes, bijv. '3f2b8c1e-7d4a-4c2e-9b1a-5e6f7a8b9c0d'",
    ),
]

Datum = Annotated[
    date,
    _vorm(_DATUM, date, "datum_vorm", "geen datum als JJJJ-MM-DD"),
    AfterValidator(_binnen_horizon),
    WithJsonSchema({"type": "string", "format": "date", "formatMinimum": EERSTE_DATUM.isoformat(),
                    "formatMaximum": LAATSTE_DATUM.isoformat()}),
    Formaat(
        "Datum",
        f'<xs:restriction base="xs:date"><xs:pattern value="{_DATUM}"/>'
        f'<xs:minInclusive value="{EERSTE_DATUM.isoformat()}"/><xs:maxInclusive value="{LAATSTE_DATUM.isoformat()}"/>'
        f"</xs:restriction>",
        f"een datum als JJJJ-MM-DD van {EERSTE_DATUM.year} t/m {LAATSTE_DATUM.year}, bijv. '2024-01-08'",
    ),
]

Tijdstip = Annotated[
    AwareDatetime,
    _vorm(_TIJDSTIP, datetime, "tijdstip_vorm", "geen tijdstip met tijdzone"),
    AfterValidator(_tijdstip_binnen_horizon),
    Formaat(
        "Tijdstip",
        f'<xs:restriction base="xs:dateTime"><xs:pattern value="{_TIJDSTIP}"/></xs:restriction>',
        "een tijdstip met tijdzone als JJJJ-MM-DDTUU:MM:SS+02:00, bijv. '2024-04-02T09:00:00+02:00'",
    ),
]


def _decimaal(naam: str, met_teken: bool, hint: str, maximum: int | None = None) -> Any:
    """Decimaal getal als JSON-tekst of geheel getal; een JSON-getal met breuk wordt geweigerd.

    Een float is al onnauwkeurig voordat wij hem zien (0.1 + 0.2), dus bedragen komen als tekst
    ("2250.00") of als geheel getal (2250) binnen, nooit als 2250.0.
    """
    teken = "-?" if met_teken else ""
    python = rf"^{teken}[0-9]{{1,12}}(\.[0-9]{{1,2}})?$"
    regex = re.compile(python)
    xsd = rf"{teken}[0-9]{{1,12}}(\.[0-9]{{1,2}})?"

    def controleer(waarde: Any) -> Any:
        if isinstance(waarde, (bool, float)):
            raise PydanticCustomError(
                "decimaal_als_tekst", "getal met breuk of boolean; geef een tekst als '2250.00'"
            )
        if isinstance(waarde, int):
            waarde = str(waarde)
        if isinstance(waarde, Decimal):
            if not waarde.is_finite():
                raise PydanticCustomError("decimaal_vorm", "geen eindig getal")
            waarde = format(waarde, "f")
        if not isinstance(waarde, str) or not regex.fullmatch(waarde):
            raise PydanticCustomError("decimaal_vorm", "geen getal met hoogstens twee decimalen")
        return Decimal(waarde)

    grens = "" if maximum is None else f'<xs:maxInclusive value="{maximum}"/>'
    onder = "" if met_teken else '<xs:minInclusive value="0"/>'
    schema: dict[str, Any] = {
        "anyOf": [{"type": "string", "pattern": python}, {"type": "integer"}],
    }
    return Annotated[
        Decimal,
        BeforeValidator(controleer),
        Field(le=maximum),
        PlainSerializer(lambda d: format(d, "f"), return_type=str, when_used="json"),
        WithJsonSchema(schema),
        Formaat(
            naam,
            f'<xs:restriction base="xs:decimal"><xs:fractionDigits value="2"/>{onder}{grens}'
            f'<xs:pattern value="{xsd}"/></xs:restriction>',
            hint,
        ),
    ]


Bedrag = _decimaal(
    "Bedrag", False, "een bedrag in euro, niet negatief, als tekst met een punt en twee decimalen, bijv. \"2250.00\" "
    "(corrigeer een factuur met een creditnota, niet met een negatief bedrag)"
)
Aantal = _decimaal("Aantal", False, "een aantal, niet negatief, met hoogstens twee decimalen als tekst, bijv. \"1\" of \"12.5\"")
Uren = _decimaal("Uren", False, "een aantal uren met hoogstens twee decimalen als tekst, bijv. \"12.5\"")
Percentage = _decimaal(
    "Percentage", False, "een percentage van 0 tot en met 100 als tekst, bijv. \"21\" of \"50\"", 100
)


def _geheel(naam: str, minimum: int, maximum: int, hint: str) -> Any:
    return Annotated[
        int,
        Strict(),
        Field(ge=minimum, le=maximum),
        Formaat(
            naam,
            f'<xs:restriction base="xs:int"><xs:minInclusive value="{minimum}"/>'
            f'<xs:maxInclusive value="{maximum}"/></xs:restriction>',
            hint,
        ),
    ]


Trede = _geheel("Trede", 1, 6, "een trede van de participatieladder: een geheel getal van 1 tot en met 6")
Volgnummer = _geheel("Volgnummer", 1, 99999, "een volgnummer: een geheel getal vanaf 1")
Maanden = _geheel("Maanden", 0, 600, "een aantal maanden als geheel getal (0 = vast contract)")

JaNee = Annotated[bool, Strict(), Formaat("xs:boolean", None, "true of false")]

Veldpad = _tekst("Veldpad", 200, "het pad van een veld in camelCase, bijv. 'regels[0].bedrag'")
