-- Alerts for new messages, per user: browser notifications and a sound, each off until the user
-- turns it on (the browser asks its own permission then). Conversation threads have no
-- assignee, so "mine" means the conversations whose latest reply the user wrote; a user is
-- alerted to new conversations and to new messages in those.
alter table public.users
  add column notify_browser boolean not null default false,
  add column notify_sound boolean not null default false;
comment on column public.users.notify_browser is
  'The user wants browser notifications for new conversations and messages in theirs';
comment on column public.users.notify_sound is 'The user wants a sound with those alerts';

-- One's own choice, whatever one's role (the table's update policy is for admins).
create function public.set_my_alerts(p_browser boolean, p_sound boolean) returns void
language plpgsql security definer set search_path = '' as $$
begin
  if p_browser is null or p_sound is null then
    raise exception 'both choices are required' using errcode = '22023';
  end if;
  update public.users set notify_browser = p_browser, notify_sound = p_sound
  where auth_user_id = (select auth.uid());
end
$$;
revoke execute on function public.set_my_alerts(boolean, boolean) from public, anon;
grant execute on function public.set_my_alerts(boolean, boolean) to authenticated;

-- What a signed-in page needs to alert its user, read as the user (RLS): the clinic's unread
-- messages (the tab title), the user's choices, the database's clock (the next call's
-- `p_since`), and the patients' messages stored after `p_since` that alert this user: the first
-- of a new conversation, or one in a conversation whose latest reply is theirs. No `p_since`:
-- no messages (a page that just opened alerts to nothing older). Messages are found through the
-- active conversations that moved recently (the inbox's index); a provider's clock may run
-- behind ours, hence the margin.
create function public.my_alerts(p_since timestamptz default null, p_limit integer default 10)
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
               or (select o.sent_by from public.interactions o
                   where o.company_id = t.company_id and o.conversation_id = t.id
                     and o.direction = 'outbound' and o.seq < i.seq
                   order by o.seq desc limit 1) = v_me)
        order by i.created_at desc
        limit least(greatest(coalesce(p_limit, 10), 1), 50)) m), '[]'::jsonb));
end
$$;
revoke execute on function public.my_alerts(timestamptz, integer) from public, anon;
grant execute on function public.my_alerts(timestamptz, integer) to authenticated;
