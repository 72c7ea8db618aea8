"""The browser origins allowed to open the app's websocket and to read its HTTP answers (CORS).

Used by rxconfig.py (the socket, CORS) and the composition root (the page policy's
connect-src), both from the same Settings. A cookie alone must never let another page act as the user: a page on another port of the same host or
on a sibling subdomain is same-site, so its requests carry the session cookie, and only the
Origin check stops it.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from omni_app.settings import DEFAULT_PUBLIC_URL

# `reflex run` in development mode serves the page from Vite on :3000, the socket on :8000.
LOCAL_DEV_ORIGINS = (DEFAULT_PUBLIC_URL, "http://localhost:3000")


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
