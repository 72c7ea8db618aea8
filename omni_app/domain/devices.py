"""A browser's User-Agent as a person names their device: "Chrome on Windows", "Safari on
iPhone". Deliberately simple (the first known token wins, in an order that puts look-alikes
first: Edge and Opera say "Chrome", Chrome says "Safari"); unknown parts stay empty for the page
to word."""
from __future__ import annotations

from dataclasses import dataclass

# (token in the User-Agent, the name shown); earlier entries win.
_BROWSERS = (
    ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"), ("Chromium/", "Chromium"), ("HeadlessChrome/", "Chrome"),
    ("Chrome/", "Chrome"), ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("CrOS", "ChromeOS"),
    ("Windows", "Windows"), ("Macintosh", "macOS"), ("Mac OS X", "macOS"), ("Linux", "Linux"),
)


@dataclass(frozen=True)
class Device:
    browser: str  # "" when not recognised
    system: str   # "" when not recognised


def describe(user_agent: str | None) -> Device:
    agent = user_agent or ""
    return Device(_first(_BROWSERS, agent), _first(_SYSTEMS, agent))


def _first(table: tuple[tuple[str, str], ...], agent: str) -> str:
    return next((name for token, name in table if token in agent), "")
