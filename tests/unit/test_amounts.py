"""Money typed as each language writes it: parsed strictly (a separator in the wrong place is
refused, not guessed), the currency's symbol ignored, 2 decimals at most."""
from __future__ import annotations

from decimal import Decimal

import pytest

from omni_app.domain.amounts import parse_amount
from omni_app.domain.services_catalog import typed
from omni_app.domain.refusals import Refused
from omni_app.state.services import duration_label, price_text
from omni_app.i18n import CATALOGS


@pytest.mark.parametrize("locale, text, amount", [
    ("pt_BR", "250,00", "250.00"), ("pt_BR", "1.234,50", "1234.50"), ("pt_BR", "R$ 99,9", "99.90"),
    ("pt_BR", "R$\xa01.234,50", "1234.50"), ("pt_BR", "180", "180.00"),
    ("pt_BR", "-10,00", "-10.00"),
    ("en", "250.00", "250.00"), ("en", "1,234.50", "1234.50"), ("en", "$1,234.5", "1234.50"),
    ("es", "1.234,50", "1234.50"), ("es", "250,5", "250.50"), ("es", "250 €", "250.00"),
])
def test_amounts_read_as_the_language_writes_them(locale, text, amount):
    assert parse_amount(text, locale) == Decimal(amount)


@pytest.mark.parametrize("locale, text", [
    ("pt_BR", "2.50"), ("pt_BR", "1,234.50"), ("en", "250,00"), ("pt_BR", "10,005"),
    ("pt_BR", ""), ("pt_BR", "R$"), ("pt_BR", "duzentos"), ("es", "1,234.50"),
])
def test_ambiguous_or_wrong_amounts_are_refused(locale, text):
    with pytest.raises(ValueError):
        parse_amount(text, locale)


@pytest.mark.parametrize("duration, price, reason", [
    ("0", "10", "duration"), ("-5", "10", "duration"), ("1441", "10", "duration_too_long"),
    ("30.5", "10", "duration"), ("30", "-1,00", "price_negative"), ("30", "2.50", "price"),
    ("30", "99.999.999.999,00", "price_too_high"),
])
def test_a_service_form_is_refused_with_a_reason(duration, price, reason):
    with pytest.raises(Refused) as refused:
        typed("Limpeza", duration, price, "blue", True, "pt_BR")
    assert refused.value.reason == reason


def test_a_service_form_in_each_language():
    assert typed(" Limpeza  geral ", "1440", "1.234,50", "teal", True, "pt_BR").price \
        == Decimal("1234.50")
    assert typed("Cleaning", "45", "1,234.50", "teal", False, "en").price == Decimal("1234.50")
    assert typed(" Limpeza  geral ", "30", "0", "teal", True, "pt_BR").name == "Limpeza geral"
    assert [price_text(Decimal("1234.5"), locale) for locale in ("pt-BR", "en", "es")] == [
        "1.234,50", "1,234.50", "1.234,50"]
    tr = CATALOGS["en"]
    assert [duration_label(m, tr) for m in (45, 60, 90, 1440)] == [
        "45 min", "1 h", "1 h 30 min", "24 h"]
