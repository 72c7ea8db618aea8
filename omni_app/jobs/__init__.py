"""Durable background work claimed from Postgres (the `jobs` table): reply deliveries now,
scheduled tasks later. Every app process runs one Worker (a Reflex lifespan task); `python -m
omni_app.jobs` runs one alone. The only place that runs code outside a request."""
