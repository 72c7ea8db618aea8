"""The composition root: builds Services once, registers pages, API routes and the job worker."""
from __future__ import annotations

import logging

import reflex as rx

from omni_app import paths, production_checks, services as services_module
from omni_app.api import origins
from omni_app.api.app import build_api
from omni_app.api.security_headers import SecurityHeaders
from omni_app.jobs.worker import Worker
from omni_app.pages.account import account_page
from omni_app.pages.analyst_settings import analyst_settings_page
from omni_app.pages.forgot import forgot_page
from omni_app.pages.audit_log import audit_log_page
from omni_app.pages.clinic_settings import clinic_settings_page
from omni_app.pages.client_profile import client_profile_page
from omni_app.pages.clients import clients_page
from omni_app.pages.duplicates import duplicates_page
from omni_app.pages.pipeline import pipeline_page
from omni_app.pages.agenda import agenda_page
from omni_app.pages.pipeline_stages import pipeline_stages_page
from omni_app.pages.professionals import professionals_page
from omni_app.pages.home import home_page
from omni_app.pages.inbox import inbox_page
from omni_app.pages.integrations import integrations_page
from omni_app.pages.login import login_page
from omni_app.pages.message_templates import message_templates_page
from omni_app.pages.not_found import not_found_page
from omni_app.pages.onboarding import onboarding_page
from omni_app.pages.quick_replies import quick_replies_page
from omni_app.pages.services import services_page
from omni_app.pages.set_password import set_password_page
from omni_app.pages.signup import signup_page
from omni_app.pages.team import team_page
from omni_app.settings import get_settings
from omni_app.state.account import AccountState
from omni_app.state.alerts import AlertsState
from omni_app.state.analyst_settings import AnalystSettingsState
from omni_app.state.app_state import AppState
from omni_app.state.audit_log import AuditLogState
from omni_app.state.clinic_settings import ClinicSettingsState
from omni_app.state.client_profile import ClientProfileState
from omni_app.state.clients import ClientsState
from omni_app.state.duplicates import DuplicatesState
from omni_app.state.home import HomeState
from omni_app.state.inbox import InboxState
from omni_app.state.inbox_live import make_publisher
from omni_app.state.message_templates import MessageTemplatesState
from omni_app.state.integrations import IntegrationsState
from omni_app.state.not_found import NotFoundState
from omni_app.state.onboarding import OnboardingState
from omni_app.state.quick_replies import QuickRepliesState
from omni_app.state.pipeline import PipelineState
from omni_app.state.agenda import AgendaState
from omni_app.state.pipeline_stages import PipelineStagesState
from omni_app.state.services import ServicesState
from omni_app.state.professionals import ProfessionalsState
from omni_app.state.session import SessionState
from omni_app.state.team import TeamState

settings = get_settings()
logging.basicConfig(level=settings.log_level)
# httpx logs request URLs at INFO; n8n webhook paths work like passwords.
logging.getLogger("httpx").setLevel(logging.WARNING)
production_checks.enforce(settings)  # no demo secrets, no weak master key in production
# Malformed keys or proxy lists stop the start here, not at the first request.
services = services_module.install(services_module.Services.from_settings(settings))

api = build_api()
allowed_origins = origins.allowed_origins(settings.omni_public_url, settings.production)


def with_security_headers(asgi_app):
    return SecurityHeaders(asgi_app, origins=allowed_origins, production=settings.production)


app = rx.App(api_transformer=[api, with_security_headers],
             stylesheets=["/compact.css", "/pipeline.css", "/theme.css", "/agenda.css"],
             # A static file, not rx.call_script: the page policy never allows eval.
             head_components=[rx.el.script(src="/composer_keys.js", defer=True),
                              rx.el.script(src="/inbox_navigation.js", defer=True),
                              rx.el.script(src="/composer_limit.js", defer=True),
                              rx.el.script(src="/composer_inserts.js", defer=True),
                              rx.el.script(src="/composer_drafts.js", defer=True),
                              rx.el.script(src="/composer_suggestion.js", defer=True),
                              rx.el.script(src="/alerts.js", defer=True),
                              rx.el.script(src="/pipeline_dnd.js", defer=True),
                              rx.el.script(src="/agenda_dnd.js", defer=True)])
# Signed-in pages carry the clinic's unread count in the tab title: "(3) Omni".
SIGNED_IN_TITLE = AlertsState.tab_title
app.add_page(login_page, route=paths.LOGIN, title="Omni", on_load=AppState.use_query_locale)
app.add_page(forgot_page, route=paths.FORGOT, title="Omni", on_load=AppState.use_query_locale)
app.add_page(signup_page, route=paths.SIGNUP, title="Omni", on_load=AppState.use_query_locale)
app.add_page(set_password_page, route=paths.SET_PASSWORD, title="Omni",
             on_load=AppState.use_query_locale)
app.add_page(home_page, route=paths.HOME, title=SIGNED_IN_TITLE,
             on_load=[SessionState.require_clinic_member, HomeState.load_counters,
                      HomeState.follow_live])
app.add_page(onboarding_page, route=paths.ONBOARDING, title="Omni",
             on_load=[SessionState.require_no_clinic, OnboardingState.load_invitations])
app.add_page(team_page, route=paths.TEAM, title=SIGNED_IN_TITLE,
             on_load=[SessionState.require_admin, TeamState.load_members])
app.add_page(integrations_page, route=paths.INTEGRATIONS, title=SIGNED_IN_TITLE,
             on_load=[SessionState.require_admin, IntegrationsState.load])
app.add_page(inbox_page, route=paths.INBOX, title=SIGNED_IN_TITLE, on_load=InboxState.open_inbox)
app.add_page(inbox_page, route=paths.INBOX_CONVERSATION, title=SIGNED_IN_TITLE,
             on_load=InboxState.open_inbox)
app.add_page(clients_page, route=paths.CLIENTS, title=SIGNED_IN_TITLE,
             on_load=ClientsState.open_clients)
app.add_page(duplicates_page, route=paths.CLIENT_DUPLICATES, title=SIGNED_IN_TITLE,
             on_load=DuplicatesState.open_duplicates)
app.add_page(client_profile_page, route=paths.CLIENT_PROFILE, title=SIGNED_IN_TITLE,
             on_load=ClientProfileState.open_profile)
app.add_page(pipeline_page, route=paths.PIPELINE, title=SIGNED_IN_TITLE,
             on_load=PipelineState.open_pipeline)
app.add_page(agenda_page, route=paths.AGENDA, title=SIGNED_IN_TITLE,
             on_load=AgendaState.open_agenda)
app.add_page(pipeline_stages_page, route=paths.PIPELINE_STAGES, title=SIGNED_IN_TITLE,
             on_load=[SessionState.require_admin, PipelineStagesState.open_stages])
app.add_page(quick_replies_page, route=paths.QUICK_REPLIES, title=SIGNED_IN_TITLE,
             on_load=[SessionState.require_admin, QuickRepliesState.load])
app.add_page(message_templates_page, route=paths.MESSAGE_TEMPLATES, title=SIGNED_IN_TITLE,
             on_load=[SessionState.require_admin, MessageTemplatesState.load])
app.add_page(clinic_settings_page, route=paths.CLINIC_SETTINGS, title=SIGNED_IN_TITLE,
             on_load=ClinicSettingsState.open_settings)
app.add_page(audit_log_page, route=paths.AUDIT_LOG, title=SIGNED_IN_TITLE,
             on_load=[SessionState.require_admin, AuditLogState.open_audit])
app.add_page(analyst_settings_page, route=paths.ANALYST_SETTINGS, title=SIGNED_IN_TITLE,
             on_load=[SessionState.require_admin, AnalystSettingsState.open_settings])
app.add_page(services_page, route=paths.SERVICES, title=SIGNED_IN_TITLE,
             on_load=ServicesState.load)
app.add_page(professionals_page, route=paths.PROFESSIONALS, title=SIGNED_IN_TITLE,
             on_load=[SessionState.require_admin, ProfessionalsState.open_professionals])
app.add_page(account_page, route=paths.ACCOUNT, title=SIGNED_IN_TITLE,
             on_load=[SessionState.require_clinic_member, AccountState.load])
app.add_page(not_found_page, route="404", title="Omni", on_load=NotFoundState.load)

services.publisher = make_publisher(app)
worker = Worker(services)
services.wake_worker = worker.wake
app.register_lifespan_task(worker.run_forever)  # each app process claims due jobs
