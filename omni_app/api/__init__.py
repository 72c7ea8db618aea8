"""HTTP beside the Reflex pages: app.py builds the one FastAPI app (session cookie routes,
webhooks, /api/v1, health, the API reference); security_headers.py and origins.py are what every
response passes through."""
