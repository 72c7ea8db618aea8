"""What the clients page accepts, without a database: CPF check digits, the list's search
condition for names, e-mails and phones in any spelling, tags, and the form's validation."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from omni_app.domain import cpf
from omni_app.domain.clients import ClientInput, tag_list, validated
from omni_app.domain.refusals import Refused
from omni_app.domain.search import client_list_match
from omni_app.domain.pipeline import Stage
from omni_app.state.client_rows import client_form, client_row
from omni_app.state.stage_options import stage_options
from omni_app.state.inbox_rows import Reader
from omni_app.i18n import CATALOGS


@pytest.mark.parametrize("typed, digits", [
    ("529.982.247-25", "52998224725"), ("52998224725", "52998224725"),
    (" 111.444.777-35 ", "11144477735"), ("390.533.447-05", "39053344705"),
    ("000.000.001-91", "00000000191"),
])
def test_valid_cpfs_are_kept_as_digits(typed, digits):
    assert cpf.normalize(typed) == digits


@pytest.mark.parametrize("typed", [
    "529.982.247-24", "529.982.247-15", "111.111.111-11", "00000000000", "5299822472",
    "529982247250", "529.982.247-2x", "abc", "", "529.982.247-25" * 2,
])
def test_invalid_cpfs_are_refused(typed):
    assert cpf.normalize(typed) is None


def test_a_cpf_is_shown_masked():
    assert cpf.masked("52998224725") == "***.***.***-25"
    assert cpf.masked(None) == cpf.masked("") == ""


@pytest.mark.parametrize("typed, expected", [
    ("joao", 'search_name.like."*joao*",email.ilike."*joao*"'),
    ("  JOÃO   da  Silva ", 'search_name.like."*joao da silva*",email.ilike."*joão da silva*"'),
    ("50%_off", 'search_name.like."*50\\\\%\\\\_off*",email.ilike."*50\\\\%\\\\_off*"'),
    ('a,b(c)"d', 'search_name.like."*a,b(c)\\"d*",email.ilike."*a,b(c)\\"d*"'),
    ("ana@clinica.com", 'search_name.like."*ana@clinica.com*",email.ilike."*ana@clinica.com*"'),
    ("4321", 'phone.like."*4321*"'),
    ("", None), ("   ", None),
])
def test_the_list_search_condition(typed, expected):
    assert client_list_match(typed) == expected


@pytest.mark.parametrize("typed", ["11 98765-4321", "+55 11 9 8765 4321", "(11) 98765-4321",
                                   "5511987654321", "011 98765 4321"])
def test_every_spelling_of_a_number_matches_its_stored_form(typed):
    condition = client_list_match(typed)
    patterns = [part.split(".like.")[1].strip('"*') for part in condition.split(",")]
    assert any(pattern in "5511987654321" for pattern in patterns), condition


def test_an_old_eight_digit_spelling_also_matches_the_stored_nine_digit_number():
    condition = client_list_match("(11) 8765-4321")
    assert '"*5511987654321*"' in condition


def test_tags_are_trimmed_deduplicated_and_checked():
    assert tag_list(" implante ,Retorno,, retorno , VIP ") == ["implante", "Retorno", "VIP"]
    assert tag_list("") == []
    for bad in ["😀", "ok, 🦷✨", "x" * 61]:
        with pytest.raises(Refused) as refused:
            tag_list(bad)
        assert refused.value.reason == "tag"
    with pytest.raises(Refused):
        tag_list(",".join(f"t{i}" for i in range(51)))


@pytest.mark.parametrize("form, reason", [
    (ClientInput(full_name="   "), "name_required"),
    (ClientInput(full_name="a" * 300), "name_too_long"),
    (ClientInput(full_name="Ana", phone="não sei"), "phone"),
    (ClientInput(full_name="Ana", phone="123"), "phone"),
    (ClientInput(full_name="Ana", email="ana@"), "email"),
    (ClientInput(full_name="Ana", birth_date="2999-01-01"), "birth_date"),
    (ClientInput(full_name="Ana", birth_date="31/12/1990"), "birth_date"),
    (ClientInput(full_name="Ana", cpf="123.456.789-00"), "cpf"),
    (ClientInput(full_name="Ana", tags="🦷"), "tag"),
    (ClientInput(full_name="Ana", source="fax"), "source"),
    (ClientInput(full_name="Ana", instagram="clinica sorriso"), "instagram"),
    (ClientInput(full_name="Ana", instagram="@" + "a" * 65), "instagram"),
    (ClientInput(full_name="Ana", instagram="ana@clinica"), "instagram"),
    (ClientInput(full_name="Ana", owner_id="me"), "owner"),
])
def test_bad_input_is_refused_with_the_field_it_concerns(form, reason):
    with pytest.raises(Refused) as refused:
        validated(form, editing=False)
    assert refused.value.reason == reason


def test_good_input_becomes_the_row_to_write():
    row = validated(ClientInput(full_name="  João   Silva ", phone="11 98765-4321",
                                email=" Joao@Example.COM ", birth_date="1990-05-17",
                                cpf="529.982.247-25", tags="implante, vip", source="referral",
                                instagram=" @clinica.sorriso ",
                                owner_id="8d3b7c9e-4f1a-4c2b-9e7d-0a1b2c3d4e5f"),
                    editing=False)
    assert row == {"full_name": "João Silva", "phone": "+5511987654321",
                   "email": "joao@example.com", "birth_date": "1990-05-17",
                   "cpf": "52998224725", "tags": ["implante", "vip"],
                   "source_channel": "referral", "instagram_id": "clinica.sorriso",
                   "owner_id": "8d3b7c9e-4f1a-4c2b-9e7d-0a1b2c3d4e5f"}
    assert "cpf" not in validated(ClientInput(full_name="Ana"), editing=True)  # blank keeps it


def test_rows_show_national_phones_and_never_the_cpf():
    reader = Reader("pt-BR", "America/Sao_Paulo", CATALOGS["pt-BR"])
    row = client_row({"id": "1", "full_name": "Ana", "phone": "+5511987654321",
                      "pipeline_stage": "won", "is_lead": False, "tags": ["vip"],
                      "source_channel": "referral", "last_interaction_at": None,
                      "cpf": "52998224725"}, datetime.now(timezone.utc), reader,
                     stage_options([Stage("won", None, "green", 4)], reader.tr))
    assert (row.phone, row.stage_label, row.kind_label, row.source_label) == (
        "(11) 98765-4321", "Paciente", "Paciente", "Indicação")
    renamed = client_row({"id": "1", "full_name": "Ana", "pipeline_stage": "won",
                          "is_lead": False}, datetime.now(timezone.utc), reader,
                         stage_options([Stage("won", "Fechado", "teal", 4)], reader.tr))
    assert (renamed.stage_label, renamed.stage_color) == ("Fechado", "teal")
    assert "52998224725" not in repr(row)
    form = client_form({"id": "1", "full_name": "Ana", "cpf": "52998224725", "tags": ["a", "b"]})
    assert (form.cpf_masked, form.tags, form.source) == ("***.***.***-25", "a, b", "none")
