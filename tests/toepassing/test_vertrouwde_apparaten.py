"""Wie alleen de gebruikersnaam kent, houdt de gebruiker niet buiten: mislukte pogingen uit onbekende browsers
blokkeren alleen onbekende browsers; een vertrouwd apparaat (eerder aangemeld met het juiste wachtwoord) heeft een
eigen teller en blokkade. Een apparaat van een andere gebruiker of een verlopen apparaat geeft geen vertrouwen, en een
aanvaller die blijft raden schrijft per dag hoogstens `MAX_MISLUKT` events (met een vaste klok)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from eventsourcing.domain import Snapshot

from hub.aggregates.gebruiker import APPARAAT_GELDIG, BLOKKADE, MAX_BLOKKADE, MAX_MISLUKT, Gebruiker
from hub.bootstrap import bootstrap, open_hub
from hub.toepassing.eventstore import MOMENTOPNAME_NA
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.gebruikers import ONBEKEND, Argon2, Gebruikers, Schijnblokkades
from tests.toepassing.test_gebruikers import WACHTWOORD, Klok

FOUT = "verkeerd wachtwoord!!"


class TelArgon2(Argon2):
    """Telt hoe vaak een hash wordt gecontroleerd: een onbekende naam moet even veel rekenen als een bekende."""

    def __init__(self) -> None:
        super().__init__(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        self.gecontroleerd = 0

    def klopt(self, hash_: str, wachtwoord: str) -> bool:
        self.gecontroleerd += 1
        return super().klopt(hash_, wachtwoord)


@pytest.fixture
def klok() -> Klok:
    return Klok()


@pytest.fixture
def gebruikers(instellingen, klok) -> Gebruikers:
    onderdelen = bootstrap(instellingen, klok=klok)
    gebruikers = Gebruikers(onderdelen.eventstore, onderdelen.catalogus, klok, TelArgon2())
    gebruikers.maak("mdeboer", "M. de Boer", WACHTWOORD, ["managementassistent"], ["amstelveen"])
    gebruikers.maak("jvisser", "J. Visser", WACHTWOORD, ["managementassistent"], ["amstelveen"])
    return gebruikers


def _eigen_browser(gebruikers: Gebruikers, naam: str = "mdeboer"):
    return gebruikers.nieuw_apparaat(gebruikers.meld_aan(naam, WACHTWOORD))


def _blokkeer(gebruikers: Gebruikers, naam: str = "mdeboer", apparaat=None) -> Onuitvoerbaar:
    for _ in range(MAX_MISLUKT - 1):
        with pytest.raises(Onuitvoerbaar, match="klopt niet"):
            gebruikers.meld_aan(naam, FOUT, apparaat)
    with pytest.raises(Onuitvoerbaar, match="Te veel mislukte pogingen") as laatste:
        gebruikers.meld_aan(naam, FOUT, apparaat)
    return laatste.value


def _mislukt(gebruikers: Gebruikers, naam: str = "mdeboer") -> list[Gebruiker.Event]:
    gebruiker = gebruikers.eventstore.zoek_gebruiker(naam)
    assert gebruiker is not None
    return [e for e in gebruikers.eventstore.events.get(gebruiker.id)
            if isinstance(e, Gebruiker.AanmeldingMislukt | Gebruiker.AanmeldingMisluktOpApparaat)]


def test_een_aanvaller_blokkeert_de_naam_maar_de_gebruiker_komt_er_in_haar_eigen_browser_in(gebruikers):
    eigen = _eigen_browser(gebruikers)
    melding = _blokkeer(gebruikers)
    assert "In een browser waarin u zich eerder aanmeldde, kan het nu al" in str(melding)

    assert gebruikers.meld_aan("mdeboer", WACHTWOORD, eigen).gebruikersnaam == "mdeboer"
    with pytest.raises(Onuitvoerbaar, match="Te veel mislukte pogingen: aanmelden kan weer na"):
        gebruikers.meld_aan("mdeboer", WACHTWOORD)  # een onbekende browser blijft geblokkeerd
    # haar aanmelding heft de blokkade voor onbekende browsers niet op: anders kreeg de aanvaller nieuwe pogingen
    profiel = gebruikers.profiel("mdeboer")
    assert profiel is not None and profiel.geblokkeerd_tot is not None


def test_foute_wachtwoorden_in_een_vertrouwde_browser_blokkeren_alleen_die_browser(gebruikers, klok):
    eigen, ander = _eigen_browser(gebruikers), _eigen_browser(gebruikers)
    melding = _blokkeer(gebruikers, apparaat=eigen)
    assert "in deze browser: aanmelden kan hier weer na" in str(melding)
    with pytest.raises(Onuitvoerbaar, match="in deze browser"):
        gebruikers.meld_aan("mdeboer", WACHTWOORD, eigen)
    assert gebruikers.meld_aan("mdeboer", WACHTWOORD, ander).gebruikersnaam == "mdeboer"
    assert gebruikers.meld_aan("mdeboer", WACHTWOORD).gebruikersnaam == "mdeboer"  # onbekende browsers: niet geblokkeerd
    klok.nu += BLOKKADE
    assert gebruikers.meld_aan("mdeboer", WACHTWOORD, eigen).gebruikersnaam == "mdeboer"


def test_een_apparaat_van_een_andere_gebruiker_of_een_verlopen_apparaat_geeft_geen_vertrouwen(gebruikers, klok):
    van_jvisser = _eigen_browser(gebruikers, "jvisser")
    eigen = _eigen_browser(gebruikers)
    _blokkeer(gebruikers, apparaat=van_jvisser)  # telt voor de onbekende browsers van mdeboer
    for geen_vertrouwen in (van_jvisser, replace(eigen, uitgegeven=klok.nu - APPARAAT_GELDIG),
                            replace(eigen, uitgegeven=klok.nu + timedelta(minutes=1))):
        with pytest.raises(Onuitvoerbaar, match="Te veel mislukte pogingen: aanmelden kan weer na"):
            gebruikers.meld_aan("mdeboer", WACHTWOORD, geen_vertrouwen)
    assert gebruikers.meld_aan("mdeboer", WACHTWOORD, eigen).gebruikersnaam == "mdeboer"


def test_onbekende_naam_en_fout_wachtwoord_geven_hetzelfde_antwoord_en_rekenen_even_lang(gebruikers):
    van_jvisser = _eigen_browser(gebruikers, "jvisser")
    hasher = gebruikers.wachtwoorden
    assert isinstance(hasher, TelArgon2)
    antwoorden = []
    for naam, apparaat in (("niemand", None), ("mdeboer", None), ("niemand", van_jvisser), ("mdeboer", van_jvisser)):
        voor = hasher.gecontroleerd
        with pytest.raises(Onuitvoerbaar) as fout:
            gebruikers.meld_aan(naam, FOUT, apparaat)
        antwoorden.append((str(fout.value), hasher.gecontroleerd - voor))
    assert antwoorden == [(ONBEKEND, 1)] * 4


def test_ook_de_blokkade_verraadt_niet_of_een_naam_bestaat(gebruikers, klok):
    """Een onbekende naam wordt net zo geblokkeerd (in het geheugen), ook met het juiste wachtwoord en bij een tweede
    blokkade op rij; er komt geen event bij."""
    def verloop(naam: str) -> list[str]:
        begin, meldingen = klok.nu, []
        for _ in range(2):
            for wachtwoord in [FOUT] * MAX_MISLUKT + [WACHTWOORD]:
                with pytest.raises(Onuitvoerbaar) as fout:
                    gebruikers.meld_aan(naam, wachtwoord)
                meldingen.append(str(fout.value))
            klok.nu += BLOKKADE
        klok.nu = begin
        return meldingen

    posities = gebruikers.eventstore.recorder.max_notification_id()
    onbekend = verloop("Niemand")
    assert onbekend == verloop("mdeboer")
    assert [m.startswith("Te veel mislukte pogingen") for m in onbekend] == 2 * ([False] * (MAX_MISLUKT - 1) + [True] * 2)
    assert gebruikers.eventstore.recorder.max_notification_id() - posities == 2 * MAX_MISLUKT  # alleen van mdeboer


def test_de_schijnblokkades_onthouden_een_begrensd_aantal_namen(klok):
    schijn = Schijnblokkades(grootte=3)
    for naam in ["a" * 100_000, "b", "c", "d"]:
        for _ in range(MAX_MISLUKT):
            schijn.mislukt(naam, klok.nu)
    assert len(schijn._tellers) == 3 and all(len(k) == 32 for k in schijn._tellers)
    assert schijn.geblokkeerd_tot("a" * 100_000, klok.nu) is None and schijn.geblokkeerd_tot("D", klok.nu)


def test_wie_blijft_raden_schrijft_hoogstens_max_mislukt_events_per_dag(gebruikers, klok):
    begin, pogingen = klok.nu, 0
    while klok.nu < begin + 3 * MAX_BLOKKADE:  # elke vijf minuten een poging, drie dagen lang
        with pytest.raises(Onuitvoerbaar):
            gebruikers.meld_aan("mdeboer", FOUT)
        pogingen += 1
        klok.nu += timedelta(minutes=5)
    mislukt = [e for e in _mislukt(gebruikers) if isinstance(e, Gebruiker.AanmeldingMislukt)]
    laatste_dag = [e for e in mislukt if e.op >= klok.nu - MAX_BLOKKADE]
    assert 0 < len(laatste_dag) <= MAX_MISLUKT
    assert len(mislukt) < pogingen / 10
    blokkades = [e.geblokkeerd_tot - e.op for e in mislukt if e.geblokkeerd_tot]
    assert blokkades[:3] == [BLOKKADE, 2 * BLOKKADE, 4 * BLOKKADE] and max(blokkades) == MAX_BLOKKADE


def test_na_een_geslaagde_aanmelding_begint_de_blokkade_weer_bij_een_kwartier(gebruikers, klok):
    for _ in range(2):
        _blokkeer(gebruikers)
        klok.nu = gebruikers.profiel("mdeboer").geblokkeerd_tot
    gebruikers.meld_aan("mdeboer", WACHTWOORD)
    _blokkeer(gebruikers)
    assert gebruikers.profiel("mdeboer").geblokkeerd_tot == klok.nu + BLOKKADE


def test_de_beheerder_heft_ook_de_blokkade_van_een_apparaat_op(gebruikers):
    eigen = _eigen_browser(gebruikers)
    _blokkeer(gebruikers, apparaat=eigen)
    beheerder = gebruikers.maak("bheer", "B. Heerkens", WACHTWOORD, ["beheerder"], [])
    gebruikers.ontgrendel("mdeboer", beheerder)
    assert gebruikers.meld_aan("mdeboer", WACHTWOORD, eigen).gebruikersnaam == "mdeboer"


def test_pogingen_tijdens_een_blokkade_schrijven_geen_events(gebruikers):
    eigen = _eigen_browser(gebruikers)
    _blokkeer(gebruikers)
    _blokkeer(gebruikers, apparaat=eigen)
    voor = len(_mislukt(gebruikers))
    for apparaat in (None, eigen) * 20:
        with pytest.raises(Onuitvoerbaar, match="Te veel mislukte pogingen"):
            gebruikers.meld_aan("mdeboer", FOUT, apparaat)
    assert len(_mislukt(gebruikers)) == voor == 2 * MAX_MISLUKT


def test_tellers_van_apparaten_met_verlopen_cookies_vervallen(klok):
    g = Gebruiker.maak("mdeboer", "M. de Boer", ["managementassistent"], ["amstelveen"], None, "hash", klok.nu)
    g.aanmelding_mislukt_op_apparaat("oud", klok.nu)
    g.aanmelding_mislukt_op_apparaat("nieuw", klok.nu + APPARAAT_GELDIG)
    assert set(g.apparaten) == {"oud", "nieuw"}
    g.aanmelding_mislukt_op_apparaat("nieuw", klok.nu + APPARAAT_GELDIG + timedelta(seconds=1))
    assert set(g.apparaten) == {"nieuw"} and g.apparaten["nieuw"]["mislukt"] == 2


def test_een_momentopname_van_voor_de_apparaten_wordt_bijgewerkt(klok):
    g = Gebruiker.maak("mdeboer", "M. de Boer", ["managementassistent"], ["amstelveen"], None, "hash", klok.nu)
    for _ in range(MAX_MISLUKT):
        g.aanmelding_mislukt(klok.nu)
    momentopname = Snapshot.take(g)
    oud = {k: v for k, v in momentopname.state.items() if k not in ("blokkades", "apparaten", "class_version")}
    hersteld = Snapshot(originator_id=momentopname.originator_id, originator_version=momentopname.originator_version,
                        timestamp=momentopname.timestamp, topic=momentopname.topic, state=oud).mutate(None)
    assert isinstance(hersteld, Gebruiker)
    assert hersteld.apparaten == {} and hersteld.blokkades == 1 and hersteld.geblokkeerd(klok.nu)


def test_de_teller_van_een_apparaat_overleeft_een_momentopname_en_opnieuw_openen(gebruikers, klok, instellingen):
    eigen = _eigen_browser(gebruikers)
    rondes = MOMENTOPNAME_NA // MAX_MISLUKT + 1
    for _ in range(rondes):
        _blokkeer(gebruikers, apparaat=eigen)
        klok.nu = gebruikers.eventstore.zoek_gebruiker("mdeboer").apparaat_geblokkeerd_tot(eigen.kenmerk, klok.nu)
    _blokkeer(gebruikers, apparaat=eigen)  # de blokkade na `rondes` blokkades op rij
    gebruiker = gebruikers.eventstore.zoek_gebruiker("mdeboer")
    assert gebruikers.eventstore.snapshots is not None and list(gebruikers.eventstore.snapshots.get(gebruiker.id))
    opnieuw = open_hub(instellingen).zoek_gebruiker("mdeboer")
    assert opnieuw is not None and opnieuw.apparaten == gebruiker.apparaten
    assert opnieuw.apparaat_geblokkeerd_tot(eigen.kenmerk, klok.nu) == klok.nu + min(BLOKKADE * 2**rondes, MAX_BLOKKADE)
