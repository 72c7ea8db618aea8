"""Small HTTP rules shared by the routes: same-origin checks and safe redirect targets."""
from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request


def same_origin(request: Request) -> bool:
    """A browser's state-changing POST must come from our own pages (login CSRF, logout CSRF).
    Requests without Origin or Referer are not from a browser form and carry no cookie risk."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source:
        return True
    return urlsplit(source).netloc == request.headers.get("host", "")


def safe_next(target: str | None) -> str:
    """Only paths on this site: no scheme, no host, no `//evil.example`."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None
