"""Debian's Chromium, as the e2e tests and browser benchmarks launch it here (Playwright cannot
download its own browsers): headless, and kept off the network it would otherwise call home to."""
from __future__ import annotations

import os

CHROMIUM = os.environ.get("OMNI_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
