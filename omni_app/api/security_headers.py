"""Headers on every HTTP response: no framing, no MIME sniffing, no referrer beyond our own
pages, HSTS in production, and a Content-Security-Policy.

Reflex's prerendered pages carry a few small inline scripts (theme, router bootstrap). Instead
of allowing inline script in general, the policy sent with an HTML page lists the SHA-256 of the
inline scripts of that very page (gzip bodies are read too), so nothing injected can run and
`eval` is never allowed. Styles stay 'unsafe-inline': Radix and emotion write style attributes
and <style> elements at run time."""
from __future__ import annotations

import base64
import gzip
import hashlib
import re
from collections import OrderedDict

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", re.S | re.I)
KEPT_POLICIES = 64
FILE_SENDING_EXTENSIONS = ("http.response.pathsend", "http.response.zerocopysend")
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def _page_policy(script_hashes: list[str], connect: str) -> str:
    scripts = " ".join(["'self'", *(f"'sha256-{digest}'" for digest in script_hashes)])
    return ("default-src 'self'; "
            f"script-src {scripts}; "
            "style-src 'self' 'unsafe-inline'; "
            # https: the clinic's logo is an address its admin gives (/settings/clinic)
            "img-src 'self' data: blob: https:; font-src 'self' data:; "
            f"connect-src {connect}; "
            "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'")


def inline_script_hashes(html: bytes) -> list[str]:
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        digest = base64.b64encode(hashlib.sha256(match.group(1)).digest()).decode()
        if digest not in hashes:
            hashes.append(digest)
    return hashes


def socket_origins(origins: list[str]) -> list[str]:
    """ws(s):// twins of the allowed http(s) origins (the websocket goes to OMNI_PUBLIC_URL)."""
    return [origin.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
            for origin in origins]


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, origins: list[str], production: bool):
        self.app, self.production = app, production
        self.connect = " ".join(["'self'", *socket_origins(origins)])
        self._policies: OrderedDict[bytes, str] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        # File responses must come as body messages to be read (not handed to the server by
        # path): the policy of a page depends on its inline scripts.
        extensions = {name: value for name, value in (scope.get("extensions") or {}).items()
                      if name not in FILE_SENDING_EXTENSIONS}
        scope = {**scope, "extensions": extensions}
        start: Message | None = None
        body: list[bytes] = []

        async def send_with_headers(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                self._common(headers)
                if message["status"] == 304:
                    return await send(message)  # the cached page keeps the policy it came with
                if not headers.get("content-type", "").startswith("text/html"):
                    headers["Content-Security-Policy"] = API_POLICY
                    return await send(message)
                start = message  # held until the page is read: its policy depends on it
                return None
            if start is None:
                return await send(message)
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return None
            page = b"".join(body)
            headers = MutableHeaders(scope=start)
            headers["Content-Security-Policy"] = self._policy_for(
                page, headers.get("content-encoding", ""))
            await send(start)
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, send_with_headers)

    def _common(self, headers: MutableHeaders) -> None:
        headers["X-Frame-Options"] = "DENY"
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if self.production:
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"

    def _policy_for(self, page: bytes, encoding: str) -> str:
        key = hashlib.sha256(encoding.encode() + b"\0" + page).digest()
        policy = self._policies.get(key)
        if policy is None:
            html = page
            if encoding.strip() == "gzip":
                try:
                    html = gzip.decompress(page)
                except (OSError, EOFError):
                    html = b""
            elif encoding.strip() not in ("", "identity"):
                html = b""   # unknown encoding: no inline script is allowed to run
            policy = _page_policy(inline_script_hashes(html), self.connect)
            self._policies[key] = policy
            if len(self._policies) > KEPT_POLICIES:
                self._policies.popitem(last=False)
        else:
            self._policies.move_to_end(key)
        return policy
