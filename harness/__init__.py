"""What the tests and the benchmarks share: the app in its own process, Chromium, throwaway
clinics. Imports omni_app and localbase; nothing in the app imports it."""
