"""De broker van de hub: ingebouwde nats-server, identiteiten per afzender, subjects en streams."""

from .identiteiten import Identiteiten
from .nats_server import EmbeddedNats, vind_nats_server
from .streams import ExterneNats, declareer_streams, stream_configs, verbind, verbind_afzender, verbind_hub

__all__ = [
    "EmbeddedNats",
    "ExterneNats",
    "Identiteiten",
    "declareer_streams",
    "stream_configs",
    "verbind",
    "verbind_afzender",
    "verbind_hub",
    "vind_nats_server",
]
