import os

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

# The page and its websocket must share the host the browser uses, or the session cookie set
# by /api/auth/login never reaches the backend. Production builds bake this URL in.
PUBLIC_URL = os.environ.get("OMNI_PUBLIC_URL", "http://127.0.0.1:3000").rstrip("/")

config = rx.Config(
    app_name="omni_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    api_url=PUBLIC_URL,
    deploy_url=PUBLIC_URL,
    plugins=[rx.plugins.RadixThemesPlugin()],
    disable_plugins=[SitemapPlugin],
)
