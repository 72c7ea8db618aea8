-- Onboarding asks the owner's name with the clinic's: create_company keeps it on the new
-- admin's row in the same transaction (a blank name leaves the one they have).
drop function public.create_company(text, text, text);

create function public.create_company(
  p_name text,
  p_timezone text default 'America/Sao_Paulo',
  p_locale text default 'pt-BR',
  p_owner_name text default null
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
  if length(btrim(coalesce(p_owner_name, ''))) > 200 then
    raise exception 'The name is too long' using errcode = '22001';
  end if;
  while exists (select from public.companies where slug = candidate) loop
    candidate := base_slug || '-' || substr(md5(random()::text), 1, 6);
  end loop;
  insert into public.companies (name, slug, timezone, locale)
  values (btrim(p_name), candidate, p_timezone, p_locale)
  returning id into new_company;
  insert into public.settings (company_id) values (new_company);
  update public.users
  set company_id = new_company, role = 'admin', status = 'active',
      full_name = coalesce(nullif(btrim(p_owner_name), ''), full_name)
  where id = me.id;
  perform private.echo_membership_to_auth(me.id);
  return new_company;
end
$$;
revoke execute on function public.create_company(text, text, text, text) from public, anon;
grant execute on function public.create_company(text, text, text, text) to authenticated;
