"""De XSD van de XML-vorm, gegenereerd uit dezelfde modellen als de JSON-vorm.

Eén schema voor alle typen: per berichttype een root-element met de naam van het type, kinderen in
de volgorde van de modelvelden (envelop eerst), lijsten als element met herhaalde enkelvoudige
kinderen. Opnieuw schrijven: `python -m hub.berichten.schema`.
"""

from pathlib import Path
from xml.sax.saxutils import quoteattr

from pydantic import BaseModel

from hub.berichten.bericht import BERICHTTYPEN
from hub.berichten.standaard import NAMESPACE, UITGAAND
from hub.berichten.velden import Veld, velden


def _element(veld: Veld, model: type[BaseModel], inspringing: str) -> list[str]:
    kop = f"{inspringing}<xs:element name={quoteattr(veld.alias)}"
    if not veld.verplicht:
        kop += ' minOccurs="0"'
    if len(veld.keuzes) == 1 and veld.alias in ("type", "versie"):
        return [f"{kop} type=\"xs:string\" fixed={quoteattr(veld.keuzes[0])}/>"]
    if veld.alias == "type":
        return [f"{kop} type=\"xs:string\" fixed={quoteattr(model.model_fields['type'].default)}/>"]
    if veld.keuzes:
        regels = [f"{kop}>", f"{inspringing}  <xs:simpleType>", f'{inspringing}    <xs:restriction base="xs:string">']
        regels += [f"{inspringing}      <xs:enumeration value={quoteattr(k)}/>" for k in veld.keuzes]
        return [*regels, f"{inspringing}    </xs:restriction>", f"{inspringing}  </xs:simpleType>", f"{inspringing}</xs:element>"]
    if veld.lijst:
        assert veld.model is not None
        maximum = "unbounded" if veld.max_aantal is None else str(veld.max_aantal)
        return [
            f"{kop}>",
            f"{inspringing}  <xs:complexType>",
            f"{inspringing}    <xs:sequence>",
            f'{inspringing}      <xs:element name="{veld.enkelvoud}" type="{veld.model.__name__}" '
            f'minOccurs="{veld.min_aantal}" maxOccurs="{maximum}"/>',
            f"{inspringing}    </xs:sequence>",
            f"{inspringing}  </xs:complexType>",
            f"{inspringing}</xs:element>",
        ]
    if veld.model is not None:
        return [f"{kop} type=\"{veld.model.__name__}\"/>"]
    assert veld.formaat is not None, f"{model.__name__}.{veld.naam} heeft geen Formaat"
    return [f"{kop} type=\"{veld.formaat.naam}\"/>"]


def _modellen() -> list[type[BaseModel]]:
    gezien: dict[str, type[BaseModel]] = {}

    def bezoek(model: type[BaseModel]) -> None:
        if model.__name__ in gezien:
            return
        gezien[model.__name__] = model
        for veld in velden(model):
            if veld.model is not None:
                bezoek(veld.model)

    for model in [*BERICHTTYPEN.values(), *UITGAAND.values()]:
        bezoek(model)
    return sorted(gezien.values(), key=lambda m: m.__name__)


def xsd_tekst() -> str:
    modellen = _modellen()
    formaten = {
        v.formaat.naam: v.formaat for m in modellen for v in velden(m) if v.formaat and v.formaat.xsd
    }
    regels = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- Gegenereerd uit hub/berichten (python -m hub.berichten.schema); niet met de hand wijzigen. -->",
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"',
        f'           xmlns="{NAMESPACE}"',
        f'           targetNamespace="{NAMESPACE}"',
        '           elementFormDefault="qualified" version="1">',
    ]
    for naam, model in [*sorted(BERICHTTYPEN.items()), *sorted(UITGAAND.items())]:
        regels.append(f'  <xs:element name="{naam}" type="{model.__name__}"/>')
    for model in modellen:
        regels += [f'  <xs:complexType name="{model.__name__}">', "    <xs:sequence>"]
        for veld in velden(model):
            regels += _element(veld, model, "      ")
        regels += ["    </xs:sequence>", "  </xs:complexType>"]
    for naam in sorted(formaten):
        regels.append(f'  <xs:simpleType name="{naam}">{formaten[naam].xsd}</xs:simpleType>')
    regels.append("</xs:schema>")
    return "\n".join(regels) + "\n"


def schrijf_xsd(pad: Path) -> Path:
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text(xsd_tekst(), encoding="utf-8")
    return pad
