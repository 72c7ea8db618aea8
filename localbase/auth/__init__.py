"""GoTrue-compatible Auth API served under /auth/v1: email + password sign-up and sign-in,
refresh-token rotation, the signed-in user's endpoints, logout, user administration, and the
e-mailed flows (recovery, invitation, verification) whose mail lands in the local mailbox."""
from __future__ import annotations

from starlette.routing import Route

from localbase.auth import account, admin, emailed, grants, signup, unsupported, verify

routes = [
    Route("/signup", signup.signup, methods=["POST"]),
    Route("/token", grants.token, methods=["POST"]),
    Route("/user", account.get_user, methods=["GET"]),
    Route("/user", account.update_user, methods=["PUT"]),
    Route("/logout", account.logout, methods=["POST"]),
    Route("/recover", emailed.recover, methods=["POST"]),
    Route("/invite", emailed.invite, methods=["POST"]),
    Route("/verify", verify.verify_post, methods=["POST"]),
    Route("/verify", verify.verify_get, methods=["GET"]),
    Route("/admin/users", admin.list_users, methods=["GET"]),
    Route("/admin/users", admin.create_user, methods=["POST"]),
    Route("/admin/users/{user_id}", admin.get_user, methods=["GET"]),
    Route("/admin/users/{user_id}", admin.update_user, methods=["PUT"]),
    Route("/admin/users/{user_id}", admin.delete_user, methods=["DELETE"]),
    *unsupported.routes,
]
