"""HTTP routes beside the Reflex app: session cookie routes, health (webhooks and /api/v1 later)."""
