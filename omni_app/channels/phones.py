"""Phone numbers as Omni stores them: E.164 (`+5541988887777`), one form per subscriber.

`normalize` accepts what people and providers send: `+`, spaces, dashes, dots, parentheses,
Twilio's `whatsapp:` prefix, `tel:` URIs, national numbers in the clinic's region
(`(41) 98888-7777`), bare digits with a country code (WhatsApp's `from`/`wa_id`) and `00`
international prefixes. Three countries have two spellings of the same mobile number; the
canonical form is the one the current numbering plan (and `phonenumbers`) says is valid:

- Brazil: mobiles carry the ninth digit. `+55 41 8888-7777` (a pre-2016 mobile, still common in
  WhatsApp ids) becomes `+55 41 98888-7777`; only numbers whose 8-digit subscriber part starts
  with 6-9 (mobile ranges) get it. Landlines (subscriber starting 2-5, `+55 41 3234-5678`) and
  numbers that are already valid are never changed.
- Argentina: mobiles in international form carry a 9 after 54 (`+54 9 11 2345-6789`), the form
  WhatsApp uses. `+54 11 2345-6789` is rewritten to it: Argentine fixed and mobile ranges share
  area codes, so the digits cannot tell a landline from a mobile typed without the 9, and Omni's
  contacts are messaging contacts. The national `15` mobile prefix is understood too.
- Mexico: no `1` after 52 since the 2019 plan (`+52 55 1234 5678`); WhatsApp still sends
  `521…`, which is rewritten.

`candidates` lists every spelling of a canonical number, for matching rows stored before
normalization existed.
"""
from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat, PhoneNumberType

_PREFIXES = re.compile(r"^\s*(?:whatsapp:|tel:|sms:)\s*", re.IGNORECASE)
_LETTERS = re.compile(r"[A-Za-z]")
_EXTENSION = re.compile(r"\s*(?:ext\.?|x|ramal|#)\s*\d+\s*$", re.IGNORECASE)
_MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)
MAX_INPUT_LENGTH = 64


def normalize(raw: str | None, default_region: str = "BR") -> str | None:
    """The canonical E.164 form of `raw`, or None when it is not a valid phone number."""
    if not isinstance(raw, str) or not raw.strip() or len(raw) > MAX_INPUT_LENGTH:
        return None
    text = _EXTENSION.sub("", _PREFIXES.sub("", raw.replace("\x00", ""))).strip()
    if _LETTERS.search(text):  # vanity numbers and free text are not phone numbers here
        return None
    digits = re.sub(r"\D", "", text)
    if not 4 <= len(digits) <= 17:
        return None
    for number in _interpretations(text, digits, default_region):
        number = _canonical(number)
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return None


def _interpretations(text: str, digits: str, default_region: str):
    """Readings of the input, most likely first: explicit `+`, else national in the default
    region, then digits that already include a country code, then a `00` prefix."""
    attempts: list[tuple[str, str | None]] = []
    if text.startswith("+"):
        attempts.append(("+" + digits, None))
    else:
        attempts.append((text, default_region.upper()))
        attempts.append(("+" + digits, None))
        if digits.startswith("00"):
            attempts.append(("+" + digits[2:], None))
    for candidate, region in attempts:
        try:
            yield phonenumbers.parse(candidate, region)
        except NumberParseException:
            continue


def _canonical(number: PhoneNumber) -> PhoneNumber:
    national = phonenumbers.national_significant_number(number)
    code = number.country_code
    if code == 55 and len(national) == 10 and national[2] in "6789":
        return _if_valid(_with(number, national[:2] + "9" + national[2:]), number)
    if code == 54 and len(national) == 10 and not national.startswith("9"):
        return _if_valid(_with(number, "9" + national), number)
    if code == 52 and len(national) == 11 and national.startswith("1"):
        return _if_valid(_with(number, national[1:]), number)
    return number


def _with(number: PhoneNumber, national: str) -> PhoneNumber:
    return phonenumbers.parse(f"+{number.country_code}{national}", None)


def _if_valid(rewritten: PhoneNumber, original: PhoneNumber) -> PhoneNumber:
    if phonenumbers.is_valid_number(original) and not (
            rewritten.country_code == 54 and phonenumbers.number_type(rewritten) in _MOBILE_TYPES):
        return original  # a valid BR/MX number is never rewritten; AR is always (see above)
    return rewritten if phonenumbers.is_valid_number(rewritten) else original


def candidates(e164: str) -> list[str]:
    """The canonical number first, then the other spellings the same subscriber may have been
    stored under (BR without the ninth digit, AR without the 9, MX with the 1)."""
    canonical = normalize(e164)
    if canonical is None:
        return []
    forms = [canonical]
    if canonical.startswith("+55") and len(canonical) == 14 and canonical[5] == "9" \
            and canonical[6] in "6789":  # without the 9 a 2-5 start would be a landline
        forms.append(canonical[:5] + canonical[6:])
    elif canonical.startswith("+549") and len(canonical) == 14:
        forms.append("+54" + canonical[4:])
    elif canonical.startswith("+52") and len(canonical) == 13:
        forms.append("+521" + canonical[3:])
    return forms


def display(e164: str | None, home_region: str = "BR") -> str:
    """How people read a stored number: national form for the clinic's own country
    (`(11) 98765-4321`), international form otherwise (`+1 650-253-0000`); as stored when it
    does not parse."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == home_region:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
