"""De factuurstatus-uitgang bij een broker die even wegvalt: een waarschuwing van één regel, geen traceback, en de
volgende ronde gewoon verder."""

from __future__ import annotations

import asyncio
import logging

import nats.errors

from hub.koppelingen.broker.factuurstatus_uitgang import Factuurstatusuitgang


class _WegvallendeLease:
    """Een lease waarvan de eerste ronde mislukt zoals bij een nats-server die wegvalt; de tweede stopt de uitgang."""

    def __init__(self, stop: asyncio.Event, fout: Exception):
        self.stop, self.fout, self.eigen, self.rondes = stop, fout, {}, 0

    async def ronde(self):
        self.rondes += 1
        if self.rondes == 1:
            raise self.fout
        self.stop.set()
        return set(), set()

    async def geef_alles_terug(self) -> None:
        return None


async def _draai(fout: Exception, monkeypatch) -> _WegvallendeLease:
    monkeypatch.setattr("hub.koppelingen.broker.factuurstatus_uitgang.INTERVAL", 0.01)
    stop = asyncio.Event()
    lease = _WegvallendeLease(stop, fout)
    await asyncio.wait_for(Factuurstatusuitgang(None).draai(None, stop, lease), 5)  # type: ignore[arg-type]
    return lease


async def test_een_broker_die_even_wegvalt_geeft_een_waarschuwing_zonder_traceback(caplog, monkeypatch):
    with caplog.at_level(logging.WARNING, logger="hub.factuurstatus"):
        lease = await _draai(nats.errors.TimeoutError(), monkeypatch)
    assert lease.rondes == 2, "na de mislukte ronde volgt een nieuwe"
    [melding] = caplog.records
    assert melding.levelno == logging.WARNING and melding.exc_info is None
    assert "nu niet te versturen" in melding.getMessage()


async def test_een_onverwachte_fout_komt_met_traceback_in_het_log(caplog, monkeypatch):
    with caplog.at_level(logging.WARNING, logger="hub.factuurstatus"):
        await _draai(ValueError("kapot"), monkeypatch)
    [melding] = caplog.records
    assert melding.levelno == logging.ERROR and melding.exc_info is not None
