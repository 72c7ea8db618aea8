"""Demo data for one clinic: `python -m omni_app.demo_data --clients N`."""
