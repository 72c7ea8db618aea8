"""`/rest/v1/{table}`: read (GET, HEAD), insert and upsert (POST), update (PATCH) and delete
(DELETE) rows of the tables and views in `public`, answering as PostgREST does."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from localbase.context import Context
from localbase.errors import ApiError, parse_error
from localbase.rest import mutate
from localbase.rest.compile import Source, Sql, read_sql, select_list, where_clause
from localbase.rest.negotiate import (Media, Preferences, content_range, negotiate, page,
                                      preferences, read_response, read_status,
                                      response_headers)
from localbase.rest.query import Query, parse_query, refuse_arguments
from localbase.rest.schema_cache import SchemaCache, Table
from localbase.rest.statements import SOURCE, mutation_statement, read_statement, run
from localbase.rest.transaction import (RequestAuth, authenticate, check_profile,
                                        request_transaction)


async def handle(request: Request) -> Response:
    ctx: Context = request.app.state.ctx
    auth = authenticate(request, ctx.config.jwt_secret)
    check_profile(request)
    if request.method == "PUT":
        raise ApiError(405, "PGRST117", "Unsupported HTTP method: PUT",
                       "localbase does not implement PUT; upsert with POST and "
                       "Prefer: resolution=merge-duplicates")
    query = parse_query(request.query_params.multi_items())
    refuse_arguments(query)
    table = find_table(ctx.schema, request.path_params["table"])
    if request.method in ("GET", "HEAD"):
        return await _read(ctx, request, auth, query, table)
    if request.method == "POST":
        return await _insert(ctx, request, auth, query, table)
    return await _update_or_delete(ctx, request, auth, query, table)


def find_table(schema: SchemaCache, name: str) -> Table:
    table = schema.tables.get(name)
    if table is None:
        suggestion = schema.suggest_table(name)
        raise ApiError(404, "PGRST205",
                       f"Could not find the table 'public.{name}' in the schema cache",
                       hint=f"Perhaps you meant the table 'public.{suggestion}'"
                       if suggestion else None)
    return table


def _source(table: Table, ref: str) -> Source:
    return Source(ref, table.name, table.column_types)


async def _read(ctx: Context, request: Request, auth: RequestAuth, query: Query,
                table: Table) -> Response:
    media, prefs = negotiate(request), preferences(request)
    limit, offset = page(query.limit, query.offset, request.headers.get("range"))
    ref = mutate.table_ref(table)
    source = _source(table, ref)
    count = (Sql(f"SELECT count(*) FROM {ref}") + where_clause(query.where, source)
             if prefs.count else None)
    head = request.method == "HEAD"
    statement = read_statement(read_sql(query, source, ref, limit, offset), count, media, head)
    async with request_transaction(ctx, request, auth, read_only=True) as conn:
        total, rows, body = await run(conn, statement, media.single)
    status, range_header = read_status(offset, rows, total)
    return read_response(request, media, prefs, status, range_header, body)


async def _insert(ctx: Context, request: Request, auth: RequestAuth, query: Query,
                  table: Table) -> Response:
    media, prefs = negotiate(request), preferences(request)
    payload = mutate.insert_payload(await request.body(), table, query.columns)
    conflict = mutate.conflict_columns(table, query.on_conflict) if prefs.resolution else ()
    mutation = mutate.insert_sql(table, payload, conflict, prefs.resolution,
                                 prefs.missing_default, prefs.representation)
    inserted, rows, body = await _mutate(ctx, request, auth, query, table, mutation, media, prefs)
    merged_only = prefs.resolution == "merge-duplicates" and bool(conflict) and inserted == 0
    headers = _mutation_headers(request, prefs, media,
                                content_range(1, 0, rows if prefs.count else None))
    return _mutation_response(200 if merged_only else 201, body, headers)


async def _update_or_delete(ctx: Context, request: Request, auth: RequestAuth, query: Query,
                            table: Table) -> Response:
    media, prefs = negotiate(request), preferences(request)
    if query.limit is not None or query.offset:
        raise parse_error("limit/offset on PATCH and DELETE are not supported by localbase")
    where = where_clause(query.where, _source(table, mutate.TARGET))
    if request.method == "PATCH":
        payload = mutate.update_payload(await request.body(), table, query.columns)
        if payload.columns:
            _require_filter(query, "UPDATE")
        mutation = mutate.update_sql(table, payload, where, prefs.representation)
    else:
        _require_filter(query, "DELETE")
        mutation = mutate.delete_sql(table, where, prefs.representation)
    _, rows, body = await _mutate(ctx, request, auth, query, table, mutation, media, prefs)
    total = rows if prefs.count else None
    shown = content_range(0, rows - 1, total) if request.method == "PATCH" else content_range(
        1, 0, total)
    headers = _mutation_headers(request, prefs, media, shown)
    return _mutation_response(200 if prefs.representation else 204, body, headers)


def _require_filter(query: Query, statement: str) -> None:
    """Supabase loads pg-safeupdate for the API's role: no filter, no UPDATE or DELETE."""
    if not query.where:
        raise ApiError(400, "21000", f"{statement} requires a WHERE clause")


async def _mutate(ctx: Context, request: Request, auth: RequestAuth, query: Query, table: Table,
                  mutation: Sql, media: Media,
                  prefs: Preferences) -> tuple[int | None, int, str | None]:
    select = select_list(query.select, _source(table, SOURCE)) if prefs.representation else None
    statement = mutation_statement(mutation, select, media)
    async with request_transaction(ctx, request, auth, read_only=False) as conn:
        return await run(conn, statement, media.single)


def _mutation_headers(request: Request, prefs: Preferences, media: Media,
                      range_header: str) -> dict[str, str]:
    content_type = media.content_type if prefs.representation else None
    return response_headers(request, range_header, content_type, prefs.applied(mutation=True))


def _mutation_response(status: int, body: str | None, headers: dict[str, str]) -> Response:
    """body is None with return=minimal."""
    return Response(b"" if body is None else body.encode(), status, headers)
