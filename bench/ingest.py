"""Ingest-benchmark: berichten per seconde van publiceren tot retour, op de ingebouwde opstelling.

In dezelfde run, op dezelfde machine, twee ruwe snelheden ter vergelijking:
  1. de eventstore alleen: dezelfde aggregates en ontvangsten opslaan zoals de werker dat doet;
  2. JetStream alleen: publiceren met PubAck en pull-consumeren met ack, zonder verwerking.

De hub draait in een eigen proces; de afzenders (gemeente en provider) publiceren vanuit dit proces, gepijplijnd,
en de klok stopt bij de laatste retour.

Gebruik: python bench/ingest.py [AANTAL_TRAJECTEN]   (elk traject: aanmelding, oproep, intake, plaatsing)
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmachine import machine, schrijf_sectie
from jetstream_basis import meet_jetstream

from hub.aggregates.ontvangst import Ontvangst
from hub.aggregates.traject import Traject
from hub.bootstrap import als_dienst, bootstrap, open_hub
from hub.domein.clientgegevens import Clientgegevens
from hub.instellingen import Instellingen
from hub.koppelingen.broker.streams import verbind_afzender
from hub.koppelingen.broker.subjects import sleutel_traject, subject_in, subject_retour
from hub.koppelingen.opslag.contractbestanden import laad_catalogus

PROJECT = Path(__file__).resolve().parent.parent
BSN = ["123456782", "111222333", "999999990", "100000009"]


def berichten(aantal: int) -> tuple[list[dict], list[dict]]:
    gemeente, provider = [], []
    start = date(2024, 1, 2)
    for n in range(aantal):
        traject_id = f"BENCH-{n:07d}"
        dag = start + timedelta(days=n % 200)
        basis = {"versie": "1", "gemeente": "amstelveen", "trajectId": traject_id}
        gemeente.append({**basis, "berichtId": str(uuid.uuid4()), "type": "aanmelding", "afzender": "gemeente",
                         "verzonden": f"{dag}T09:00:00+01:00", "provider": "matchez", "product": "MZ-BNW3",
                         "datumAanmelding": str(dag), "klantmanager": "Sanne de Vries", "redenVerwijzing": "Bijstand",
                         "client": {"bsn": BSN[n % 4], "naam": "Cliënt", "geboortedatum": "1985-01-01",
                                    "clientnummer": f"C{n}", "adres": "Stadsplein 1, Amstelveen"}})
        p = {**basis, "afzender": "matchez", "verzonden": f"{dag + timedelta(days=3)}T09:00:00+01:00"}
        provider += [
            {**p, "berichtId": str(uuid.uuid4()), "type": "oproep", "datumUitnodiging": str(dag + timedelta(days=3)),
             "datumGesprek": str(dag + timedelta(days=12)), "kopieNaarKlantmanager": True},
            {**p, "berichtId": str(uuid.uuid4()), "type": "intake", "datum": str(dag + timedelta(days=12))},
            {**p, "berichtId": str(uuid.uuid4()), "type": "plaatsing", "datumIndienst": str(dag + timedelta(days=40)),
             "werkgever": "Bakkerij", "urenPerWeek": "32", "contractduurMaanden": 6, "arbeidsovereenkomstRef": "AO"},
        ]
    return gemeente, provider


async def _publiceer(nc, afzender: str, reeks: list[dict]) -> None:
    js = nc.jetstream()
    wachtend = []
    for bericht in reeks:
        subject = subject_in(afzender, sleutel_traject(bericht["gemeente"], bericht["trajectId"]))
        wachtend.append(js.publish_async(subject, json.dumps(bericht).encode(), headers={"Nats-Msg-Id": bericht["berichtId"]}))
        if len(wachtend) >= 2000:
            await asyncio.gather(*wachtend)
            wachtend = []
    await asyncio.gather(*wachtend)


def _draai_hub(data: str, stop, klaar) -> None:
    """De hub in een eigen proces, zoals in productie (`hub serve`): de afzenders zijn andere processen."""
    als_dienst()

    async def main() -> None:
        instellingen = Instellingen(data=Path(data), contracten=PROJECT / "contracts")
        async with bootstrap(instellingen).draaiende_hub():
            klaar.set()
            while not stop.is_set():
                await asyncio.sleep(0.05)

    asyncio.run(main())


async def eind_tot_eind(data: Path, aantal: int) -> dict[str, float]:
    import multiprocessing

    from hub.koppelingen.broker.draaiende_hub import afzenders
    from hub.koppelingen.broker.identiteiten import Identiteiten

    gemeente, provider = berichten(aantal)
    totaal = len(gemeente) + len(provider)
    context = multiprocessing.get_context("spawn")
    stop, klaar = context.Event(), context.Event()
    proces = context.Process(target=_draai_hub, args=(str(data), stop, klaar))
    proces.start()
    try:
        if not await asyncio.to_thread(klaar.wait, 60):
            raise RuntimeError("de hub startte niet binnen 60 s")
        url = (data / "hub.url").read_text().strip()
        identiteiten = Identiteiten.laad_of_maak(data, afzenders(laad_catalogus(PROJECT / "contracts")))
        klaar_met_alles, aanmeldingen_binnen = asyncio.Event(), asyncio.Event()
        teller = {"retouren": 0, "afgewezen": 0, "gemeente": 0}

        async def bij_retour(msg) -> None:
            teller["retouren"] += 1
            if json.loads(msg.data)["status"] != "geaccepteerd":
                teller["afgewezen"] += 1
            if msg.subject == subject_retour("gemeente"):
                teller["gemeente"] += 1
                if teller["gemeente"] >= len(gemeente):
                    aanmeldingen_binnen.set()
            if teller["retouren"] >= totaal:
                klaar_met_alles.set()

        nc_gemeente = await verbind_afzender(url, "gemeente", identiteiten)
        nc_provider = await verbind_afzender(url, "matchez", identiteiten)
        await nc_gemeente.subscribe(subject_retour("gemeente"), cb=bij_retour)
        await nc_provider.subscribe(subject_retour("matchez"), cb=bij_retour)
        begin = time.perf_counter()
        await _publiceer(nc_gemeente, "gemeente", gemeente)
        # De hub houdt de volgorde per afzender, niet tussen afzenders: een provider stuurt zijn oproep pas na de
        # toewijzing, dus hier pas als de aanmeldingen beantwoord zijn (anders wint soms de oproep).
        await asyncio.wait_for(aanmeldingen_binnen.wait(), timeout=600)
        await _publiceer(nc_provider, "matchez", provider)
        await asyncio.wait_for(klaar_met_alles.wait(), timeout=600)
        duur = time.perf_counter() - begin
        for nc in (nc_gemeente, nc_provider):
            await nc.close()
    finally:
        stop.set()
        await asyncio.to_thread(proces.join, 30)
    return {"berichten": totaal, "seconden": duur, "per_seconde": totaal / duur, "afgewezen": teller["afgewezen"]}


def eventstore_alleen(data: Path, aantal: int, batch: int = 256) -> dict[str, float]:
    """Wat de werker per bericht opslaat (een domein-event en een Ontvangst), in batches zoals de werker."""
    hub = open_hub(Instellingen(data=data))
    client = Clientgegevens(bsn="123456782", naam="Cliënt")
    nu = time.time()
    begin = time.perf_counter()
    aggregates = []
    opgeslagen = 0
    for n in range(aantal):
        traject = Traject.meld_aan(gemeente="amstelveen", traject_id=f"RUW-{n}", provider="matchez", product="MZ-BNW3",
                                   datum_aanmelding=date(2024, 1, 2), klantmanager="K", reden_verwijzing="r", client=client,
                                   product_bekend=True)
        ontvangst = Ontvangst(bericht_id=uuid.uuid4(), afzender="gemeente", soort="aanmelding", ontvangen=_tijd(nu),
                              retour={"status": "geaccepteerd"}, sleutel=f"amstelveen/RUW-{n}")
        aggregates += [traject, ontvangst]
        if len(aggregates) >= 2 * batch:
            hub.save(*aggregates)
            opgeslagen += len(aggregates)
            aggregates = []
    if aggregates:
        hub.save(*aggregates)
        opgeslagen += len(aggregates)
    duur = time.perf_counter() - begin
    return {"events": opgeslagen, "seconden": duur, "events_per_seconde": opgeslagen / duur,
            "berichten_per_seconde": aantal / duur}


def _tijd(nu: float):
    from datetime import datetime

    return datetime.fromtimestamp(nu, UTC)


def main() -> None:
    trajecten = int(sys.argv[1]) if len(sys.argv) > 1 else 2500
    with tempfile.TemporaryDirectory() as tmp:
        e2e = asyncio.run(eind_tot_eind(Path(tmp) / "e2e", trajecten))
        store = eventstore_alleen(Path(tmp) / "store", e2e["berichten"])
    js = meet_jetstream(e2e["berichten"], sync_interval=Instellingen().nats_sync)
    js["per_seconde"] = 1 / (1 / js["publish_pipelined_msg_s"] + 1 / js["fetch500_ack_msg_s"])
    laagste = min(store["berichten_per_seconde"], js["per_seconde"])
    regels = [
        f"Gemeten: {machine()}",
        "",
        "| wat | berichten | berichten/s |",
        "|---|---|---|",
        f"| eind tot eind: publiceren → gevalideerd → opgeslagen → retour | {e2e['berichten']} | {e2e['per_seconde']:,.0f} |",
        f"| ruw: eventstore alleen (aggregate + ontvangst per bericht, batches van 256) | {e2e['berichten']} | "
        f"{store['berichten_per_seconde']:,.0f} ({store['events_per_seconde']:,.0f} events/s) |",
        f"| ruw: JetStream gepijplijnd publiceren, daarna fetch(500) + ack (sync_interval {Instellingen().nats_sync}, als de hub) | {e2e['berichten']} | {js['per_seconde']:,.0f} "
        f"(publiceren {js['publish_pipelined_msg_s']:,.0f}, consumeren {js['fetch500_ack_msg_s']:,.0f}, "
        f"publiceren met wachten op elke ack {js['publish_ack_msg_s']:,.0f}) |",
        "",
        f"Eind tot eind is {e2e['per_seconde'] / laagste:.0%} van de laagste ruwe snelheid "
        f"(doel: ten minste 1.000 berichten/s en een derde van de laagste ruwe snelheid). "
        f"Afgewezen in de run: {e2e['afgewezen']}.",
    ]
    print("\n".join(regels))
    schrijf_sectie("Ingest: berichten door de broker in de eventstore", "python bench/ingest.py " + str(trajecten), regels)


if __name__ == "__main__":
    main()
