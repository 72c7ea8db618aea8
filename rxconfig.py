import os

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

from omni_app.api import origins

# The page and its websocket must share the host the browser uses, or the session cookie set
# by /api/auth/login never reaches the backend. Production builds bake this URL in.
PUBLIC_URL = os.environ.get("OMNI_PUBLIC_URL", origins.DEFAULT_PUBLIC_URL).rstrip("/")

config = rx.Config(
    app_name="omni_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    api_url=PUBLIC_URL,
    deploy_url=PUBLIC_URL,
    # The websocket handshake and CORS on every HTTP route accept only the app's own origins
    # (Reflex's default is "*" with credentials).
    cors_allowed_origins=origins.from_environment(),
    # The security-headers middleware hashes inline scripts of gzip or plain HTML only.
    frontend_compression_formats=["gzip"],
    plugins=[rx.plugins.RadixThemesPlugin()],
    disable_plugins=[SitemapPlugin],
)
