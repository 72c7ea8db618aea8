"""The app's environment for a localbase, the same for the app tests, the benchmarks and the app
processes harness/app_process.py starts: the localbase's URL and keys, local mode, and a master
key of its own, so nothing reads or writes the development key (.omni-dev/master.key)."""
from __future__ import annotations

import base64
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from omni_app.services import Services


def env_for(lb, *, master_key: bytes | None = None,
            public_url: str | None = None) -> dict[str, str]:
    """The variables (omni_app/settings.py) that point the app at localbase `lb`, in local mode,
    with `master_key` (a fresh one unless given) as its only master key, version 1, and no
    daily analyst run."""
    env = {**lb.env(), "OMNI_ENV": "local",
           "OMNI_MASTER_KEY": base64.b64encode(master_key or os.urandom(32)).decode(),
           "OMNI_MASTER_KEY_VERSION": "1",
           # a daily analyst run planned mid-suite would analyse other tests' clients under
           # them; the tests that are about it plan it themselves
           "OMNI_ANALYST_DAILY": "false"}
    if public_url is not None:
        env["OMNI_PUBLIC_URL"] = public_url
    return env


def install_services(env: Mapping[str, str] | None = None, **settings) -> Services:
    """The process environment updated with `env` (when given), then new Services built from it
    (plus `settings`, which win) as the app's composition root builds them, and installed: fresh
    limiters, caches and clients, as a restarted process has them."""
    from omni_app import services  # here: app_process.py builds env_for without the app
    from omni_app.settings import Settings
    if env is not None:
        os.environ.update(env)
    return services.install(services.Services.from_settings(Settings(**settings)))
