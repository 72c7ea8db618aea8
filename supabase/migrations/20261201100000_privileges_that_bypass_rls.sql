-- TRUNCATE ignores row-level security, and REFERENCES and TRIGGER let a role hang its own
-- objects on tables it may only read. Anonymous and signed-in callers get none of them, on the
-- tables that exist and on the ones later migrations create (Supabase's default privileges
-- grant ALL on new tables to both roles).
revoke truncate, references, trigger on all tables in schema public from anon, authenticated;
alter default privileges for role postgres in schema public
  revoke truncate, references, trigger on tables from anon, authenticated;
