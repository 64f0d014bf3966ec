"""Een creditnota annuleert hele regels van een eerder ontvangen factuur van dezelfde aanbieder.

Wat dat voor een regel betekent (vervallen, uit het betaalvoorstel, verrekenen met de volgende betaling) volgt uit
waar de regel staat; zie `Factuur.crediteer`. Dezelfde creditnota opnieuw gestuurd wordt herkend en niet nog eens
verwerkt.
"""

from __future__ import annotations

from decimal import Decimal

from hub.berichten import Creditnota
from hub.domein import fouten as f
from hub.domein.fouten import DomeinFout
from hub.domein.geld import bedrag
from hub.toepassing.verwerking.context import Verwerkingscontext
from hub.toepassing.verwerking.resultaat import Resultaat

CREDITNOTA_AL_ONTVANGEN = "CREDITNOTA_AL_ONTVANGEN"


def creditnota(v: Verwerkingscontext, b: Creditnota) -> Resultaat:
    factuur = v.zoek_factuur(b.afzender, b.factuurnummer)
    if factuur is None or factuur.gemeente != b.gemeente:
        raise DomeinFout(
            f.ONBEKENDE_FACTUUR, "factuurnummer",
            f"Factuur {b.factuurnummer} van {b.afzender} aan {b.gemeente} is bij de hub niet bekend; controleer het "
            "factuurnummer waarnaar de creditnota verwijst.",
        )
    nummers = [r.factuurregel for r in b.regels]
    if all(factuur.gecrediteerd.get(n) == b.creditnotanummer for n in nummers):
        return Resultaat(signalen=[{
            "code": CREDITNOTA_AL_ONTVANGEN,
            "melding": f"Creditnota {b.creditnotanummer} is al verwerkt en wordt niet nog eens geteld.",
        }])
    for i, regel in enumerate(b.regels):
        gefactureerd = next((r for r in factuur.regels if r.regelnummer == regel.factuurregel), None)
        if gefactureerd is not None and gefactureerd.bedrag is not None and regel.bedrag != gefactureerd.bedrag:
            raise DomeinFout(
                f.ONGELDIGE_WAARDE, f"regels[{i}].bedrag",
                f"Een creditnota annuleert hele regels: regel {regel.factuurregel} van factuur {b.factuurnummer} is "
                f"gefactureerd voor {gefactureerd.bedrag:.2f}, de creditnota noemt {regel.bedrag:.2f}. Crediteer de hele "
                "regel en factureer het juiste bedrag opnieuw op een nieuwe factuur.",
            )
    som = bedrag(sum((r.bedrag for r in b.regels), Decimal(0)))
    if som != b.totaal_excl_btw or bedrag(b.totaal_excl_btw + b.btw_bedrag) != b.totaal_incl_btw:
        raise DomeinFout(
            f.ONGELDIGE_WAARDE, "totaalExclBtw",
            f"De regels tellen op tot {som:.2f} excl. btw; de creditnota noemt {b.totaal_excl_btw:.2f} excl. en "
            f"{b.totaal_incl_btw:.2f} incl. btw ({b.btw_bedrag:.2f} btw). Herstel de totalen en stuur haar opnieuw.",
        )
    factuur.crediteer(b.creditnotanummer, b.creditnotadatum, nummers, b.reden, v.klok())
    return Resultaat([factuur], signalen=[s.model_dump() for s in b.signalen])
