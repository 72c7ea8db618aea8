"""Quick replies' shortcuts as people type them and variables filled in for a conversation."""
from __future__ import annotations

import pytest

from omni_app.domain.quick_replies import SHORTCUT, Values, first_name, render, shortcut_of


@pytest.mark.parametrize("typed, shortcut", [
    ("/Confirmar", "confirmar"), ("  horário sábado ", "horário-sábado"), ("pix", "pix")])
def test_shortcuts_are_what_people_type_after_the_slash(typed, shortcut):
    assert shortcut_of(typed) == shortcut


def test_only_simple_shortcuts_are_accepted():
    assert SHORTCUT.match("pos-op_2") and not SHORTCUT.match("horário-sábado")
    assert not SHORTCUT.match("-x") and not SHORTCUT.match("a" * 33)


def test_variables_are_filled_in_each_language_and_unknown_ones_stay():
    values = Values(name="Lia", clinic="Clínica Sorriso")
    assert render("Oi {{nome}}! Aqui é a {{ clinica }}.", values) == \
        "Oi Lia! Aqui é a Clínica Sorriso."
    assert render("Hi {{Name}} from {{clinic}}; {{nombre}}", values) == \
        "Hi Lia from Clínica Sorriso; Lia"
    assert render("{{data}} às {{hora}}", values) == "{{data}} às {{hora}}"
    assert render("Oi {{nome}}", Values(clinic="X")) == "Oi {{nome}}"


@pytest.mark.parametrize("full, first", [("Lia Souza", "Lia"), ("+5511999990000", ""),
                                         ("@lia.s", ""), ("", "")])
def test_first_name_is_a_name_not_a_phone(full, first):
    assert first_name(full) == first
