"""Why a reply failed, written once: the English sentence stored on the message (read by the API,
logs and support) and the reason the inbox translates are the same template, so a stored
error reads back as (reason, values). Errors Omni did not write (a provider's text in a status
callback) read back as `provider`, with the text as their detail."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

TEMPLATES = {
    "n8n_status": "n8n answered HTTP {status}",
    "n8n_status_retried": "n8n answered HTTP {status} (after {attempts} attempts)",
    "n8n_timeout_retried": "n8n did not answer in time (after {attempts} attempts)",
    "n8n_unreachable_retried": "n8n unreachable ({kind}) (after {attempts} attempts)",
    "url_not_allowed": "the n8n outbound URL is not allowed ({reason})",
    "no_integration": "no active {channel} integration",
    "no_outbound_url": "the {channel} integration has no n8n outbound URL",
    "no_signing_secret": "the {channel} integration has no signing secret",
    "secrets_sealed": "the integration's secrets do not open (master key?)",
    "could_not_run": "delivery could not run ({reason})",
}
PROVIDER = "provider"
_NUMBERS, _NUMBER = {"status", "attempts"}, r"\d+"


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(part) if index % 2 == 0
                    else f"(?P<{part}>{_NUMBER if part in _NUMBERS else '.+'})"
                    for index, part in enumerate(parts))
    return re.compile(f"^{regex}$")


_PATTERNS = {reason: _pattern(template) for reason, template in TEMPLATES.items()}


def describe(code: str, /, **values: object) -> str:
    """The sentence stored on the failed message."""
    return TEMPLATES[code].format(**values)


@dataclass(frozen=True)
class Failure:
    reason: str                              # a TEMPLATES key, or PROVIDER
    values: dict[str, str] = field(default_factory=dict)
    detail: str = ""                         # the stored text, for "details"


def read(error: str | None) -> Failure:
    text = (error or "").strip()
    for reason, pattern in _PATTERNS.items():
        found = pattern.match(text)
        if found:
            return Failure(reason, found.groupdict(), text)
    return Failure(PROVIDER, {}, text)
