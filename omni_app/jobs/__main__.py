"""`python -m omni_app.jobs`: a worker on its own, beside (or instead of) the app processes'
workers; every worker claims from the same table, so each job runs once."""
from __future__ import annotations

import asyncio
import logging

from omni_app import services as services_module
from omni_app.jobs.worker import Worker


async def main() -> None:
    services = services_module.current()
    logging.basicConfig(level=services.settings.log_level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    await Worker(services).run_forever()


if __name__ == "__main__":
    asyncio.run(main())
