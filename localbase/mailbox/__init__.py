"""The local mailbox: what the Supabase CLI's Inbucket/Mailpit is to `supabase start`. Auth
"sends" its e-mails by writing them here (store.py); a small viewer on its own port
(viewer.py, default 54324) lists them for people (HTML) and for tests (JSON)."""
