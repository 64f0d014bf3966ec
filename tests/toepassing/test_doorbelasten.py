"""De doorbelasting van het gedeelde budget (003…, hoofdstuk 9): Leidschendam-Voorburg, Wassenaar en Voorschoten
dragen de lasten 74 % / 14 % / 12 %. De aanbieder factureert de penvoerder (Leidschendam-Voorburg), die goedkeurt en
betaalt en per kwartaal de andere twee hun aandeel doorbelast met een e-factuur. Echte SQLite-eventstore, echte
contracten, het echte betaalbestand en de echte XSD en schematron."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from lxml import etree

from hub.aggregates.betaalbatch import Beslisser
from hub.bootstrap import bootstrap
from hub.domein.fouten import DomeinFout
from hub.koppelingen.formaten.efactuur import toets
from hub.toepassing.fouten import Onuitvoerbaar
from tests.factuur.wereld import Wereld, regel

CONTRACT = "participatie-lvw-2024"
PENVOERDER = "leidschendam-voorburg"
START, EIND = date(2024, 2, 1), date(2024, 5, 31)
BETAALD = datetime(2024, 7, 15, 10, 0, tzinfo=UTC)
WACHTWOORD = "Doorbelasting-2024!"
CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"


@pytest.fixture
def wereld(hub, catalogus, instellingen) -> Wereld:
    return Wereld(hub, catalogus, instellingen.data)


@pytest.fixture
def onderdelen(instellingen):
    return bootstrap(instellingen, klok=lambda: BETAALD)


def _betaald(wereld: Wereld, onderdelen, nummer: str, *bedragen: str | tuple[str, str],
             factuurdatum: date = date(2024, 7, 5)) -> None:
    """Een factuur van de aanbieder aan de penvoerder, goedgekeurd en betaald in een vrijgegeven betaalbatch; een
    bedrag is een participatietraject, of (product, bedrag)."""
    regels = []
    paren = [b if isinstance(b, tuple) else ("PT-TRAJECT", b) for b in bedragen]
    for n, (product, waarde) in enumerate(paren, start=1):
        traject = f"{nummer}-{n}"
        wereld.meld_aan(traject, product=product, provider="participatie-org", gemeente=PENVOERDER, datum=START,
                        opdrachtbedrag=waarde)
        regels.append(regel(n, traject, product, START, EIND, waarde))
    wereld.factuur(nummer, *regels, afzender="participatie-org", gemeente=PENVOERDER, factuurdatum=factuurdatum)
    for n, (_, waarde) in enumerate(paren, start=1):
        wereld.besluit(nummer, n, "goedgekeurd", waarde, afzender="participatie-org")
    opdrachtgevers = onderdelen.opdrachtgevers()
    [voorstel] = onderdelen.betalen.stel_voor(opdrachtgevers, Beslisser("M. de Boer"), gemeenten=[PENVOERDER])
    onderdelen.betalen.geef_vrij(voorstel.batch_id, Beslisser("J. Visser"), opdrachtgevers, onderdelen.betaalmap())


def _gebruiker(onderdelen, naam: str, rollen: list[str], gemeenten: list[str]):
    return onderdelen.gebruikers.maak(naam, naam.upper(), WACHTWOORD, rollen, gemeenten)


@pytest.fixture
def ma(onderdelen):
    return _gebruiker(onderdelen, "lverhoeven", ["managementassistent"], [PENVOERDER])


def _vast(onderdelen, ma, tmp_path, kwartaal: str = "2024-Q3"):
    return onderdelen.doorbelasten.stel_vast(CONTRACT, kwartaal, ma, onderdelen.doorbelastingsfacturen(),
                                             onderdelen.doorbelastingmap(tmp_path / "uit"))


def test_50000_goedgekeurd_en_betaald_wordt_37000_7000_6000_met_een_getoetste_factuur_aan_wassenaar_en_voorschoten(
        wereld, onderdelen, ma, tmp_path):
    _betaald(wereld, onderdelen, "PT-1", "30000.00", "20000.00")
    voorstel = onderdelen.doorbelasten.voorstel(CONTRACT, "2024-Q3", ma)
    assert voorstel.totaal == Decimal("50000.00")
    assert {g.gemeente: g.deze for g in voorstel.gemeenten} == {
        PENVOERDER: Decimal("37000.00"), "wassenaar": Decimal("7000.00"), "voorschoten": Decimal("6000.00")}
    [participatie] = voorstel.budgetten
    assert participatie.naam == "Participatietrajecten 2024", "alleen het plafond van de participatietrajecten"
    assert {g.gemeente: g.budget_aandeel for g in participatie.gemeenten} == {
        PENVOERDER: Decimal("37000.00"), "wassenaar": Decimal("7000.00"), "voorschoten": Decimal("6000.00")}
    assert {g.gemeente: g.procent_budget for g in participatie.gemeenten} == dict.fromkeys(
        (PENVOERDER, "wassenaar", "voorschoten"), Decimal("100.0"))

    vastgesteld = _vast(onderdelen, ma, tmp_path)
    d = vastgesteld.doorbelasting
    assert d.delen == {PENVOERDER: Decimal("37000.00"), "wassenaar": Decimal("7000.00"),
                       "voorschoten": Decimal("6000.00")}
    assert {(r.factuurnummer, r.regelnummer) for r in d.regels} == {("PT-1", 1), ("PT-1", 2)}, "het bewijs"
    assert d.vastgesteld_door == Beslisser("LVERHOEVEN", "lverhoeven") and d.vastgesteld_op == BETAALD
    assert [x.gemeente for x in d.documenten] == ["wassenaar", "voorschoten"], "de penvoerder factureert zichzelf niet"
    for pad, document in zip(vastgesteld.bestanden, d.documenten, strict=True):
        boom = etree.parse(str(pad))
        oordeel = toets(boom)
        assert oordeel.geldig, (oordeel.xsd_fouten, oordeel.fouten)
        assert boom.getroot().findtext(f"{CBC}ID") == document.factuurnummer
        assert Decimal(boom.getroot().find(".//{*}PayableAmount").text) == document.bedrag
        assert pad.read_bytes().decode() == document.inhoud, "het bestand is wat is vastgelegd"


def test_een_bedrag_met_centen_wordt_verdeeld_tot_op_de_cent_en_de_delen_tellen_op(wereld, onderdelen, ma, tmp_path):
    _betaald(wereld, onderdelen, "PT-1", "1234.57")
    d = _vast(onderdelen, ma, tmp_path).doorbelasting
    assert d.totaal == Decimal("1234.57")
    assert sum(d.delen.values()) == d.totaal
    for gemeente, aandeel in d.aandelen.items():
        assert abs(d.delen[gemeente] - d.totaal * aandeel / 100) < Decimal("0.01")
    assert sum(x.bedrag for x in d.documenten) + d.delen[PENVOERDER] == d.totaal


def test_dezelfde_regels_worden_nooit_twee_keer_doorbelast(wereld, onderdelen, ma, tmp_path):
    _betaald(wereld, onderdelen, "PT-1", "50000.00")
    eerste = _vast(onderdelen, ma, tmp_path).doorbelasting
    assert onderdelen.doorbelasten.voorstel(CONTRACT, "2024-Q3", ma).regels == []
    with pytest.raises(Onuitvoerbaar, match="niets door te belasten"):
        _vast(onderdelen, ma, tmp_path)

    aggregate = onderdelen.eventstore.zoek_doorbelastingen(CONTRACT)
    with pytest.raises(DomeinFout, match=f"al doorbelast in {eerste.doorbelasting_id}"):
        aggregate.stel_vast(replace(eerste, doorbelasting_id="DB-nogmaals"))


def test_intrekken_voor_het_versturen_maakt_de_regels_vrij_na_het_versturen_niet_meer(wereld, onderdelen, ma, tmp_path):
    _betaald(wereld, onderdelen, "PT-1", "50000.00")
    eerste = _vast(onderdelen, ma, tmp_path).doorbelasting
    with pytest.raises(DomeinFout, match="reden"):
        onderdelen.doorbelasten.trek_in(eerste.doorbelasting_id, ma, " ")
    onderdelen.doorbelasten.trek_in(eerste.doorbelasting_id, ma, "Verkeerd kwartaal gekozen")
    tweede = _vast(onderdelen, ma, tmp_path).doorbelasting
    assert tweede.doorbelasting_id != eerste.doorbelasting_id and tweede.sleutels == eerste.sleutels
    onderdelen.doorbelasten.markeer_verzonden(tweede.doorbelasting_id, ma)
    with pytest.raises(DomeinFout, match="al verzonden"):
        onderdelen.doorbelasten.trek_in(tweede.doorbelasting_id, ma, "Toch niet")
    standen = {s.doorbelasting.doorbelasting_id: s.status for s in onderdelen.doorbelasten.lijst()}
    assert standen == {eerste.doorbelasting_id: "ingetrokken", tweede.doorbelasting_id: "verzonden"}


def test_alleen_de_regels_die_in_het_kwartaal_betaald_zijn(wereld, onderdelen, ma, tmp_path):
    _betaald(wereld, onderdelen, "PT-1", "50000.00")
    assert onderdelen.doorbelasten.voorstel(CONTRACT, "2024-Q2", ma).regels == []
    assert onderdelen.doorbelasten.voorstel(CONTRACT, "2024-Q4", ma).regels == []


def test_een_gemeente_buiten_de_verdeelsleutel_krijgt_niets(wereld, onderdelen, ma, tmp_path):
    _betaald(wereld, onderdelen, "PT-1", "50000.00")
    d = _vast(onderdelen, ma, tmp_path).doorbelasting
    assert "amstelveen" not in d.delen and all(x.gemeente != "amstelveen" for x in d.documenten)
    assert not list((tmp_path / "uit").glob("*amstelveen*"))

    onderdelen.doorbelasten.trek_in(d.doorbelasting_id, ma, "Opnieuw")
    aggregate = onderdelen.eventstore.zoek_doorbelastingen(CONTRACT)
    buiten = replace(d.documenten[0], gemeente="amstelveen")
    with pytest.raises(DomeinFout, match="amstelveen draagt in deze verdeelsleutel geen aandeel"):
        aggregate.stel_vast(replace(d, doorbelasting_id="DB-buiten", documenten=[buiten]))


@pytest.mark.parametrize(("rollen", "gemeenten", "melding"), [
    (["inkoper"], [PENVOERDER], "managementassistent van de penvoerder"),
    (["managementassistent"], ["wassenaar"], "u werkt niet voor Gemeente Leidschendam-Voorburg"),
])
def test_wie_niet_de_managementassistent_van_de_penvoerder_is_wordt_geweigerd(
        wereld, onderdelen, tmp_path, rollen, gemeenten, melding):
    _betaald(wereld, onderdelen, "PT-1", "50000.00")
    anders = _gebruiker(onderdelen, "anders", rollen, gemeenten)
    with pytest.raises(Onuitvoerbaar, match=melding):
        _vast(onderdelen, anders, tmp_path)
    with pytest.raises(Onuitvoerbaar, match=melding):
        onderdelen.doorbelasten.voorstel(CONTRACT, "2024-Q3", anders)
    assert onderdelen.doorbelasten.lijst() == [] and not (tmp_path / "uit").exists()


def test_een_factuur_die_niet_aan_de_standaard_voldoet_legt_niets_vast(wereld, onderdelen, ma, tmp_path, monkeypatch):
    """Zonder adres van Voorschoten keurt de schematron de factuur af (BR-NL-4); dan geen doorbelasting en geen
    bestand, ook niet voor Wassenaar."""
    _betaald(wereld, onderdelen, "PT-1", "50000.00")
    voorschoten = onderdelen.catalogus.partijen.partij("voorschoten")
    kaal = voorschoten.model_copy(update={"straat": None})
    onderdelen.catalogus.partijen.gemeenten[onderdelen.catalogus.partijen.gemeenten.index(voorschoten)] = kaal
    with pytest.raises(Onuitvoerbaar, match=r"aan Gemeente Voorschoten voldoet niet aan SI-UBL 2\.0.*BR-NL-4"):
        _vast(onderdelen, ma, tmp_path)
    assert onderdelen.doorbelasten.lijst() == [] and not (tmp_path / "uit").exists()


def test_onbekend_contract_of_kwartaal_zegt_wat_wel_kan(onderdelen, ma):
    with pytest.raises(Onuitvoerbaar, match=f"verdeelsleutel \\({CONTRACT}\\)"):
        onderdelen.doorbelasten.voorstel("matchez-amstelveen-2024", "2024-Q3", ma)
    with pytest.raises(Onuitvoerbaar, match="JJJJ-Q1 t/m JJJJ-Q4"):
        onderdelen.doorbelasten.voorstel(CONTRACT, "2024-5", ma)


def test_de_kwartaalrapportage_toont_per_gemeente_wat_haar_is_doorbelast(wereld, onderdelen, ma, tmp_path):
    from hub.rapportage.kengetallen import als_dict

    _betaald(wereld, onderdelen, "PT-1", "50000.00")
    d = _vast(onderdelen, ma, tmp_path).doorbelasting
    for gemeente, kwartaal, verwacht in (("wassenaar", "2024-Q3", d.delen["wassenaar"]),
                                         ("voorschoten", "2024-Q4", d.delen["voorschoten"]),
                                         (PENVOERDER, "2024-Q3", d.delen[PENVOERDER]),
                                         ("wassenaar", "2024-Q2", Decimal("0.00"))):
        rapport = onderdelen.rapportage.kwartaal(gemeente, kwartaal)
        cijfers = next(c for c in rapport.providers if c.provider == "participatie-org")
        assert als_dict(cijfers)["doorbelast_1"] == verwacht, (gemeente, kwartaal)
    onderdelen.doorbelasten.trek_in(d.doorbelasting_id, ma, "Opnieuw")
    rapport = onderdelen.rapportage.kwartaal("wassenaar", "2024-Q3")
    cijfers = next(c for c in rapport.providers if c.provider == "participatie-org")
    assert als_dict(cijfers)["doorbelast_1"] == Decimal("0.00"), "een ingetrokken doorbelasting telt niet"


def test_het_kwartaal_krijgt_zijn_vaste_vorm_in_het_nummer(wereld, onderdelen, ma, tmp_path):
    _betaald(wereld, onderdelen, "PT-1", "50000.00")
    d = _vast(onderdelen, ma, tmp_path, kwartaal=" 2024-Q 3").doorbelasting
    assert d.kwartaal == "2024-Q3" and d.doorbelasting_id == f"DB-{CONTRACT}-2024Q3-1"


def test_een_doorbelaste_regel_die_gecrediteerd_en_verrekend_is_gaat_er_in_dat_kwartaal_weer_af(
        wereld, onderdelen, ma, instellingen, tmp_path):
    """Q3: € 30.000 + € 20.000 doorbelast. Daarna crediteert de aanbieder regel 1 (€ 30.000); de penvoerder verrekent
    het in oktober met een nieuwe factuur van € 35.000. Q4: € 35.000 − € 30.000 = € 5.000, dus 3.700 / 700 / 600."""
    _betaald(wereld, onderdelen, "PT-1", "30000.00", "20000.00")
    eerste = _vast(onderdelen, ma, tmp_path).doorbelasting
    factuur = onderdelen.eventstore.zoek_factuur("participatie-org", "PT-1")
    factuur.crediteer("PT-C1", date(2024, 9, 30), [1], "Traject niet gestart", BETAALD)
    onderdelen.eventstore.save(factuur)
    oktober = bootstrap(instellingen, klok=lambda: datetime(2024, 10, 15, 10, 0, tzinfo=UTC))
    _betaald(wereld, oktober, "PT-2", "35000.00")

    vastgesteld = _vast(oktober, ma, tmp_path, kwartaal="2024-Q4")
    tweede = vastgesteld.doorbelasting
    assert _rijen(vastgesteld.overzicht) == {"Participatietrajecten 2024": {
        PENVOERDER: (Decimal("37000.00"), Decimal("3700.00"), Decimal("40700.00")),
        "wassenaar": (Decimal("7000.00"), Decimal("700.00"), Decimal("7700.00")),
        "voorschoten": (Decimal("6000.00"), Decimal("600.00"), Decimal("6600.00"))}}, \
        "de correctie telt tegen het plafond van de oorspronkelijke regel"
    assert sorted((r.factuurnummer, r.regelnummer, r.correctie, r.bedrag) for r in tweede.regels) == [
        ("PT-1", 1, True, Decimal("-30000.00")), ("PT-2", 1, False, Decimal("35000.00"))]
    assert tweede.delen == {PENVOERDER: Decimal("3700.00"), "wassenaar": Decimal("700.00"),
                            "voorschoten": Decimal("600.00")}
    assert oktober.doorbelasten.voorstel(CONTRACT, "2024-Q4", ma).regels == [], "ook een correctie maar één keer"
    with pytest.raises(DomeinFout, match=f"corrigeert regels van {eerste.doorbelasting_id}"):
        oktober.doorbelasten.trek_in(eerste.doorbelasting_id, ma, "Toch anders")


def test_wassenaar_krijgt_alleen_haar_eigen_factuur_opnieuw(wereld, onderdelen, ma, tmp_path):
    _betaald(wereld, onderdelen, "PT-1", "50000.00")
    d = _vast(onderdelen, ma, tmp_path).doorbelasting
    wassenaar = _gebruiker(onderdelen, "wbakker", ["managementassistent"], ["wassenaar"])
    [pad] = onderdelen.doorbelasten.documenten(d.doorbelasting_id, wassenaar, onderdelen.doorbelastingmap(tmp_path / "w"))
    assert pad.name == f"{d.factuurnummer('wassenaar')}.xml"
    assert pad.read_bytes() == (tmp_path / "uit" / pad.name).read_bytes(), "byte voor byte wat is vastgesteld"
    amstelveen = _gebruiker(onderdelen, "amv", ["managementassistent"], ["amstelveen"])
    with pytest.raises(Onuitvoerbaar, match="u werkt niet voor Gemeente Leidschendam-Voorburg"):
        onderdelen.doorbelasten.documenten(d.doorbelasting_id, amstelveen, onderdelen.doorbelastingmap(tmp_path / "a"))


def _rijen(voorstel) -> dict[str, dict[str, tuple]]:
    """Per plafond per gemeente: (aandeel in het budget, deze doorbelasting, doorbelast tot nu)."""
    return {b.naam: {g.gemeente: (g.budget_aandeel, g.deze, g.tot_nu) for g in b.gemeenten} for b in voorstel.budgetten}


def test_een_keuring_en_een_participatietraject_tellen_elk_tegen_hun_eigen_plafond(wereld, onderdelen, ma, tmp_path):
    """€ 10.000 participatietraject tegen de € 50.000 van 2024, € 5.000 keuring tegen de € 32.000 van elk jaar."""
    _betaald(wereld, onderdelen, "PT-1", "10000.00", ("KO-KEURING", "5000.00"))
    rijen = _rijen(onderdelen.doorbelasten.voorstel(CONTRACT, "2024-Q3", ma))
    d = Decimal
    assert rijen == {
        "Participatietrajecten 2024": {PENVOERDER: (d("37000.00"), d("7400.00"), d("7400.00")),
                                       "wassenaar": (d("7000.00"), d("1400.00"), d("1400.00")),
                                       "voorschoten": (d("6000.00"), d("1200.00"), d("1200.00"))},
        "Keuringen en opleidingen 2024": {PENVOERDER: (d("23680.00"), d("3700.00"), d("3700.00")),
                                          "wassenaar": (d("4480.00"), d("700.00"), d("700.00")),
                                          "voorschoten": (d("3840.00"), d("600.00"), d("600.00"))},
    }
    vastgesteld = _vast(onderdelen, ma, tmp_path)
    assert _rijen(vastgesteld.overzicht) == rijen, "het overzicht na het vastleggen telt zichzelf niet dubbel"


def test_een_participatietraject_van_2024_betaald_in_2026_telt_tegen_het_budget_van_2024(
        wereld, onderdelen, instellingen, tmp_path):
    """Het jaar van het plafond is het jaar van de factuurdatum (zoals het budgetgebruik in de kwartaalrapportage):
    een traject van 2024 dat pas in 2026 betaald is, staat niet tegen de keuringen van 2026; een participatietraject
    op een factuur van 2026 heeft geen plafond (alleen 2024 en 2025) en staat buiten budget."""
    laat = bootstrap(instellingen, klok=lambda: datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    ma = _gebruiker(laat, "lverhoeven", ["managementassistent"], [PENVOERDER])
    _betaald(wereld, laat, "PT-2024", "20000.00")
    _betaald(wereld, laat, "PT-2026", "1000.00", ("KO-KEURING", "3200.00"), factuurdatum=date(2026, 10, 5))
    voorstel = laat.doorbelasten.voorstel(CONTRACT, "2026-Q4", ma)
    rijen = _rijen(voorstel)
    assert list(rijen) == ["Participatietrajecten 2024", "Keuringen en opleidingen 2026", "buiten budget"]
    assert rijen["Participatietrajecten 2024"]["wassenaar"] == (Decimal("7000.00"), Decimal("2800.00"),
                                                                Decimal("2800.00"))
    assert rijen["Keuringen en opleidingen 2026"]["wassenaar"] == (Decimal("4480.00"), Decimal("448.00"),
                                                                   Decimal("448.00"))
    assert rijen["buiten budget"]["wassenaar"] == (None, Decimal("140.00"), Decimal("140.00"))
    assert [g.procent_budget for g in voorstel.budgetten[0].gemeenten] == [Decimal("40.0")] * 3
    assert voorstel.totaal == Decimal("24200.00")


def test_de_kwartaalrapportage_en_de_doorbelasting_noemen_per_plafond_dezelfde_cijfers(
        wereld, onderdelen, ma, tmp_path):
    from hub.rapportage.kengetallen import als_dict

    _betaald(wereld, onderdelen, "PT-1", "10000.00", ("KO-KEURING", "5000.00"))
    eerste = _vast(onderdelen, ma, tmp_path)
    onderdelen.doorbelasten.markeer_verzonden(eerste.doorbelasting.doorbelasting_id, ma)
    _betaald(wereld, onderdelen, "PT-2", "1234.57")
    tweede = _vast(onderdelen, ma, tmp_path).overzicht
    assert _rijen(tweede)["Participatietrajecten 2024"]["wassenaar"][2] == Decimal("1400.00") + Decimal("172.84")
    for gemeente in (PENVOERDER, "wassenaar", "voorschoten"):
        rapport = onderdelen.rapportage.kwartaal(gemeente, "2024-Q3")
        cijfers = next(c for c in rapport.providers if c.provider == "participatie-org")
        for b in cijfers.budgetaandelen:
            [rij] = [r for r in [*tweede.budgetten, *eerste.overzicht.budgetten]
                     if r.naam == f"{b.omschrijving} {b.jaar}"][:1]
            deel = next(g for g in rij.gemeenten if g.gemeente == gemeente)
            assert (b.plafond_aandeel, b.doorbelast, b.procent_doorbelast) == (
                deel.budget_aandeel, deel.tot_nu, deel.procent_budget), (gemeente, b.omschrijving)
        kengetallen = als_dict(cijfers)
        assert kengetallen["gedeeld_budget_1_doorbelast"] == cijfers.budgetaandelen[0].doorbelast
