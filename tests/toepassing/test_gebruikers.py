"""Gebruikers: aanmaken met rollen en gemeenten, aanmelden, blokkade na vijf mislukte pogingen (met een vaste klok)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from hub.aggregates.gebruiker import BLOKKADE, Gebruiker
from hub.bootstrap import bootstrap
from hub.domein.fouten import DomeinFout
from hub.toepassing.fouten import Onuitvoerbaar
from hub.toepassing.gebruikers import ONBEKEND, Argon2, Gebruikers

WACHTWOORD = "correct paard batterij nietje"


class Klok:
    def __init__(self) -> None:
        self.nu = datetime(2024, 4, 19, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.nu


@pytest.fixture
def klok() -> Klok:
    return Klok()


@pytest.fixture
def gebruikers(instellingen, klok) -> Gebruikers:
    onderdelen = bootstrap(instellingen, klok=klok)
    return Gebruikers(onderdelen.eventstore, onderdelen.catalogus, klok,
                      Argon2(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)))


def test_maak_en_meld_aan_met_rollen_en_gemeenten(gebruikers):
    gebruikers.maak("MdeBoer", "M. de Boer", WACHTWOORD, ["managementassistent"], ["amstelveen", "aalsmeer"])
    profiel = gebruikers.meld_aan("mdeboer", WACHTWOORD)
    assert profiel.gebruikersnaam == "mdeboer" and profiel.naam == "M. de Boer"
    assert profiel.heeft_rol("managementassistent") and not profiel.heeft_rol("inkoper")
    assert profiel.gemeenten == ("aalsmeer", "amstelveen") and profiel.mag_gemeente("aalsmeer")
    assert not profiel.mag_gemeente("heemstede")


def test_alleen_de_hash_van_het_wachtwoord_staat_in_de_eventstore(gebruikers, instellingen):
    gebruikers.maak("mdeboer", "M. de Boer", WACHTWOORD, ["managementassistent"], ["amstelveen"])
    gebruikers.eventstore.close()
    opgeslagen = instellingen.sqlite_bestand.read_bytes()
    assert WACHTWOORD.encode() not in opgeslagen
    assert b"$argon2id$" in opgeslagen


def test_onbekende_naam_en_fout_wachtwoord_geven_dezelfde_melding(gebruikers):
    gebruikers.maak("mdeboer", "M. de Boer", WACHTWOORD, ["managementassistent"], ["amstelveen"])
    with pytest.raises(Onuitvoerbaar) as onbekend:
        gebruikers.meld_aan("niemand", WACHTWOORD)
    with pytest.raises(Onuitvoerbaar) as fout:
        gebruikers.meld_aan("mdeboer", "verkeerd wachtwoord!!")
    assert str(onbekend.value) == str(fout.value) == ONBEKEND


def test_vijf_mislukte_pogingen_blokkeren_vijftien_minuten_ook_met_het_goede_wachtwoord(gebruikers, klok):
    gebruikers.maak("mdeboer", "M. de Boer", WACHTWOORD, ["managementassistent"], ["amstelveen"])
    for _ in range(4):
        with pytest.raises(Onuitvoerbaar, match="klopt niet"):
            gebruikers.meld_aan("mdeboer", "verkeerd wachtwoord!!")
    with pytest.raises(Onuitvoerbaar, match="Te veel mislukte pogingen"):
        gebruikers.meld_aan("mdeboer", "verkeerd wachtwoord!!")
    klok.nu += BLOKKADE - timedelta(seconds=1)
    with pytest.raises(Onuitvoerbaar, match="Te veel mislukte pogingen: aanmelden kan weer na"):
        gebruikers.meld_aan("mdeboer", WACHTWOORD)
    klok.nu += timedelta(seconds=1)
    assert gebruikers.meld_aan("mdeboer", WACHTWOORD).naam == "M. de Boer"


def test_een_geslaagde_aanmelding_zet_de_teller_terug(gebruikers):
    gebruikers.maak("mdeboer", "M. de Boer", WACHTWOORD, ["managementassistent"], ["amstelveen"])
    for _ in range(4):
        with pytest.raises(Onuitvoerbaar):
            gebruikers.meld_aan("mdeboer", "verkeerd wachtwoord!!")
    gebruikers.meld_aan("mdeboer", WACHTWOORD)
    with pytest.raises(Onuitvoerbaar, match="klopt niet"):
        gebruikers.meld_aan("mdeboer", "verkeerd wachtwoord!!")


def test_pogingen_tijdens_de_blokkade_verlengen_haar_niet(klok):
    g = Gebruiker.maak("mdeboer", "M. de Boer", ["managementassistent"], ["amstelveen"], None, "hash", klok.nu)
    for _ in range(5):
        g.aanmelding_mislukt(klok.nu)
    tot = g.geblokkeerd_tot
    g.aanmelding_mislukt(klok.nu + timedelta(minutes=10))
    assert g.geblokkeerd_tot == tot and [type(e).__name__ for e in g.collect_events()].count("AanmeldingMislukt") == 5


def test_wachtwoord_wijzigen(gebruikers):
    gebruikers.maak("mdeboer", "M. de Boer", WACHTWOORD, ["managementassistent"], ["amstelveen"])
    gebruikers.wijzig_wachtwoord("mdeboer", "een heel ander wachtwoord")
    with pytest.raises(Onuitvoerbaar):
        gebruikers.meld_aan("mdeboer", WACHTWOORD)
    assert gebruikers.meld_aan("mdeboer", "een heel ander wachtwoord").gebruikersnaam == "mdeboer"


@pytest.mark.parametrize(("argumenten", "melding"), [
    (("mdeboer", "M. de Boer", "kort", ["managementassistent"], ["amstelveen"]), "ten minste 12 tekens"),
    (("mdeboer", "M. de Boer", "mdeboer-wachtwoord-123", ["managementassistent"], ["amstelveen"]), "bevat de gebruikersnaam"),
    (("mdeboer", "M. de Boer", WACHTWOORD, ["managementassistent"], ["atlantis"]), "Gemeente atlantis is onbekend"),
    (("mdeboer", "M. de Boer", WACHTWOORD, ["directeur"], ["amstelveen"]), "Kies rollen uit"),
    (("mz", "Matchez", WACHTWOORD, ["aanbieder"], [], "nergens"), "Aanbieder 'nergens' is onbekend"),
])
def test_wat_niet_kan_zegt_wat_wel_kan(gebruikers, argumenten, melding):
    with pytest.raises(Onuitvoerbaar, match=melding):
        gebruikers.maak(*argumenten)


def test_regels_van_het_aggregate(klok):
    with pytest.raises(DomeinFout, match="Noem de gemeente"):
        Gebruiker.maak("mdeboer", "M. de Boer", ["managementassistent"], [], None, "hash", klok.nu)
    with pytest.raises(DomeinFout, match="alleen de rol aanbieder"):
        Gebruiker.maak("mz", "Matchez", ["aanbieder", "inkoper"], ["amstelveen"], "matchez", "hash", klok.nu)
    with pytest.raises(DomeinFout, match="letters, cijfers"):
        Gebruiker.maak("m de boer", "M. de Boer", ["inkoper"], ["amstelveen"], None, "hash", klok.nu)


def test_een_gebruikersnaam_is_uniek(gebruikers):
    gebruikers.maak("mdeboer", "M. de Boer", WACHTWOORD, ["managementassistent"], ["amstelveen"])
    with pytest.raises(Onuitvoerbaar, match="bestaat al"):
        gebruikers.maak("MDEBOER", "Iemand anders", WACHTWOORD, ["inkoper"], ["amstelveen"])


def test_wie_het_wachtwoord_laat_blokkeren_houdt_de_gebruiker_niet_buiten_via_de_identiteitsprovider(gebruikers, klok):
    gebruikers.maak("sdevries", "S. de Vries", WACHTWOORD, ["klantmanager"], ["amstelveen"], extern=("sub", "Ab-12"))
    for _ in range(5):
        with pytest.raises(Onuitvoerbaar):
            gebruikers.meld_aan("sdevries", "geraden")
    with pytest.raises(Onuitvoerbaar, match="Te veel mislukte pogingen"):
        gebruikers.meld_aan("sdevries", WACHTWOORD)
    assert gebruikers.meld_aan_extern("sub", "Ab-12", "de gemeente").gebruikersnaam == "sdevries"
    with pytest.raises(Onuitvoerbaar, match="Te veel mislukte pogingen"):
        gebruikers.meld_aan("sdevries", WACHTWOORD)  # voor het wachtwoord blijft de blokkade staan
    klok.nu += BLOKKADE + timedelta(seconds=1)
    assert gebruikers.meld_aan("sdevries", WACHTWOORD).gebruikersnaam == "sdevries"
