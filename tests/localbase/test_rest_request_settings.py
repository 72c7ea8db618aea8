"""Each REST request's transaction carries the role, claims, method, path and headers."""
from __future__ import annotations

import uuid

from tests.localbase.auth_support import client
from tests.localbase.rest_support import user_token


def test_settings_seen_by_sql_for_anon_and_for_a_user(lb, anon):
    anon.postgrest.session.headers["x-clinic-trace"] = "trace-1"
    seen = anon.rpc("request_settings", {}, get=True).execute().data
    assert seen == {"role": "anon", "method": "GET", "path": "/rpc/request_settings",
                    "header": "trace-1", "sub": None, "search_path": "public, extensions",
                    "read_only": "on"}

    subject = str(uuid.uuid4())
    user = client(lb)
    user.postgrest.auth(user_token(lb, sub=subject))
    seen = user.rpc("request_settings", {}).execute().data
    assert (seen["role"], seen["method"], seen["sub"]) == ("authenticated", "POST", subject)
