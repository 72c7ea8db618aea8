"""Run the API server in the foreground."""
from __future__ import annotations

import uvicorn

from localbase.config import LocalbaseConfig
from localbase.server import create_app


def serve(config: LocalbaseConfig) -> None:
    uvicorn.run(create_app(config), host=config.host, port=config.api_port, log_level="warning",
                access_log=False, loop="uvloop", http="httptools", lifespan="on")
