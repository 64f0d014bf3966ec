"""De use cases van de managementassistent, zonder opdrachtregel: besluiten op regels en een betaalbatch maken."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from eventsourcing.persistence import IntegrityError

from hub.bootstrap import bootstrap
from hub.domein.betaling import Opdrachtgever
from hub.domein.fouten import DomeinFout
from hub.toepassing.betalen import Beslisser
from hub.toepassing.fouten import Onuitvoerbaar
from tests.toepassing.conftest import IBAN_OP_FACTUUR

NU = datetime(2024, 4, 19, 10, 0, tzinfo=UTC)
AMSTELVEEN = Opdrachtgever("amstelveen", "Gemeente Amstelveen", "NL82BNGH0285010001", "BNGHNL2G")
MA = "M. de Boer"
TWEEDE = Beslisser("J. Visser")


@pytest.fixture
def onderdelen(instellingen):
    return bootstrap(instellingen, klok=lambda: NU)


def _besluiten(wereld) -> dict[int, dict | None]:
    return {r.regelnummer: r.besluit for r in wereld.oordeel("MZ-1").regels}


def test_schone_regels_in_een_keer_goedgekeurd_de_regel_met_een_bevinding_blijft_open(onderdelen, twee_regels):
    uitkomst = onderdelen.besluiten.keur_schoon_goed("MZ-1", MA, "Conform prijsafspraak")
    assert uitkomst.regelnummers == [1]
    besluiten = _besluiten(twee_regels)
    assert besluiten[2] is None
    assert besluiten[1]["bedrag"] == Decimal("2250.00") and besluiten[1]["door"] == MA and besluiten[1]["op"] == NU


def test_verwacht_bedrag_goedgekeurd_betaalt_de_contractprijs_niet_de_gefactureerde(onderdelen, twee_regels):
    onderdelen.besluiten.keur_verwacht_goed("MZ-1", [2], MA, "Prijs volgens contract")
    assert _besluiten(twee_regels)[2]["bedrag"] == Decimal("2250.00")


def test_onbekende_regel_wordt_geweigerd_en_er_wordt_niets_vastgelegd(onderdelen, twee_regels):
    with pytest.raises(Onuitvoerbaar, match="heeft geen regel 7; de regels zijn 1, 2"):
        onderdelen.besluiten.keur_goed("MZ-1", [1, 7], MA, "Getoetst")
    assert set(_besluiten(twee_regels).values()) == {None}


@dataclass
class Bestanden:
    """Betaalbestanden in het geheugen: wat klaargezet, definitief gemaakt en verworpen is."""

    klaargezet: list[str] = field(default_factory=list)
    definitief_: list[str] = field(default_factory=list)
    verworpen: list[str] = field(default_factory=list)

    def klaarzetten(self, batch_id, aangemaakt, uitvoeringsdatum, opdrachtgever, overboekingen):
        self.klaargezet.append(batch_id)
        self.overboekingen = overboekingen
        bestanden = self

        class Klaar:
            pad = Path(f"{batch_id}.xml")

            def definitief(self):
                bestanden.definitief_.append(batch_id)
                return self.pad

            def verwerp(self):
                bestanden.verworpen.append(batch_id)

        return Klaar()

    def vind(self, batch_id):
        return Path(f"{batch_id}.xml") if batch_id in self.definitief_ else None


def _betaal(onderdelen, bestanden, door=TWEEDE):
    [voorstel] = onderdelen.betalen.stel_voor({"amstelveen": AMSTELVEEN}, Beslisser(MA))
    return onderdelen.betalen.geef_vrij(voorstel.batch_id, door, {"amstelveen": AMSTELVEEN}, bestanden)


def test_betaalbatch_op_de_rekening_uit_het_contract_en_de_volgende_werkdag(onderdelen, twee_regels):
    onderdelen.besluiten.keur_goed("MZ-1", [1], MA, "Conform")
    bestanden = Bestanden()
    batch = _betaal(onderdelen, bestanden)
    assert batch.uitvoeringsdatum == date(2024, 4, 22), "vrijdag 19 april: de volgende werkdag is maandag 22 april"
    [overboeking] = bestanden.overboekingen
    assert overboeking.iban == onderdelen.betalen.crediteur_iban("matchez", "amstelveen") != IBAN_OP_FACTUUR
    assert overboeking.bedrag == Decimal("2722.50"), "€ 2.250,00 plus 21 % BTW"
    assert bestanden.definitief_ == bestanden.klaargezet and not bestanden.verworpen
    assert onderdelen.betalen.stel_voor({"amstelveen": AMSTELVEEN}, Beslisser(MA)) == [], "elke regel gaat in één batch"


def test_mislukt_vastleggen_dan_wordt_het_betaalbestand_verworpen(onderdelen, twee_regels, monkeypatch):
    onderdelen.besluiten.keur_goed("MZ-1", [1], MA, "Conform")
    [voorstel] = onderdelen.betalen.stel_voor({"amstelveen": AMSTELVEEN}, Beslisser(MA))

    def botsing(*_):
        raise IntegrityError("iemand anders was eerder")

    monkeypatch.setattr(onderdelen.eventstore, "save", botsing)
    bestanden = Bestanden()
    with pytest.raises(IntegrityError):
        onderdelen.betalen.geef_vrij(voorstel.batch_id, TWEEDE, {"amstelveen": AMSTELVEEN}, bestanden)
    assert bestanden.verworpen == bestanden.klaargezet and not bestanden.definitief_
    assert [r.betaald_in for r in twee_regels.oordeel("MZ-1").regels] == [None, None]


def test_zonder_rekeninggegevens_van_de_gemeente_geen_batch(onderdelen, twee_regels):
    onderdelen.besluiten.keur_goed("MZ-1", [1], MA, "Conform")
    with pytest.raises(Onuitvoerbaar, match="Geen rekeninggegevens voor amstelveen"):
        onderdelen.betalen.stel_voor({}, Beslisser(MA))


def test_vier_ogen_wie_besliste_geeft_de_batch_niet_vrij_een_collega_wel(onderdelen, twee_regels):
    onderdelen.besluiten.keur_goed("MZ-1", [1], MA, "Conform", door_id="mdeboer")
    [voorstel] = onderdelen.betalen.stel_voor({"amstelveen": AMSTELVEEN}, Beslisser(MA, "mdeboer"))
    assert voorstel.beslissers == [Beslisser(MA, "mdeboer")]
    assert [r.betaald_in for r in twee_regels.oordeel("MZ-1").regels] == [None, None], "een voorstel betaalt nog niets"
    bestanden = Bestanden()
    for zelf in (Beslisser(MA, "mdeboer"), Beslisser("Iemand anders", "mdeboer"), Beslisser("m. de boer")):
        with pytest.raises(DomeinFout, match="vier ogen: laat een collega") as fout:
            onderdelen.betalen.geef_vrij(voorstel.batch_id, zelf, {"amstelveen": AMSTELVEEN}, bestanden)
        assert fout.value.code == "VIER_OGEN"
    assert not bestanden.klaargezet, "geweigerd: er is geen bestand geschreven"
    batch = onderdelen.betalen.geef_vrij(voorstel.batch_id, Beslisser("J. Visser", "jvisser"), {"amstelveen": AMSTELVEEN},
                                         bestanden)
    assert bestanden.definitief_ == [voorstel.batch_id] and batch.vrijgegeven_door.gebruiker == "jvisser"
    assert [r.betaald_in for r in twee_regels.oordeel("MZ-1").regels] == [voorstel.batch_id, None]
    assert onderdelen.betalen.voorstellen() == []
    with pytest.raises(DomeinFout, match="al vrijgegeven"):
        onderdelen.betalen.geef_vrij(voorstel.batch_id, TWEEDE, {"amstelveen": AMSTELVEEN}, bestanden)


def test_een_regel_staat_niet_in_twee_voorstellen_en_intrekken_geeft_hem_terug(onderdelen, twee_regels):
    onderdelen.besluiten.keur_goed("MZ-1", [1], MA, "Conform")
    [voorstel] = onderdelen.betalen.stel_voor({"amstelveen": AMSTELVEEN}, Beslisser(MA))
    assert onderdelen.betalen.stel_voor({"amstelveen": AMSTELVEEN}, Beslisser(MA)) == []
    onderdelen.besluiten.keur_verwacht_goed("MZ-1", [2], MA, "Prijs volgens contract")
    [tweede] = onderdelen.betalen.stel_voor({"amstelveen": AMSTELVEEN}, Beslisser(MA))
    assert [p.regelnummers for p in tweede.posten] == [[2]]
    onderdelen.betalen.trek_in(voorstel.batch_id, Beslisser(MA), "Verkeerde uitvoeringsdatum")
    [derde] = onderdelen.betalen.stel_voor({"amstelveen": AMSTELVEEN}, Beslisser(MA))
    assert [p.regelnummers for p in derde.posten] == [[1]]
    assert {v.batch_id for v in onderdelen.betalen.voorstellen()} == {tweede.batch_id, derde.batch_id}


def test_een_besluit_dat_na_het_voorstel_is_ingetrokken_houdt_de_vrijgave_tegen(onderdelen, twee_regels):
    onderdelen.besluiten.keur_goed("MZ-1", [1], MA, "Conform")
    [voorstel] = onderdelen.betalen.stel_voor({"amstelveen": AMSTELVEEN}, Beslisser(MA))
    onderdelen.besluiten.corrigeer("MZ-1", [1], MA, "Toch nog navragen")
    with pytest.raises(Onuitvoerbaar, match="trek het voorstel in en maak een nieuw"):
        onderdelen.betalen.geef_vrij(voorstel.batch_id, TWEEDE, {"amstelveen": AMSTELVEEN}, Bestanden())
