from __future__ import annotations

from pathlib import Path

import pytest

from localbase.testing import running_localbase

PROJECT = Path(__file__).parent / "project"


@pytest.fixture(scope="session")
def lb():
    """A localbase for the conformance suite, its schema from tests/localbase/project."""
    with running_localbase(PROJECT) as instance:
        yield instance
