"""A fake OpenAI-compatible server: a real HTTP server on loopback answering
`POST /v1/chat/completions` the way OpenAI does (choices, usage), from a script of behaviours
taken in order (then `default`): a valid snapshot, malformed JSON, an answer missing fields, a
429 (with Retry-After: 0), a 500, or a timeout (it sleeps longer than the client waits).

    with FakeOpenAI() as fake:
        fake.script("malformed", "ok")
        ... OPENAI_BASE_URL=fake.base_url ...
        assert len(fake.requests) == 2
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SNAPSHOT = {
    "summary": "Paciente quer remarcar a limpeza para sexta de manhã; preocupada com o valor.",
    "intent": "reschedule",
    "sentiment": {"label": "neutral", "score": 0.1},
    "no_show_risk": {"level": "high", "reasons": ["prior_no_shows:2"]},
    "preferences": {"days": ["friday"], "times": ["morning"], "professionals": [],
                    "channel": "whatsapp"},
    "objections": [{"kind": "price", "quote": "achei caro"}],
    "next_best_action": "Ofereça sexta às 9h e confirme na véspera.",
    "language": "pt-BR",
}
REPLY = "Oi! Claro, podemos remarcar para sexta de manhã. 9h fica bom para você?"
TOKENS_IN, TOKENS_OUT = 812, 143


class FakeOpenAI:
    def __init__(self, default: str = "ok", delay_s: float = 0.0, hang_s: float = 5.0):
        self.default, self.delay_s, self.hang_s = default, delay_s, hang_s
        self.requests: list[dict] = []
        self._script: list[str] = []
        self._lock = threading.Lock()
        self.snapshot = dict(SNAPSHOT)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                return None

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
                fake._answer(self, body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def script(self, *behaviours: str) -> None:
        with self._lock:
            self._script = list(behaviours)

    def _next(self) -> str:
        with self._lock:
            return self._script.pop(0) if self._script else self.default

    def _answer(self, handler: BaseHTTPRequestHandler, body: dict) -> None:
        behaviour = self._next()
        with self._lock:
            self.requests.append({"path": handler.path, "body": body, "behaviour": behaviour,
                                  "authorization": handler.headers.get("authorization")})
        if self.delay_s:
            time.sleep(self.delay_s)
        if behaviour == "timeout":
            time.sleep(self.hang_s)
            return
        if behaviour in ("429", "500"):
            self._send(handler, int(behaviour), {"error": {"message": "fake", "type": "x"}},
                       {"retry-after": "0"})
            return
        wants_json = "response_format" in body
        content = {"ok": json.dumps(self.snapshot) if wants_json else REPLY,
                   "malformed": '{"summary": "cut off',
                   "missing": json.dumps({"summary": "only a summary"})}[behaviour]
        self._send(handler, 200, {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": TOKENS_IN, "completion_tokens": TOKENS_OUT,
                      "total_tokens": TOKENS_IN + TOKENS_OUT}})

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, payload: dict,
              headers: dict | None = None) -> None:
        data = json.dumps(payload).encode()
        try:
            handler.send_response(status)
            handler.send_header("content-type", "application/json")
            handler.send_header("content-length", str(len(data)))
            for name, value in (headers or {}).items():
                handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
            pass

    def __enter__(self) -> "FakeOpenAI":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
