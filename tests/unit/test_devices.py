"""The profile page's sessions list names each device from its User-Agent."""
from __future__ import annotations

import pytest

from omni_app.domain.devices import Device, describe

CHROME_WINDOWS = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                  "Gecko) Chrome/120.0.0.0 Safari/537.36")


@pytest.mark.parametrize("agent, device", [
    (CHROME_WINDOWS, Device("Chrome", "Windows")),
    (CHROME_WINDOWS + " Edg/120.0.0.0", Device("Edge", "Windows")),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/17.0 Mobile/15E148 Safari/604.1", Device("Safari", "iPhone")),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.0 Safari/605.1.15", Device("Safari", "macOS")),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
     Device("Firefox", "Linux")),
    ("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
     "SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
     Device("Samsung Internet", "Android")),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "HeadlessChrome/120.0.0.0 Safari/537.36", Device("Chrome", "Linux")),
    ("pytest", Device("", "")), ("", Device("", "")), (None, Device("", "")),
])
def test_browser_and_system(agent, device):
    assert describe(agent) == device
