"""Leesmodellen opbouwen of laden maakt miljoenen objecten die blijven bestaan; de cyclische garbage
collector zou ze tijdens het opbouwen steeds opnieuw doorlopen. Daarom staat hij dan even uit, en daarna
gaan de overgebleven objecten naar de permanente generatie (`gc.freeze`), zodat hij ze ook later overslaat."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def zonder_gc() -> Iterator[None]:
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.freeze()
            gc.enable()
