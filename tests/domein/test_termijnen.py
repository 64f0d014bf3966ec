"""De termijnen uit de Standaard werkafspraken, met hun grensdagen."""

from datetime import date

from hub.domein import termijnen as t


def test_oproep_binnen_14_dagen_na_de_aanmelding():
    aanmelding = date(2024, 1, 2)
    assert t.oproep_op_tijd(aanmelding, date(2024, 1, 16))
    assert not t.oproep_op_tijd(aanmelding, date(2024, 1, 17))
    [signaal] = t.signalen_oproep(aanmelding, date(2024, 1, 17), date(2024, 1, 29))
    assert signaal.code == "TERMIJN_OVERSCHREDEN" and "16-01-2024" in signaal.melding


def test_uitnodiging_minstens_5_werkdagen_voor_het_gesprek_met_feestdag():
    # do 25-04-2024 uitnodiging; Koningsdag za 27-04 telt niet mee (weekend), dus gesprek do 02-05 is 5 werkdagen later
    assert t.uitnodiging_op_tijd(date(2024, 4, 25), date(2024, 5, 2))
    assert not t.uitnodiging_op_tijd(date(2024, 4, 25), date(2024, 5, 1))
    # Hemelvaart do 09-05-2024: uitnodiging ma 06-05, gesprek ma 13-05 is maar 4 werkdagen later
    assert not t.uitnodiging_op_tijd(date(2024, 5, 6), date(2024, 5, 13))


def test_plan_binnen_20_werkdagen_na_de_aanmelding():
    # aanmelding vr 10-05-2024; Pinksteren ma 20-05 telt niet: uiterlijk ma 10-06-2024
    assert t.plan_op_tijd(date(2024, 5, 10), date(2024, 6, 10))
    assert not t.plan_op_tijd(date(2024, 5, 10), date(2024, 6, 11))
    assert "10-06-2024" in t.signalen_plan(date(2024, 5, 10), date(2024, 6, 11))[0].melding


def test_klantmanager_besluit_binnen_5_werkdagen_na_het_plan():
    assert t.besluit_op_tijd(date(2024, 1, 29), date(2024, 2, 5))
    assert not t.besluit_op_tijd(date(2024, 1, 29), date(2024, 2, 6))


def test_factuur_binnen_twee_weken_na_afronding():
    assert t.factuur_op_tijd(date(2024, 3, 18), date(2024, 4, 1))
    assert not t.factuur_op_tijd(date(2024, 3, 18), date(2024, 4, 2))


def test_urenverantwoording_binnen_4_weken_na_het_einde_van_de_periode():
    assert t.urenverantwoording_op_tijd(date(2024, 12, 31), date(2025, 1, 28))
    assert not t.urenverantwoording_op_tijd(date(2024, 12, 31), date(2025, 1, 29))
    assert t.signalen_urenverantwoording(date(2024, 12, 31), date(2025, 1, 29))
