"""The one way an HTTP route ends a request early: `HttpError(status, message)`, answered as
JSON `{"error": message}` (plus `details` where there are some, and headers such as
Retry-After)."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from starlette.responses import JSONResponse

RETRY_LATER_S = "5"


class Error(BaseModel):
    """The body of every error answer (the API reference's name for it)."""
    error: str
    details: list[dict[str, Any]] | None = None
    client_id: str | None = Field(default=None, description="on a 409 for a phone number "
                                  "or Instagram id another client has: that client's id")


def refusal(reason: str, status: int, message: str, field: str | None = None) -> "HttpError":
    """A domain refusal as an answer; a 422 about one body field names it in `details`."""
    details = ([{"loc": ["body", field], "msg": message, "type": reason}]
               if status == 422 and field else None)
    return HttpError(status, message, details=details)


class HttpError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None,
                 details: list | None = None):
        super().__init__(message)
        self.status, self.message, self.headers, self.details = status, message, headers, details
        self.extra: dict[str, Any] = {}   # more members of the body (`client_id` on a conflict)

    def response(self) -> JSONResponse:
        body = {"error": self.message, **({"details": self.details} if self.details else {}),
                **self.extra}
        return JSONResponse(body, status_code=self.status, headers=self.headers)


def unavailable() -> HttpError:
    """Storage is down for a moment: the sender should try again."""
    return HttpError(503, "temporarily unavailable, retry later", {"Retry-After": RETRY_LATER_S})
