"""`/rest/v1/rpc/{name}`: call a function of schema `public` as PostgREST does.

POST takes named arguments from a JSON object body (or the whole body for a lone unnamed
json/jsonb parameter) and may write only when the function is volatile; GET and HEAD take them
from the query string and run read-only. Results: void -> 204; scalar -> bare JSON value;
single row -> object; set -> array that the query string filters, orders and pages, with
Content-Range (206/416 when counted), or one object for the single-object media type.
"""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from localbase.context import Context
from localbase.rest.functions import ReturnKind
from localbase.rest.negotiate import (negotiate, page, preferences, read_response, read_status,
                                      response_headers)
from localbase.rest.query import parse_query, refuse_arguments, rpc_arguments
from localbase.rest.rpc_args import find_function, parse_body, query_arguments
from localbase.rest.rpc_sql import call_with_body, call_with_text, read_statement, void_statement
from localbase.rest.statements import run
from localbase.rest.transaction import authenticate, check_profile, request_transaction


async def handle(request: Request) -> Response:
    ctx: Context = request.app.state.ctx
    auth = authenticate(request, ctx.config.jwt_secret)
    check_profile(request)
    query = parse_query(request.query_params.multi_items())
    media, prefs = negotiate(request), preferences(request)
    functions, name = ctx.schema.functions, request.path_params["name"]
    is_post = request.method == "POST"
    if is_post:
        refuse_arguments(query)  # PostgREST ignores them on POST
        body, payload = parse_body(await request.body())
        keys = frozenset(payload) if isinstance(payload, dict) else frozenset()
        function = find_function(functions, name, keys, is_post=True)
        call = call_with_body(function, body, keys)
    else:
        arguments = rpc_arguments(query)
        keys = frozenset(key for key, _ in arguments)
        function = find_function(functions, name, keys, is_post=False)
        call = call_with_text(function, query_arguments(function, arguments))
    # PostgREST: only a POST to a volatile function runs read-write.
    read_only = not (is_post and function.volatile)
    if function.kind is ReturnKind.VOID:
        statement = void_statement(call)
        async with request_transaction(ctx, request, auth, read_only) as conn:
            await conn.execute(statement.text, statement.params)
        return Response(status_code=204, headers=response_headers(request, "0-0/*", None, None))
    limit, offset = page(query.limit, query.offset, request.headers.get("range"))
    head = request.method == "HEAD"
    statement = read_statement(function, call, query, media, count=prefs.count, head=head,
                               limit=limit, offset=offset)
    async with request_transaction(ctx, request, auth, read_only) as conn:
        total, rows, body = await run(conn, statement, media.single)
        # 416 inside the transaction too, so a volatile function's writes roll back.
        status, content_range = read_status(offset, rows, total)
    return read_response(request, media, prefs, status, content_range, body)
