"""The security headers' edges, with the middleware driven message by message: answers from the
browser's cache, pages streamed in pieces or compressed, file sending by path, and HSTS."""
from __future__ import annotations

import gzip

from omni_app.api.security_headers import SecurityHeaders, inline_script_hashes

PAGE = (b"<html><head><script>window.theme = 'dark';</script>"
        b"<script type=\"module\" src=\"/assets/app.js\"></script></head>"
        b"<body><script id=\"x\">go()</script></body></html>")
HASHES = inline_script_hashes(PAGE)
HTML = (b"content-type", b"text/html; charset=utf-8")


def start(status: int = 200, *headers: tuple[bytes, bytes]) -> dict:
    return {"type": "http.response.start", "status": status, "headers": list(headers)}


def chunks(*pieces: bytes) -> list[dict]:
    return [{"type": "http.response.body", "body": piece, "more_body": n < len(pieces) - 1}
            for n, piece in enumerate(pieces)]


def replaying(*messages: dict, scopes: list | None = None):
    """An app that answers with `messages` and keeps the scope it was called with."""
    async def app(scope, receive, send):
        if scopes is not None:
            scopes.append(scope)
        for message in messages:
            await send(message)
    return app


async def answer(app, production: bool = False, extensions: dict | None = None):
    """(status, headers, body) as the server would send them."""
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "method": "GET", "path": "/", "headers": [],
             "extensions": extensions or {}}
    await SecurityHeaders(app, origins=["https://app.omni.example"],
                          production=production)(scope, receive, send)
    first, *rest = sent
    headers = {name.decode().lower(): value.decode() for name, value in first["headers"]}
    return first["status"], headers, b"".join(message.get("body", b"") for message in rest)


def allows_the_pages_scripts(policy: str) -> bool:
    return all(f"'sha256-{digest}'" in policy for digest in HASHES)


async def test_a_304_keeps_the_policy_it_was_cached_with():
    status, headers, body = await answer(replaying(start(304, (b"etag", b'"v1"')),
                                                   *chunks(b"")))
    assert status == 304 and body == b""
    assert "content-security-policy" not in headers
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff"
    assert headers["etag"] == '"v1"'


async def test_a_page_streamed_in_pieces_is_read_whole_for_its_scripts():
    cut = PAGE.index(b"theme")  # inside the first inline script
    status, headers, body = await answer(replaying(
        start(200, HTML), *chunks(PAGE[:cut], PAGE[cut:cut + 40], PAGE[cut + 40:])))
    assert status == 200 and body == PAGE
    assert len(HASHES) == 2 and allows_the_pages_scripts(headers["content-security-policy"])


async def test_a_gzip_page_gets_its_scripts_hashes():
    zipped = gzip.compress(PAGE)
    _, headers, body = await answer(replaying(
        start(200, HTML, (b"content-encoding", b"gzip")), *chunks(zipped[:20], zipped[20:])))
    assert body == zipped
    assert allows_the_pages_scripts(headers["content-security-policy"])


async def test_a_page_in_an_encoding_it_cannot_read_may_run_no_inline_script():
    # Plain bytes labelled br: read as they are, their scripts would be allowed.
    _, headers, body = await answer(replaying(
        start(200, HTML, (b"content-encoding", b"br")), *chunks(PAGE)))
    policy = headers["content-security-policy"]
    assert body == PAGE
    assert "sha256-" not in policy and "script-src 'self';" in policy


async def test_the_app_is_not_offered_sending_files_by_path():
    scopes: list[dict] = []
    await answer(replaying(start(200, HTML), *chunks(PAGE), scopes=scopes),
                 extensions={"http.response.pathsend": {}, "http.response.zerocopysend": {},
                             "http.response.trailers": {}})
    [scope] = scopes
    assert scope["extensions"] == {"http.response.trailers": {}}


async def test_hsts_only_in_production():
    json_answer = (start(200, (b"content-type", b"application/json")), *chunks(b"{}"))
    _, local, _ = await answer(replaying(*json_answer), production=False)
    _, production, _ = await answer(replaying(*json_answer), production=True)
    assert "strict-transport-security" not in local
    assert production["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    assert local["x-frame-options"] == production["x-frame-options"] == "DENY"
