"""De webapplicatie neemt een contract over dat een ander proces aanlegde: de klantmanager meldt daarna aan voor een
product uit dat contract, zonder dat de webapplicatie herstart."""

from __future__ import annotations

import re

from hub.bootstrap import bootstrap
from hub.web import maak_app
from tests.web.test_beveiliging import aangemeld
from tests.web.test_klantmanager import AANMELDING, _formulier, _veldfout

AREA_2024 = '''
id = "a-rea-amstelveen-2024"
provider = "a-rea"
gemeenten = ["amstelveen"]
geldig_van = 2024-01-01
btw_percentage = "21"
bron = "Amstelveen, inkoopbesluit arbeidsdeskundig onderzoek 2024"

[[producten]]
code = "AREA-ARBEIDSDESKUNDIG"
naam = "Arbeidsdeskundig onderzoek"
eenheid = "aanmelding"
prijzen = [{ bedrag = "450.00", geldig_van = 2024-01-01 }]
'''


def test_een_nieuw_contract_uit_een_ander_proces_geldt_ook_in_de_webapplicatie(onderdelen, instellingen, tmp_path):
    client = aangemeld(maak_app(onderdelen, contracten_verversen_na=0), "petra")
    velden = {**AANMELDING, "provider": "a-rea", "product": "AREA-ARBEIDSDESKUNDIG", "client.bsn": "123456782"}
    csrf, bericht_id = _formulier(client, "/klantmanager/aanmelden")
    voor = client.post("/klantmanager/aanmelden", data={**velden, "csrf": csrf, "berichtId": bericht_id})
    assert voor.status_code == 422 and _veldfout(voor.text, "veld-product").startswith("ONBEKEND_PRODUCT")

    bestand = tmp_path / "a-rea-2024.toml"
    bestand.write_text(AREA_2024, encoding="utf-8")
    bootstrap(instellingen).contractbeheer.nieuw(bestand, "P. Jansen (pjansen)", "Inkoopbesluit", toepassen=True,
                                                 gemeenten=["amstelveen"])

    csrf, bericht_id = _formulier(client, "/klantmanager/aanmelden")
    na = client.post("/klantmanager/aanmelden", data={**velden, "csrf": csrf, "berichtId": bericht_id},
                     follow_redirects=False)
    assert na.status_code == 303, re.sub(r"\s+", " ", na.text)[:500]
    assert onderdelen.eventstore.traject("amstelveen", "AV-10").product == "AREA-ARBEIDSDESKUNDIG"
