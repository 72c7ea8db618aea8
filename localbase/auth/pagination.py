"""GoTrue's admin list paging: `page`/`per_page`, `sort=created_at asc|desc`, and the `Link` header
(next and last page) that goes with `X-Total-Count`."""
from __future__ import annotations

import re
from urllib.parse import urlencode

from starlette.requests import Request

from localbase.auth.errors import validation_failed

DEFAULT_PER_PAGE = 50
_UINT = re.compile(r"[0-9]+")
_MAX_UINT64 = 2**64 - 1
_MAX_OFFSET = 2**63 - 1  # PostgreSQL's bigint bounds LIMIT and OFFSET


def _first(request: Request, name: str) -> str:
    """The first value of a query parameter, as Go's url.Values.Get returns it."""
    values = request.query_params.getlist(name)
    return values[0] if values else ""


def _uint(text: str, default: int) -> int:
    if text == "":
        return default
    if not _UINT.fullmatch(text):
        raise validation_failed(
            f'Bad Pagination Parameters: strconv.ParseUint: parsing "{text}": invalid syntax')
    if int(text) > _MAX_UINT64:
        raise validation_failed(
            f'Bad Pagination Parameters: strconv.ParseUint: parsing "{text}": value out of range')
    return int(text)


def page_params(request: Request) -> tuple[int, int]:
    """(page, per_page); empty values mean the defaults 1 and 50, as the client sends them."""
    page = max(_uint(_first(request, "page"), 1), 1)
    per_page = _uint(_first(request, "per_page"), DEFAULT_PER_PAGE)
    if per_page == 0:
        raise validation_failed("Bad Pagination Parameters: per_page must be greater than 0")
    return min(page, _MAX_OFFSET), min(per_page, _MAX_OFFSET)


def sort_ascending(request: Request) -> bool:
    """Only created_at may be sorted on; newest first unless the first sort field says asc."""
    fields = request.query_params.getlist("sort")
    for field in fields:
        parts = field.split(" ")
        if parts[0] != "created_at":
            raise validation_failed(f"Bad Sort Parameters: bad field for sort '{parts[0]}'")
        if len(parts) == 2 and parts[1].upper() not in ("ASC", "DESC"):
            raise validation_failed(f"Bad Sort Parameters: bad direction for sort '{parts[1]}', "
                                    "only 'asc' and 'desc' allowed")
    first = fields[0].split(" ") if fields else []
    return len(first) == 2 and first[1].upper() == "ASC"


def link_header(request: Request, page: int, per_page: int, total: int) -> str:
    """`<next>; rel="next", <last>; rel="last"` with URLs as GoTrue sees them behind Kong: the
    path below /auth/v1 and the query re-encoded with keys sorted."""
    total_pages = -(-total // per_page)
    path = request.scope["path"][len(request.scope.get("root_path", "")):]
    header = ""
    if total_pages > page:
        header += f'<{_page_url(request, path, page + 1)}>; rel="next", '
    return header + f'<{_page_url(request, path, total_pages)}>; rel="last"'


def _page_url(request: Request, path: str, page: int) -> str:
    items = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    items.append(("page", str(page)))
    items.sort(key=lambda item: item[0])
    return f"{path}?{urlencode(items)}"
