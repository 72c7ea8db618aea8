"""Pure parts of owners, Instagram ids and bulk actions: the Instagram id as stored, members as
owner choices and short names in list rows, the selection a bulk action takes, and the counted
messages it says afterwards in each language."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from omni_app.domain import client_bulk
from omni_app.domain.clients import instagram_id
from omni_app.domain.refusals import Refused
from omni_app.i18n import CATALOGS
from omni_app.state.client_bulk import said
from omni_app.state.client_rows import (client_form, client_row, owner_names, owner_options,
                                        short_name)
from omni_app.state.inbox_rows import Reader

ANA, BIA = "8d3b7c9e-4f1a-4c2b-9e7d-0a1b2c3d4e5f", "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
MEMBERS = [{"id": ANA, "full_name": "Ana Paula Lima", "email": "ana@c.com", "status": "active"},
           {"id": BIA, "full_name": "", "email": "bia@c.com", "status": "disabled"}]


@pytest.mark.parametrize("typed, stored", [
    ("@clinica.sorriso", "clinica.sorriso"), ("  17841400000000000 ", "17841400000000000"),
    ("@ ana_b", "ana_b"), ("", None), ("  @ ", None), ("a" * 64, "a" * 64)])
def test_instagram_ids_are_stored_without_the_at_sign(typed, stored):
    assert instagram_id(typed) == stored


@pytest.mark.parametrize("typed", ["ana b", "@@ana", "a" * 65, "ana\tb"])
def test_bad_instagram_ids_are_refused(typed):
    with pytest.raises(Refused) as refused:
        instagram_id(typed)
    assert refused.value.reason == "instagram"


def test_members_as_owner_choices_and_names():
    assert [(o.id, o.name) for o in owner_options(MEMBERS)] == [(ANA, "Ana Paula Lima")]
    kept = owner_options(MEMBERS, keep=BIA)           # a client's owner who has since left
    assert [(o.id, o.name) for o in kept] == [(ANA, "Ana Paula Lima"), (BIA, "bia@c.com")]
    assert owner_names(MEMBERS) == {ANA: "Ana Paula Lima", BIA: "bia@c.com"}
    assert [short_name(n) for n in ("Ana Paula Lima", "Zé", "bia@c.com", "")] == [
        "Ana L.", "Zé", "bia@c.com", ""]


def test_rows_and_forms_carry_the_owner_and_instagram():
    reader = Reader("pt-BR", "America/Sao_Paulo", CATALOGS["pt-BR"])
    row = client_row({"id": "1", "full_name": "X", "pipeline_stage": "new", "is_lead": True,
                      "owner_id": ANA}, datetime.now(timezone.utc), reader, [],
                     owner_names(MEMBERS))
    assert (row.owner, row.owner_name) == ("Ana L.", "Ana Paula Lima")
    nobody = client_row({"id": "2", "full_name": "Y", "pipeline_stage": "new"},
                        datetime.now(timezone.utc), reader, [], owner_names(MEMBERS))
    assert nobody.owner == ""
    form = client_form({"id": "1", "full_name": "X", "instagram_id": "x.y", "owner_id": ANA})
    assert (form.instagram, form.owner_id) == ("x.y", ANA)
    assert client_form({"id": "1", "full_name": "X"}).owner_id == "none"


def test_the_selection_a_bulk_action_takes():
    assert client_bulk.selection([ANA, "x", ANA, BIA, "1' or 1=1"]) == [ANA, BIA]
    for ids, reason in (([], "empty"), (["not-an-id"], "empty"),
                        ([ANA] * 2 + [f"{i:08d}-0000-4000-8000-000000000000"
                                      for i in range(1001)], "too_many")):
        with pytest.raises(Refused) as refused:
            client_bulk.selection(ids)
        assert refused.value.reason == reason
    assert client_bulk.one_tag("  vip  ") == "vip"
    for typed in ("", "a, b", "😀"):
        with pytest.raises(Refused):
            client_bulk.one_tag(typed)


@pytest.mark.parametrize("locale, n, expected", [
    ("pt-BR", 12, "Etiqueta vip adicionada a 12 clientes."),
    ("pt-BR", 1, "Etiqueta vip adicionada a 1 cliente."),
    ("pt-BR", 0, "Todos os selecionados já tinham a etiqueta vip."),
    ("en", 1, "Tag vip added to 1 client."),
    ("en", 1200, "Tag vip added to 1,200 clients."),
    ("es", 2, "Etiqueta vip añadida a 2 clientes."),
])
def test_bulk_messages_are_counted_in_each_language(locale, n, expected):
    assert said(CATALOGS[locale], "clients.bulk.tagged", n, locale, tag="vip") == expected
