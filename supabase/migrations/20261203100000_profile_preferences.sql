-- The profile page: a member changes their own name, language and theme, and nobody else's.
-- Before, an admin could rewrite a colleague's name or language with a plain update (column
-- grants + "admins update"); the name is now changed only by its owner, through the definer
-- function below, which also echoes it to Auth's user_metadata and writes the audit trail.
-- The language is echoed to user_metadata.locale too: Auth's e-mail templates read it there.

alter table public.users
  add column theme text not null default 'system' check (theme in ('light', 'dark', 'system'));
comment on column public.users.theme is
  'The member''s colour mode (light, dark or system), applied by the app on every page load.';

revoke update (full_name, locale) on public.users from authenticated;
drop policy "admins update" on public.users;

alter table public.audit_log drop constraint audit_log_known_action;
alter table public.audit_log add constraint audit_log_known_action check (action in (
  'team.invite', 'team.invitation_revoked', 'team.invitation_accepted', 'team.change',
  'api_key.created', 'api_key.revoked',
  'integration.status', 'integration.outbound_url', 'integration.rotate_signing_secret',
  'integration.set_secret', 'integration.set_credential',
  'account.name'));

-- The caller's own name (1–200 characters after trimming). Returns the name as stored.
create function public.set_my_name(p_full_name text) returns text
language plpgsql security definer set search_path = '' as $$
declare
  v_name text := btrim(coalesce(p_full_name, ''));
  v_me public.users;
begin
  if length(v_name) = 0 or length(v_name) > 200 then
    raise exception 'a name has 1 to 200 characters' using errcode = '22023';
  end if;
  select * into v_me from public.users where auth_user_id = (select auth.uid()) for update;
  if not found then
    raise exception 'sign in to change your name' using errcode = 'PT401';
  end if;
  if v_me.full_name is not distinct from v_name then
    return v_name;
  end if;
  update public.users set full_name = v_name where id = v_me.id;
  update auth.users
  set raw_user_meta_data = coalesce(raw_user_meta_data, '{}')
        || jsonb_build_object('full_name', v_name)
  where id = v_me.auth_user_id;
  if v_me.company_id is not null then
    insert into public.audit_log (company_id, actor_user_id, action, entity, entity_id, details)
    values (v_me.company_id, v_me.id, 'account.name', 'user', v_me.id,
            jsonb_build_object('from', v_me.full_name, 'to', v_name));
  end if;
  return v_name;
end
$$;
revoke execute on function public.set_my_name(text) from public, anon;
grant execute on function public.set_my_name(text) to authenticated;

-- The caller's own language, kept in public.users and echoed to user_metadata.locale.
create or replace function public.set_my_locale(p_locale text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if p_locale is null or p_locale not in ('pt-BR', 'en', 'es') then
    raise exception 'unsupported language: %', p_locale using errcode = '22023';
  end if;
  update public.users set locale = p_locale where auth_user_id = (select auth.uid());
  update auth.users
  set raw_user_meta_data = coalesce(raw_user_meta_data, '{}')
        || jsonb_build_object('locale', p_locale)
  where id = (select auth.uid());
end
$$;
revoke execute on function public.set_my_locale(text) from public, anon;
grant execute on function public.set_my_locale(text) to authenticated;

-- The caller's own colour mode.
create function public.set_my_theme(p_theme text) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if p_theme is null or p_theme not in ('light', 'dark', 'system') then
    raise exception 'unknown theme: %', p_theme using errcode = '22023';
  end if;
  update public.users set theme = p_theme where auth_user_id = (select auth.uid());
end
$$;
revoke execute on function public.set_my_theme(text) from public, anon;
grant execute on function public.set_my_theme(text) to authenticated;

-- Who am I, now with the theme.
create or replace function public.my_profile() returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'user_id', u.id, 'email', u.email, 'full_name', u.full_name, 'role', u.role,
    'status', u.status, 'locale', coalesce(u.locale, c.locale, 'pt-BR'), 'theme', u.theme,
    'company_id', u.company_id, 'company_name', c.name,
    'company_timezone', coalesce(c.timezone, 'America/Sao_Paulo'))
  from public.users u left join public.companies c on c.id = u.company_id
  where u.auth_user_id = (select auth.uid())
$$;
revoke execute on function public.my_profile() from public, anon;
grant execute on function public.my_profile() to authenticated;
