-- auth.users -> public.users. Authorization data (company, role) comes only from
-- raw_app_meta_data, which only the service role can write; raw_user_meta_data is the user's own
-- to edit and is used for the display name alone.

create function private.sync_user_from_auth() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  meta jsonb := coalesce(new.raw_app_meta_data, '{}');
  meta_company uuid := nullif(meta ->> 'company_id', '')::uuid;
  meta_role text := nullif(meta ->> 'role', '');
begin
  if tg_op = 'INSERT' then
    insert into public.users (auth_user_id, company_id, role, email, full_name)
    values (new.id, meta_company, coalesce(meta_role, 'staff'), coalesce(new.email, ''),
            coalesce(nullif(btrim(new.raw_user_meta_data ->> 'full_name'), ''), ''));
  else
    update public.users u
    set email = coalesce(new.email, u.email),
        company_id = case when meta ? 'company_id' then meta_company else u.company_id end,
        role = coalesce(meta_role, u.role)
    where u.auth_user_id = new.id;
  end if;
  return null;
end
$$;
revoke execute on function private.sync_user_from_auth() from public, anon, authenticated;

create trigger sync_user_from_auth after insert on auth.users
  for each row execute function private.sync_user_from_auth();
create trigger sync_user_from_auth_update after update of raw_app_meta_data, email on auth.users
  for each row
  when (old.raw_app_meta_data is distinct from new.raw_app_meta_data or old.email is distinct from new.email)
  execute function private.sync_user_from_auth();

create function private.slugify(name text) returns text
language sql immutable set search_path = '' as $$
  select coalesce(nullif(left(btrim(regexp_replace(lower(
    translate(name, 'áàâãäéèêëíìîïóòôõöúùûüçñÁÀÂÃÄÉÈÊËÍÌÎÏÓÒÔÕÖÚÙÛÜÇÑ',
                    'aaaaaeeeeiiiiooooouuuucnaaaaaeeeeiiiiooooouuuucn')),
    '[^a-z0-9]+', '-', 'g'), '-'), 60), ''), 'clinic')
$$;

-- A signed-in user without a clinic creates one and becomes its admin, in one transaction.
create function public.create_company(
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
  -- Keep the token's app_metadata in step for the next refresh (the sync trigger agrees).
  update auth.users
  set raw_app_meta_data = coalesce(raw_app_meta_data, '{}')
        || jsonb_build_object('company_id', new_company, 'role', 'admin')
  where id = me.auth_user_id;
  return new_company;
end
$$;
revoke execute on function public.create_company(text, text, text) from public, anon;
grant execute on function public.create_company(text, text, text) to authenticated;
