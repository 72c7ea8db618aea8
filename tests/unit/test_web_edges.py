"""What every request meets before our code: allowed origins, the client's address, body
limits, JSON depth, the headers on every answer, and the in-memory buckets' bounds."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from omni_app.api import bodies, origins
from omni_app.api.errors import HttpError
from omni_app.api.http import client_address, parse_networks
from omni_app.api.rate_limit import TokenBucketLimiter
from omni_app.api.security_headers import SecurityHeaders, inline_script_hashes

ROOT = Path(__file__).resolve().parents[2]
PAGE = (b"<html><head><script>window.theme = 'dark';</script>"
        b"<script type=\"module\" src=\"/assets/app.js\"></script></head>"
        b"<body><script id=\"x\">go()</script></body></html>")


def test_allowed_origins_are_the_public_url_and_locally_the_dev_server():
    assert origins.allowed_origins("https://app.omni.example/", production=True) == \
        ["https://app.omni.example"]
    assert origins.allowed_origins("http://127.0.0.1:8123", production=False) == \
        ["http://127.0.0.1:8123", "http://127.0.0.1:3000", "http://localhost:3000"]
    assert origins.origin_of("HTTPS://App.Example:443/path") == "https://app.example"
    with pytest.raises(ValueError):
        origins.origin_of("javascript:alert(1)")


def test_the_socket_allows_the_origins_the_settings_name_even_from_dot_env(tmp_path):
    """rxconfig reads the app's own Settings, so a production URL kept in .env (not in the
    process environment) is the only origin the websocket and CORS accept."""
    (tmp_path / ".env").write_text("OMNI_ENV=production\nOMNI_PUBLIC_URL=https://clinic.example\n")
    env = {key: value for key, value in os.environ.items()
           if key not in ("OMNI_ENV", "OMNI_PUBLIC_URL")}
    env["PYTHONPATH"] = str(ROOT)
    shown = subprocess.run([sys.executable, "-c", "import rxconfig; "
                            "print(rxconfig.config.cors_allowed_origins)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert shown.stdout.strip() == "['https://clinic.example']", shown.stderr


def request_from(peer: str, forwarded: str | None = None) -> Request:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    return Request({"type": "http", "client": (peer, 5000), "headers": headers})


def test_forwarded_for_is_believed_only_from_trusted_proxies():
    proxies = parse_networks("10.0.0.0/8, 192.0.2.1")
    # Anyone may write the header: from an untrusted peer it is ignored.
    assert client_address(request_from("203.0.113.9", "1.2.3.4")) == "203.0.113.9"
    assert client_address(request_from("203.0.113.9", "1.2.3.4"), proxies) == "203.0.113.9"
    # Through trusted proxies, the first hop from the right that is not one of them.
    assert client_address(request_from("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.9"),
                          proxies) == "198.51.100.7"
    assert client_address(request_from("192.0.2.1", "garbage"), proxies) == "192.0.2.1"
    with pytest.raises(ValueError):
        parse_networks("10.0.0.0/8, not-a-network")


def test_json_depth_is_bounded_without_recursion():
    assert bodies.decode_json(b'{"a": [1, {"b": 2}]}') == {"a": [1, {"b": 2}]}
    for deep in (b"[" * 100 + b"]" * 100, b"[" * 200_000 + b"]" * 200_000):
        with pytest.raises(HttpError) as refused:
            bodies.decode_json(deep)
        assert refused.value.status == 400 and "deeper" in refused.value.message
    with pytest.raises(HttpError):
        bodies.decode_json(b'{"broken": ')


def app_with(response: Response) -> Starlette:
    async def endpoint(request: Request) -> Response:
        return response
    return Starlette(routes=[Route("/x", endpoint)])


async def fetch(app, production: bool = False) -> httpx.Response:
    wrapped = SecurityHeaders(app, origins=["https://app.omni.example"], production=production)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=wrapped),
                                 base_url="http://test") as client:
        return await client.get("/x")


async def test_a_page_may_run_its_own_inline_scripts_and_nothing_else():
    response = await fetch(app_with(HTMLResponse(PAGE)))
    policy = response.headers["content-security-policy"]
    hashes = inline_script_hashes(PAGE)
    assert len(hashes) == 2  # the module script with src= is allowed by 'self'
    for digest in hashes:
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-eval" not in policy and "script-src 'self' 'sha256-" in policy
    assert "frame-ancestors 'none'" in policy and "wss://app.omni.example" in policy
    assert response.content == PAGE
    assert response.headers["x-frame-options"] == "DENY"


async def test_gzip_pages_are_read_for_their_scripts_too():
    body = gzip.compress(PAGE)
    plain = await fetch(app_with(HTMLResponse(PAGE)))
    zipped = await fetch(app_with(Response(body, media_type="text/html",
                                           headers={"content-encoding": "gzip"})))
    assert zipped.headers["content-security-policy"] == plain.headers["content-security-policy"]


async def test_api_answers_get_the_strictest_policy_and_hsts_in_production():
    response = await fetch(app_with(JSONResponse({"ok": True})), production=True)
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["strict-transport-security"].startswith("max-age=31536000")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert json.loads(response.content) == {"ok": True}


def test_buckets_stay_bounded_under_a_flood_of_new_keys():
    now = [0.0]
    limiter = TokenBucketLimiter(rate=0.5, burst=2, clock=lambda: now[0], max_keys=100)
    for n in range(10_000):
        limiter.take(f"10.0.{n // 256}.{n % 256}")
    assert len(limiter) <= 100
    assert limiter.waiting("fresh-key") == 0
    limiter.take("hot"), limiter.take("hot")
    assert limiter.waiting("hot") == pytest.approx(2.0)
