-- A member's clinic, role and status change in one place. public.users is the truth that RLS
-- reads; the token's app_metadata is only an echo of it, so the functions below write both in
-- one transaction. The auth sync trigger takes a clinic and role from app_metadata only while
-- the user has no clinic yet (an account the service role provisions into a clinic); after
-- that an update copies the email alone. (Before, any update, such as changing one's own
-- email, re-applied a stale app_metadata role: a demoted admin became admin again.)

create or replace function private.sync_user_from_auth() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  meta jsonb := coalesce(new.raw_app_meta_data, '{}');
  meta_company uuid := nullif(meta ->> 'company_id', '')::uuid;
  meta_role text := coalesce(nullif(meta ->> 'role', ''), 'staff');
begin
  if tg_op = 'INSERT' then
    insert into public.users (auth_user_id, company_id, role, email, full_name)
    values (new.id, meta_company, meta_role, coalesce(new.email, ''),
            coalesce(nullif(btrim(new.raw_user_meta_data ->> 'full_name'), ''), ''));
  else
    update public.users u
    set email = coalesce(new.email, u.email),
        role = case when u.company_id is null and meta_company is not null
                    then meta_role else u.role end,
        company_id = coalesce(u.company_id, meta_company)
    where u.auth_user_id = new.id;
  end if;
  return null;
end
$$;
revoke execute on function private.sync_user_from_auth() from public, anon, authenticated;

-- The caller's clinic when they are one of its active admins; otherwise the statement stops here
-- (PT403, which the API answers as 403). Every admin-only function starts with it.
create function private.admin_company_id() returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  if private.current_user_role() is distinct from 'admin' then
    raise exception 'only an active admin of the clinic may do this' using errcode = 'PT403';
  end if;
  return private.current_company_id();
end
$$;
revoke execute on function private.admin_company_id() from public, anon;
grant execute on function private.admin_company_id() to authenticated, service_role;

-- The token's copy of who the user is, rewritten from public.users.
create function private.echo_membership_to_auth(p_user_id uuid) returns void
language sql security definer set search_path = '' as $$
  update auth.users a
  set raw_app_meta_data = coalesce(a.raw_app_meta_data, '{}')
        || jsonb_build_object('company_id', u.company_id, 'role', u.role)
  from public.users u
  where u.id = p_user_id and a.id = u.auth_user_id
$$;
revoke execute on function private.echo_membership_to_auth(uuid) from public, anon, authenticated;

-- An admin changes a colleague's role or status (active/disabled). In the same transaction:
-- the token echo, the audit row, every browser of a disabled member signed out, and the API
-- keys of a member who is no longer an active admin revoked (a key acts as its creator).
create function public.set_member_access(p_member_id uuid, p_role text default null,
                                         p_status text default null)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_actor uuid := private.current_user_id();
  v_member public.users;
  v_changes jsonb := '{}';
begin
  if p_role is not null and p_role not in ('admin', 'staff') then
    raise exception 'unknown role: %', p_role using errcode = '22023';
  end if;
  if p_status is not null and p_status not in ('active', 'disabled') then
    raise exception 'unknown status: %', p_status using errcode = '22023';
  end if;
  if p_member_id = v_actor then
    raise exception 'you cannot change your own access' using errcode = 'PT409';
  end if;
  select * into v_member from public.users
  where id = p_member_id and company_id = v_company for update;
  if not found then
    raise exception 'member not found' using errcode = 'PT404';
  end if;

  if p_role is not null then
    v_changes := v_changes || jsonb_build_object('role', p_role);
  end if;
  if p_status is not null then
    v_changes := v_changes || jsonb_build_object('status', p_status);
  end if;
  update public.users
  set role = coalesce(p_role, role), status = coalesce(p_status, status)
  where id = v_member.id
  returning * into v_member;
  perform private.echo_membership_to_auth(v_member.id);

  if v_member.status = 'disabled' then
    delete from public.app_sessions where auth_user_id = v_member.auth_user_id;
  end if;
  if v_member.role <> 'admin' or v_member.status <> 'active' then
    with revoked as (
      update public.api_keys set revoked_at = now()
      where company_id = v_company and created_by = v_member.id and revoked_at is null
      returning id, name, prefix)
    insert into public.audit_log (company_id, actor_user_id, action, entity, entity_id, details)
    select v_company, v_actor, 'api_key.revoked', 'api_key', r.id,
           jsonb_build_object('name', r.name, 'prefix', r.prefix, 'reason', 'creator_lost_admin')
    from revoked r;
  end if;
  insert into public.audit_log (company_id, actor_user_id, action, entity, entity_id, details)
  values (v_company, v_actor, 'team.change', 'user', v_member.id, v_changes);

  return jsonb_build_object('id', v_member.id, 'auth_user_id', v_member.auth_user_id,
    'full_name', v_member.full_name, 'email', v_member.email, 'role', v_member.role,
    'status', v_member.status);
end
$$;
revoke execute on function public.set_member_access(uuid, text, text) from public, anon;
grant execute on function public.set_member_access(uuid, text, text) to authenticated;

-- create_company already writes both sides; it now uses the shared echo.
create or replace function public.create_company(
  p_name text,
  p_timezone text default 'America/Sao_Paulo',
  p_locale text default 'pt-BR'
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  me public.users;
  new_company uuid;
  base_slug text := private.slugify(p_name);
  candidate text := base_slug;
begin
  select * into me from public.users where auth_user_id = (select auth.uid()) for update;
  if me.id is null then
    raise exception 'Sign in to create a clinic' using errcode = 'PT401';
  end if;
  if me.company_id is not null then
    raise exception 'You already belong to a clinic' using errcode = 'PT409';
  end if;
  if coalesce(length(btrim(p_name)), 0) = 0 then
    raise exception 'The clinic needs a name' using errcode = '22023';
  end if;
  while exists (select from public.companies where slug = candidate) loop
    candidate := base_slug || '-' || substr(md5(random()::text), 1, 6);
  end loop;
  insert into public.companies (name, slug, timezone, locale)
  values (btrim(p_name), candidate, p_timezone, p_locale)
  returning id into new_company;
  insert into public.settings (company_id) values (new_company);
  update public.users set company_id = new_company, role = 'admin', status = 'active'
  where id = me.id;
  perform private.echo_membership_to_auth(me.id);
  return new_company;
end
$$;

-- Role and status are no longer writable through the API: only set_member_access changes them.
revoke update (role, status) on public.users from authenticated;
