-- A new clinic's getting-started checklist on its home page. Each step ticks itself from real
-- data, read here in one call: a channel connected (an active integration), a team (a second
-- member or an open invitation), services offered (a service). An admin may dismiss it; it
-- also goes away by itself once every step is done.
alter table public.settings add column getting_started_dismissed_at timestamptz;
comment on column public.settings.getting_started_dismissed_at is
  'When an admin hid the getting-started checklist from the clinic''s home page';

-- security definer: staff may not read invitations, yet the checklist counts them (a yes/no,
-- never a row); scoped to the caller's own clinic.
create function public.getting_started() returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_company uuid := (select private.current_company_id());
begin
  if v_company is null then
    return null;
  end if;
  return jsonb_build_object(
    'channel', exists (select from public.integrations
                       where company_id = v_company and status = 'active'),
    'team', (select count(*) from public.users where company_id = v_company) > 1
            or exists (select from public.team_invitations
                       where company_id = v_company and accepted_at is null
                         and revoked_at is null and expires_at > now()),
    'services', exists (select from public.services where company_id = v_company),
    'dismissed', coalesce((select s.getting_started_dismissed_at is not null
                           from public.settings s where s.company_id = v_company), false));
end
$$;
revoke execute on function public.getting_started() from public, anon;
grant execute on function public.getting_started() to authenticated;
