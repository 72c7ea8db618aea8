"""HTTP beside the Reflex app: session cookie routes, webhooks, /api/v1, health, and the
middleware every response passes through (origins, security headers, body limits)."""
