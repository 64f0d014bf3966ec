"""`hub serve`, `hub stuur`, `hub ontvang`, `hub dlq toon` en `hub broker configuratie`: berichten over de broker."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from hub.bootstrap import Onderdelen, als_dienst
from hub.cli.gedeeld import opdracht
from hub.cli.invoer import voorbeeld
from hub.cli.web import start_web, stop_web


def registreer(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="start de broker, de werkers en de webapplicatie; Ctrl-C stopt alles",
                           epilog=voorbeeld("hub serve", "hub serve --poort 4223 --web-poort 8081", "hub serve --zonder-web"))
    serve.add_argument("--poort", type=int, help="poort van de ingebouwde broker (standaard HUB_NATS_POORT of 4222)")
    serve.add_argument("--web-poort", type=int, help="poort van de webapplicatie (standaard HUB_WEB_POORT of 8080)")
    serve.add_argument("--zonder-web", action="store_true", help="alleen broker en werkers, geen webapplicatie")
    serve.set_defaults(uitvoeren=opdracht(_serve))

    stuur = sub.add_parser("stuur", help="stuur berichten (XML of JSON) als een afzender en toon de retouren",
                           epilog=voorbeeld("hub stuur --als matchez factuur.json", "hub stuur --als gemeente aanmelding.xml",
                                            "hub stuur --toegang matchez.json factuur.json   # vanaf het eigen kantoor"))
    _afzender_of_toegang(stuur)
    stuur.add_argument("bestanden", nargs="+", type=Path, metavar="BESTAND", help="een of meer berichten")
    stuur.add_argument("--wacht", type=float, default=30.0, help="seconden wachten op elke retour")
    stuur.set_defaults(uitvoeren=opdracht(_stuur))

    ontvang = sub.add_parser("ontvang", help="toon wat voor een afzender klaarstaat (eenmalig)",
                             epilog=voorbeeld("hub ontvang --als matchez", "hub ontvang --toegang matchez.json"))
    _afzender_of_toegang(ontvang)
    ontvang.set_defaults(uitvoeren=opdracht(_ontvang))

    asyncapi = sub.add_parser("asyncapi", help="het AsyncAPI-document van de berichtenstandaard voor providers",
                              epilog=voorbeeld("hub asyncapi --uit asyncapi.yaml", "hub asyncapi --formaat json"))
    asyncapi.add_argument("--formaat", choices=("yaml", "json"), default="yaml", help="uitvoerformaat (standaard yaml)")
    asyncapi.add_argument("--uit", type=Path, metavar="BESTAND", help="schrijf naar dit bestand in plaats van standaarduitvoer")
    asyncapi.set_defaults(uitvoeren=opdracht(_asyncapi))

    dlq = sub.add_parser("dlq", help="berichten die niet verwerkt konden worden", epilog=voorbeeld("hub dlq toon"))
    acties = dlq.add_subparsers(dest="actie", metavar="ACTIE")
    acties.required = True
    acties.add_parser("toon", help="toon de berichten op hub.dlq met hun reden", epilog=voorbeeld("hub dlq toon")).set_defaults(uitvoeren=opdracht(_dlq_toon))

    broker = sub.add_parser("broker", help="de NATS-broker van de hub",
                            epilog=voorbeeld("hub broker configuratie --uit accounts.json"))
    broker_acties = broker.add_subparsers(dest="actie", metavar="ACTIE")
    broker_acties.required = True
    configuratie = broker_acties.add_parser(
        "configuratie", help="het accounts-blok (JSON) voor een eigen NATS: een account per afzender, bevat wachtwoorden",
        epilog=voorbeeld("hub broker configuratie --uit accounts.json"),
    )
    configuratie.add_argument("--uit", type=Path, metavar="BESTAND", help="schrijf naar dit bestand (modus 0600); met "
                              "--cluster een map met een bestand per server")
    configuratie.add_argument("--cluster", metavar="SERVERS",
                              help="volledige configuratie per server van een cluster: 'nats-1,nats-2,nats-3' of "
                                   "'naam@host:poort:clusterpoort:monitorpoort,…' (3 of 5 servers)")
    configuratie.add_argument("--opslag", default="/data", metavar="MAP",
                              help="map voor JetStream op elke server; elke server een eigen submap (standaard /data)")
    configuratie.add_argument("--luister", default="0.0.0.0", metavar="ADRES", help="adres waarop de servers luisteren")
    configuratie.set_defaults(uitvoeren=opdracht(_broker_configuratie))


def _afzender_of_toegang(parser: argparse.ArgumentParser) -> None:
    wie = parser.add_mutually_exclusive_group(required=True)
    wie.add_argument("--als", metavar="AFZENDER", help="providercode of 'gemeente' (op de machine van de hub)")
    wie.add_argument("--toegang", type=Path, metavar="BESTAND",
                     help="het toegangsbestand van 'hub aanbieder toegang': als die aanbieder naar een hub elders")


@asynccontextmanager
async def broker_url(hub: Onderdelen, stil: bool = True) -> AsyncIterator[str]:
    """Het adres van een draaiende hub, of een tijdelijke hub voor de duur van de opdracht."""
    url = hub.draaiende_url()
    if url is not None:
        yield url
        return
    if not stil:
        print("Geen draaiende hub gevonden; een tijdelijke hub wordt gestart.", file=sys.stderr)
    async with hub.draaiende_hub() as draaiend:
        assert draaiend.url is not None
        yield draaiend.url


def _controleer_afzender(hub: Onderdelen, afzender: str) -> None:
    bekend = hub.afzenders()
    if afzender not in bekend:
        print(f"Onbekende afzender {afzender!r}; kies uit: {', '.join(bekend)}.", file=sys.stderr)
        raise SystemExit(2)


def _stuur(args: argparse.Namespace, hub: Onderdelen) -> int:
    from hub.koppelingen.broker.afzender import stuur, stuur_met_toegang
    from hub.koppelingen.broker.toegang import Toegangsbestand

    toegang = Toegangsbestand.lees(args.toegang) if args.toegang else None
    if toegang is None:
        _controleer_afzender(hub, args.als)
    ontbrekend = [str(b) for b in args.bestanden if not b.is_file()]
    if ontbrekend:
        print(f"Bestand niet gevonden: {', '.join(ontbrekend)}", file=sys.stderr)
        return 2

    async def draai() -> list[dict]:
        if toegang is not None:
            return await stuur_met_toegang(toegang, args.bestanden, args.wacht)
        async with broker_url(hub) as url:
            return await stuur(url, args.als, hub.identiteiten(), args.bestanden, args.wacht)

    retouren = asyncio.run(draai())
    for retour in retouren:
        print(json.dumps(retour, ensure_ascii=False))
    return 0 if all(r["status"] == "geaccepteerd" for r in retouren) else 1


def _ontvang(args: argparse.Namespace, hub: Onderdelen) -> int:
    from hub.koppelingen.broker.afzender import ontvang, ontvang_met_toegang
    from hub.koppelingen.broker.toegang import Toegangsbestand

    toegang = Toegangsbestand.lees(args.toegang) if args.toegang else None
    if toegang is None:
        _controleer_afzender(hub, args.als)

    async def draai() -> list[dict]:
        if toegang is not None:
            return await ontvang_met_toegang(toegang)
        async with broker_url(hub) as url:
            return await ontvang(url, args.als, hub.identiteiten())

    for bericht in asyncio.run(draai()):
        print(json.dumps(bericht, ensure_ascii=False))
    return 0


def _serve(args: argparse.Namespace, hub: Onderdelen) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    als_dienst()
    poort = args.poort or hub.instellingen.nats_poort

    async def draai() -> None:
        stop = asyncio.Event()
        lus = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            lus.add_signal_handler(sig, stop.set)
        async with hub.draaiende_hub(poort) as draaiend:
            web = None if args.zonder_web else start_web(args.web_poort or hub.instellingen.web_poort)
            print(f"Hub draait: broker {draaiend.url}, data in {hub.instellingen.data}. Ctrl-C stopt.", flush=True)
            try:
                await stop.wait()
            finally:
                print("Hub stopt…", flush=True)
                if web is not None:
                    stop_web(web)

    try:
        asyncio.run(draai())
    except (RuntimeError, ConnectionError) as fout:
        print(str(fout), file=sys.stderr)
        return 1
    return 0


def _dlq_toon(args: argparse.Namespace, hub: Onderdelen) -> int:
    from hub.koppelingen.broker.dlq import lees_dlq

    async def draai() -> list[dict]:
        async with broker_url(hub) as url:
            return await lees_dlq(url, hub.identiteiten())

    berichten = asyncio.run(draai())
    if not berichten:
        print("Geen berichten op de dead-letter-wachtrij.")
    for bericht in berichten:
        print(json.dumps(bericht, ensure_ascii=False))
    return 0


def asyncapi_tekst(formaat: str) -> str:
    import yaml

    from hub.koppelingen.broker.asyncapi import asyncapi_document

    document = asyncapi_document()
    if formaat == "json":
        return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=True)


def _asyncapi(args: argparse.Namespace, hub: Onderdelen) -> int:
    tekst = asyncapi_tekst(args.formaat)
    if args.uit:
        args.uit.write_text(tekst, encoding="utf-8")
    else:
        sys.stdout.write(tekst)
    return 0


def _broker_configuratie(args: argparse.Namespace, hub: Onderdelen) -> int:
    from hub.koppelingen.broker.configuratie import accounts
    from hub.koppelingen.broker.identiteiten import lees_register, schrijf_geheim

    instellingen = hub.instellingen
    wachtwoord = instellingen.nats_password.get_secret_value() if instellingen.nats_password else None
    blok = accounts(hub.identiteiten(), hub.afzenders(), hub_gebruiker=instellingen.nats_user, hub_wachtwoord=wachtwoord,
                    nkeys=lees_register(instellingen.data))
    if args.cluster:
        return _cluster_configuratie(args, hub, blok)
    tekst = json.dumps({"accounts": blok}, indent=2) + "\n"
    if args.uit:
        schrijf_geheim(args.uit, tekst)
    else:
        sys.stdout.write(tekst)
    return 0


def _cluster_configuratie(args: argparse.Namespace, hub: Onderdelen, blok: dict) -> int:
    from hub.koppelingen.broker.cluster import client_url, cluster_configs, knooppunten_uit
    from hub.koppelingen.broker.identiteiten import schrijf_geheim

    if args.uit is None:
        print("Geef met --uit een map op: elke server krijgt een eigen bestand.", file=sys.stderr)
        return 2
    try:
        knooppunten = knooppunten_uit(args.cluster)
    except ValueError as fout:
        print(f"{fout}.", file=sys.stderr)
        return 2
    instellingen = hub.instellingen
    route = instellingen.nats_cluster_password.get_secret_value() if instellingen.nats_cluster_password else None
    configs = cluster_configs(knooppunten, blok, opslag=args.opslag, luister=args.luister,
                              sync_interval=instellingen.nats_sync, route_wachtwoord=route)
    args.uit.mkdir(parents=True, exist_ok=True)
    for naam, config in configs.items():
        schrijf_geheim(args.uit / f"{naam}.conf", json.dumps(config, indent=2) + "\n")
    print(f"{len(configs)} servers geschreven naar {args.uit}; zet HUB_NATS_URL={client_url(knooppunten)}")
    return 0
