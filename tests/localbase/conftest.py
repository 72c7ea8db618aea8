from __future__ import annotations

from pathlib import Path

import pytest

from localbase.testing import running_localbase
from tests.localbase.auth_support import admin, client

PROJECT = Path(__file__).parent / "project"


@pytest.fixture(scope="session")
def lb():
    """A localbase for the conformance suite, its schema from tests/localbase/project."""
    with running_localbase(PROJECT) as instance:
        yield instance


@pytest.fixture
def anon(lb):
    """A client with the anon key and no session."""
    return client(lb)


@pytest.fixture
def service(lb):
    """A client with the service role key: it bypasses row-level security."""
    return admin(lb)
