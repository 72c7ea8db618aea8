-- Invitations to join a clinic. Inviting answers the same way whether or not the address has an
-- Omni account (no account enumeration): the invitation waits until a signed-in user whose
-- confirmed email is that address accepts it. Admins see and revoke their clinic's open
-- invitations; everything else goes through the functions below.
create table public.team_invitations (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references public.companies (id) on delete cascade,
  email text not null check (email = lower(email) and length(email) <= 320
                             and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  role text not null default 'staff' check (role in ('admin', 'staff')),
  full_name text not null default '' check (length(full_name) <= 200),
  invited_by uuid not null,
  expires_at timestamptz not null default now() + interval '14 days',
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (company_id, invited_by) references public.users (company_id, id)
);
-- One open invitation per clinic and address; inviting again refreshes it.
create unique index team_invitations_open_idx on public.team_invitations (company_id, email)
  where accepted_at is null and revoked_at is null;
create index team_invitations_invited_by_idx on public.team_invitations (company_id, invited_by);
create index team_invitations_email_idx on public.team_invitations (email)
  where accepted_at is null and revoked_at is null;

create trigger touch_updated_at before update on public.team_invitations
  for each row execute function private.touch_updated_at();

alter table public.team_invitations enable row level security;
create policy "admins read" on public.team_invitations for select to authenticated
  using (company_id = (select private.current_company_id())
         and (select private.current_user_role()) = 'admin');
revoke all on public.team_invitations from anon, authenticated;
grant select on public.team_invitations to authenticated;

create function public.invite_member(p_email text, p_full_name text default '',
                                     p_role text default 'staff')
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_actor uuid := private.current_user_id();
  v_email text := lower(btrim(p_email));
  v_invitation uuid;
begin
  if v_email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' or length(v_email) > 320 then
    raise exception 'not an email address' using errcode = '22023';
  end if;
  if p_role not in ('admin', 'staff') then
    raise exception 'unknown role: %', p_role using errcode = '22023';
  end if;
  update public.team_invitations
  set role = p_role, full_name = left(btrim(coalesce(p_full_name, '')), 200),
      invited_by = v_actor, expires_at = now() + interval '14 days'
  where company_id = v_company and email = v_email
    and accepted_at is null and revoked_at is null
  returning id into v_invitation;
  if v_invitation is null then
    insert into public.team_invitations (company_id, email, role, full_name, invited_by)
    values (v_company, v_email, p_role, left(btrim(coalesce(p_full_name, '')), 200), v_actor)
    returning id into v_invitation;
  end if;
  insert into public.audit_log (company_id, actor_user_id, action, entity, entity_id, details)
  values (v_company, v_actor, 'team.invite', 'invitation', v_invitation,
          jsonb_build_object('email', v_email, 'role', p_role));
  return v_invitation;
end
$$;
revoke execute on function public.invite_member(text, text, text) from public, anon;
grant execute on function public.invite_member(text, text, text) to authenticated;

create function public.revoke_invitation(p_invitation_id uuid) returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
  v_email text;
begin
  update public.team_invitations set revoked_at = now()
  where id = p_invitation_id and company_id = v_company
    and accepted_at is null and revoked_at is null
  returning email into v_email;
  if v_email is null then
    raise exception 'invitation not found' using errcode = 'PT404';
  end if;
  insert into public.audit_log (company_id, actor_user_id, action, entity, entity_id, details)
  values (v_company, private.current_user_id(), 'team.invitation_revoked', 'invitation',
          p_invitation_id, jsonb_build_object('email', v_email));
end
$$;
revoke execute on function public.revoke_invitation(uuid) from public, anon;
grant execute on function public.revoke_invitation(uuid) to authenticated;

-- The caller's confirmed address: Auth's `email` column changes only once a change is
-- confirmed, and an unconfirmed account has no address to be invited by.
create function private.my_confirmed_email() returns text
language sql stable security definer set search_path = '' as $$
  select lower(a.email) from auth.users a
  where a.id = (select auth.uid()) and a.email_confirmed_at is not null
$$;
revoke execute on function private.my_confirmed_email() from public, anon, authenticated;

-- Open invitations for the signed-in user, while they belong to no clinic.
create function public.my_invitations() returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', i.id, 'company_name', c.name, 'role', i.role, 'expires_at', i.expires_at)
           order by i.created_at desc), '[]')
  from public.team_invitations i
  join public.companies c on c.id = i.company_id
  join public.users u on u.auth_user_id = (select auth.uid()) and u.company_id is null
  where i.email = private.my_confirmed_email()
    and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
$$;
revoke execute on function public.my_invitations() from public, anon;
grant execute on function public.my_invitations() to authenticated;

create function public.accept_invitation(p_invitation_id uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_me public.users;
  v_invitation public.team_invitations;
begin
  select * into v_me from public.users where auth_user_id = (select auth.uid()) for update;
  if not found then
    raise exception 'sign in to accept an invitation' using errcode = 'PT401';
  end if;
  if v_me.company_id is not null then
    raise exception 'you already belong to a clinic' using errcode = 'PT409';
  end if;
  select * into v_invitation from public.team_invitations
  where id = p_invitation_id and email = private.my_confirmed_email()
    and accepted_at is null and revoked_at is null and expires_at > now()
  for update;
  if not found then
    raise exception 'invitation not found or expired' using errcode = 'PT404';
  end if;
  update public.users
  set company_id = v_invitation.company_id, role = v_invitation.role, status = 'active',
      full_name = case when full_name = '' then v_invitation.full_name else full_name end
  where id = v_me.id;
  perform private.echo_membership_to_auth(v_me.id);
  update public.team_invitations set accepted_at = now() where id = v_invitation.id;
  insert into public.audit_log (company_id, actor_user_id, action, entity, entity_id, details)
  values (v_invitation.company_id, v_me.id, 'team.invitation_accepted', 'invitation',
          v_invitation.id, jsonb_build_object('email', v_invitation.email,
                                              'role', v_invitation.role));
  return v_invitation.company_id;
end
$$;
revoke execute on function public.accept_invitation(uuid) from public, anon;
grant execute on function public.accept_invitation(uuid) to authenticated;
