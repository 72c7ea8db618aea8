"""Test layers: `unit` (no services), `integration` (a localbase), `e2e` (app + Chromium);
`n8n` besides marks the tests that drive a real n8n (harness/n8n_process.py).

Layers are assigned here, from what a test uses, so a new test cannot forget its marker:
anything under tests/e2e is e2e, anything using a localbase fixture is integration, the rest unit.
"""
from __future__ import annotations

import pytest

APP_RATE_LIMIT = 60
LOCALBASE_FIXTURES = {"lb", "app_lb", "scratch_cluster", "cli_env", "dev_env"}
N8N_FIXTURES = {"real_n8n"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if N8N_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.n8n)
        if "/tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)
        elif LOCALBASE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)
        else:
            item.add_marker(pytest.mark.unit)


@pytest.fixture(scope="session")
def app_lb():
    """A localbase with Omni's own migrations and seed (supabase/), for schema and app tests."""
    from pathlib import Path

    from localbase.testing import running_localbase

    # Many tests sign the seed users in; the limit stays low enough to test it (APP_RATE_LIMIT).
    with running_localbase(Path(__file__).resolve().parent.parent,
                           token_rate_limit=APP_RATE_LIMIT) as instance:
        yield instance
