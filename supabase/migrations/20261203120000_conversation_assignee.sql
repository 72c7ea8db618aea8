-- Conversations get an assignee: a member of the same clinic (the composite key makes another
-- clinic's member impossible), who assigned it and when. Only `assign_conversation` writes them;
-- removing a member from the clinic clears their assignments (and only that column).
alter table public.conversation_threads
  add column assignee_id uuid,
  add column assigned_at timestamptz,
  add column assigned_by uuid,
  add constraint conversation_threads_assignee_fkey foreign key (company_id, assignee_id)
    references public.users (company_id, id) on delete set null (assignee_id),
  add constraint conversation_threads_assigned_by_fkey foreign key (company_id, assigned_by)
    references public.users (company_id, id) on delete set null (assigned_by);
comment on column public.conversation_threads.assignee_id is
  'The member who looks after the conversation (null: unassigned)';
comment on column public.conversation_threads.assigned_at is 'When the assignee was last set';
comment on column public.conversation_threads.assigned_by is 'Who last set the assignee';

-- The inbox's "Mine" filter, newest activity first (it also serves the assignee key).
create index conversation_threads_assignee_idx on public.conversation_threads
  (company_id, assignee_id, last_message_at desc nulls last, id);
create index conversation_threads_assigned_by_idx
  on public.conversation_threads (company_id, assigned_by);

alter table public.audit_log drop constraint audit_log_known_action;
alter table public.audit_log add constraint audit_log_known_action check (action in (
  'team.invite', 'team.invitation_revoked', 'team.invitation_accepted', 'team.change',
  'api_key.created', 'api_key.revoked',
  'integration.status', 'integration.outbound_url', 'integration.rotate_signing_secret',
  'integration.set_secret', 'integration.set_credential',
  'account.name', 'conversation.assign'));

-- Assigns one of the caller's clinic's conversations to an active member of that clinic, or
-- unassigns it (null); writes who and when, and an audit row, in one transaction. Another
-- clinic's conversation answers not found (PT404); someone who is not an active member of the
-- clinic is refused (22023). The view names the assignee (their e-mail until they give a name).
create function public.assign_conversation(p_conversation_id uuid, p_assignee uuid)
returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_company uuid := (select private.current_company_id());
  v_me uuid := (select private.current_user_id());
  v_before uuid;
begin
  if v_company is null or v_me is null then
    raise exception 'not a member of a clinic' using errcode = 'PT403';
  end if;
  select assignee_id into v_before from public.conversation_threads
  where company_id = v_company and id = p_conversation_id for update;
  if not found then
    raise exception 'conversation not found' using errcode = 'PT404';
  end if;
  if p_assignee is not null and not exists (
      select from public.users
      where company_id = v_company and id = p_assignee and status = 'active') then
    raise exception 'not an active member of this clinic' using errcode = '22023';
  end if;
  update public.conversation_threads
  set assignee_id = p_assignee, assigned_at = now(), assigned_by = v_me
  where company_id = v_company and id = p_conversation_id;
  insert into public.audit_log (company_id, actor_user_id, action, entity, entity_id, details)
  values (v_company, v_me, 'conversation.assign', 'conversation', p_conversation_id,
          jsonb_build_object('from', v_before, 'to', p_assignee));
end
$$;
revoke execute on function public.assign_conversation(uuid, uuid) from public, anon;
grant execute on function public.assign_conversation(uuid, uuid) to authenticated;

create or replace view public.inbox_conversations with (security_invoker = true) as
select t.id, t.company_id, t.client_id, t.channel, t.status, t.started_at, t.ended_at,
       t.last_message_at, t.last_inbound_at, t.last_message_preview, t.last_message_direction,
       t.unread_count, c.full_name as client_name, c.phone as client_phone,
       c.instagram_id as client_instagram_id, c.search_name as client_search_name,
       exists (select from public.interactions i
               where i.company_id = t.company_id and i.conversation_id = t.id
                 and i.status = 'failed') as has_failed_reply,
       t.assignee_id, coalesce(nullif(a.full_name, ''), a.email) as assignee_name
from public.conversation_threads t
join public.clients c on c.company_id = t.company_id and c.id = t.client_id
left join public.users a on a.company_id = t.company_id and a.id = t.assignee_id;

-- Members may update their clinic's threads under RLS (mark read and the like), so the assignee
-- columns are guarded here: only assign_conversation (which runs as its owner) writes them.
create function private.keep_assignment_to_its_function() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_user in ('authenticated', 'anon')
     and (new.assignee_id is distinct from old.assignee_id
          or new.assigned_at is distinct from old.assigned_at
          or new.assigned_by is distinct from old.assigned_by) then
    raise exception 'assign a conversation with assign_conversation' using errcode = 'PT403';
  end if;
  return new;
end
$$;
create trigger keep_assignment_to_its_function
  before update of assignee_id, assigned_at, assigned_by on public.conversation_threads
  for each row execute function private.keep_assignment_to_its_function();

-- Alerts for "my" conversations: the ones assigned to me; an unassigned one is mine when I wrote
-- its last reply (as before assignees existed).
create or replace function public.my_alerts(p_since timestamptz default null, p_limit integer default 10)
returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_company uuid := (select private.current_company_id());
  v_me uuid := (select private.current_user_id());
  v_now timestamptz := now();
begin
  if v_company is null then
    return null;
  end if;
  return jsonb_build_object(
    'now', v_now,
    'unread', (select coalesce(sum(unread_count), 0) from public.conversation_threads
               where company_id = v_company and status = 'active'),
    'browser', (select notify_browser from public.users where id = v_me),
    'sound', (select notify_sound from public.users where id = v_me),
    'messages', coalesce((
      select jsonb_agg(m order by m.created_at) from (
        select i.id, i.conversation_id, i.created_at, c.full_name as client_name,
               left(coalesce(i.content, ''), 140) as preview,
               case when t.created_at > p_since then 'new' else 'mine' end as kind
        from public.conversation_threads t
        join public.interactions i on i.company_id = t.company_id and i.conversation_id = t.id
        join public.clients c on c.company_id = t.company_id and c.id = t.client_id
        where p_since is not null and t.company_id = v_company and t.status = 'active'
          and t.last_message_at > p_since - interval '1 day'
          and i.direction = 'inbound' and i.created_at > p_since
          and (t.created_at > p_since
               or t.assignee_id = v_me
               or (t.assignee_id is null
                   and (select o.sent_by from public.interactions o
                        where o.company_id = t.company_id and o.conversation_id = t.id
                          and o.direction = 'outbound' and o.seq < i.seq
                        order by o.seq desc limit 1) = v_me))
        order by i.created_at desc
        limit least(greatest(coalesce(p_limit, 10), 1), 50)) m), '[]'::jsonb));
end
$$;
