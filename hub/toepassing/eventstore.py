"""De eventstore-applicatie: aggregates laden en opslaan. Welke opslag (SQLite, PostgreSQL) kiest de bootstrap."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Protocol, TypeVar, runtime_checkable
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, project_aggregate
from eventsourcing.domain import MutableOrImmutableAggregate
from eventsourcing.persistence import IntegrityError, InterfaceError, JSONTranscoder, OperationalError, StoredEvent

from hub.aggregates.betaalbatch import Betaalbatches, betaalbatches_uuid
from hub.aggregates.contract import Contractdossier, contract_uuid
from hub.aggregates.contractregister import Contractregister, contractregister_uuid
from hub.aggregates.doorbelasting import Doorbelastingen, doorbelastingen_uuid
from hub.aggregates.externe_identiteit import ExterneIdentiteit, externe_identiteit_uuid
from hub.aggregates.factuur import Factuur, factuur_uuid
from hub.aggregates.gebruiker import Gebruiker, gebruiker_uuid
from hub.aggregates.jobcoachperiode import Jobcoachperiode, periode_uuid
from hub.aggregates.ontvangst import Ontvangst, ontvangst_uuid
from hub.aggregates.traject import Traject, traject_uuid
from hub.domein import fouten as f
from hub.toepassing.transcodering import TRANSCODERINGEN

A = TypeVar("A")


class Opzoeken:
    """Aggregates opzoeken op de sleutels die de afzenders gebruiken; `_zoek` bepaalt waar vandaan."""

    def _zoek(self, soort: type[A], id_: UUID) -> A | None:
        raise NotImplementedError

    def zoek_traject(self, gemeente: str, traject_id: str) -> Traject | None:
        return self._zoek(Traject, traject_uuid(gemeente, traject_id))

    def traject(self, gemeente: str, traject_id: str) -> Traject:
        traject = self.zoek_traject(gemeente, traject_id)
        if traject is None:
            raise f.onbekend_traject(gemeente, traject_id)
        return traject

    def zoek_periode(self, gemeente: str, periode_id: str) -> Jobcoachperiode | None:
        return self._zoek(Jobcoachperiode, periode_uuid(gemeente, periode_id))

    def zoek_factuur(self, afzender: str, factuurnummer: str) -> Factuur | None:
        return self._zoek(Factuur, factuur_uuid(afzender, factuurnummer))

    def zoek_ontvangst(self, afzender: str, bericht_id: UUID) -> Ontvangst | None:
        return self._zoek(Ontvangst, ontvangst_uuid(afzender, bericht_id)) or self.zoek_oude_ontvangst(afzender, bericht_id)

    def zoek_oude_ontvangst(self, afzender: str, bericht_id: UUID) -> Ontvangst | None:
        """Een Ontvangst uit de eerste versie staat onder de berichtId alleen; ze geldt alleen voor haar eigen afzender."""
        oud = self._zoek(Ontvangst, bericht_id)
        return oud if oud is not None and oud.afzender == afzender and oud.bericht_id == bericht_id else None

    def zoek_betaalbatches(self, gemeente: str) -> Betaalbatches | None:
        return self._zoek(Betaalbatches, betaalbatches_uuid(gemeente))

    def zoek_doorbelastingen(self, contract_id: str) -> Doorbelastingen | None:
        return self._zoek(Doorbelastingen, doorbelastingen_uuid(contract_id))

    def zoek_contractdossier(self, contract_id: str) -> Contractdossier | None:
        return self._zoek(Contractdossier, contract_uuid(contract_id))

    def zoek_contractregister(self) -> Contractregister | None:
        return self._zoek(Contractregister, contractregister_uuid())

    def zoek_gebruiker(self, gebruikersnaam: str) -> Gebruiker | None:
        return self._zoek(Gebruiker, gebruiker_uuid(gebruikersnaam))

    def zoek_externe_identiteit(self, claim: str, waarde: str) -> ExterneIdentiteit | None:
        return self._zoek(ExterneIdentiteit, externe_identiteit_uuid(claim, waarde))


MOMENTOPNAME_NA = 25


@runtime_checkable
class VeleTegelijk(Protocol):
    """Een opslag die de events van veel aggregates in één rondgang leest (PostgreSQL)."""

    def select_events_vele(self, originator_ids: Iterable[UUID]) -> dict[UUID, list[StoredEvent]]: ...


class Hub(Application[UUID], Opzoeken):
    """Een gebruiker krijgt bij elke aanmelding een event en de betaalbatches van een gemeente groeien met elke batch:
    van die twee wordt om de `MOMENTOPNAME_NA` events een momentopname bewaard, zodat het lezen (bij elk verzoek aan
    de webapplicatie) niet met de jaren trager wordt."""

    name = "hub"
    snapshotting_intervals: ClassVar[dict[type[MutableOrImmutableAggregate[UUID]], int]] = {Gebruiker: MOMENTOPNAME_NA, Betaalbatches: MOMENTOPNAME_NA}

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        for transcoding in TRANSCODERINGEN:
            transcoder.register(transcoding)

    def haal_vele(self, ids: Iterable[UUID]) -> dict[UUID, Any]:
        """De aggregates die bestaan, op id; op PostgreSQL in één rondgang, anders één voor één."""
        ids = list(dict.fromkeys(ids))
        if isinstance(self.recorder, VeleTegelijk):
            return {id_: project_aggregate(None, map(self.mapper.to_domain_event, events))
                    for id_, events in self.recorder.select_events_vele(ids).items()}
        gevonden: dict[UUID, Any] = {}
        for id_ in ids:
            try:
                gevonden[id_] = self.repository.get(id_)
            except AggregateNotFoundError:
                continue
        return gevonden

    def _zoek(self, soort: type[A], id_: UUID) -> A | None:
        try:
            gevonden: object = self.repository.get(id_)
        except AggregateNotFoundError:
            return None
        return gevonden if isinstance(gevonden, soort) else None


class OpslagOnbereikbaar(RuntimeError):
    """De eventstore is niet te openen (verbinding, wachtwoord, database); de tekst noemt de instelling om na te kijken."""


def opslag_weg(fout: BaseException) -> bool:
    """Is de eventstore (even) niet bereikbaar, in plaats van dat dit bericht niet te verwerken is? Een conflict
    (`IntegrityError`, een gelijktijdige opslag) telt niet: dat is een gewone herkansing."""
    return isinstance(fout, OperationalError | InterfaceError) and not isinstance(fout, IntegrityError)


def melding_opslag_weg(fout: BaseException) -> str:
    """Voor wie een opdracht gaf of een pagina vroeg terwijl de eventstore wegviel."""
    return (f"De eventstore is nu niet bereikbaar ({str(fout).strip() or type(fout).__name__}). Wat niet is bevestigd, "
            "is niet opgeslagen. Controleer of de database draait en bereikbaar is (HUB_EVENTSTORE, HUB_POSTGRES_HOST, "
            "HUB_POSTGRES_PORT) en probeer het daarna opnieuw.")


class SleutelFout(RuntimeError):
    """De opgeslagen events zijn niet te lezen met de ingestelde sleutel."""


def controleer_sleutel(hub: Hub) -> None:
    """Het eerste event moet leesbaar zijn; anders past HUB_SLEUTEL niet bij wat er is opgeslagen."""
    eerste = hub.recorder.select_notifications(start=1, limit=1)
    if not eerste:
        return
    try:
        hub.mapper.to_domain_event(eerste[0])
    except Exception as fout:
        raise SleutelFout(
            "De opgeslagen events zijn niet te lezen met deze instelling van HUB_SLEUTEL: ze zijn met een andere "
            "sleutel (of juist zonder) opgeslagen. Zet HUB_SLEUTEL op de sleutel waarmee de eventstore is gevuld."
        ) from fout
