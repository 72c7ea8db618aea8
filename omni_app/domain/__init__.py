"""Business rules. Nothing here imports Reflex: functions take the Supabase client they act as."""
