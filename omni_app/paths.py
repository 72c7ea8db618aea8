"""Every path the app's own pages link, post or redirect to, named once. The composition root
registers pages under these names and the HTTP routes answer on them."""
from __future__ import annotations

# pages
HOME = "/"
LOGIN = "/login"
ONBOARDING = "/onboarding"
INBOX = "/inbox"
INBOX_CONVERSATION = "/inbox/[conversation_id]"     # a link to one conversation
CLIENTS = "/clients"
PIPELINE = "/pipeline"
PIPELINE_STAGES = "/pipeline/stages"
AGENDA = "/agenda"
CLIENT_PROFILE = "/clients/[client_id]"    # a link to one client
CLIENT_DUPLICATES = "/clients/duplicates"
TEAM = "/team"
INTEGRATIONS = "/settings/integrations"
ACCOUNT = "/account"
QUICK_REPLIES = "/settings/quick-replies"
MESSAGE_TEMPLATES = "/settings/templates"
CLINIC_SETTINGS = "/settings/clinic"
AUDIT_LOG = "/settings/audit"
ANALYST_SETTINGS = "/settings/analyst"
SERVICES = "/settings/services"
PROFESSIONALS = "/settings/professionals"
# signed-out account pages (an e-mailed link lands on SET_PASSWORD: Auth's redirect allow list)
FORGOT = "/forgot"
SET_PASSWORD = "/auth/set-password"
SIGNUP = "/signup"

# form posts (api/auth_routes.py): the session cookie is set and cleared only there
SIGN_IN = "/api/auth/login"
CHANGE_PASSWORD = "/api/auth/password"
SIGN_OUT = "/api/auth/logout"
FORGOT_POST = "/api/auth/forgot"
SET_PASSWORD_POST = "/api/auth/set-password"
SIGN_UP = "/api/auth/signup"

# downloads that need the admin's session cookie (api/n8n_workflows.py)
N8N_WORKFLOW = "/api/integrations/{channel}/n8n/{direction}.json"
# ... and a client's privacy export, as JSON or a printable page (api/client_exports.py)
CLIENT_EXPORT = "/api/clients/{client_id}/export.{fmt}"

# a professional's private calendar feed, for calendar apps (api/ical_routes.py)
CALENDAR_FEED = "/api/calendar/{token}.ics"

# the API reference (api/app.py)
API_DOCS = "/api/v1/docs"
API_DOCUMENT = "/api/v1/openapi.json"
