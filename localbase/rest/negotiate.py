"""The HTTP side of PostgREST: Prefer, Accept and Range request headers, and the status and
Content-Range of responses (PostgREST's RangeQuery.rangeStatusHeader / contentRangeH)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from localbase.errors import ApiError

JSON = "application/json; charset=utf-8"
OBJECT_JSON = "application/vnd.pgrst.object+json; charset=utf-8"
_ARRAY_TYPES = ("*/*", "application/*", "application/json", "application/vnd.pgrst.array+json",
                "application/vnd.pgrst.array")
_OBJECT_TYPES = ("application/vnd.pgrst.object+json", "application/vnd.pgrst.object")
_RANGE = re.compile(r"\s*(?:items=)?([0-9]+)-([0-9]*)\s*")


@dataclass(frozen=True)
class Preferences:
    representation: bool = False  # return=representation (PostgREST's default is minimal)
    count: bool = False  # count=exact; planned and estimated are answered exactly too
    resolution: str | None = None  # merge-duplicates / ignore-duplicates
    missing_default: bool = False  # missing=default

    def applied(self, mutation: bool) -> str | None:
        """The Preference-Applied header value for the preferences this request honoured."""
        applied = []
        if mutation and self.resolution:
            applied.append(f"resolution={self.resolution}")
        if mutation and self.missing_default:
            applied.append("missing=default")
        if mutation:
            applied.append("return=representation" if self.representation else "return=minimal")
        if self.count:
            applied.append("count=exact")
        return ", ".join(applied) or None


def preferences(request: Request) -> Preferences:
    values: dict[str, str] = {}
    for header in request.headers.getlist("prefer"):
        for item in header.split(","):
            key, _, value = item.strip().partition("=")
            values.setdefault(key.strip().lower(), value.strip().lower())
    resolution = values.get("resolution")
    return Preferences(
        representation=values.get("return") == "representation",
        count=values.get("count") in ("exact", "planned", "estimated"),
        resolution=resolution if resolution in ("merge-duplicates", "ignore-duplicates")
        else None,
        missing_default=values.get("missing") == "default")


@dataclass(frozen=True)
class Media:
    single: bool  # application/vnd.pgrst.object+json: one JSON object, or 406 PGRST116
    strip_nulls: bool  # ;nulls=stripped

    @property
    def content_type(self) -> str:
        return OBJECT_JSON if self.single else JSON


def negotiate(request: Request) -> Media:
    accept = request.headers.get("accept", "").strip()
    if not accept:
        return Media(single=False, strip_nulls=False)
    for entry in accept.split(","):
        media_type, *params = (part.strip().lower() for part in entry.split(";"))
        strip_nulls = "nulls=stripped" in params
        if media_type in _OBJECT_TYPES:
            return Media(single=True, strip_nulls=strip_nulls)
        if media_type in _ARRAY_TYPES:
            return Media(single=False, strip_nulls=strip_nulls)
    raise ApiError(406, "PGRST107", f"None of these media types are available: {accept}")


def singular_error(rows: int) -> ApiError:
    return ApiError(406, "PGRST116", "Cannot coerce the result to a single JSON object",
                    f"The result contains {rows} rows")


def page(limit: int | None, offset: int, range_header: str | None) -> tuple[int | None, int]:
    """(limit, offset) of the rows to return: the query's limit/offset narrowed by a
    `Range: first-last` header (PostgREST intersects them)."""
    upper = None if limit is None else offset + limit - 1
    match = _RANGE.fullmatch(range_header) if range_header else None
    if match:
        first, last = int(match.group(1)), int(match.group(2)) if match.group(2) else None
        if last is not None and first > last:
            raise ApiError(416, "PGRST103", "Requested range not satisfiable",
                           "The lower boundary must be lower than or equal to the upper "
                           "boundary in the Range header.")
        offset = max(offset, first)
        upper = last if upper is None else upper if last is None else min(upper, last)
    return (None if upper is None else max(upper - offset + 1, 0)), offset


def content_range(lower: int, upper: int, total: int | None) -> str:
    shown = f"{lower}-{upper}" if total != 0 and lower <= upper else "*"
    return f"{shown}/{'*' if total is None else total}"


def read_status(offset: int, rows: int, total: int | None) -> tuple[int, str]:
    """Status and Content-Range of a read that returned `rows` rows starting at `offset`;
    `total` is the count when one was asked for (416 when offset is past it)."""
    upper = offset + rows - 1
    if total is None:
        status = 200
    elif offset > total:
        raise ApiError(416, "PGRST103", "Requested range not satisfiable",
                       f"An offset of {offset} was requested, but there are only {total} rows.",
                       headers={"Content-Range": f"*/{total}"})
    else:
        status = 206 if 1 + upper - offset < total else 200
    return status, content_range(offset, upper, total)


def response_headers(request: Request, content_range: str, content_type: str | None,
                     applied: str | None) -> dict[str, str]:
    """The headers of a table or RPC answer; `applied` is Preference-Applied."""
    headers = {"Content-Range": content_range}
    if content_type:
        headers["Content-Type"] = content_type
    if applied:
        headers["Preference-Applied"] = applied
    reading = request.method in ("GET", "HEAD")
    profile = request.headers.get("accept-profile" if reading else "content-profile")
    if profile:
        headers["Content-Profile"] = profile
    return headers


def read_response(request: Request, media: Media, prefs: Preferences, status: int,
                  range_header: str, body: str) -> Response:
    """The answer to a read of a table or to an RPC with a result; HEAD's has no body."""
    headers = response_headers(request, range_header, media.content_type,
                               prefs.applied(mutation=False))
    return Response(b"" if request.method == "HEAD" else body.encode(), status, headers)
