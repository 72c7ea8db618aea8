"""Finding 2 (SSRF): where the server may send what an admin addressed. Pure: literal
addresses need no DNS, and host names are answered by a resolver the test controls (DNS is
outside our reach here, as it is for an attacker who owns a domain)."""
from __future__ import annotations

import pytest

from omni_app.domain.outbound_policy import OutboundPolicy
from omni_app.domain.refusals import Refused

PRODUCTION = OutboundPolicy.create(production=True)
LOCAL = OutboundPolicy.create(production=False)
INTERNAL = [
    "https://127.0.0.1:54321/rest/v1/",       # the REST API on this machine
    "https://127.0.0.1:54322/",               # the database port
    "https://169.254.169.254/latest/meta-data/",  # cloud metadata
    "https://10.0.0.5/webhook", "https://172.16.3.4/webhook", "https://192.168.1.10/webhook",
    "https://100.64.0.1/webhook",             # carrier-grade NAT
    "https://0.0.0.0/", "https://[::1]/", "https://[fd00::1]/", "https://[fe80::1]/",
    "https://[::ffff:127.0.0.1]/",            # IPv4 hidden in IPv6
    "https://224.0.0.1/",
]


def resolving(table: dict[str, list[str]]):
    async def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("no such host")
        return table[host]
    return resolve


@pytest.mark.parametrize("url", INTERNAL)
async def test_production_refuses_internal_addresses(url):
    with pytest.raises(Refused) as refused:
        await PRODUCTION.check(url)
    assert refused.value.reason == "url_private"


async def test_production_wants_https_and_a_public_address():
    with pytest.raises(Refused) as plain:
        await PRODUCTION.check("http://93.184.216.34/webhook")
    assert plain.value.reason == "url_https"
    destination = await PRODUCTION.check("https://93.184.216.34:8443/webhook/x?y=1")
    assert (destination.address, destination.port, destination.target) == \
        ("93.184.216.34", 8443, "/webhook/x?y=1")


async def test_a_name_is_checked_on_every_address_it_resolves_to():
    policy = OutboundPolicy.create(production=True, resolver=resolving({
        "n8n.clinic.example": ["93.184.216.34"],
        "sneaky.example": ["93.184.216.34", "10.1.2.3"],   # one bad answer is enough
        "rebound.example": ["169.254.169.254"]}))
    destination = await policy.check("https://n8n.clinic.example/webhook/abc")
    assert destination.request_url == "https://93.184.216.34:443/webhook/abc"
    assert destination.host_header == "n8n.clinic.example"
    for url in ("https://sneaky.example/", "https://rebound.example/"):
        with pytest.raises(Refused) as refused:
            await policy.check(url)
        assert refused.value.reason == "url_private"
    with pytest.raises(Refused) as unknown:
        await policy.check("https://nowhere.example/")
    assert unknown.value.reason == "url_unresolved"


async def test_local_mode_allows_loopback_only():
    assert (await LOCAL.check("http://127.0.0.1:5678/webhook")).address == "127.0.0.1"
    assert (await LOCAL.check("http://[::1]:5678/webhook")).request_url == "http://[::1]:5678/webhook"
    for url in ("http://169.254.169.254/", "http://192.168.0.10:5678/", "http://[fd00::2]/"):
        with pytest.raises(Refused):
            await LOCAL.check(url)


async def test_the_operator_allow_list_opens_named_hosts_and_networks():
    policy = OutboundPolicy.create(production=True, allow="n8n.internal, 10.20.0.0/16",
                                   resolver=resolving({"n8n.internal": ["10.9.9.9"],
                                                       "other.internal": ["10.9.9.9"]}))
    assert (await policy.check("https://n8n.internal/hook")).address == "10.9.9.9"
    assert (await policy.check("https://10.20.30.40/hook")).address == "10.20.30.40"
    with pytest.raises(Refused):
        await policy.check("https://other.internal/hook")
    with pytest.raises(Refused):
        await policy.check("https://10.21.0.1/hook")


@pytest.mark.parametrize("url", ["ftp://93.184.216.34/", "https://user:pw@93.184.216.34/",
                                 "https:///nohost", "https://93.184.216.34:99999/"])
async def test_unusable_urls(url):
    with pytest.raises(Refused) as refused:
        await PRODUCTION.check(url)
    assert refused.value.reason == "url"
