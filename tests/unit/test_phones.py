"""Phone normalization: E.164, one canonical form per subscriber (channels/phones.py)."""
from __future__ import annotations

import pytest

from omni_app.channels import phones


@pytest.mark.parametrize("raw, expected", [
    ("+5511987654321", "+5511987654321"),
    ("5511987654321", "+5511987654321"),                # WhatsApp's `from`: digits, no +
    ("+55 (11) 98765-4321", "+5511987654321"),
    ("+55 11 98765.4321", "+5511987654321"),
    ("whatsapp:+5511987654321", "+5511987654321"),     # Twilio
    ("tel:+55-11-98765-4321", "+5511987654321"),
    ("(11) 98765-4321", "+5511987654321"),              # national, default region BR
    ("011 98765-4321", "+5511987654321"),               # with the trunk 0
    ("0055 11 98765-4321", "+5511987654321"),           # 00 international prefix
    ("  +55 11 98765-4321 ramal 12 ", "+5511987654321"),
    ("14155552671", "+14155552671"),                   # bare digits of another country
    ("+1 (415) 555-2671", "+14155552671"),
    ("+44 7911 123456", "+447911123456"),
])
def test_accepts_the_usual_spellings(raw, expected):
    assert phones.normalize(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("554188887777", "+5541988887777"),      # mobile given without the ninth digit
    ("+55 41 8888-7777", "+5541988887777"),
    ("(41) 8888-7777", "+5541988887777"),
    ("5541988887777", "+5541988887777"),     # already with it
    ("556199998888", "+5561999998888"),      # subscriber starting 9
    ("554132345678", "+554132345678"),       # landline (starts 3): never gets a 9
    ("551130031234", "+551130031234"),
    ("5541932345678", "+5541932345678"),     # a valid number is never changed
    ("+55 61 2345-6789", "+556123456789"),
])
def test_brazil_ninth_digit_only_for_mobiles(raw, expected):
    assert phones.normalize(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("5491123456789", "+5491123456789"),     # WhatsApp's form: canonical
    ("+54 9 11 2345-6789", "+5491123456789"),
    ("+54 11 2345-6789", "+5491123456789"),  # without the 9 -> with it
    ("541123456789", "+5491123456789"),
    ("+54 11 15 2345-6789", "+5491123456789"),  # the national 15 mobile prefix
    ("+54 351 412-3456", "+5493514123456"),
])
def test_argentina_canonical_form_has_the_9(raw, expected):
    assert phones.normalize(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("5215512345678", "+525512345678"),      # WhatsApp still sends 521...
    ("+52 1 55 1234 5678", "+525512345678"),
    ("+52 55 1234 5678", "+525512345678"),   # the 2019 plan's form: canonical
    ("5218112345678", "+528112345678"),
])
def test_mexico_canonical_form_has_no_1(raw, expected):
    assert phones.normalize(raw) == expected


@pytest.mark.parametrize("raw", [
    None, "", "   ", "abc", "1-800-FLOWERS", "123", "+55 11 1234", "55119876543210000",
    "+999 1234567", "+0 1234567", "5511", "x" * 100, "+55 11 98765-4321" * 5,
])
def test_invalid_input_gives_none(raw):
    assert phones.normalize(raw) is None


def test_default_region_applies_to_national_numbers_only():
    assert phones.normalize("(55) 1234-5678", default_region="MX") == "+525512345678"
    assert phones.normalize("+5511987654321", default_region="MX") == "+5511987654321"


def test_candidates_list_the_other_spellings_of_the_same_subscriber():
    assert phones.candidates("+5541988887777") == ["+5541988887777", "+554188887777"]
    assert phones.candidates("554188887777") == ["+5541988887777", "+554188887777"]
    # Without its 9 this one would be a landline (3...), another subscriber.
    assert phones.candidates("+5541932345678") == ["+5541932345678"]
    assert phones.candidates("+554132345678") == ["+554132345678"]
    assert phones.candidates("+5491123456789") == ["+5491123456789", "+541123456789"]
    assert phones.candidates("+525512345678") == ["+525512345678", "+5215512345678"]
    assert phones.candidates("+14155552671") == ["+14155552671"]
    assert phones.candidates("nope") == []


def test_normalize_is_idempotent():
    for raw in ("554188887777", "+54 11 2345-6789", "5215512345678", "+14155552671"):
        once = phones.normalize(raw)
        assert phones.normalize(once) == once
