"""Errors as PostgREST and GoTrue answer them."""
from __future__ import annotations

import json

from starlette.responses import Response

JSON = "application/json; charset=utf-8"


class ApiError(Exception):
    """A PostgREST-style error: `{"code","message","details","hint"}` with an HTTP status."""

    def __init__(self, status: int, code: str | None, message: str, details: str | None = None,
                 hint: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details, self.hint, self.headers = details, hint, headers or {}

    def body(self) -> dict:
        return {"code": self.code, "message": self.message, "details": self.details,
                "hint": self.hint}

    def response(self) -> Response:
        return Response(json.dumps(self.body()), status_code=self.status, media_type=JSON,
                        headers=self.headers)


def parse_error(message: str, details: str | None = None) -> ApiError:
    return ApiError(400, "PGRST100", message, details)


# SQLSTATE class (first two chars) or full code -> HTTP status, as PostgREST maps them.
_BY_CODE = {
    "23503": 409, "23505": 409, "25006": 405, "P0001": 400, "42883": 404, "42P01": 404,
    "42P17": 500, "21000": 500,
}
_BY_CLASS = {
    "08": 503, "09": 500, "0L": 403, "0P": 403, "25": 500, "28": 403, "2D": 500, "38": 500,
    "39": 500, "3B": 500, "40": 500, "53": 503, "54": 500, "55": 500, "57": 500, "58": 500,
    "F0": 500, "HV": 500, "P0": 500, "XX": 500,
}


def status_for_sqlstate(sqlstate: str | None, anonymous: bool) -> int:
    if not sqlstate:
        return 500
    if sqlstate == "42501":
        return 401 if anonymous else 403
    if sqlstate.startswith("PT") and sqlstate[2:].isdigit():
        return int(sqlstate[2:])
    return _BY_CODE.get(sqlstate) or _BY_CLASS.get(sqlstate[:2], 400)


def from_database(exc: Exception, anonymous: bool) -> ApiError:
    """Translate a psycopg error raised by a request's query."""
    diag = getattr(exc, "diag", None)
    sqlstate = getattr(exc, "sqlstate", None)
    message = (diag.message_primary if diag and diag.message_primary else str(exc)).strip()
    details = diag.message_detail if diag else None
    hint = diag.message_hint if diag else None
    headers = {}
    status = status_for_sqlstate(sqlstate, anonymous)
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return ApiError(status, sqlstate, message, details, hint, headers)
