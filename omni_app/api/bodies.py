"""Request bodies read with a size limit (413 past it, whatever Content-Length claims) and JSON
decoded with a bounded depth (400), so no body can exhaust memory or the recursion limit."""
from __future__ import annotations

import json
from typing import Any

from starlette.requests import ClientDisconnect, Request

from omni_app.api.errors import HttpError

MAX_JSON_DEPTH = 32


async def read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HttpError(400, "invalid Content-Length")
        if int(declared) > limit:
            raise HttpError(413, f"body larger than {limit} bytes")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():  # the header may lie or be absent (chunked)
            size += len(chunk)
            if size > limit:
                raise HttpError(413, f"body larger than {limit} bytes")
            chunks.append(chunk)
    except ClientDisconnect:
        raise HttpError(400, "client disconnected") from None
    return b"".join(chunks)


def decode_json(body: bytes, max_depth: int = MAX_JSON_DEPTH) -> Any:
    try:
        value = json.loads(body)
    except RecursionError:
        raise HttpError(400, f"JSON nested deeper than {max_depth} levels") from None
    except ValueError as error:  # JSONDecodeError, UnicodeDecodeError
        raise HttpError(400, f"malformed JSON: {error}") from None
    if depth(value) > max_depth:
        raise HttpError(400, f"JSON nested deeper than {max_depth} levels")
    return value


def depth(value: Any) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            items = item.values()
        elif isinstance(item, list):
            items = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in items)
    return deepest
