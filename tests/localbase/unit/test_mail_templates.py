"""The Go-template subset Auth's e-mails use, and the project's templates in each language."""
from __future__ import annotations

from pathlib import Path

import pytest

from localbase.mailbox.templates import TemplateError, render, render_mail

PROJECT_TEMPLATES = Path(__file__).resolve().parents[3] / "supabase" / "templates"


def test_values_conditions_and_trimming():
    template = ('{{ if eq .Data.locale "en" }}Hi{{ else if .Data.locale }}Hola{{ else }}Olá'
                '{{ end }} {{- " " }}{{ .Data.name }}')
    assert render(template, {"Data": {"locale": "en", "name": "<b>"}}) == "Hi &lt;b&gt;"
    assert render(template, {"Data": {"locale": "es", "name": "A"}}) == "Hola A"
    assert render(template, {"Data": {}}) == "Olá "


@pytest.mark.parametrize("bad", ["{{ if .X }}open", "{{ end }}", "{{ printf .X }}"])
def test_malformed_templates_fail_loudly(bad):
    with pytest.raises(TemplateError):
        render(bad, {"X": 1})


@pytest.mark.parametrize("locale, subject", [(None, "Redefina sua senha do Omni"),
                                             ("en", "Reset your Omni password"),
                                             ("es", "Restablece tu contraseña de Omni")])
def test_recovery_mail_in_the_users_language_links_to_the_app(locale, subject):
    values = {"RedirectTo": "https://omni.example/auth/set-password", "TokenHash": "f00",
              "Email": "ana@clinic.example", "Data": {"locale": locale} if locale else {}}
    got_subject, html = render_mail("recovery", PROJECT_TEMPLATES, values)
    assert got_subject == subject
    assert 'href="https://omni.example/auth/set-password?token_hash=f00&type=recovery"' in html


def test_without_a_project_template_the_gotrue_default_is_used(tmp_path):
    subject, html = render_mail("recovery", tmp_path, {"ConfirmationURL": "https://x/v?a=1&b=2",
                                                       "Token": "123456"})
    assert subject == "Reset Your Password" and "https://x/v?a=1&amp;b=2" in html
