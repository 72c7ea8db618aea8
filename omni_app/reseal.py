"""`python -m omni_app.reseal`: re-seal every integration secret and browser session under the
current OMNI_MASTER_KEY version (see omni_app/domain/reseal.py for the rotation steps)."""
from __future__ import annotations

import asyncio
import sys

from omni_app import services as services_module
from omni_app.domain.reseal import reseal


async def main() -> int:
    services = services_module.current()
    ring = services.keyring
    report = await reseal(await services.service(), ring)
    print(f"re-sealed under key version {ring.current}: {report.integrations} integration(s), "
          f"{report.sessions} session(s)")
    for item in report.skipped:
        print(f"  not re-sealed (unreadable or changed meanwhile; run again): {item}")
    return 1 if report.skipped else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
