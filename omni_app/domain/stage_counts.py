"""How many clients each stage holds (the stages page says what archiving would move)."""
from __future__ import annotations

import asyncio

from supabase import AsyncClient


async def counts(user: AsyncClient, keys: list[str]) -> dict[str, int]:
    async def one(key: str) -> int:
        answer = await (user.table("clients").select("id", count="exact", head=True)
                        .eq("pipeline_stage", key).execute())
        return answer.count or 0
    return dict(zip(keys, await asyncio.gather(*[one(key) for key in keys])))
