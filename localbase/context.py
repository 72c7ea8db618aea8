"""What every request handler reaches through `request.app.state.ctx`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from localbase.config import LocalbaseConfig
from localbase.db import Database


@dataclass
class Context:
    config: LocalbaseConfig
    db: Database
    # Filled by the REST API at startup (localbase.rest.schema_cache.SchemaCache).
    schema: Any = None
    # Per-feature in-memory state (rate limiter buckets, ...), keyed by feature name.
    extras: dict[str, Any] = field(default_factory=dict)
