"""Het antwoord van de hub op elk bericht."""

from typing import Literal, Self

from pydantic import BaseModel, Field, PrivateAttr

from hub.berichten.basis import Model
from hub.berichten.typen import BerichtId, Foutcode, Tekst, Veldpad


class Fout(Model):
    code: Foutcode = Field(description="Foutcode, bijv. SCHEMA of ONBEKEND_TRAJECT.", examples=["SCHEMA"])
    veld: Veldpad | None = Field(
        default=None, description="Pad van het veld in camelCase, bijv. 'regels[0].bedrag'.", examples=["datum"]
    )
    melding: Tekst = Field(
        description="Wat er mis is en wat de afzender moet doen.",
        examples=["Veld 'datum' ontbreekt (datum van de intake): geef een datum als JJJJ-MM-DD op."],
    )


class Signaal(Model):
    code: Foutcode = Field(description="Code van het signaal.", examples=["TERMIJN_OVERSCHREDEN"])
    melding: Tekst = Field(description="Uitleg van het signaal.")


class Retour(Model):
    """'afgewezen': niets vastgelegd; 'geaccepteerd': het feit is blijvend vastgelegd."""

    bericht_id: BerichtId = Field(description="Id van het bericht waarop dit het antwoord is.")
    status: Literal["geaccepteerd", "afgewezen"] = Field(description="Uitkomst.", examples=["geaccepteerd"])
    fouten: list[Fout] = Field(default_factory=list, max_length=1000, description="Redenen van afwijzing.")
    signalen: list[Signaal] = Field(
        default_factory=list, max_length=100, description="Waarschuwingen die de verwerking niet tegenhouden."
    )


class MetVormsignalen(BaseModel):
    """Een e-factuurdocument kan waarschuwingen van de standaard meedragen; ze zijn geen veld van het bericht."""

    _signalen: list[Signaal] = PrivateAttr(default_factory=list)

    @property
    def signalen(self) -> list[Signaal]:
        """Waarschuwingen uit het lezen van de vorm (de regels van de e-factuurstandaard)."""
        return list(self._signalen)

    def met_signalen(self, signalen: list[Signaal]) -> Self:
        self._signalen = list(signalen)
        return self
