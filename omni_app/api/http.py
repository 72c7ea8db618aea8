"""Small HTTP rules shared by the routes: same-origin checks, safe redirect targets and who the
client is."""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.requests import Request

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


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


def parse_networks(spec: str | None) -> tuple[Network, ...]:
    """"10.0.0.0/8, 127.0.0.1" -> networks; ValueError names the entry that is not one."""
    networks = []
    for entry in (spec or "").split(","):
        entry = entry.strip()
        if entry:
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                raise ValueError(f"not an IP address or network: {entry!r}") from None
    return tuple(networks)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address, proxies: Iterable[Network]) -> bool:
    return address is not None and any(address in network for network in proxies)


def client_address(request: Request, trusted_proxies: tuple[Network, ...] = ()) -> str:
    """The address of the client itself. X-Forwarded-For is believed only from the proxies the
    operator lists (OMNI_TRUSTED_PROXIES): walking it from the right, the first hop that is not
    a trusted proxy is the client. Anyone else can write anything in that header."""
    peer = _address(request.client.host) if request.client else None
    if peer is None:
        return "unknown"
    if not _trusted(peer, trusted_proxies):
        return str(peer)
    hops = [hop for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
    client = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break
        client = address
        if not _trusted(address, trusted_proxies):
            break
    return str(client)
