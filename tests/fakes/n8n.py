"""A fake n8n outbound webhook: a real HTTP server on loopback (a thread) that checks the Omni
signature of every request on its own (not with Omni's code), records what it received and
answers as told: success with an external message id, an error status, or silence past the
caller's timeout, for the next N requests.

    with FakeN8n(secret) as n8n:
        n8n.fail_next(2, status=503)     # then 200
        n8n.stall_next(1, seconds=1.0)   # answers only after `seconds`
        ... n8n.url ... n8n.requests ...
"""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WINDOW_SECONDS = 300


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    signature_ok: bool
    at: float = field(default_factory=time.monotonic)

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class _Plan:
    status: int
    stall: float = 0.0
    body: dict | None = None
    headers: dict[str, str] = field(default_factory=dict)


def signature_ok(secret: str, headers: dict[str, str], body: bytes, now: float) -> bool:
    stamp = headers.get("x-omni-timestamp", "")
    sent = headers.get("x-omni-signature", "")
    if not stamp.isdigit() or abs(now - int(stamp)) > WINDOW_SECONDS:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), stamp.encode() + b"." + body,
                                    hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, sent)


class FakeN8n:
    def __init__(self, secret: str = "", host: str = "127.0.0.1"):
        self.secret = secret
        self.requests: list[Received] = []
        self._plans: list[_Plan] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/webhook/omni-outbound"

    def __enter__(self) -> FakeN8n:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- what to answer next ---------------------------------------------------------------

    def fail_next(self, times: int, status: int = 500) -> None:
        self._add(times, _Plan(status, body={"error": "boom"}))

    def answer_next(self, times: int, status: int, body: dict,
                    headers: dict[str, str] | None = None) -> None:
        self._add(times, _Plan(status, body=body, headers=headers or {}))

    def stall_next(self, times: int, seconds: float) -> None:
        self._add(times, _Plan(200, stall=seconds))

    def reject_all(self, status: int = 503) -> None:
        self._add(10_000, _Plan(status, body={"error": "down"}))

    def recover(self) -> None:
        with self._lock:
            self._plans.clear()

    def _add(self, times: int, plan: _Plan) -> None:
        with self._lock:
            self._plans.extend([plan] * times)

    def _next_plan(self) -> _Plan | None:
        with self._lock:
            return self._plans.pop(0) if self._plans else None

    # -- what was received -----------------------------------------------------------------

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.requests) >= count:
                    return list(self.requests)
            time.sleep(0.02)
        raise AssertionError(f"n8n got {len(self.requests)} requests, expected {count}")

    @property
    def bad_signatures(self) -> int:
        return sum(1 for request in self.requests if not request.signature_ok)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {name.lower(): value for name, value in self.headers.items()}
                ok = signature_ok(fake.secret, headers, body, time.time())
                with fake._lock:
                    fake.requests.append(Received(self.path, headers, body, ok))
                if not ok:
                    return self._answer(401, {"error": "bad signature"})
                plan = fake._next_plan()
                if plan is not None and plan.stall:
                    time.sleep(plan.stall)
                if plan is None or (plan.status == 200 and plan.body is None):
                    return self._answer(200, {"external_message_id": f"wamid.{uuid.uuid4().hex}"})
                return self._answer(plan.status, plan.body or {}, plan.headers)

            def _answer(self, status: int, payload: dict,
                        extra: dict[str, str] | None = None) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    for name, value in (extra or {}).items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the caller gave up waiting (a stalled answer)

            def log_message(self, *args) -> None:
                pass

        return Handler
