-- Browser sign-ins. The browser holds only an opaque id in an HttpOnly cookie; this table,
-- reachable by the service role alone, keeps the SHA-256 of that id and the Supabase tokens
-- sealed with AES-256-GCM by the server. Deleting a row signs that browser out.
create table public.app_sessions (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  auth_user_id uuid not null references auth.users (id) on delete cascade,
  refresh_token_sealed text not null,
  access_token_sealed text,
  access_expires_at timestamptz,
  key_version integer not null check (key_version > 0),
  user_agent text,
  ip text,
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index app_sessions_auth_user_idx on public.app_sessions (auth_user_id);
create trigger touch_updated_at before update on public.app_sessions
  for each row execute function private.touch_updated_at();
alter table public.app_sessions enable row level security;
-- No policy and no privileges: only the service role (which bypasses RLS) reaches it.
revoke all on public.app_sessions from anon, authenticated;

-- Who am I: the signed-in user's own row and clinic, whatever their status, so the app can say
-- "disabled" or "no clinic yet" instead of showing an empty page.
create function public.my_profile() returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'user_id', u.id, 'email', u.email, 'full_name', u.full_name, 'role', u.role,
    'status', u.status, 'locale', coalesce(u.locale, c.locale, 'pt-BR'),
    'company_id', u.company_id, 'company_name', c.name,
    'company_timezone', coalesce(c.timezone, 'America/Sao_Paulo'))
  from public.users u left join public.companies c on c.id = u.company_id
  where u.auth_user_id = (select auth.uid())
$$;
revoke execute on function public.my_profile() from public, anon;
grant execute on function public.my_profile() to authenticated;

create function public.set_my_locale(p_locale text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if p_locale not in ('pt-BR', 'en', 'es') then
    raise exception 'unsupported language: %', p_locale using errcode = '22023';
  end if;
  update public.users set locale = p_locale where auth_user_id = (select auth.uid());
end
$$;
revoke execute on function public.set_my_locale(text) from public, anon;
grant execute on function public.set_my_locale(text) to authenticated;
