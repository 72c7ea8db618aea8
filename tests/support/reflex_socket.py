"""Reflex's websocket spoken by hand, as another page (or a script) holding the victim's cookie
would speak it: Engine.IO 4 over one websocket, the Socket.IO namespace `/_event`, and the
tab's first event (hydrate and run the page's on_load) in the CONNECT packet."""
from __future__ import annotations

import json
import time
import uuid

from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

HYDRATE = "reflex___state____state.hydrate_and_load"


class HandshakeRefused(Exception):
    def __init__(self, status: int):
        super().__init__(f"websocket handshake refused with HTTP {status}")
        self.status = status


def open_tab(app_url: str, path: str, cookie: str, origin: str,
             timeout: float = 15.0) -> list[dict]:
    """The state deltas the backend sends to a tab on `path` opened with `cookie` from a page
    of `origin`; HandshakeRefused when the server will not talk to that origin."""
    socket_url = (app_url.replace("http", "ws", 1)
                  + f"/_event/?token={uuid.uuid4()}&EIO=4&transport=websocket")
    try:
        ws = connect(socket_url, origin=origin, additional_headers={"Cookie": cookie},
                     open_timeout=timeout)
    except InvalidStatus as refused:
        raise HandshakeRefused(refused.response.status_code) from None
    deltas: list[dict] = []
    with ws:
        assert ws.recv(timeout).startswith("0")  # Engine.IO open
        ws.send("40/_event," + json.dumps({"event": {
            "name": HYDRATE, "payload": {"hashes": []},
            "router_data": {"pathname": path, "asPath": path}}}))
        deadline, hydrated = time.monotonic() + timeout, False
        while time.monotonic() < deadline:
            try:
                frame = ws.recv(0.5 if hydrated else deadline - time.monotonic())
            except TimeoutError:
                break  # quiet after hydration: the page's on_load has answered
            if frame == "2":  # Engine.IO ping
                ws.send("3")
            elif frame.startswith("42/_event,"):
                event, payload = json.loads(frame[len("42/_event,"):])
                deltas.append(payload.get("delta", {}))
                hydrated = hydrated or '"is_hydrated_rx_state_": true' in json.dumps(payload)
    return deltas


def contains(deltas: list[dict], text: str) -> bool:
    return any(text in json.dumps(delta, ensure_ascii=False) for delta in deltas)
