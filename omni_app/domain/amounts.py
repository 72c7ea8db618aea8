"""Money as a person types it, in their language: "250,00" or "1.234,50" in pt-BR, "1,234.50" in
English, with or without the currency's symbol. Parsed by Babel strictly, so "2.50" in pt-BR (a
thousands separator in the wrong place) is refused rather than read as 250."""
from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

MAX_AMOUNT = Decimal("9999999999.99")          # numeric(12, 2)
SYMBOLS = re.compile(r"[^\d.,\-+]")            # R$, US$, €, spaces (no-break ones too)


def parse_amount(text: str, babel_locale: str) -> Decimal:
    """The amount typed, in currency units (2 decimals at most). ValueError when it is not a
    number as `babel_locale` writes one, or has more than 2 decimals; the sign is kept (the
    caller says whether a negative is allowed)."""
    cleaned = SYMBOLS.sub("", text or "")
    if not re.search(r"\d", cleaned):
        raise ValueError("no number")
    try:
        amount = parse_decimal(cleaned, locale=babel_locale, strict=True)
    except NumberFormatError:
        raise ValueError("not a number in this language") from None
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError("more than 2 decimals")
    return amount.quantize(Decimal("0.01"))
