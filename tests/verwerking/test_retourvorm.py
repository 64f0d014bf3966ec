"""De retour van een geaccepteerd bericht zonder signalen wordt zonder het model gemaakt; hij moet tot op de byte
gelijk zijn aan wat het model `Retour` geeft (de Nats-Msg-Id van een retour hangt af van die bytes)."""

from __future__ import annotations

import json
import uuid

from hub.berichten import Retour
from hub.berichten.retour import Signaal
from hub.toepassing.verwerking.verwerker import retour


def test_de_snelle_retour_is_dezelfde_als_die_van_het_model():
    bericht_id = uuid.uuid4()
    model = Retour(bericht_id=bericht_id, status="geaccepteerd").model_dump(mode="json")
    assert json.dumps(retour(bericht_id)) == json.dumps(model)
    assert json.dumps(retour(str(bericht_id).upper())) == json.dumps(model), "een berichtId als tekst gaat door het model"


def test_met_signalen_gaat_de_retour_door_het_model():
    signaal = Signaal(code="OPROEP_TE_LAAT", melding="De oproep kwam na de termijn.")
    assert retour(uuid.uuid4(), signalen=[signaal])["signalen"][0]["code"] == "OPROEP_TE_LAAT"
