"""Importregels van de hub: geen importcycli, en elke laag importeert alleen wat onder haar ligt.

De test leest de import-statements van alle modules onder `hub/` met `ast`, zonder iets te importeren:
ook imports binnen functies, onder `if TYPE_CHECKING:` en `importlib.import_module("…")` met een vaste naam.
Bekende overtredingen buiten `hub/berichten/` en `hub/koppelingen/formaten/` staan in een expliciete lijst;
haal een regel weg zodra de overtreding is opgelost (de test meldt een regel die niet meer nodig is).
"""

import ast
from collections.abc import Iterable
from functools import cache
from pathlib import Path

HUB = Path(__file__).resolve().parents[2] / "hub"

# Imports (van module, naar module) die een bekende cyclus sluiten. Zonder deze imports is de graaf acyclisch.
BEKENDE_CYCLUSIMPORTEN: set[tuple[str, str]] = set()

# Imports (van module, naar module) die een laagregel hieronder breken.
BEKENDE_LAAGOVERTREDINGEN: set[tuple[str, str]] = set()

DOMEIN = ("hub.aggregates", "hub.domein", "hub.contracten", "hub.controle")
INFRASTRUCTUUR = ("lxml", "nats", "faststream", "sqlite3", "psycopg")
INGANGEN = ("hub.cli", "hub.demo", "hub.web")
NADEN = ("broker", "formaten", "opslag", "weergave", "betaling", "identiteit")

BOOTSTRAP = "hub.bootstrap"
PUBLIEKE_NADEN = {f"hub.koppelingen.{naad}" for naad in NADEN}
"""Een naad mag de openbare kant van een andere naad gebruiken (wat haar `__init__` aanbiedt), niet haar modules."""

# (omschrijving, modules waarvoor de regel geldt, wat ze niet mogen importeren)
LAAGREGELS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("domein", DOMEIN, ("hub.koppelingen", "hub.toepassing", BOOTSTRAP, *INGANGEN, *INFRASTRUCTUUR)),
    ("leesmodellen en rapportage", ("hub.projections", "hub.rapportage"),
     ("hub.koppelingen", "hub.toepassing", BOOTSTRAP, *INGANGEN, *INFRASTRUCTUUR)),
    ("toepassing", ("hub.toepassing",), ("hub.koppelingen", BOOTSTRAP, *INGANGEN, *INFRASTRUCTUUR)),
    ("koppelingen", ("hub.koppelingen",), (BOOTSTRAP, *INGANGEN)),
    *(
        (
            f"koppelingen/{naad}",
            (f"hub.koppelingen.{naad}",),
            (*(f"hub.koppelingen.{ander}" for ander in NADEN if ander != naad), *INGANGEN),
        )
        for naad in NADEN
    ),
]


def _onder(naam: str, voorvoegsels: Iterable[str]) -> bool:
    return any(naam == v or naam.startswith(f"{v}.") for v in voorvoegsels)


@cache
def modules() -> dict[str, Path]:
    """Modulenaam → bestand, voor elk .py-bestand onder hub/ (een pakket heet naar zijn map)."""
    uitkomst = {}
    for pad in sorted(HUB.rglob("*.py")):
        delen = list(pad.relative_to(HUB.parent).with_suffix("").parts)
        if delen[-1] == "__init__":
            delen.pop()
        uitkomst[".".join(delen)] = pad
    return uitkomst


def _hubmodule(naam: str) -> str | None:
    """De langste voorloper van `naam` die een module onder hub/ is, of None."""
    while naam and naam not in modules():
        naam = naam.rpartition(".")[0]
    return naam or None


def _dynamische_import(knoop: ast.Call) -> str | None:
    functie = knoop.func
    naam = functie.attr if isinstance(functie, ast.Attribute) else getattr(functie, "id", None)
    if naam == "import_module" and knoop.args and isinstance(knoop.args[0], ast.Constant):
        waarde = knoop.args[0].value
        return waarde if isinstance(waarde, str) else None
    return None


@cache
def imports(module: str) -> frozenset[str]:
    """Alles wat `module` importeert: een module onder hub/ zo precies mogelijk, anders de geïmporteerde naam."""
    pad = modules()[module]
    pakket = module.split(".") if pad.name == "__init__.py" else module.split(".")[:-1]
    uitkomst: set[str] = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"), filename=str(pad))):
        if isinstance(knoop, ast.Import):
            uitkomst |= {_hubmodule(alias.name) or alias.name for alias in knoop.names}
        elif isinstance(knoop, ast.ImportFrom):
            basis = knoop.module or ""
            if knoop.level:
                basis = ".".join([*pakket[: len(pakket) - knoop.level + 1], *filter(None, [knoop.module])])
            for alias in knoop.names:
                volledig = f"{basis}.{alias.name}"
                uitkomst.add(volledig if volledig in modules() else _hubmodule(basis) or basis)
        elif isinstance(knoop, ast.Call) and (naam := _dynamische_import(knoop)):
            uitkomst.add(_hubmodule(naam) or naam)
    uitkomst.discard(module)
    return frozenset(uitkomst)


def graaf(zonder: Iterable[tuple[str, str]] = ()) -> dict[str, set[str]]:
    """Module → de modules onder hub/ die hij importeert, zonder de imports in `zonder`."""
    zonder = set(zonder)
    return {
        module: {doel for doel in imports(module) if doel in modules() and (module, doel) not in zonder}
        for module in modules()
    }


def cycli(g: dict[str, set[str]]) -> list[list[str]]:
    """De sterk samenhangende componenten met meer dan één module (Tarjan)."""
    index: dict[str, int] = {}
    laagste: dict[str, int] = {}
    stapel: list[str] = []
    op_stapel: set[str] = set()
    uitkomst: list[list[str]] = []

    def bezoek(v: str) -> None:
        index[v] = laagste[v] = len(index)
        stapel.append(v)
        op_stapel.add(v)
        for w in sorted(g[v]):
            if w not in index:
                bezoek(w)
                laagste[v] = min(laagste[v], laagste[w])
            elif w in op_stapel:
                laagste[v] = min(laagste[v], index[w])
        if laagste[v] == index[v]:
            component = []
            while True:
                w = stapel.pop()
                op_stapel.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                uitkomst.append(sorted(component))

    for v in sorted(g):
        if v not in index:
            bezoek(v)
    return uitkomst


def _beschrijf(g: dict[str, set[str]], componenten: list[list[str]]) -> str:
    regels = []
    for component in componenten:
        regels.append("cyclus tussen " + ", ".join(component) + ":")
        regels += [f"  {a} -> {b}" for a in component for b in sorted(g[a]) if b in component]
    return "\n".join(regels)


def overtredingen() -> set[tuple[str, str]]:
    return {
        (module, doel)
        for _, geldt_voor, verboden in LAAGREGELS
        for module in modules()
        if _onder(module, geldt_voor)
        for doel in imports(module)
        if _onder(doel, verboden) and doel not in PUBLIEKE_NADEN
    }


def test_de_lezer_ziet_imports_in_functies_en_onder_type_checking():
    assert "hub.koppelingen.broker.afzender" in imports("hub.cli.berichten")
    assert "hub.koppelingen.formaten.ubl" in imports("hub.koppelingen.formaten.berichtparser")
    assert "lxml" in imports("hub.koppelingen.formaten.berichtxml")


def test_geen_importcycli_in_hub():
    g = graaf(zonder=BEKENDE_CYCLUSIMPORTEN)
    gevonden = cycli(g)
    assert not gevonden, "importcycli (maak een gedeelde module in plaats van terug te importeren):\n" + _beschrijf(
        g, gevonden
    )


def test_bekende_cyclusimporten_sluiten_nog_een_cyclus():
    g = graaf()
    in_cyclus = {(a, b) for component in cycli(g) for a in component for b in g[a] if b in component}
    opgelost = BEKENDE_CYCLUSIMPORTEN - in_cyclus
    assert not opgelost, f"haal weg uit BEKENDE_CYCLUSIMPORTEN, ze sluiten geen cyclus meer: {sorted(opgelost)}"


def test_berichten_en_formaten_hebben_geen_uitzonderingen():
    eigen = ("hub.berichten", "hub.koppelingen.formaten")
    assert not {(a, b) for a, b in BEKENDE_CYCLUSIMPORTEN | BEKENDE_LAAGOVERTREDINGEN if _onder(a, eigen)}


def test_berichtgeneratoren_importeren_elkaar_niet():
    assert "hub.berichten.xsd" not in imports("hub.berichten.json_schema")
    assert "hub.berichten.json_schema" not in imports("hub.berichten.xsd")


def test_lagen_importeren_alleen_wat_onder_ze_ligt():
    nieuw = overtredingen() - BEKENDE_LAAGOVERTREDINGEN
    regels = [
        f"{module} -> {doel} ({naam})"
        for module, doel in sorted(nieuw)
        for naam, geldt_voor, verboden in LAAGREGELS
        if _onder(module, geldt_voor) and _onder(doel, verboden)
    ]
    assert not nieuw, "imports die een laagregel breken:\n" + "\n".join(regels)


def test_bekende_laagovertredingen_bestaan_nog():
    opgelost = BEKENDE_LAAGOVERTREDINGEN - overtredingen()
    assert not opgelost, f"haal weg uit BEKENDE_LAAGOVERTREDINGEN, ze zijn opgelost: {sorted(opgelost)}"
