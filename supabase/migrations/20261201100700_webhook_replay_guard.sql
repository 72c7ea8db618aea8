-- Signed webhook requests are accepted once. The server remembers each accepted signature per
-- integration for as long as the request could still verify (twice the 300-second window for
-- Omni's scheme; days for Meta's, which carries no timestamp), here rather than in memory so the
-- guard holds across workers and restarts. Reachable by the service role alone.
create table public.webhook_replay_guard (
  scope text not null check (length(scope) between 1 and 100),
  signature_hash text not null check (signature_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz not null,
  primary key (scope, signature_hash)
);
create index webhook_replay_guard_expires_idx on public.webhook_replay_guard (expires_at);
alter table public.webhook_replay_guard enable row level security;
revoke all on public.webhook_replay_guard from anon, authenticated;

-- True the first time a signature is seen (or once its memory has expired), false for a replay.
create function public.accept_webhook_signature(p_scope text, p_signature_hash text,
                                                p_keep_seconds integer)
returns boolean
language plpgsql set search_path = '' as $$
declare
  v_accepted boolean;
begin
  delete from public.webhook_replay_guard
  where ctid in (select ctid from public.webhook_replay_guard where expires_at < now() limit 100);
  insert into public.webhook_replay_guard as g (scope, signature_hash, expires_at)
  values (p_scope, p_signature_hash, now() + make_interval(secs => p_keep_seconds))
  on conflict (scope, signature_hash) do update set expires_at = excluded.expires_at
    where g.expires_at < now()
  returning true into v_accepted;
  return coalesce(v_accepted, false);
end
$$;
revoke execute on function public.accept_webhook_signature(text, text, integer)
  from public, anon, authenticated;
grant execute on function public.accept_webhook_signature(text, text, integer) to service_role;

-- A request that was accepted but could not be stored (the database was unavailable) is
-- forgotten, so the sender's retry of the very same request gets through.
create function public.forget_webhook_signature(p_scope text, p_signature_hash text)
returns void
language sql set search_path = '' as $$
  delete from public.webhook_replay_guard where scope = p_scope and signature_hash = p_signature_hash
$$;
revoke execute on function public.forget_webhook_signature(text, text)
  from public, anon, authenticated;
grant execute on function public.forget_webhook_signature(text, text) to service_role;
