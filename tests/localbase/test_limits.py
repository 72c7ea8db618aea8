"""localbase under hostile input (finding 14): bodies past the gateway's limit answer 413 and
JSON nested deeper than the parser can go answers 400, on REST and Auth alike; and Auth keys its
per-address limit on Sb-Forwarded-For (finding 3), as GoTrue does when the project enables it,
so a server signing its users in does not spend one limit for all of them."""
from __future__ import annotations

import socket
import time

import httpx
import pytest

from tests.localbase.auth_support import http, password_grant, unique_email
from tests.localbase.rest_support import raw, user_token

DEEP = "[" * 100_000 + "]" * 100_000


def test_rest_bodies_past_the_limit_answer_413(lb):
    huge = '{"title": "' + "x" * (lb.config.max_body_bytes + 10) + '"}'
    response = raw(lb, "POST", "todos", user_token(lb), content=huge,
                   headers={"content-type": "application/json"})
    assert response.status_code == 413
    chunked = raw(lb, "POST", "todos", user_token(lb),
                  content=iter([huge[:1_000_000].encode(), huge[1_000_000:].encode()]),
                  headers={"content-type": "application/json"})
    assert chunked.status_code == 413


@pytest.mark.parametrize("path", ["todos", "rpc/rpc_echo"])
def test_deeply_nested_json_answers_400(lb, path):
    response = raw(lb, "POST", path, user_token(lb), content='{"t": ' + DEEP + "}",
                   headers={"content-type": "application/json"})
    assert response.status_code == 400 and response.json()["code"] == "PGRST102"


def test_auth_refuses_deep_and_huge_bodies_too(lb):
    with http(lb) as h:
        deep = h.post("/token", params={"grant_type": "password"},
                      content='{"email": ' + DEEP + "}",
                      headers={"content-type": "application/json"})
        huge = h.post("/signup", content="x" * (lb.config.max_body_bytes + 1),
                      headers={"content-type": "application/json"})
    assert deep.status_code == 400 and deep.json()["code"] == "bad_json"
    assert huge.status_code == 413


def test_auth_counts_sign_ins_per_forwarded_address(lb):
    target = unique_email("forwarded")
    with http(lb) as h:
        h.headers["Sb-Forwarded-For"] = "203.0.113.7"
        for _ in range(lb.config.token_rate_limit):
            password_grant(h, target, "guess")
        assert password_grant(h, target, "guess").status_code == 429
        h.headers["Sb-Forwarded-For"] = "203.0.113.8, 10.0.0.1"   # the first value counts
        assert password_grant(h, target, "guess").status_code == 400


@pytest.mark.parametrize("path", ["/rest/v1/todos", "/auth/v1/token?grant_type=password"])
def test_a_client_hanging_up_mid_body_leaves_no_traceback(lb, path):
    api_log = lb.config.log_dir / "api.log"
    before = api_log.stat().st_size if api_log.exists() else 0
    with socket.create_connection((lb.config.host, lb.config.api_port)) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: localbase\r\napikey: {lb.anon_key}\r\n"
                     "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
                     '{"email": "cut'.encode())
        time.sleep(0.3)
    assert httpx.get(f"{lb.url}/health").status_code == 200  # still serving
    written = api_log.read_bytes()[before:].decode(errors="replace") if api_log.exists() else ""
    assert "Traceback" not in written and "ClientDisconnect" not in written
