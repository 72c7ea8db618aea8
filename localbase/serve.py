"""Run the API server and the mailbox viewer in the foreground, in one process."""
from __future__ import annotations

import asyncio
import contextlib

import uvicorn
import uvloop

from localbase.config import LocalbaseConfig
from localbase.mailbox.store import Mailbox
from localbase.mailbox.viewer import create_viewer
from localbase.server import create_app


def serve(config: LocalbaseConfig) -> None:
    api = uvicorn.Server(uvicorn.Config(
        create_app(config), host=config.host, port=config.api_port, log_level="warning",
        access_log=False, loop="uvloop", http="httptools", lifespan="on"))
    viewer = uvicorn.Server(uvicorn.Config(
        create_viewer(Mailbox(config.mail_dir)), host=config.host, port=config.mail_port,
        log_level="warning", access_log=False, http="httptools", lifespan="off"))
    viewer.capture_signals = contextlib.nullcontext  # the API server's handlers stop both

    async def both() -> None:
        viewer_task = asyncio.create_task(viewer.serve())
        try:
            await api.serve()
        finally:
            viewer.should_exit = True
            await viewer_task

    uvloop.run(both())
