"""Een UBL-CreditNote (NLCIUS) geeft dezelfde creditnota als de JSON-vorm van de berichtenstandaard."""

import pytest
from lxml import etree

from hub.berichten import Creditnota
from hub.berichten.fouten import BerichtFout
from hub.koppelingen.formaten import efactuur
from hub.koppelingen.formaten.berichtparser import parse_bericht
from tests.ubl.hulp import JSON_VOORBEELDEN, UBL_VOORBEELDEN

UBL = UBL_VOORBEELDEN / "creditnota.xml"


def test_ubl_creditnota_voldoet_aan_nlcius():
    oordeel = efactuur.toets(etree.parse(str(UBL)))
    assert oordeel.geldig and not oordeel.waarschuwingen, (oordeel.fouten, oordeel.waarschuwingen)


def test_ubl_creditnota_geeft_hetzelfde_model_als_de_json_creditnota():
    uit_json = parse_bericht((JSON_VOORBEELDEN / "creditnota.json").read_bytes())
    uit_ubl = parse_bericht(UBL.read_bytes(), afzender="matchez")
    assert isinstance(uit_ubl, Creditnota)
    envelop = {"bericht_id", "verzonden"}
    assert uit_ubl.model_dump(mode="json", exclude=envelop) == uit_json.model_dump(mode="json", exclude=envelop)


def test_creditnotaregel_zonder_verwijzing_naar_de_factuurregel_wordt_geweigerd_met_wat_te_doen():
    zonder = UBL.read_bytes().replace(b"<cbc:Name>factuurregel</cbc:Name>", b"<cbc:Name>opmerking</cbc:Name>")
    with pytest.raises(BerichtFout) as fout:
        parse_bericht(zonder, afzender="matchez")
    [gevonden] = fout.value.fouten
    assert gevonden.veld == "regels[0].factuurregel" and "'factuurregel'" in gevonden.melding
