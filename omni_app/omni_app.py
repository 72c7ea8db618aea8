"""The Reflex app: pages, and the HTTP routes mounted in front of Reflex's own."""
from __future__ import annotations

import logging

import reflex as rx
from starlette.applications import Starlette

from omni_app import live
from omni_app.api import auth_routes, health, v1, webhooks
from omni_app.pages.home import home_page
from omni_app.pages.inbox import inbox_page
from omni_app.pages.integrations import integrations_page
from omni_app.pages.login import login_page
from omni_app.pages.onboarding import onboarding_page
from omni_app.pages.team import team_page
from omni_app.settings import get_settings
from omni_app.state.app_state import AppState
from omni_app.state.home import HomeState
from omni_app.state.inbox import InboxState
from omni_app.state.inbox_live import make_publisher
from omni_app.state.integrations import IntegrationsState
from omni_app.state.session import SessionState
from omni_app.state.team import TeamState

settings = get_settings()
logging.basicConfig(level=settings.log_level)
# httpx logs request URLs at INFO; n8n webhook paths work like passwords.
logging.getLogger("httpx").setLevel(logging.WARNING)
settings.master_key()  # refuse to start in production without OMNI_MASTER_KEY

api = Starlette(routes=[*auth_routes.routes, *health.routes, *webhooks.routes, *v1.routes])

app = rx.App(api_transformer=api, theme=rx.theme(accent_color="teal", radius="medium"))
app.add_page(login_page, route="/login", title="Omni", on_load=AppState.use_query_locale)
app.add_page(home_page, route="/", title="Omni",
             on_load=[SessionState.require_clinic_member, HomeState.load_counters])
app.add_page(onboarding_page, route="/onboarding", title="Omni",
             on_load=SessionState.require_no_clinic)
app.add_page(team_page, route="/team", title="Omni",
             on_load=[SessionState.require_admin, TeamState.load_members])
app.add_page(integrations_page, route="/settings/integrations", title="Omni",
             on_load=[SessionState.require_admin, IntegrationsState.load])
app.add_page(inbox_page, route="/inbox", title="Omni", on_load=InboxState.open_inbox)
live.register(make_publisher(app))
