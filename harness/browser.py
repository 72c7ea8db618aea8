"""Chromium driving the app, for the e2e tests and the browser benchmarks: Debian's Chromium as
it is launched here (Playwright cannot download its own browsers; headless, and kept off the
network it would otherwise call home to), a probe of the page's websocket, and signing in."""
from __future__ import annotations

import os

from playwright.sync_api import Page

CHROMIUM = os.environ.get("OMNI_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]

# Added to every browser context by tests/e2e/conftest.py, before any page script runs: counts
# what happens on the page's websockets. Reflex talks socket.io over one websocket; a text frame
# starting with "42" is a socket.io EVENT, which the backend sends only in answer to an event
# (the first is its answer to the page's initial hydrate). A fresh count per document.
SOCKET_PROBE = """
(() => {
  const Native = window.WebSocket;
  if (!Native || window.__reflexSocket) return;
  const probe = window.__reflexSocket = {opened: 0, events: 0, closed: 0};
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("open", () => { probe.opened += 1; });
      this.addEventListener("close", () => { probe.closed += 1; });
      this.addEventListener("message", (e) => {
        if (typeof e.data === "string" && e.data.startsWith("42")) probe.events += 1;
      });
    }
  };
})();
"""


def wait_for_backend(page: Page, timeout: float = 15_000) -> None:
    """Wait until the current document's websocket is open and the backend has answered an event.

    Call after a document load (goto, reload, a server redirect) before clicking on anything
    that sends an event; `expect(...)` assertions retry on their own. The count is per document:
    after a client-side navigation (`rx.redirect`) it carries over, so wait for the new page's
    content with `expect(...)` instead.
    """
    page.wait_for_function(
        "() => { const p = window.__reflexSocket; return !!p && p.opened > 0 && p.events > 0; }",
        timeout=timeout,
    )


def sign_in(page: Page, email: str, password: str, start: str = "/login") -> None:
    """Fill the login form on `start` (which may redirect there) and submit it."""
    page.goto(start)
    page.wait_for_url("**/login**")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#login-submit")
