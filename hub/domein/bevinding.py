"""Een bevinding van de factuurcontrole: een code uit DOMEIN.md en een zin die de managementassistent begrijpt."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Controlebevinding:
    code: str
    melding: str

    def als_dict(self) -> dict[str, str]:
        return {"code": self.code, "melding": self.melding}
