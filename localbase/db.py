"""Connection pools: `api` logs in as `authenticator` (REST switches role per request),
`admin` as `postgres` (the Auth API, which owns the `auth` schema on the platform).

Connections are not pinged before each use (that would cost a round trip per request); a
connection broken under the pool is discarded when it fails, and `reset` restarts the server.

Statements are never prepared server-side (`prepare_threshold=None`): after an aborted pipeline
psycopg could believe a statement prepared that the server skipped, and every later request on
that connection failed with "prepared statement _pg3_N does not exist" (seen once in a full
run); tests also change the schema under long-lived connections. A parse costs microseconds."""
from __future__ import annotations

from psycopg_pool import AsyncConnectionPool

from localbase.config import LocalbaseConfig

_CONNECTION_OPTIONS = {"autocommit": True, "prepare_threshold": None}


class Database:
    def __init__(self, config: LocalbaseConfig):
        size = config.pool_size
        self.api = AsyncConnectionPool(config.dsn("authenticator"), min_size=2, max_size=size,
                                       open=False, kwargs=_CONNECTION_OPTIONS)
        self.admin = AsyncConnectionPool(config.dsn("postgres"), min_size=1, max_size=size,
                                         open=False, kwargs=_CONNECTION_OPTIONS)

    async def open(self) -> None:
        await self.api.open(wait=True, timeout=30)
        await self.admin.open(wait=True, timeout=30)

    async def close(self) -> None:
        await self.api.close()
        await self.admin.close()
