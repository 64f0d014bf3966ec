"""Het AsyncAPI-document komt uit dezelfde modellen en kanalen als de hub zelf."""

from __future__ import annotations

import yaml

from hub.cli.berichten import asyncapi_tekst
from hub.koppelingen.broker.asyncapi import asyncapi_document
from hub.koppelingen.broker.subjects import subject_inbox, subject_retour
from tests.conftest import PROJECT


def test_meegeleverd_document_is_gelijk_aan_het_gegenereerde():
    """Na een wijziging van de standaard: `hub asyncapi --uit berichten/asyncapi.yaml`."""
    assert (PROJECT / "berichten" / "asyncapi.yaml").read_text(encoding="utf-8") == asyncapi_tekst("yaml")


def test_kanalen_volgen_het_subjectschema_van_de_broker():
    document = asyncapi_document()
    adressen = {k: v["address"] for k, v in document["channels"].items()}
    assert adressen["Retour"] == subject_retour("afzender").replace("afzender", "{afzender}")
    assert adressen["Inbox"] == subject_inbox("afzender").replace("afzender", "{afzender}")
    assert adressen["Inkomend"] == "hub.in.{afzender}.{partitie}"


def test_elk_berichttype_staat_erin():
    from hub.berichten import BERICHTTYPEN

    schemas = asyncapi_document()["components"]["schemas"]
    for model in BERICHTTYPEN.values():
        assert model.__name__ in schemas
    assert yaml.safe_load(asyncapi_tekst("yaml"))["info"]["version"] == "1"
