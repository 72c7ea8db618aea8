"""Where the server may send requests to addresses an admin typed (the n8n outbound URL): an
SSRF surface, since the server can reach what the admin cannot (the database, the REST API,
cloud metadata at 169.254.169.254, the clinic's LAN).

- Production: https only, and every address the host resolves to must be public.
- Local mode: http too, and loopback (a local n8n); other private addresses still refused.
- OMNI_OUTBOUND_ALLOW: host names or networks an operator allows anyway (a private n8n).
The URL is checked when saved and again at every send, and the connection then goes to the
very address that was checked (`Destination.address`), so a second DNS answer cannot swap in
an internal one. Redirects are never followed (the caller's business)."""
from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urlsplit

from omni_app.domain.refusals import Refused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[list[str]]]
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Destination:
    scheme: str
    host: str            # as typed: the Host header and the TLS server name
    port: int
    target: str          # path and query
    address: str         # the checked IP the connection goes to

    @property
    def request_url(self) -> str:
        ip = ipaddress.ip_address(self.address)
        host = f"[{ip}]" if ip.version == 6 else str(ip)
        return f"{self.scheme}://{host}:{self.port}{self.target}"

    @property
    def host_header(self) -> str:
        name = f"[{self.host}]" if ":" in self.host else self.host
        return name if self.port == DEFAULT_PORTS[self.scheme] else f"{name}:{self.port}"


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [info[4][0] for info in infos]


def split_url(url: str) -> tuple[SplitResult, int]:
    """An http(s) URL with a host and no user:password part, and its port; Refused("url")
    for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme, 0)
    except ValueError:  # a malformed port
        raise Refused("url") from None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or "@" in parts.netloc:
        raise Refused("url")
    return parts, port


def is_public(ip: IPAddress) -> bool:
    ip = _unmapped(ip)
    return (ip.is_global and not ip.is_multicast and not ip.is_reserved
            and not ip.is_unspecified)


def _unmapped(ip: IPAddress) -> IPAddress:
    return ip.ipv4_mapped if ip.version == 6 and ip.ipv4_mapped is not None else ip


@dataclass(frozen=True)
class OutboundPolicy:
    require_https: bool
    allow_loopback: bool
    allowed_hosts: frozenset[str] = frozenset()
    allowed_networks: tuple[Network, ...] = ()
    resolver: Resolver = field(default=system_resolver, compare=False, repr=False)

    @classmethod
    def create(cls, *, production: bool, allow: str = "",
               resolver: Resolver = system_resolver) -> "OutboundPolicy":
        hosts, networks = set(), []
        for entry in (item.strip().lower() for item in allow.split(",")):
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                hosts.add(entry.rstrip("."))
        return cls(require_https=production, allow_loopback=not production,
                   allowed_hosts=frozenset(hosts), allowed_networks=tuple(networks),
                   resolver=resolver)

    def permits(self, host: str, ip: IPAddress) -> bool:
        ip = _unmapped(ip)  # ::ffff:10.0.0.1 is 10.0.0.1
        if host.lower().rstrip(".") in self.allowed_hosts:
            return True
        if any(ip in network for network in self.allowed_networks):
            return True
        if self.allow_loopback and ip.is_loopback:
            return True
        return is_public(ip)

    async def check(self, url: str) -> Destination:
        """The destination to connect to, or Refused: url (not a usable URL), url_https
        (production wants https), url_unresolved (no address), url_private (not public)."""
        parts, port = split_url(url)
        if self.require_https and parts.scheme != "https":
            raise Refused("url_https")
        host = parts.hostname
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                addresses = [ipaddress.ip_address(a.split("%", 1)[0])
                             for a in await self.resolver(host, port)]
            except (OSError, UnicodeError, ValueError):
                addresses = []
        if not addresses:
            raise Refused("url_unresolved", f"{host} does not resolve")
        refused = [str(ip) for ip in addresses if not self.permits(host, ip)]
        if refused:
            raise Refused("url_private", f"{host} resolves to {', '.join(refused)}")
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return Destination(parts.scheme, host, port, target, str(addresses[0]))
