"""Een factuur (JSON of UBL, al naar hetzelfde model vertaald) wordt een `Factuur`-aggregate.

Een factuurnummer is uniek per provider: dezelfde factuur opnieuw gestuurd wordt herkend en niet
nog eens geteld; een andere factuur onder een bekend nummer wordt geweigerd.
"""

from __future__ import annotations

from hub.aggregates.factuur import Clientgegevens, Factuur, Factuurregel
from hub.berichten import Factuur as Factuurbericht
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout
from hub.domein.identificatie import iban_geldig, normaliseer_iban
from hub.toepassing.verwerking.context import Verwerkingscontext
from hub.toepassing.verwerking.resultaat import Resultaat

FACTUUR_AL_ONTVANGEN = "FACTUUR_AL_ONTVANGEN"


def regels_van(bericht: Factuurbericht) -> list[Factuurregel]:
    regels = []
    for regel in bericht.regels:
        velden = regel.model_dump(mode="python", by_alias=False, exclude={"client", "no_show_volgnummer"})
        client = Clientgegevens(**regel.client.model_dump(mode="python", by_alias=False)) if regel.client is not None else None
        regels.append(Factuurregel(**velden, client=client, noshow_volgnummer=regel.no_show_volgnummer))
    return regels


def factuur(v: Verwerkingscontext, b: Factuurbericht) -> Resultaat:
    if not iban_geldig(b.iban):
        raise DomeinFout(f.IBAN_ONGELDIG, "iban", f"IBAN {b.iban!r} klopt niet (controlegetal); controleer het rekeningnummer.")
    regels = regels_van(b)
    bestaand = v.zoek_factuur(b.afzender, b.factuurnummer)
    if bestaand is not None:
        if bestaand.regels == regels and bestaand.totaal_incl_btw == b.totaal_incl_btw:
            return Resultaat(signalen=[{
                "code": FACTUUR_AL_ONTVANGEN,
                "melding": f"Factuur {b.factuurnummer} is al op {bestaand.verzonden:%d-%m-%Y} ontvangen en wordt niet nog eens geteld.",
            }])
        raise DomeinFout(
            f.FACTUUR_BESTAAT,
            "factuurnummer",
            f"Factuur {b.factuurnummer} is al ontvangen met een andere inhoud. Wilt u haar corrigeren, stuur dan eerst een "
            f"creditnota die naar factuur {b.factuurnummer} en de te corrigeren regels verwijst, en daarna de juiste regels "
            "op een factuur met een nieuw nummer.",
        )
    for i, regel in enumerate(b.regels):
        traject = v.zoek_traject(b.gemeente, regel.traject_id)
        if traject is None or traject.provider != b.afzender:
            raise f.onbekend_traject(b.gemeente, regel.traject_id, f"regels[{i}].trajectId")
    aggregate = Factuur.ontvang(
        afzender=b.afzender,
        gemeente=b.gemeente,
        factuurnummer=b.factuurnummer,
        factuurdatum=b.factuurdatum,
        verzonden=b.verzonden,
        iban=normaliseer_iban(b.iban),
        regels=regels,
        totaal_excl_btw=b.totaal_excl_btw,
        btw_bedrag=b.btw_bedrag,
        totaal_incl_btw=b.totaal_incl_btw,
        bron=v.vorm,
    )
    return Resultaat([aggregate], signalen=[s.model_dump() for s in b.signalen])
