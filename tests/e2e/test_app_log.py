"""The app's log says what happened and nothing else: no deprecation or Node notices at start,
no warning per live update, no bare ids, no traceback when a sender hangs up mid-body."""
from __future__ import annotations

import re
import socket
import time

from harness.clinics import against, clinic_with_integration
from tests.e2e.test_inbox import deliver_message

STARTUP_NOISE = ("DeprecationWarning", "App(theme=", "of Node.js is out of date")
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
BARE_ID = re.compile(rf"^\s*'?[\w-]*{UUID}'?\s*$")  # a line holding only an id


def hang_up_mid_body(port: int, path: str) -> None:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
                     '{"external_message_id": "wamid.cut'.encode())
        time.sleep(0.3)


def test_live_updates_and_hang_ups_leave_no_noise(app_lb, app_server):
    clinic = clinic_with_integration(*against(app_lb, app_server.master_key), label="Log")
    webhook = f"/webhooks/whatsapp?integration={clinic.public_key}"
    before = app_server.log_path.stat().st_size

    deliver_message(app_server.url, clinic, "Olá, tudo bem?", "+5511987650001")
    hang_up_mid_body(app_server.port, webhook)
    deliver_message(app_server.url, clinic, "Ainda aí?", "+5511987650001")  # still answering
    time.sleep(1.0)

    log = app_server.log_path.read_text(errors="replace")
    since = log.encode()[before:].decode(errors="replace")
    assert [noise for noise in STARTUP_NOISE if noise in log] == []
    assert "disconnected client" not in since
    assert "Traceback" not in since and "ClientDisconnect" not in since
    assert [line for line in log.splitlines() if BARE_ID.match(line)] == []
