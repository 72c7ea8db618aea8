"""Message templates' rules (pure): Meta's names and language codes, variables numbered
{{1}}..{{n}} without gaps, rendering in one pass, the settings page's preview."""
from __future__ import annotations

import pytest

from omni_app.domain.message_templates import checked, language_of, name_of, render, variable_count
from omni_app.domain.refusals import Refused
from omni_app.state.message_templates import preview


@pytest.mark.parametrize("body, count", [
    ("Olá!", 0),
    ("Olá {{1}}", 1),
    ("{{2}} e {{1}}", 2),                       # any order
    ("{{1}}, {{1}} de novo, e {{2}}", 2),       # a variable may repeat
    ("{{1}} {{3}}", None),                      # a gap
    ("{{2}}", None),                            # does not start at 1
    ("{{0}}", None),
    ("{{01}}", None),
    ("{{ 1 }}", None),                          # Meta writes them without spaces
    ("Oi {{nome}}", None),
    ("Oi {{1}} }}", None),                      # a stray pair of braces
    ("Oi {{1}", None),
    ("{single} braces are text", 0),
])
def test_variables_are_numbered_from_one_without_gaps(body, count):
    assert variable_count(body) == count


def test_render_fills_each_variable_once_and_leaves_missing_ones_visible():
    assert render("Olá {{1}}, sua consulta é {{2}}. Até {{2}}!", ["Rita", "terça"]) == \
        "Olá Rita, sua consulta é terça. Até terça!"
    assert render("{{1}} e {{2}}", ["{{2}}", "x"]) == "{{2}} e x"   # one pass
    assert render("{{1}} e {{2}}", ["Rita"]) == "Rita e {{2}}"
    assert render("{{1}} e {{2}}", ["", "x"]) == "{{1}} e x"


def test_names_and_languages_are_written_as_meta_writes_them():
    assert name_of("  Lembrete Consulta ") == "lembrete_consulta"
    assert [language_of(code) for code in ("pt-br", "PT_BR", "en_us", "ES", " es ")] == \
        ["pt_BR", "pt_BR", "en_US", "es", "es"]
    draft = checked("Confirmacao Consulta", "pt-BR", "  Olá {{1}}  ", "approved")
    assert (draft.name, draft.language, draft.body, draft.status) == \
        ("confirmacao_consulta", "pt_BR", "Olá {{1}}", "approved")


@pytest.mark.parametrize("name, language, body, status, reason", [
    ("confirmação", "pt_BR", "Olá", "pending", "name"),          # accents: not in Meta's names
    ("lembrete-consulta", "pt_BR", "Olá", "pending", "name"),
    ("a" * 513, "pt_BR", "Olá", "pending", "name"),
    ("", "pt_BR", "Olá", "pending", "name"),
    ("ok", "portuguese", "Olá", "pending", "language"),
    ("ok", "pt_BRA", "Olá", "pending", "language"),
    ("ok", "pt_BR", "   ", "pending", "body"),
    ("ok", "pt_BR", "x" * 1025, "pending", "too_long"),
    ("ok", "pt_BR", "Olá {{2}}", "pending", "placeholders"),
    ("ok", "pt_BR", "Olá {{nome}}", "pending", "placeholders"),
    ("ok", "pt_BR", "Olá", "sent", "status"),
])
def test_what_meta_would_refuse_is_refused_with_its_reason(name, language, body, status,
                                                           reason):
    with pytest.raises(Refused) as refused:
        checked(name, language, body, status)
    assert refused.value.reason == reason


def test_the_settings_preview_fills_samples_and_counts_the_variables():
    assert preview("Olá {{1}}, até {{2}}", "exemplo {n}") == ("Olá exemplo 1, até exemplo 2", 2)
    assert preview("Olá {{2}}", "exemplo {n}") == ("Olá {{2}}", None)
    assert checked("ok", "es", "x" * 1024).body == "x" * 1024
