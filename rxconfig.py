import logging

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

from omni_app.api import origins
from omni_app.settings import get_settings

# The same settings as the app's (environment, then .env), so the origins allowed here are the
# ones the app's own headers name. The page and its websocket must share the host the browser
# uses, or the session cookie set by /api/auth/login never reaches the backend. Production
# builds bake this URL in.
settings = get_settings()
PUBLIC_URL = settings.omni_public_url

config = rx.Config(
    app_name="omni_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    api_url=PUBLIC_URL,
    deploy_url=PUBLIC_URL,
    # The websocket handshake and CORS on every HTTP route accept only the app's own origins
    # (Reflex's default is "*" with credentials).
    cors_allowed_origins=origins.allowed_origins(settings.omni_public_url, settings.production),
    # The security-headers middleware hashes inline scripts of gzip or plain HTML only.
    frontend_compression_formats=["gzip"],
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="teal", radius="medium"))],
    disable_plugins=[SitemapPlugin],
)

# Debian 12's Node 20 is older than Reflex's minimum (22.22): Reflex then runs the build under
# bun (`bun --bun`, pinned in the Makefile), and production serves static files without Node, so
# the upgrade warning would only send people looking for a problem that is not there.
logging.getLogger("reflex.utils.js_runtimes").addFilter(
    lambda record: "of Node.js is out of date" not in record.getMessage())
