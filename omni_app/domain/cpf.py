"""CPF, Brazil's taxpayer number: 11 digits whose last two are check digits (mod 11).
Stored digits-only; shown masked, never whole in a list."""
from __future__ import annotations

import re

_ALLOWED = re.compile(r"^[\d\s.\-/]+$")


def _check_digit(digits: str) -> int:
    weight = len(digits) + 1
    total = sum(int(d) * (weight - i) for i, d in enumerate(digits))
    rest = total * 10 % 11
    return 0 if rest == 10 else rest


def normalize(raw: str) -> str | None:
    """The 11 digits of a valid CPF written with or without punctuation (`123.456.789-09`);
    None when it is not one (wrong length, letters, bad check digits, all digits equal)."""
    text = (raw or "").strip()
    if not text or len(text) > 20 or not _ALLOWED.match(text):
        return None
    digits = re.sub(r"\D", "", text)
    if len(digits) != 11 or digits == digits[0] * 11:
        return None
    if _check_digit(digits[:9]) != int(digits[9]) or _check_digit(digits[:10]) != int(digits[10]):
        return None
    return digits


def masked(digits: str | None) -> str:
    """`***.***.***-09`: enough to recognise a stored CPF, never the number."""
    return f"***.***.***-{digits[-2:]}" if digits and len(digits) == 11 else ""
