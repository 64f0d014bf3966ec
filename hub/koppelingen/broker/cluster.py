"""De configuratie van een NATS-cluster van drie (of vijf) servers voor de geschaalde vorm.

Elke server krijgt een eigen bestand (JSON, dat nats-server als configuratie leest): zijn naam, client- en
clusterpoort, routes naar de andere servers, een eigen ``store_dir`` en dezelfde accounts als de ingebouwde
broker (``configuratie.accounts``). De streams krijgen op een cluster drie kopieën (``HUB_NATS_REPLICAS``, of
vanzelf als ``HUB_NATS_URL`` drie servers noemt); valt één server weg, dan kiezen de andere twee binnen enkele
seconden een nieuwe leider en werken de clients (``servers=[…]``, eindeloos opnieuw verbinden) door.

Met een ``route_wachtwoord`` mogen alleen servers die het kennen zich bij het cluster voegen; zonder staat de
clusterpoort open voor wie hem bereikt (alleen op een afgeschermd netwerk).
"""

from __future__ import annotations

from dataclasses import dataclass

from .configuratie import MAX_PAYLOAD

CLUSTERNAAM = "hub"
ROUTE_GEBRUIKER = "route"


@dataclass(frozen=True)
class Knooppunt:
    naam: str
    host: str
    poort: int = 4222
    clusterpoort: int = 6222
    monitorpoort: int = 8222


def knooppunten_uit(tekst: str) -> list[Knooppunt]:
    """``naam@host:poort:clusterpoort:monitorpoort``, met komma's gescheiden; ``host`` alleen geeft naam = host en de
    standaardpoorten (zoals in docker-compose: ``nats-1,nats-2,nats-3``)."""
    knooppunten = []
    for deel in (d.strip() for d in tekst.split(",")):
        if not deel:
            continue
        naam, _, adres = deel.rpartition("@")
        host, *poorten = adres.split(":")
        try:
            getallen = [int(p) for p in poorten]
        except ValueError:
            raise ValueError(f"ongeldig knooppunt {deel!r}: schrijf naam@host:poort:clusterpoort:monitorpoort") from None
        knooppunten.append(Knooppunt(naam or host, host, *getallen))
    if len(knooppunten) not in (3, 5):
        raise ValueError(f"een cluster heeft 3 of 5 servers (een meerderheid moet overblijven), niet {len(knooppunten)}")
    if len({k.naam for k in knooppunten}) != len(knooppunten):
        raise ValueError("elke server in het cluster heeft een eigen naam nodig")
    return knooppunten


def cluster_configs(
    knooppunten: list[Knooppunt],
    accounts: dict,
    *,
    opslag: str,
    luister: str = "0.0.0.0",
    sync_interval: str = "1s",
    route_wachtwoord: str | None = None,
) -> dict[str, dict]:
    """Per server (naam) zijn configuratie."""
    configs = {}
    for k in knooppunten:
        routes = [
            f"nats-route://{_route_auth(route_wachtwoord)}{a.host}:{a.clusterpoort}" for a in knooppunten if a != k
        ]
        cluster: dict = {"name": CLUSTERNAAM, "listen": f"{luister}:{k.clusterpoort}", "routes": routes}
        if route_wachtwoord:
            cluster["authorization"] = {"user": ROUTE_GEBRUIKER, "password": route_wachtwoord}
        configs[k.naam] = {
            "server_name": k.naam,
            "host": luister,
            "port": k.poort,
            "http_port": k.monitorpoort,
            "max_payload": MAX_PAYLOAD,
            "jetstream": {"store_dir": f"{opslag.rstrip('/')}/{k.naam}", "sync_interval": sync_interval},
            "cluster": cluster,
            "accounts": accounts,
        }
    return configs


def _route_auth(wachtwoord: str | None) -> str:
    return f"{ROUTE_GEBRUIKER}:{wachtwoord}@" if wachtwoord else ""


def client_url(knooppunten: list[Knooppunt]) -> str:
    """Wat in ``HUB_NATS_URL`` hoort: alle servers."""
    return ",".join(f"nats://{k.host}:{k.poort}" for k in knooppunten)


__all__ = ["Knooppunt", "client_url", "cluster_configs", "knooppunten_uit"]
