"""Een geheime sleutel die de hub zelf maakt en in de datamap bewaart (modus 0600), zodat hij een herstart overleeft."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SLEUTEL_BYTES = 32


def lees_of_maak_sleutel(pad: Path) -> bytes:
    """De sleutel uit `pad`; bestaat dat nog niet, dan een nieuwe willekeurige. Twee processen die tegelijk beginnen,
    lezen daarna dezelfde: wie het bestand als tweede wil maken, neemt die van de eerste."""
    pad.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(pad, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        sleutel = bytes.fromhex(pad.read_text(encoding="ascii").strip())
        if len(sleutel) < SLEUTEL_BYTES:
            raise RuntimeError(f"{pad} is beschadigd: verwijder het, dan maakt de hub een nieuwe sleutel.") from None
        return sleutel
    sleutel = secrets.token_bytes(SLEUTEL_BYTES)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(sleutel.hex())
        f.flush()
        os.fsync(f.fileno())
    return sleutel
