"""Ids as they arrive from URLs and forms: checked before they reach a query, so a hand-typed
one reads as "not found" rather than as a database error."""
from __future__ import annotations

import uuid


def is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except (ValueError, TypeError, AttributeError):
        return False
    return True
