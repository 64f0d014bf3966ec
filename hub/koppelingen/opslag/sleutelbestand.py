"""Een geheime sleutel die de hub zelf maakt en in de datamap bewaart (modus 0600), zodat hij een herstart overleeft."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SLEUTEL_BYTES = 32


class SleutelbestandFout(RuntimeError):
    """Het sleutelbestand is onleesbaar of te kort; de tekst zegt wat te doen."""


def lees_of_maak_sleutel(pad: Path) -> bytes:
    """De sleutel uit `pad`; bestaat dat nog niet, dan een nieuwe willekeurige. Het bestand verschijnt in één keer
    compleet (eerst apart geschreven, dan gelinkt); wie het tegelijk als tweede wil maken, neemt dat van de eerste."""
    if not pad.exists():
        pad.parent.mkdir(parents=True, exist_ok=True)
        tijdelijk = pad.with_name(f"{pad.name}.{secrets.token_hex(8)}")
        fd = os.open(tijdelijk, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_bytes(SLEUTEL_BYTES).hex())
                f.flush()
                os.fsync(f.fileno())
            os.link(tijdelijk, pad)
        except FileExistsError:
            pass
        finally:
            tijdelijk.unlink(missing_ok=True)
    try:
        sleutel = bytes.fromhex(pad.read_text(encoding="ascii").strip())
    except ValueError:
        sleutel = b""
    if len(sleutel) < SLEUTEL_BYTES:
        raise SleutelbestandFout(f"{pad} is beschadigd: verwijder het, dan maakt de hub een nieuwe sleutel (browsers zijn dan "
                           "niet meer vertrouwd tot de gebruiker zich er opnieuw aanmeldt).")
    return sleutel
