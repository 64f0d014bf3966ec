"""Een draaiende hub (wat `hub serve` start) waarschuwt bij de start voor een contractbestand dat afwijkt van zijn
dossier in de hub, en draait gewoon door: het dossier blijft het contract."""

from __future__ import annotations

import asyncio
import logging
import shutil
from datetime import date
from decimal import Decimal

from hub.bootstrap import bootstrap
from tests.conftest import PROJECT


async def test_de_hub_start_met_een_waarschuwing_en_het_dossier_blijft_gelden(instellingen, tmp_path, caplog):
    contracten = tmp_path / "contracts"
    shutil.copytree(PROJECT / "contracts", contracten)
    instellingen = instellingen.met(contracten=contracten)
    bootstrap(instellingen).contractbeheer.beeindig("matchez-aa", date(2025, 12, 31), "R. Visser", "Opgezegd",
                                                    toepassen=True)
    bestand = contracten / "matchez-amstelveen-aalsmeer.toml"
    bestand.write_text(bestand.read_text(encoding="utf-8").replace('"2250.00"', '"2300.00"'), encoding="utf-8")
    caplog.set_level(logging.WARNING, logger="hub.bootstrap")

    onderdelen = bootstrap(instellingen)
    async with onderdelen.draaiende_hub(ack_wait=2.0, leesmodel_interval=0.2):
        for _ in range(300):  # de eerste ronde bij de start; alleen een bovengrens
            if any("matchez-aa" in r.getMessage() for r in caplog.records):
                break
            await asyncio.sleep(0.1)
        [waarschuwing] = [r for r in caplog.records if "matchez-aa" in r.getMessage()]
        assert waarschuwing.levelno == logging.WARNING
        assert "wijkt af van het dossier in de hub in producten.MZ-BNW3.prijzen" in waarschuwing.getMessage()
        afspraak = onderdelen.catalogus.prijsafspraak("matchez", "amstelveen", "MZ-BNW3", date(2024, 6, 1))
        assert afspraak.bedrag == Decimal("2250.00") and onderdelen.catalogus.contract("matchez-aa").geldig_tot == date(2025, 12, 31)
