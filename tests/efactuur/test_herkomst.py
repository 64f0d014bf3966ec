"""De bestanden van de standaard in het pakket zijn onveranderd: elke sha256 staat in HERKOMST.md en klopt."""

import hashlib
import re

from hub.koppelingen.formaten import efactuur


def test_elk_bestand_van_de_standaard_heeft_de_sha256_uit_herkomst():
    herkomst = (efactuur.MAP / "HERKOMST.md").read_text(encoding="utf-8")
    genoemd = dict(re.findall(r"^\| `([^`]+\.(?:xsl|xslt|xsd))` \| `([0-9a-f]{64})` \|$", herkomst, re.MULTILINE))
    aanwezig = {
        str(pad.relative_to(efactuur.MAP)): hashlib.sha256(pad.read_bytes()).hexdigest()
        for pad in efactuur.MAP.rglob("*")
        if pad.suffix in (".xsl", ".xslt", ".xsd")
    }
    assert aanwezig == genoemd
    assert len(aanwezig) == 19


def test_de_licenties_worden_meegeleverd():
    licenties = {pad.name for pad in (efactuur.MAP / "licenties").iterdir()}
    assert licenties == {"MIT-peppolautoriteit-nl-validation.txt", "Apache-2.0-CenPC434.txt",
                         "EUPL-1.2-ConnectingEurope-eInvoicing-EN16931.txt"}
