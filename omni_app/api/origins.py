"""The browser origins allowed to open the app's websocket and to read its HTTP answers (CORS).

Imported by rxconfig.py, so it reads the environment itself and imports nothing heavy. A cookie
alone must never let another page act as the user: a page on another port of the same host or
on a sibling subdomain is same-site, so its requests carry the session cookie, and only the
Origin check stops it.
"""
from __future__ import annotations

import os
from urllib.parse import urlsplit

DEFAULT_PUBLIC_URL = "http://127.0.0.1:3000"
# `reflex run` in development mode serves the page from Vite on :3000, the socket on :8000.
LOCAL_DEV_ORIGINS = ("http://127.0.0.1:3000", "http://localhost:3000")


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, lower-cased, default ports dropped."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    default_port = {"http": 80, "https": 443}[parts.scheme]
    port = f":{parts.port}" if parts.port and parts.port != default_port else ""
    return f"{parts.scheme}://{host}{port}"


def allowed_origins(public_url: str, production: bool) -> list[str]:
    """OMNI_PUBLIC_URL's origin; in local mode also the development server's."""
    origins = [origin_of(public_url)]
    if not production:
        origins += [origin for origin in LOCAL_DEV_ORIGINS if origin not in origins]
    return origins


def from_environment() -> list[str]:
    return allowed_origins(os.environ.get("OMNI_PUBLIC_URL", DEFAULT_PUBLIC_URL),
                           os.environ.get("OMNI_ENV", "local") == "production")
