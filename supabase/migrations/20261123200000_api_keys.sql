-- API keys for automations (n8n's AI agent, other tools) calling /api/v1. Only the SHA-256 of a
-- key is stored; the key itself is shown once, when an admin creates it. A request with a key
-- runs as the admin who created it, so row-level security scopes it exactly like the UI.
create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  prefix text not null check (length(prefix) = 12),
  key_hash text not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
  created_by uuid not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (company_id, created_by) references public.users (company_id, id)
);
-- Serves both foreign keys (company_id alone and company_id + created_by).
create index api_keys_created_by_idx on public.api_keys (company_id, created_by);
create index api_keys_company_created_idx on public.api_keys (company_id, created_at desc);

comment on column public.api_keys.key_hash is
  'SHA-256 hex of the whole key; the key itself is never stored and this column is never selectable when signed in';

create trigger touch_updated_at before update on public.api_keys
  for each row execute function private.touch_updated_at();

alter table public.api_keys enable row level security;
create policy "admins read" on public.api_keys for select to authenticated
  using (company_id = (select private.current_company_id())
         and (select private.current_user_role()) = 'admin');
create policy "admins insert" on public.api_keys for insert to authenticated
  with check (company_id = (select private.current_company_id())
              and (select private.current_user_role()) = 'admin'
              and created_by = (select private.current_user_id()));
create policy "admins update" on public.api_keys for update to authenticated
  using (company_id = (select private.current_company_id())
         and (select private.current_user_role()) = 'admin')
  with check (company_id = (select private.current_company_id()));

-- Column privileges: the hash is written once and never read back; only revoking is an update;
-- nobody deletes (revoked keys stay for the record); anonymous callers get nothing.
revoke all on public.api_keys from anon, authenticated;
grant select (id, company_id, name, prefix, created_by, last_used_at, revoked_at, created_at,
              updated_at)
  on public.api_keys to authenticated;
grant insert (id, company_id, name, prefix, key_hash, created_by) on public.api_keys to authenticated;
grant update (revoked_at) on public.api_keys to authenticated;
