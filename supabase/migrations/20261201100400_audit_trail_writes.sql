-- The audit trail is written by the database alone: by the definer functions that make the
-- audited change, and by record_integration_change for the integration page's changes. Signed-in
-- users can no longer insert rows of their choosing, and every row names an action from a fixed
-- list (extend it here when a new audited action is added).

revoke insert on public.audit_log from authenticated;
drop policy "members append" on public.audit_log;

alter table public.audit_log add constraint audit_log_known_action check (action in (
  'team.invite', 'team.invitation_revoked', 'team.invitation_accepted', 'team.change',
  'api_key.created', 'api_key.revoked',
  'integration.status', 'integration.outbound_url', 'integration.rotate_signing_secret',
  'integration.set_secret', 'integration.set_credential'));

-- What an admin did to one of the clinic's integrations (the change itself is an RLS-checked
-- update of that row). Actor and clinic come from the caller, never from the arguments.
create function public.record_integration_change(p_integration_id uuid, p_action text,
                                                 p_details jsonb default '{}')
returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := private.admin_company_id();
begin
  if p_action not in ('integration.status', 'integration.outbound_url',
                      'integration.rotate_signing_secret', 'integration.set_secret',
                      'integration.set_credential') then
    raise exception 'not an integration action: %', p_action using errcode = '22023';
  end if;
  if not exists (select from public.integrations
                 where id = p_integration_id and company_id = v_company) then
    raise exception 'integration not found' using errcode = 'PT404';
  end if;
  insert into public.audit_log (company_id, actor_user_id, action, entity, entity_id, details)
  values (v_company, private.current_user_id(), p_action, 'integration', p_integration_id,
          coalesce(p_details, '{}'));
end
$$;
revoke execute on function public.record_integration_change(uuid, text, jsonb) from public, anon;
grant execute on function public.record_integration_change(uuid, text, jsonb) to authenticated;
