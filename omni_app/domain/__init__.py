"""Business rules. Functions take the Supabase client they act as and every other dependency as
an argument; nothing here imports Reflex or a process-wide object (tests/unit/test_layers.py)."""
