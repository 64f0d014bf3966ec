"""Het verloop van één contract zoals de inkoper het bijhoudt: elke prijsafspraak, indexatie, elk budget,
elke doelstelling en wijziging van de looptijd is een event met wie het deed en waarom.

Het eerste event legt het contract vast zoals het contractbestand het beschreef (de beginstand), of zoals de
inkoper het als nieuw contract aanleverde; vanaf dan is dit dossier het contract. Wat het dossier uit een bestand
overnam, bewaart het als `bestand`: wijkt het contractbestand daar later van af, dan telt dat pas als de inkoper
het overneemt (`neem_bestand_over`); tot dan wordt het gemeld. Elk command rekent eerst het nieuwe contract uit en
valideert het met het contractmodel; wat niet klopt wordt een `DomeinFout` en er wordt niets vastgelegd.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event
from pydantic import ValidationError

from hub.aggregates import stabiel_id
from hub.contracten.model import Contract
from hub.contracten.verschil import met_wijzigingen, raakt, verschillen
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout
from hub.domein.geld import bedrag as als_bedrag


def contract_uuid(contract_id: str) -> UUID:
    return stabiel_id("contract", contract_id)


def _geldig(inhoud: dict[str, Any], veld: str) -> Contract:
    try:
        return Contract.model_validate(inhoud)
    except ValidationError as exc:
        eerste = exc.errors()[0]
        melding = str(eerste["msg"]).removeprefix("Value error, ")
        raise DomeinFout(f.ONGELDIGE_WAARDE, veld, f"Het contract klopt dan niet meer: {melding}.") from exc


def _product(inhoud: dict[str, Any], code: str) -> dict[str, Any]:
    for product in inhoud["producten"]:
        if product["code"] == code:
            return product
    codes = ", ".join(p["code"] for p in inhoud["producten"]) or "geen"
    raise DomeinFout(f.ONBEKEND_PRODUCT, "product", f"Product {code} staat niet in contract {inhoud['id']}; kies uit {codes}.")


def _datum(waarde: Any) -> date | None:
    return date.fromisoformat(waarde) if isinstance(waarde, str) else waarde


def _overlapt(van: date, tot: date | None, prijs: dict[str, Any]) -> bool:
    p_van, p_tot = _datum(prijs["geldig_van"]), _datum(prijs.get("geldig_tot"))
    assert p_van is not None
    return (tot is None or p_van <= tot) and (p_tot is None or van <= p_tot)


def met_prijs(inhoud: dict[str, Any], product: str, bedrag: Decimal, geldig_van: date, geldig_tot: date | None,
              bron: str) -> dict[str, Any]:
    nieuw = _kopie(inhoud)
    prijzen = _product(nieuw, product).setdefault("prijzen", [])
    if any(_overlapt(geldig_van, geldig_tot, p) for p in prijzen):
        raise DomeinFout(f.PERIODE_OVERLAPT, "geldig_van",
                         f"{product} heeft al een prijs in deze periode; indexeer die prijs of kies een periode erna.")
    prijzen.append({"bedrag": str(bedrag), "geldig_van": geldig_van.isoformat(),
                    "geldig_tot": geldig_tot.isoformat() if geldig_tot else None, "bron": bron})
    prijzen.sort(key=lambda p: str(p["geldig_van"]))
    return nieuw


def geindexeerd(inhoud: dict[str, Any], product: str, percentage: Decimal, per: date, tot: date | None,
                bron: str) -> tuple[dict[str, Any], Decimal]:
    """De prijs die de dag vóór `per` gold eindigt die dag; vanaf `per` geldt die prijs plus `percentage`,
    afgerond op centen (half naar boven). Het contract loopt zo nodig door tot `tot`."""
    nieuw = _kopie(inhoud)
    prijzen = _product(nieuw, product).get("prijzen") or []
    dag_ervoor = per - timedelta(days=1)
    vorige = next((p for p in prijzen if _overlapt(dag_ervoor, dag_ervoor, p)), None)
    if vorige is None:
        raise DomeinFout(f.ONGELDIGE_WAARDE, "per",
                         f"{product} heeft op {dag_ervoor:%d-%m-%Y} geen prijs om te indexeren; stel eerst een prijs vast.")
    if any(_datum(p["geldig_van"]) >= per for p in prijzen):  # type: ignore[operator]
        raise DomeinFout(f.PERIODE_OVERLAPT, "per", f"{product} heeft al een prijs vanaf {per:%d-%m-%Y} of later.")
    bedrag = als_bedrag(Decimal(vorige["bedrag"]) * (Decimal(100) + percentage) / Decimal(100))
    einde_oud = _datum(vorige.get("geldig_tot"))
    vorige["geldig_tot"] = dag_ervoor.isoformat()
    contract_tot = _datum(nieuw.get("geldig_tot"))
    if tot is None:
        if einde_oud is not None and einde_oud >= per:
            tot = einde_oud
        elif contract_tot is not None:
            tot = contract_tot if contract_tot >= per else date(per.year, 12, 31)
    if contract_tot is not None and (tot is None or tot > contract_tot):
        nieuw["geldig_tot"] = tot.isoformat() if tot else None
    prijzen.append({"bedrag": str(bedrag), "geldig_van": per.isoformat(),
                    "geldig_tot": tot.isoformat() if tot else None, "bron": bron})
    return nieuw, bedrag


def met_looptijd_tot(inhoud: dict[str, Any], geldig_tot: date | None) -> dict[str, Any]:
    """Een einddatum: prijzen die later eindigen, eindigen dan ook; een prijs die pas later begint kan niet."""
    nieuw = _kopie(inhoud)
    nieuw["geldig_tot"] = geldig_tot.isoformat() if geldig_tot else None
    if geldig_tot is not None:
        for product in nieuw["producten"]:
            for prijs in product.get("prijzen") or []:
                if _datum(prijs["geldig_van"]) > geldig_tot:  # type: ignore[operator]
                    raise DomeinFout(f.ONGELDIGE_WAARDE, "geldig_tot",
                                     f"{product['code']} heeft een prijs vanaf {prijs['geldig_van']}, na deze einddatum; "
                                     "kies een latere einddatum.")
                eind = _datum(prijs.get("geldig_tot"))
                if eind is None or eind > geldig_tot:
                    prijs["geldig_tot"] = geldig_tot.isoformat()
    return nieuw


def met_plafond(inhoud: dict[str, Any], plafond: dict[str, Any]) -> dict[str, Any]:
    """Vervangt het plafond voor hetzelfde jaar, dezelfde gemeente en omschrijving, of voegt het toe."""
    nieuw = _kopie(inhoud)
    sleutel = (plafond.get("jaar"), plafond.get("gemeente"), plafond.get("omschrijving", ""))
    nieuw["plafonds"] = [p for p in nieuw.get("plafonds") or []
                         if (p.get("jaar"), p.get("gemeente"), p.get("omschrijving", "")) != sleutel]
    nieuw["plafonds"].append(plafond)
    return nieuw


def met_veld(inhoud: dict[str, Any], veld: str, waarde: Any) -> dict[str, Any]:
    nieuw = _kopie(inhoud)
    nieuw[veld] = waarde
    return nieuw


def _kopie(inhoud: dict[str, Any]) -> dict[str, Any]:
    return Contract.model_validate(inhoud).model_dump(mode="json")


class Contractdossier(Aggregate):
    """Het id volgt uit het contract-id: één dossier per contract."""

    @staticmethod
    def create_id(contract_id: str, **_: Any) -> UUID:
        return contract_uuid(contract_id)

    @classmethod
    def leg_beginstand_vast(cls, contract: Contract, door: str, reden: str, op: datetime) -> Contractdossier:
        return cls(contract_id=contract.id, inhoud=contract.model_dump(mode="json"), door=door, reden=reden, op=op)

    @classmethod
    def maak(cls, contract: Contract, door: str, reden: str, op: datetime) -> Contractdossier:
        """Een nieuw contract dat de inkoper in de hub vastlegt, met de volledige inhoud."""
        cls._wie(door, reden)
        inhoud = contract.model_dump(mode="json")
        _geldig(inhoud, "contract")
        return cls._create(cls.Aangemaakt, id=contract_uuid(contract.id), contract_id=contract.id, inhoud=inhoud,
                           door=door, reden=reden, op=op)

    class BeginstandVastgelegd(Aggregate.Created):
        contract_id: str
        inhoud: dict[str, Any]
        door: str
        reden: str
        op: datetime

    class Aangemaakt(Aggregate.Created):
        """Een contract dat niet uit een bestand komt: de inkoper legde het in de hub vast."""

        contract_id: str
        inhoud: dict[str, Any]
        door: str
        reden: str
        op: datetime

    class PrijsVastgesteld(Aggregate.Event):
        product: str
        bedrag: Decimal
        geldig_van: date
        geldig_tot: date | None
        door: str
        reden: str
        op: datetime

    class Geindexeerd(Aggregate.Event):
        """`bedrag` is de nieuwe prijs zoals uitgerekend; het event legt haar vast, zodat ze nooit anders wordt."""

        product: str
        percentage: Decimal
        per: date
        tot: date | None
        bedrag: Decimal
        door: str
        reden: str
        op: datetime

    class LooptijdGewijzigd(Aggregate.Event):
        geldig_tot: date | None
        door: str
        reden: str
        op: datetime

    class PlafondVastgesteld(Aggregate.Event):
        plafond: dict[str, Any]
        door: str
        reden: str
        op: datetime

    class BestandOvergenomen(Aggregate.Event):
        """Het contractbestand week af van wat het dossier eerder overnam; `wijzigingen` (elk `pad` en `waarde`) zijn
        de verschillen die het dossier nog niet had, `bestand` het bestand zoals het nu overgenomen is."""

        bestand: dict[str, Any]
        wijzigingen: list[dict[str, Any]]
        door: str
        reden: str
        op: datetime

    class AfspraakVastgesteld(Aggregate.Event):
        """Een deel van het contract dat als geheel vervangen wordt: `veld` is bijv. `doelstelling`, `verdeelsleutel`
        of `resultaatdoelen`, `waarde` de nieuwe inhoud (None: vervalt)."""

        veld: str
        waarde: Any
        door: str
        reden: str
        op: datetime

    @event(BeginstandVastgelegd)
    def __init__(self, contract_id: str, inhoud: dict[str, Any], door: str, reden: str, op: datetime) -> None:
        self.contract_id = contract_id
        self.inhoud = inhoud
        self.bestand = inhoud

    @property
    def contract(self) -> Contract:
        return Contract.model_validate(self.inhoud)

    @staticmethod
    def _wie(door: str, reden: str) -> None:
        if not door.strip():
            raise DomeinFout(f.VERPLICHT_VELD, "door", "Noem wie de wijziging doet.")
        if not reden.strip():
            raise DomeinFout(f.VERPLICHT_VELD, "reden", "Noem de reden of het besluit waarop de wijziging berust.")

    def _nieuw(self, maak: Callable[[], dict[str, Any]], veld: str) -> dict[str, Any]:
        inhoud = maak()
        _geldig(inhoud, veld)
        return inhoud

    def stel_prijs_vast(self, product: str, bedrag: Decimal, geldig_van: date, geldig_tot: date | None,
                        door: str, reden: str, op: datetime) -> None:
        self._wie(door, reden)
        if bedrag < 0:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "bedrag", "Een prijs is nul of meer.")
        self._nieuw(lambda: met_prijs(self.inhoud, product, als_bedrag(bedrag), geldig_van, geldig_tot, reden), "geldig_van")
        self._prijs(product, als_bedrag(bedrag), geldig_van, geldig_tot, door, reden, op)

    @event(PrijsVastgesteld)
    def _prijs(self, product: str, bedrag: Decimal, geldig_van: date, geldig_tot: date | None, door: str, reden: str,
               op: datetime) -> None:
        self.inhoud = met_prijs(self.inhoud, product, bedrag, geldig_van, geldig_tot, reden)

    def indexeer(self, product: str, percentage: Decimal, per: date, tot: date | None, door: str, reden: str,
                 op: datetime) -> Decimal:
        self._wie(door, reden)
        if not Decimal(-100) < percentage <= Decimal(100):
            raise DomeinFout(f.ONGELDIGE_WAARDE, "percentage", "Een indexatie ligt tussen -100 en 100 procent.")
        inhoud, bedrag = geindexeerd(self.inhoud, product, percentage, per, tot, reden)
        _geldig(inhoud, "per")
        self._indexeer(product, percentage, per, tot, bedrag, door, reden, op)
        return bedrag

    @event(Geindexeerd)
    def _indexeer(self, product: str, percentage: Decimal, per: date, tot: date | None, bedrag: Decimal, door: str,
                  reden: str, op: datetime) -> None:
        inhoud, _ = geindexeerd(self.inhoud, product, percentage, per, tot, reden)
        inhoud_prijzen = _product(inhoud, product)["prijzen"]
        inhoud_prijzen[-1]["bedrag"] = str(bedrag)
        self.inhoud = inhoud

    def wijzig_looptijd(self, geldig_tot: date | None, door: str, reden: str, op: datetime) -> None:
        self._wie(door, reden)
        self._nieuw(lambda: met_looptijd_tot(self.inhoud, geldig_tot), "geldig_tot")
        self._looptijd(geldig_tot, door, reden, op)

    @event(LooptijdGewijzigd)
    def _looptijd(self, geldig_tot: date | None, door: str, reden: str, op: datetime) -> None:
        self.inhoud = met_looptijd_tot(self.inhoud, geldig_tot)

    def stel_plafond_vast(self, plafond: dict[str, Any], door: str, reden: str, op: datetime) -> None:
        self._wie(door, reden)
        self._nieuw(lambda: met_plafond(self.inhoud, plafond), "plafonds")
        self._plafond(plafond, door, reden, op)

    @event(PlafondVastgesteld)
    def _plafond(self, plafond: dict[str, Any], door: str, reden: str, op: datetime) -> None:
        self.inhoud = met_plafond(self.inhoud, plafond)

    def stel_afspraak_vast(self, veld: str, waarde: Any, door: str, reden: str, op: datetime) -> None:
        self._wie(door, reden)
        if veld not in AFSPRAKEN:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "veld", f"Kies een van: {', '.join(AFSPRAKEN)}.")
        self._nieuw(lambda: met_veld(self.inhoud, veld, waarde), veld)
        self._afspraak(veld, waarde, door, reden, op)

    @event(AfspraakVastgesteld)
    def _afspraak(self, veld: str, waarde: Any, door: str, reden: str, op: datetime) -> None:
        self.inhoud = met_veld(self.inhoud, veld, waarde)


    def neem_bestand_over(self, bestand: dict[str, Any], door: str, reden: str, op: datetime) -> list[str]:
        """Neemt de verschillen tussen het bestand en wat eerder uit het bestand kwam over, voor zover het dossier ze
        nog niet heeft; de paden die veranderen. Heeft het dossier een veld zelf gewijzigd en zegt het bestand er iets
        anders over, dan is dat een botsing en wordt niets vastgelegd."""
        self._wie(door, reden)
        if bestand.get("id") != self.contract_id:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "id", f"Het bestand is van contract {bestand.get('id')}, niet van {self.contract_id}.")
        nieuw_in_bestand = verschillen(self.bestand, bestand)
        if not nieuw_in_bestand:
            raise DomeinFout(f.ONGELDIGE_WAARDE, "bestand", f"Het contractbestand van {self.contract_id} is gelijk aan wat de "
                             "hub er al uit overnam; er is niets over te nemen.")
        in_de_hub = [v.pad for v in verschillen(self.bestand, self.inhoud)]
        anders_dan_dossier = [v.pad for v in verschillen(self.inhoud, bestand)]
        te_nemen = [v for v in nieuw_in_bestand if raakt(v.pad, anders_dan_dossier)]
        botsingen = [v.pad for v in te_nemen if raakt(v.pad, in_de_hub)]
        if botsingen:
            raise DomeinFout(f.ONGELDIGE_WAARDE, botsingen[0],
                             f"Het contractbestand wijzigt {', '.join(botsingen)} anders dan het dossier in de hub al deed. "
                             "Neem de stand uit het dossier (hub contracten dossier, hub contracten toon) over in het bestand, "
                             "of zet dat veld in het bestand terug; er is niets vastgelegd.")
        wijzigingen = [{"pad": v.pad, "waarde": v.nieuw} for v in te_nemen]
        _geldig(_overgenomen(self.inhoud, wijzigingen), te_nemen[0].pad if te_nemen else "bestand")
        self._bestand(Contract.model_validate(bestand).model_dump(mode="json"), wijzigingen, door, reden, op)
        return [w["pad"] for w in wijzigingen]

    @event(BestandOvergenomen)
    def _bestand(self, bestand: dict[str, Any], wijzigingen: list[dict[str, Any]], door: str, reden: str,
                 op: datetime) -> None:
        self.inhoud = _overgenomen(self.inhoud, wijzigingen)
        self.bestand = bestand


def _overgenomen(inhoud: dict[str, Any], wijzigingen: list[dict[str, Any]]) -> dict[str, Any]:
    """De wijzigingen uit een bestand; een andere einddatum werkt zoals `wijzig_looptijd`: prijzen die later eindigen,
    eindigen dan ook."""
    nieuw = met_wijzigingen(inhoud, [w for w in wijzigingen if w["pad"] != "geldig_tot"])
    for w in wijzigingen:
        if w["pad"] == "geldig_tot":
            nieuw = met_looptijd_tot(nieuw, _datum(w["waarde"]))
    return nieuw


AFSPRAKEN = ("doelstelling", "verdeelsleutel", "resultaatdoelen")
"""De delen van een contract die de inkoper als geheel vastlegt. Het rekeningnummer hoort er niet bij: wie een contract
mag bijhouden, mag daarmee nog geen betalingen omleiden."""
