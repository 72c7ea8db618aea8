"""GET /api/health: the version and whether Supabase answers."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from omni_app import __version__, services


async def health(request: Request) -> JSONResponse:
    try:
        service = await services.current().service()
        await service.table("companies").select("id").limit(1).execute()
        supabase = "ok"
    except Exception:  # any failure to reach Supabase is the answer itself
        supabase = "unreachable"
    status = 200 if supabase == "ok" else 503
    return JSONResponse({"status": "ok" if status == 200 else "degraded",
                         "version": __version__, "supabase": supabase}, status_code=status)

